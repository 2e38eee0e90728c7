//! The invariants ARCHITECTURE.md promises, checked rather than trusted: source files stay under
//! the size a reader takes in at once, and the core depends on nothing web or async (it compiles
//! and tests natively, for the widget, the collector and the tools alike).

use std::path::{Path, PathBuf};

/// ARCHITECTURE.md: "Files stay under ~400 lines; split by concern before that."
const MAX_LINES: usize = 400;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() && !matches!(name.as_str(), "target" | "node_modules" | "dist" | "out") && !name.starts_with('.')
        {
            sources(&p, out);
        } else if ["rs", "mjs", "js", "sh"].iter().any(|x| name.ends_with(&format!(".{x}"))) {
            out.push(p);
        }
    }
}

#[test]
fn no_source_file_is_over_400_lines() {
    let mut files = Vec::new();
    for dir in ["src", "crates", "public", "tests", "tools"] {
        sources(&root().join(dir), &mut files);
    }
    assert!(files.len() > 50, "the walk found {} files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{} has {n} lines", f.strip_prefix(root()).unwrap_or(f).display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:#?}");
}

#[test]
fn the_core_has_no_web_or_async_dependency() {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
    for banned in ["wasm-bindgen", "web-sys", "js-sys", "leptos", "gloo", "tokio", "axum", "hyper", "rusqlite"] {
        assert!(!deps.lines().any(|l| l.trim_start().starts_with(banned)), "crates/core depends on {banned}");
    }
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for banned in ["wasm_bindgen", "web_sys", "leptos", "tokio", "axum"] {
            assert!(!text.contains(&format!("use {banned}")), "{} uses {banned}", f.display());
        }
    }
}
