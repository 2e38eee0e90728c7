//! `catalogue dist <dist-dir> [--popularity <usage.csv>]`: the build's last step, after
//! `trunk build --public-url /w/<version>/` (run by the Makefile, from the repository root). In order:
//!
//! 1. `index.html` must load `/w/<version>/`, the version being the workspace's (Cargo.toml,
//!    `version.workspace = true`: written there and nowhere else, and served by the collector).
//! 2. Old `.br`/`.gz` copies go; `data/` is rebuilt from `seeds/` (`catalogue build`).
//! 3. The versioned files are named by their content ([`names`]), references to them rewritten,
//!    and the stylesheet's subresource integrity recomputed.
//! 4. `first-load.json` names what each part's first view fetches ([`first_load`]), for the
//!    collector's preload header.
//! 5. The service worker is written from `public/sw.js` with its build id and precache list ([`worker`]).
//! 6. Every servable file gets brotli and gzip copies for the collector's static server ([`compress`]).
//!
//! Running it again, also on a dist whose files changed, is harmless: stamped names are re-stamped.
//! Every problem names its file.

mod compress;
mod first_load;
mod names;
#[cfg(test)]
mod tests;
mod worker;

use std::path::{Path, PathBuf};

/// What a finished dist is: its worker's build id and how many data files it serves.
pub struct Finished {
    pub build: String,
    pub data_files: usize,
}

/// Finishes `dir` for `version`: `build_data` writes the catalogue bundles into the directory it is
/// given (`dir/data`, emptied first); `worker_template` is `public/sw.js`.
pub fn finish(
    dir: &Path,
    version: &str,
    worker_template: &Path,
    build_data: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<Finished, String> {
    let index = dir.join("index.html");
    if !read_text(&index)?.contains(&format!("/w/{version}/")) {
        return Err(format!(
            "{}: does not load /w/{version}/; build with 'make dist' or 'make widget'",
            index.display()
        ));
    }
    for f in files(dir)? {
        if f.extension().is_some_and(|x| x == "br" || x == "gz") {
            std::fs::remove_file(&f).map_err(|e| io(&f, e))?;
        }
    }
    let data = dir.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| io(&data, e))?;
    }
    build_data(&data)?;
    names::stamp(dir)?;
    names::integrity(dir)?;
    first_load::write_for(dir)?;
    let build = worker::write(dir, version, worker_template)?;
    compress::all(dir)?;
    let data_files = files(&data)?.iter().filter(|f| f.extension().is_some_and(|x| x == "json")).count();
    Ok(Finished { build, data_files })
}

/// Every file under `dir` (recursively; no directories, no symbolic links), sorted by path.
fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        for e in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            let e = e.map_err(|e| io(dir, e))?;
            let kind = e.file_type().map_err(|err| io(&e.path(), err))?;
            if kind.is_dir() {
                walk(&e.path(), out)?;
            } else if kind.is_file() {
                out.push(e.path());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, &mut out)?;
    }
    out.sort();
    Ok(out)
}

/// The names of the regular files directly in `dir`, sorted byte-wise.
fn top_level(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let e = e.map_err(|e| io(dir, e))?;
        if e.file_type().map_err(|err| io(&e.path(), err))?.is_file() {
            out.push(
                e.file_name()
                    .into_string()
                    .map_err(|n| format!("{}: a file name that is not UTF-8: {n:?}", dir.display()))?,
            );
        }
    }
    out.sort();
    Ok(out)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| io(path, e))
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| io(path, e))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| io(path, e))
}

fn io(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// Lower-case hex of a SHA-256 digest.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
