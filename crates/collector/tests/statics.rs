//! Serving the built widget: MIME types, precompression, caching, CSP, traversal.

mod common;

use std::fs;

use common::*;

const V: &str = collector::VERSION;

fn dist(dir: &TempDir) -> std::path::PathBuf {
    let d = dir.path("dist");
    for sub in ["guide", "data"] {
        fs::create_dir_all(d.join(sub)).unwrap();
    }
    let files: [(&str, &[u8]); 10] = [
        ("index.html", b"<!doctype html><title>widget</title>"),
        ("boot.js", b"import init from './widget.js';"),
        ("widget_bg.wasm", b"\0asm\x01\0\0\0"),
        ("widget_bg.wasm.br", b"BROTLI-BYTES"),
        ("widget_bg.wasm.gz", b"GZIP-BYTES"),
        ("style.css", b"body{}"),
        ("sw.js", b"self.addEventListener('fetch', () => {});"),
        ("embed.js", b"/* loader */"),
        ("data/ha-noi.json", b"{}"),
        ("guide/index.html", b"<!doctype html><title>a subfolder page</title>"),
    ];
    for (name, bytes) in files {
        fs::write(d.join(name), bytes).unwrap();
    }
    fs::write(d.join("manifest.webmanifest"), b"{}").unwrap();
    fs::write(dir.path("secret.txt"), b"do not serve").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path("secret.txt"), d.join("link.txt")).unwrap();
    d
}

const ORIGINS: &str = "allowed_origins = [\"https://dichvucong.example.gov.vn\"]";

/// A collector serving a fresh `dist/`. The directory comes first in the tuple so that
/// `let (_dir, s) = …` drops (stops) the server before the directory is removed.
fn serve(tag: &str, config: Option<&str>) -> (TempDir, Server) {
    let dir = TempDir::new(tag);
    let s = start(&dir.path("db.sqlite3"), &dist(&dir), config, &[]);
    (dir, s)
}

