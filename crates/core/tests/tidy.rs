//! The invariants ARCHITECTURE.md promises, checked rather than trusted: source files stay under
//! the size a reader takes in at once, and the core depends on nothing web or async (it compiles
//! and tests natively, for the widget, the collector and the tools alike); ARCHITECTURE.md's code map
//! has a line for every module and tool, and names nothing that is gone.

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

/// The code map's entries: a bullet's first `path`, below the directory entry it is nested in.
fn code_map() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let map = text.split("## Code map").nth(1).expect("ARCHITECTURE.md has a code map");
    let map = map.split("\n## ").next().unwrap_or("");
    let mut parents: Vec<(usize, String)> = Vec::new();
    let mut entries = Vec::new();
    for line in map.lines() {
        let indent = line.len() - line.trim_start().len();
        let Some(rest) = line.trim_start().strip_prefix("- `") else { continue };
        let Some((name, _)) = rest.split_once('`') else { continue };
        while parents.last().is_some_and(|(i, _)| *i >= indent) {
            parents.pop();
        }
        let base = parents.last().map(|(_, p)| p.as_str()).filter(|p| p.ends_with('/')).unwrap_or("");
        let path = format!("{base}{name}");
        parents.push((indent, path.clone()));
        entries.push(path);
    }
    entries
}

#[test]
fn the_code_map_names_every_module_and_only_what_exists() {
    let entries = code_map();
    let stale: Vec<&String> = entries.iter().filter(|e| !root().join(e).exists()).collect();
    assert!(stale.is_empty(), "ARCHITECTURE.md's code map names what is not there: {stale:#?}");
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            if e.path().is_dir() && e.file_name() != "node_modules" {
                walk(&e.path(), out);
            } else if e.path().is_file() {
                out.push(e.path());
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src", "crates/collector/src", "public", "tools"] {
        walk(&root().join(dir), &mut files);
    }
    let mut missing: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|f| !entries.contains(f))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "give these a line in ARCHITECTURE.md's code map: {missing:#?}");
}
