//! `first-load.json` (`tthc_core::first_load`): the stamped names of boot.js, of each part's glue
//! and main module and of its lazily loaded view modules, and the survey the survey view opens on,
//! for the collector's preload header.

use super::{io, read_text, top_level, write};
use std::path::Path;
use tthc_core::first_load::{FirstLoad, PartFiles, FILE, SURVEY_LIST};
use tthc_core::survey::Listed;

/// Writes `dir/first-load.json`, after the names were stamped and the data built.
pub fn write_for(dir: &Path) -> Result<(), String> {
    let part = |glue: &str, wasm: &str| -> Result<PartFiles, String> {
        Ok(PartFiles { glue: one(dir, glue, "js")?, wasm: one(dir, wasm, "wasm")? })
    };
    let list = dir.join(SURVEY_LIST);
    let survey = if list.exists() {
        let listed: Vec<Listed> = tthc_core::json::from_str(&read_text(&list)?)
            .map_err(|e| format!("{}: not a survey list: {e}", list.display()))?;
        FirstLoad::survey_of(&listed)
    } else {
        None
    };
    // The lazily loaded view modules: `<part>_<name>-<hash>.wasm`, not a main module or a chunk.
    let views = top_level(dir)?
        .into_iter()
        .filter_map(|f| {
            let stem = f.strip_suffix(".wasm")?.rsplit_once('-')?.0.to_owned();
            let lazy = ["widget_", "feedback_"].iter().any(|p| stem.starts_with(p))
                && !stem.ends_with("_bg")
                && !stem.contains("_chunk_");
            lazy.then_some((stem, f))
        })
        .collect();
    let manifest = FirstLoad {
        boot: one(dir, "boot", "js")?,
        finder: part("widget", "widget_bg")?,
        feedback: part("feedback", "feedback_bg")?,
        survey,
        views,
    };
    let text = serde_json::to_string(&manifest).map_err(|e| io(&dir.join(FILE), std::io::Error::other(e)))?;
    write(&dir.join(FILE), text.as_bytes())
}

/// The one stamped `stem-<10 hex>.ext` in `dir`.
fn one(dir: &Path, stem: &str, ext: &str) -> Result<String, String> {
    let found: Vec<String> = top_level(dir)?
        .into_iter()
        .filter(|f| {
            f.strip_prefix(stem)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|r| r.strip_suffix(ext))
                .and_then(|r| r.strip_suffix('.'))
                .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("{}: expected one stamped {stem}.{ext}, found {}", dir.display(), found.len())),
    }
}
