//! Quảng Trị's real online-service registry (../shared/data/registry, present beside the project
//! in CI): exact counts, and the shipped overlay is exactly what the importer makes of it.

use std::path::{Path, PathBuf};
use tthc_core::catalogue::validate;
use tthc_core::import::{overlay, registry};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared(name: &str) -> Option<String> {
    let p = root().join("../shared/data/registry").join(name);
    std::fs::read_to_string(p).ok()
}

#[test]
fn the_real_registry_gives_the_shipped_overlay() {
    let Some(csv) = shared("quang-tri.csv") else {
        eprintln!("../shared/data/registry absent: skipped");
        return;
    };
    let seeds = root().join("seeds/catalogue");
    let base = validate::base("base.json", &std::fs::read_to_string(seeds.join("base.json")).unwrap()).unwrap();
    let shipped_text = std::fs::read_to_string(seeds.join("provinces/quang-tri.json")).unwrap();
    let shipped = validate::province("quang-tri.json", &shipped_text, &base).unwrap();
    let reg = registry::read(&csv).unwrap();
    assert_eq!((reg.rows.len(), reg.bad.len()), (4524, 0));
    let src = overlay::Source { source: shipped.registry.as_ref().unwrap().source.clone(), date: "2026-10-03".into() };
    let (out, rep) = overlay::apply(&base, &shipped, &reg, &src);
    assert_eq!((rep.rows, rep.rows_used, rep.procedures, rep.variants), (4524, 4524, 66, 66));
    assert_eq!(rep.agencies, [10, 78, 19]);
    assert_eq!(out.agencies.len(), 107);
    assert_eq!(rep.mixed, [("2.001827".to_owned(), "toan_trinh 4, mot_phan 79".to_owned())]);
    assert!(rep.not_in_records.is_empty());
    let mut absent = rep.absent.clone();
    absent.sort();
    let listed = shared("quang-tri-absent.txt").unwrap();
    let mut listed: Vec<&str> = listed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    listed.sort();
    assert_eq!(absent, listed, "the 35 seed codes the registry does not list");
    // Repeatable: the command run again on the shipped overlay changes nothing.
    assert_eq!(tthc_core::import::pretty(&out), shipped_text, "seeds/…/quang-tri.json is not what `import registry` makes of the registry");
    assert!(rep.changed.is_empty());
}