#[test]
fn versioned_files_types_encodings_and_caching() {
    let (_dir, s) = serve("static", Some(ORIGINS));

    let wasm = s.get(&format!("/w/{V}/widget_bg.wasm"), &[("accept-encoding", "gzip, deflate, br")]);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("content-encoding"), Some("br"));
    assert_eq!(wasm.body, b"BROTLI-BYTES");
    assert_eq!(wasm.header("vary"), Some("Accept-Encoding"));
    assert_eq!(wasm.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let gz = s.get(&format!("/w/{V}/widget_bg.wasm"), &[("accept-encoding", "gzip, br;q=0")]);
    assert_eq!((gz.header("content-encoding"), gz.body.as_slice()), (Some("gzip"), &b"GZIP-BYTES"[..]));
    let plain = s.get(&format!("/w/{V}/widget_bg.wasm"), &[]);
    assert_eq!((plain.header("content-encoding"), plain.body.as_slice()), (None, &b"\0asm\x01\0\0\0"[..]));

    for (path, mime, cache) in [
        ("boot.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
        ("style.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"),
        ("manifest.webmanifest", "application/manifest+json", "public, max-age=31536000, immutable"),
        ("sw.js", "text/javascript; charset=utf-8", "no-cache"),
        ("embed.js", "text/javascript; charset=utf-8", "no-cache"),
        ("data/ha-noi.json", "application/json", "no-cache"),
        ("", "text/html; charset=utf-8", "no-cache"),
    ] {
        let r = s.get(&format!("/w/{V}/{path}"), &[]);
        assert_eq!(
            (r.status, r.header("content-type"), r.header("cache-control")),
            (200, Some(mime), Some(cache)),
            "{path}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    let alias = s.get("/v1/boot.js", &[]);
    assert_eq!((alias.status, alias.header("cache-control")), (200, Some("no-cache")));
    assert_eq!(s.get("/w/9.9.9/boot.js", &[]).status, 404);

    let etag = alias.header("etag").unwrap().to_owned();
    assert_eq!(s.get("/v1/boot.js", &[("if-none-match", &etag)]).status, 304);
}

#[test]
fn html_carries_the_csp_and_directories_redirect() {
    let (_dir, s) = serve("html", Some(ORIGINS));
    let root = s.get("/", &[]);
    assert_eq!((root.status, root.header("location")), (303, Some("/v1/")));
    let guide = s.get("/v1/guide", &[]);
    assert_eq!((guide.status, guide.header("location")), (308, Some("/v1/guide/")));
    let v1 = s.get("/v1", &[]);
    assert_eq!((v1.status, v1.header("location")), (308, Some("/v1/")));
    let versioned = s.get(&format!("/w/{V}/guide"), &[]);
    assert_eq!((versioned.status, versioned.header("location")), (308, Some(format!("/w/{V}/guide/").as_str())));
    let demo = s.get("/v1/guide/", &[]);
    assert_eq!(demo.text(), "<!doctype html><title>a subfolder page</title>");
    let csp = demo.header("content-security-policy").unwrap();
    assert_eq!(
        csp,
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; \
         base-uri 'none'; object-src 'none'; frame-ancestors 'self' https://dichvucong.example.gov.vn"
    );
    assert_eq!(demo.header("referrer-policy"), Some("no-referrer"));
    assert!(s.get(&format!("/w/{V}/index.html"), &[]).header("content-security-policy").is_some());
    assert!(s.get("/v1/boot.js", &[]).header("content-security-policy").is_none());
}

#[test]
fn traversal_is_impossible() {
    let (_dir, s) = serve("traversal", None);
    for path in [
        "/v1/../secret.txt".to_owned(),
        "/v1/%2e%2e/secret.txt".to_owned(),
        "/v1/..%2fsecret.txt".to_owned(),
        "/v1/guide/..%2f..%2fsecret.txt".to_owned(),
        format!("/w/{V}/%2e%2e%2fsecret.txt"),
        "/v1/..\\secret.txt".to_owned(),
        "/v1/link.txt".to_owned(),
        "/v1/.hidden".to_owned(),
    ] {
        let r = s.get(&path, &[]);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(!r.text().contains("do not serve"), "{path}");
    }
}

#[test]
fn each_encoding_has_its_own_etag_and_siblings_stay_inside() {
    let (dir, s) = serve("etag", None);
    let path = format!("/w/{V}/widget_bg.wasm");
    let tag = |enc: &str| {
        let r = s.get(&path, &[("accept-encoding", enc)]);
        (r.header("content-encoding").map(str::to_owned), r.header("etag").unwrap().to_owned())
    };
    let (br, gz, plain) = (tag("br"), tag("gzip"), tag("identity"));
    assert_eq!((br.0.as_deref(), gz.0.as_deref(), plain.0.as_deref()), (Some("br"), Some("gzip"), None));
    assert!(br.1 != gz.1 && gz.1 != plain.1 && br.1 != plain.1, "{br:?} {gz:?} {plain:?}");
    // A cache holding the identity body revalidates it as such, not as the brotli one.
    let r = s.get(&path, &[("accept-encoding", "br"), ("if-none-match", &plain.1)]);
    assert_eq!((r.status, r.body.as_slice()), (200, &b"BROTLI-BYTES"[..]));
    let r = s.get(&path, &[("accept-encoding", "br"), ("if-none-match", &format!("\"x\", {}", br.1))]);
    assert_eq!(r.status, 304);
    #[cfg(unix)]
    {
        let d = dir.path("dist");
        fs::write(d.join("app.js"), b"/* app */").unwrap();
        std::os::unix::fs::symlink(dir.path("secret.txt"), d.join("app.js.br")).unwrap();
        let r = s.get("/v1/app.js", &[("accept-encoding", "br")]);
        assert_eq!((r.status, r.header("content-encoding"), r.text().as_str()), (200, None, "/* app */"));
    }
}

#[test]
fn redirects_keep_the_query_string() {
    let (_dir, s) = serve("redirect-query", None);
    let q = "?province=ha-noi&lang=en&mode=survey";
    for (from, to, status) in [
        (format!("/{q}"), format!("/v1/{q}"), 303),
        (format!("/v1{q}"), format!("/v1/{q}"), 308),
        (format!("/v1/guide{q}"), format!("/v1/guide/{q}"), 308),
        (format!("/w/{V}/guide{q}"), format!("/w/{V}/guide/{q}"), 308),
    ] {
        let r = s.get(&from, &[]);
        assert_eq!((r.status, r.header("location")), (status, Some(to.as_str())), "{from}");
    }
}

/// The page announces what its first view fetches (`first-load.json`, written by `catalogue dist`):
/// the part for its mode, the province's catalogue (not for the survey, drawn without it), and for the
/// survey the list and definition.
#[test]
fn the_page_announces_its_first_fetches() {
    let (dir, s) = serve("preload", None);
    let page = |q: &str| s.get(&format!("/v1/{q}"), &[]).header("link").map(str::to_owned);
    assert_eq!(page("?province=quang-tri"), None, "a build without first-load.json: no header");
    let manifest = r#"{"boot":"boot-9876543210.js","finder":{"glue":"widget-0123456789.js","wasm":"widget_bg-0123456789.wasm"},
        "feedback":{"glue":"feedback-abcdef0123.js","wasm":"feedback_bg-abcdef0123.wasm"},"survey":"sipas@2",
        "views":{"widget_events":"widget_events-5555555555.wasm"}}"#;
    fs::write(dir.path("dist/first-load.json"), manifest).unwrap();
    let w = format!("/w/{V}");
    assert_eq!(
        page("?province=quang-tri").as_deref(),
        Some(&*format!(
            "<{w}/boot-9876543210.js>; rel=modulepreload, <{w}/widget-0123456789.js>; rel=modulepreload, <{w}/widget_bg-0123456789.wasm>; rel=preload; as=fetch; crossorigin, <data/quang-tri/index.json>; rel=preload; as=fetch; crossorigin"
        ))
    );
    assert_eq!(
        page("?province=hue&mode=survey").as_deref(),
        Some(&*format!(
            "<{w}/boot-9876543210.js>; rel=modulepreload, <{w}/feedback-abcdef0123.js>; rel=modulepreload, <{w}/feedback_bg-abcdef0123.wasm>; rel=preload; as=fetch; crossorigin, <data/surveys/index.json>; rel=preload; as=fetch; crossorigin, <data/surveys/sipas@2.json>; rel=preload; as=fetch; crossorigin"
        ))
    );
    // A view in a module of its own: its module.
    assert!(page("?province=hue&mode=events").unwrap().ends_with(&format!(
        "<data/hue/index.json>; rel=preload; as=fetch; crossorigin, <{w}/widget_events-5555555555.wasm>; rel=preload; as=fetch; crossorigin"
    )));
    // The versioned page too; an invalid province is not announced; other files carry no header.
    let versioned = s.get(&format!("{w}/?province=..%2Fetc&mode=results"), &[]);
    assert_eq!(
        versioned.header("link"),
        Some(&*format!(
            "<{w}/boot-9876543210.js>; rel=modulepreload, <{w}/feedback-abcdef0123.js>; rel=modulepreload, <{w}/feedback_bg-abcdef0123.wasm>; rel=preload; as=fetch; crossorigin"
        ))
    );
    assert!(page("index.html?province=hue").is_some());
    assert_eq!(s.get("/v1/embed.js?province=hue", &[]).header("link"), None);
    assert_eq!(s.get("/v1/guide/?province=hue", &[]).header("link"), None, "only the widget's page");
    // A broken manifest: the page is still served, without the header.
    fs::write(dir.path("dist/first-load.json"), "{\"finder\":1}").unwrap();
    let broken = s.get("/v1/?province=hue", &[]);
    assert_eq!((broken.status, broken.header("link")), (200, None));
}
