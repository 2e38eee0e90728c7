//! Precompressed copies for the collector's static server: `<file>.br` (brotli, quality 11) and
//! `<file>.gz` (gzip, level 9) beside every servable file, written on every core at once.

use super::{files, io, read, write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The kinds of file that get compressed copies.
pub const SERVABLE: [&str; 7] = ["js", "wasm", "css", "html", "json", "svg", "webmanifest"];

/// Writes the `.br` and `.gz` copies of every servable file under `dir`.
pub fn all(dir: &Path) -> Result<(), String> {
    let todo: Vec<PathBuf> =
        files(dir)?.into_iter().filter(|f| f.extension().is_some_and(|x| SERVABLE.iter().any(|s| x == *s))).collect();
    let next = AtomicUsize::new(0);
    let failed = Mutex::new(None);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(todo.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(f) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(e) = copies(f) {
                        failed.lock().expect("no worker panics holding it").get_or_insert(e);
                        return;
                    }
                }
            });
        }
    });
    failed.into_inner().expect("no worker panicked").map_or(Ok(()), Err)
}

fn copies(f: &Path) -> Result<(), String> {
    let bytes = read(f)?;
    write(&with_suffix(f, "br"), &brotli(&bytes).map_err(|e| io(f, e))?)?;
    write(&with_suffix(f, "gz"), &gzip(&bytes).map_err(|e| io(f, e))?)
}

fn with_suffix(f: &Path, suffix: &str) -> PathBuf {
    let mut name = f.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Brotli at quality 11 with the window the `brotli` command picks: the smallest that spans the
/// input, at most 2^24 bytes.
pub fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut lgwin = 10;
    while lgwin < 24 && (1usize << lgwin) - 16 < bytes.len() {
        lgwin += 1;
    }
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin, size_hint: bytes.len(), ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at level 9 (no name or time in the header, so the same input gives the same bytes).
pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    enc.write_all(bytes)?;
    enc.finish()
}
