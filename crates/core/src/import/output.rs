//! Writing the three seed files of an import: never over an existing catalogue unless asked
//! (`--force`), and all or nothing as far as the file system allows — each file is written to a
//! temporary name first and the three are renamed into place only when all are written.

use std::path::{Path, PathBuf};

/// The files an import writes under `<dir>/catalogue/`, in the order of `super::files`.
pub fn paths(dir: &Path, province: &str) -> [PathBuf; 3] {
    let cat = dir.join("catalogue");
    [cat.join("base.json"), cat.join("life-events.json"), cat.join("provinces").join(format!("{province}.json"))]
}

/// The existing files an import into `dir` would replace: base.json, a life-events.json that
/// holds events (or cannot be read as the empty file), the province's overlay. Empty when the
/// import may write.
pub fn would_replace(dir: &Path, province: &str) -> Vec<PathBuf> {
    let [base, events, prov] = paths(dir, province);
    let mut out = Vec::new();
    if base.exists() {
        out.push(base);
    }
    if events.exists() && !is_empty_events(&events) {
        out.push(events);
    }
    if prov.exists() {
        out.push(prov);
    }
    out
}

/// A life-events file with no events (what an import writes) loses nothing when replaced.
fn is_empty_events(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => v.get("events").and_then(|e| e.as_array()).is_some_and(Vec::is_empty),
        Err(_) => false,
    }
}

/// The refusal message for `would_replace`'s list.
pub fn refusal(files: &[PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    format!(
        "{} already exist{}; give --force to replace {} (an import replaces the whole file)",
        names.join(", "),
        if names.len() == 1 { "s" } else { "" },
        if names.len() == 1 { "it" } else { "them" }
    )
}

/// Writes the three files (contents in `paths` order). Each goes to a temporary name beside its
/// target; only when all three are written are they renamed into place. On an error the
/// temporary files are removed and the targets are as they were (unless a rename itself fails).
pub fn write(dir: &Path, province: &str, contents: [&str; 3]) -> Result<(), String> {
    let targets = paths(dir, province);
    let parent = targets[2].parent().expect("provinces/ dir");
    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let temps: Vec<PathBuf> = targets.iter().map(|t| temp_name(t)).collect();
    for (tmp, text) in temps.iter().zip(contents) {
        if let Err(e) = std::fs::write(tmp, text) {
            remove_all(&temps);
            return Err(format!("{}: {e}", tmp.display()));
        }
    }
    for (k, (tmp, target)) in temps.iter().zip(&targets).enumerate() {
        if let Err(e) = std::fs::rename(tmp, target) {
            remove_all(&temps[k..]);
            return Err(format!("{}: {e}", target.display()));
        }
    }
    Ok(())
}

/// Replaces one file all or nothing: written to a temporary name beside it, then renamed.
pub fn replace(target: &Path, text: &str) -> Result<(), String> {
    let tmp = temp_name(target);
    if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, target)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: {e}; nothing replaced", target.display()));
    }
    Ok(())
}

fn temp_name(target: &Path) -> PathBuf {
    let name = target.file_name().map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.import-{}.tmp", std::process::id()))
}

fn remove_all(files: &[PathBuf]) {
    for f in files {
        let _ = std::fs::remove_file(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tthc-import-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn refuses_to_replace_a_catalogue() {
        let dir = scratch("refuse");
        assert!(would_replace(&dir, "tinh-thu").is_empty());
        write(&dir, "tinh-thu", ["b", r#"{"events": []}"#, "p"]).unwrap();
        let [base, events, prov] = paths(&dir, "tinh-thu");
        assert_eq!(would_replace(&dir, "tinh-thu"), [base.clone(), prov.clone()]);
        // Another province's overlay beside it is not in the way; its base still is.
        assert_eq!(would_replace(&dir, "tinh-khac"), std::slice::from_ref(&base));
        std::fs::write(&events, r#"{"events": [{"id": "x"}]}"#).unwrap();
        assert_eq!(would_replace(&dir, "tinh-thu"), [base.clone(), events.clone(), prov.clone()]);
        let msg = refusal(&would_replace(&dir, "tinh-thu"));
        assert!(msg.contains("base.json") && msg.contains("life-events.json") && msg.contains("--force"), "{msg}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = scratch("atomic");
        write(&dir, "tinh-thu", ["old base", "old events", "old province"]).unwrap();
        // The province file's temporary name is taken by a directory: its write fails after the
        // other two temporary files were written.
        let [base, events, prov] = paths(&dir, "tinh-thu");
        let blocker = temp_name(&prov);
        std::fs::create_dir_all(&blocker).unwrap();
        assert!(write(&dir, "tinh-thu", ["new base", "new events", "new province"]).is_err());
        for (f, old) in [(&base, "old base"), (&events, "old events"), (&prov, "old province")] {
            assert_eq!(std::fs::read_to_string(f).unwrap(), old);
        }
        std::fs::remove_dir(&blocker).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.join("catalogue")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left.len(), 3, "{left:?}");
        write(&dir, "tinh-thu", ["new base", "new events", "new province"]).unwrap();
        assert_eq!(std::fs::read_to_string(&base).unwrap(), "new base");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
