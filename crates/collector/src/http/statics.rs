//! The built widget (trunk's dist/) at `/w/<version>/…` and the stable alias `/v1/…`.
//!
//! Versioned files are immutable; the entry points (index.html, sw.js, embed.js) and data/
//! must be revalidated, as must everything under the alias, whose meaning changes on upgrade.
//! Precompressed `.br` / `.gz` siblings are served when the client accepts them.

use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};

use tthc_core::embed::parse_query;
use tthc_core::first_load::{FirstLoad, Preload, FILE};

use super::{with_query, AppState, VERSION};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn mime(path: &FsPath) -> (&'static str, bool) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" => ("text/html; charset=utf-8", true),
        "js" | "mjs" => ("text/javascript; charset=utf-8", true),
        "css" => ("text/css; charset=utf-8", true),
        "wasm" => ("application/wasm", true),
        "json" => ("application/json", true),
        "webmanifest" => ("application/manifest+json", true),
        "svg" => ("image/svg+xml", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "png" => ("image/png", false),
        "ico" => ("image/x-icon", false),
        "woff2" => ("font/woff2", false),
        _ => ("application/octet-stream", false),
    }
}

/// Whether `coding` is acceptable per Accept-Encoding (an explicit q=0 refuses it).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    let Some(value) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else { return false };
    let mut star = false;
    for item in value.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        star |= name == "*" && q > 0.0;
    }
    star
}

/// The file for a request path under the static root, refusing anything that could leave it.
fn resolve(root: &FsPath, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    let segments: Vec<&str> = rel.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if seg.is_empty() && last {
            break;
        }
        if seg.is_empty() || seg.starts_with('.') || seg.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(seg);
    }
    Some(path)
}

/// The canonical path of `path` and its metadata, if it exists and stays inside `root` (the
/// canonical static root): symbolic links must not lead outside it.
async fn inside(root: &FsPath, path: &FsPath) -> Option<(PathBuf, std::fs::Metadata)> {
    let real = tokio::fs::canonicalize(path).await.ok().filter(|r| r.starts_with(root))?;
    let meta = tokio::fs::metadata(&real).await.ok()?;
    Some((real, meta))
}

/// A strong ETag for one representation: its own size and modification time, and its coding,
/// so the br, gzip and identity bodies of a file never share one.
fn etag(meta: &std::fs::Metadata, coding: Option<&str>) -> String {
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    format!("\"{:x}-{:x}{}\"", meta.len(), mtime, coding.map(|c| format!("-{c}")).unwrap_or_default())
}

/// Whether `If-None-Match` lists `etag` (or is `*`).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag))
}

async fn serve(s: &AppState, rel: &str, url: &str, uri: &Uri, headers: &HeaderMap, versioned: bool) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "not found\n").into_response();
    let Some(path) = resolve(&s.static_dir, rel) else { return not_found() };
    let Some((mut real, mut meta)) = inside(&s.static_dir, &path).await else { return not_found() };
    // The widget's page (the directory's index.html, or asked for by name): it gets the preload header.
    let page = rel.is_empty() || rel == "index.html";
    if meta.is_dir() {
        if !url.ends_with('/') {
            return Redirect::permanent(&with_query(&format!("{url}/"), uri)).into_response();
        }
        let Some(index) = inside(&s.static_dir, &real.join("index.html")).await else { return not_found() };
        (real, meta) = index;
    }
    if !meta.is_file() {
        return not_found();
    }
    let (content_type, compressible) = mime(&real);
    let name = real.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let revalidate = !versioned || matches!(name, "index.html" | "sw.js" | "embed.js") || rel.starts_with("data/");
    // The representation: a precompressed sibling the client accepts (canonicalised like the
    // file itself, so a link cannot lead outside the static directory), or the file.
    let mut chosen = (real.clone(), meta, None);
    if compressible {
        for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
            if !accepts(headers, coding) {
                continue;
            }
            let mut sibling = real.clone().into_os_string();
            sibling.push(format!(".{ext}"));
            if let Some((p, m)) = inside(&s.static_dir, FsPath::new(&sibling)).await.filter(|(_, m)| m.is_file()) {
                chosen = (p, m, Some(coding));
                break;
            }
        }
    }
    let (file, meta, coding) = chosen;
    let etag = etag(&meta, coding);
    let mut res = if not_modified(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let Ok(bytes) = tokio::fs::read(&file).await else { return not_found() };
        let mut res = Response::new(Body::from(bytes));
        if let Some(c) = coding {
            res.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
        }
        res
    };
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(if revalidate { "no-cache" } else { IMMUTABLE }));
    h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex etag"));
    if compressible {
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if page {
        if let Some(link) = preload_link(s, uri).await {
            h.insert(header::LINK, link);
        }
    }
    res
}

/// The page's `Link` header: what its first view fetches (`tthc_core::first_load`, for the mode and
/// province in its query), so the browser fetches the wasm and the data alongside boot.js instead
/// of after it. None when the build has no `first-load.json`; a broken one is logged.
async fn preload_link(s: &AppState, uri: &Uri) -> Option<HeaderValue> {
    let path = s.static_dir.join(FILE);
    let text = tokio::fs::read_to_string(&path).await.ok()?;
    let first: FirstLoad = match tthc_core::json::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            s.log.log(|| format!("{}: {e}; pages are served without preload hints", path.display()));
            return None;
        }
    };
    let (config, _) = parse_query(uri.query().unwrap_or(""));
    let links: Vec<String> = first
        .preloads(&config, &format!("/w/{VERSION}/"))
        .into_iter()
        .map(|p| match p {
            Preload::Module(url) => format!("<{url}>; rel=modulepreload"),
            Preload::Fetch(url) => format!("<{url}>; rel=preload; as=fetch; crossorigin"),
        })
        .collect();
    // Paths are built from checked names (a province slug, stamped file names): always a valid value.
    HeaderValue::from_str(&links.join(", ")).ok()
}

pub async fn alias_root(State(s): State<Arc<AppState>>, uri: Uri, headers: HeaderMap) -> Response {
    serve(&s, "", "/v1/", &uri, &headers, false).await
}

pub async fn alias(State(s): State<Arc<AppState>>, Path(path): Path<String>, uri: Uri, headers: HeaderMap) -> Response {
    serve(&s, &path, &format!("/v1/{path}"), &uri, &headers, false).await
}

pub async fn versioned_root(
    State(s): State<Arc<AppState>>,
    Path(version): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if version != VERSION {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    serve(&s, "", &format!("/w/{VERSION}/"), &uri, &headers, true).await
}

pub async fn versioned(
    State(s): State<Arc<AppState>>,
    Path((version, path)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if version != VERSION {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    serve(&s, &path, &format!("/w/{VERSION}/{path}"), &uri, &headers, true).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let root = FsPath::new("/srv/dist");
        assert_eq!(resolve(root, "a/b.js"), Some(PathBuf::from("/srv/dist/a/b.js")));
        assert_eq!(resolve(root, "data/"), Some(PathBuf::from("/srv/dist/data")));
        for bad in ["../etc/passwd", "a/../../x", ".git/config", "a//b", "a\\..\\b", "/etc/passwd"] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }

    #[test]
    fn accept_encoding() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            m
        };
        assert!(accepts(&h("gzip, deflate, br"), "br"));
        assert!(!accepts(&h("gzip, br;q=0"), "br"));
        assert!(accepts(&h("*"), "gzip"));
        assert!(!accepts(&h("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "br"));
    }
}
