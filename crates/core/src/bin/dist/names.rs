//! Files under `/w/<version>/` are served immutable, so each one's name carries a hash of its
//! content (`widget.js` → `widget-<10 hex>.js`) and a rebuild under the same version is new URLs.

use super::{io, read, read_text, sha256_hex, top_level, write};
use std::path::Path;

/// The versioned files, leaves first: a file's hash is taken after the names it loads were
/// rewritten, so it covers them (boot.js loads widget.js or feedback.js, which load their wasm).
pub const VERSIONED: [&str; 8] = [
    "widget_bg.wasm",
    "feedback_bg.wasm",
    "icon.svg",
    "widget.css",
    "widget.js",
    "feedback.js",
    "manifest.webmanifest",
    "boot.js",
];

/// Names each versioned file by its content (a stamped name is re-stamped; an unchanged file keeps
/// its name) and rewrites the references to it in `index.html`, `*.js`, `*.css` and `*.webmanifest`.
/// Exactly one of each must be there, stamped or not. The parts' lazily loaded modules (every other
/// `.wasm`: tools/wasm-build.sh) are leaves too, named first.
pub fn stamp(dir: &Path) -> Result<(), String> {
    let main_modules: Vec<&str> = VERSIONED.iter().filter_map(|n| n.strip_suffix(".wasm")).collect();
    let mut lazy: Vec<String> = top_level(dir)?
        .into_iter()
        .filter_map(|f| f.strip_suffix(".wasm").map(|stem| unstamped(stem).to_owned()))
        .filter(|stem| !main_modules.contains(&stem.as_str()))
        .collect();
    lazy.dedup();
    for stem in &lazy {
        stamp_one(dir, stem, "wasm")?;
    }
    for name in VERSIONED {
        let (stem, ext) = name.rsplit_once('.').expect("a versioned name has an extension");
        stamp_one(dir, stem, ext)?;
    }
    Ok(())
}

/// `stem` without a stamp (`-<10 hex>`).
fn unstamped(stem: &str) -> &str {
    match stem.rsplit_once('-') {
        Some((s, h)) if h.len() == 10 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) => s,
        _ => stem,
    }
}

fn stamp_one(dir: &Path, stem: &str, ext: &str) -> Result<(), String> {
    let found: Vec<String> =
        top_level(dir)?.into_iter().filter(|f| match_at(f.as_bytes(), 0, stem, ext) == Some(f.len())).collect();
    let [old] = found.as_slice() else {
        let found = if found.is_empty() { "none".to_string() } else { found.join(", ") };
        return Err(format!("{}: expected one {stem}.{ext}, found: {found}", dir.display()));
    };
    let new = format!("{stem}-{}.{ext}", &sha256_hex(&read(&dir.join(old))?)[..10]);
    if *old == new {
        return Ok(());
    }
    std::fs::rename(dir.join(old), dir.join(&new)).map_err(|e| io(&dir.join(old), e))?;
    for f in top_level(dir)? {
        if f == "index.html" || [".js", ".css", ".webmanifest"].iter().any(|x| f.ends_with(x)) {
            let path = dir.join(&f);
            let text = read(&path)?;
            let out = rewrite(&text, stem, ext, &new);
            if out != text {
                write(&path, &out)?;
            }
        }
    }
    Ok(())
}

/// Replaces every reference to `stem.ext` or `stem-<10 hex>.ext` in `text` by `new`. A reference
/// is not preceded by a letter, digit, `_` or `-` and not followed by a letter, digit or `_`
/// (`reboot.js` and `boot.json` are not `boot.js`).
pub fn rewrite(text: &[u8], stem: &str, ext: &str, new: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let free = i == 0 || !(text[i - 1].is_ascii_alphanumeric() || matches!(text[i - 1], b'_' | b'-'));
        match match_at(text, i, stem, ext).filter(|_| free) {
            Some(end) => {
                out.extend_from_slice(new.as_bytes());
                i = end;
            }
            None => {
                out.push(text[i]);
                i += 1;
            }
        }
    }
    out
}

/// Where a name `stem(-<10 lower-case hex>)?.ext` starting at `i` ends, if one does and is
/// followed by no word character (non-ASCII letters count as word characters).
fn match_at(text: &[u8], i: usize, stem: &str, ext: &str) -> Option<usize> {
    let rest = text.get(i..)?.strip_prefix(stem.as_bytes())?;
    let after_ext = |r: &[u8]| r.strip_prefix(b".")?.strip_prefix(ext.as_bytes()).map(|r| text.len() - r.len());
    let hashed = rest
        .strip_prefix(b"-")
        .filter(|r| r.len() >= 10 && r[..10].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b)))
        .and_then(|r| after_ext(&r[10..]));
    let end = hashed.or_else(|| after_ext(rest))?;
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    (end == text.len() || !word(text[end])).then_some(end)
}

/// trunk's subresource integrity (`href="…" integrity="sha384-…"` in index.html, the stylesheet),
/// recomputed for the named files' current content.
pub fn integrity(dir: &Path) -> Result<(), String> {
    use base64::Engine;
    use sha2::Digest;
    let index = dir.join("index.html");
    let mut html = read_text(&index)?;
    let (open, mid) = ("href=\"", "\" integrity=\"sha384-");
    let mut from = 0;
    while let Some(at) = html[from..].find(open).map(|k| from + k) {
        let href_start = at + open.len();
        let Some(href_end) = html[href_start..].find('"').map(|k| href_start + k) else { break };
        let sri_start = href_end + mid.len();
        let sri_end = html[href_end..].strip_prefix(mid).and_then(|r| r.find('"')).map(|k| sri_start + k);
        let Some(sri_end) = sri_end else {
            from = href_start;
            continue;
        };
        let href = &html[href_start..href_end];
        let file = dir.join(href.rsplit('/').next().unwrap_or(href));
        let digest = sha2::Sha384::digest(read(&file).map_err(|e| format!("{e} (integrity in {})", index.display()))?);
        let sri = base64::engine::general_purpose::STANDARD.encode(digest);
        html.replace_range(sri_start..sri_end, &sri);
        from = sri_start + sri.len();
    }
    write(&index, html.as_bytes())
}
