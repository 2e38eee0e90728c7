//! The service worker, written from its template (`public/sw.js`). Its build id (the version and a
//! hash of every file but the worker itself, code and data) names its cache, so any rebuild replaces
//! code and data together. It precaches the page, the survey definitions (the same for every
//! province, so the survey opens offline) and the versioned shell; catalogue data is network-first
//! and cached on use.

use super::{files, read, read_text, sha256_hex, top_level};
use std::path::Path;

/// The template's placeholders, each written once.
pub const BUILD: &str = "__BUILD__";
pub const VERSIONED: &str = "__VERSIONED__";
pub const PRECACHE: &str = "__PRECACHE__";

/// Writes `dir/sw.js` from `template` and returns the build id.
pub fn write(dir: &Path, version: &str, template: &Path) -> Result<String, String> {
    let build = format!("{version}-{}", &build_hash(dir)?[..10]);
    let mut sw = read_text(template)?;
    for (placeholder, value) in
        [(BUILD, build.clone()), (VERSIONED, format!("/w/{version}/")), (PRECACHE, precache(dir, version)?)]
    {
        if !sw.contains(placeholder) {
            return Err(format!("{}: no {placeholder} to replace", template.display()));
        }
        sw = sw.replace(placeholder, &value);
    }
    super::write(&dir.join("sw.js"), sw.as_bytes())?;
    Ok(build)
}

/// The precache list as a JSON array: `/v1/`, the survey definitions (`data/surveys/*.json`), then
/// the shell's files under `/w/<version>/` (every `.js`, `.wasm`, `.css`, `.svg` and `.webmanifest`
/// in `dir` but the worker and the embedding script, which portals load from `/v1/`).
pub fn precache(dir: &Path, version: &str) -> Result<String, String> {
    let mut list = vec!["/v1/".to_string()];
    let surveys = dir.join("data").join("surveys");
    list.extend(top_level(&surveys)?.iter().filter(|f| f.ends_with(".json")).map(|f| format!("/v1/data/surveys/{f}")));
    let shell = [".js", ".wasm", ".css", ".svg", ".webmanifest"];
    list.extend(
        top_level(dir)?
            .iter()
            .filter(|f| shell.iter().any(|x| f.ends_with(x)) && *f != "sw.js" && *f != "embed.js")
            .map(|f| format!("/w/{version}/{f}")),
    );
    Ok(format!("[{}]", list.iter().map(|u| format!("\"{u}\"")).collect::<Vec<_>>().join(",")))
}

/// The hash of the whole build but the worker: SHA-256 over the `sha256sum` lines of every file
/// (`<hex>  ./<path>`, sorted by path), as `find . -type f ! -name sw.js | sort | xargs sha256sum`.
fn build_hash(dir: &Path) -> Result<String, String> {
    let mut lines: Vec<(String, String)> = Vec::new();
    for f in files(dir)? {
        if f.file_name().is_some_and(|n| n == "sw.js") {
            continue;
        }
        let rel = f.strip_prefix(dir).expect("a file under the dist directory");
        let rel = rel.to_str().ok_or_else(|| format!("{}: a file name that is not UTF-8", f.display()))?;
        lines.push((format!("./{rel}"), sha256_hex(&read(&f)?)));
    }
    lines.sort();
    Ok(sha256_hex(lines.iter().map(|(path, hex)| format!("{hex}  {path}\n")).collect::<String>().as_bytes()))
}
