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
    assert_eq!(
        tthc_core::import::pretty(&out),
        shipped_text,
        "seeds/…/quang-tri.json is not what `import registry` makes of the registry"
    );
    assert!(rep.changed.is_empty());
}

/// A seeds directory of our own: the shipped base and Huế's overlay (no registry yet) as "tinh-thu".
fn scratch_seeds(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-registry-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cat = dir.join("catalogue");
    std::fs::create_dir_all(cat.join("provinces")).unwrap();
    let seeds = root().join("seeds/catalogue");
    std::fs::copy(seeds.join("base.json"), cat.join("base.json")).unwrap();
    std::fs::copy(seeds.join("life-events.json"), cat.join("life-events.json")).unwrap();
    let hue = std::fs::read_to_string(seeds.join("provinces/hue.json")).unwrap();
    std::fs::write(
        cat.join("provinces/tinh-thu.json"),
        hue.replace("\"province\": \"hue\"", "\"province\": \"tinh-thu\""),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, registry: &Path, write: bool) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_import"));
    cmd.args(["registry", "--seeds"])
        .arg(dir)
        .args(["--province", "tinh-thu", "--date", "2026-10-03", "--registry"])
        .arg(registry);
    if write {
        cmd.arg("--write");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_writes_all_or_nothing() {
    let dir = scratch_seeds("cmd");
    let overlay = dir.join("catalogue/provinces/tinh-thu.json");
    let before = std::fs::read_to_string(&overlay).unwrap();
    let fixture = root().join("tests/fixtures/registry/tinh-thu.csv");
    // Without --write: the report, nothing written.
    let (code, out, _) = run(&dir, &fixture, false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("rows: 21 (15 used)") && out.contains("nothing written"), "{out}");
    assert_eq!(std::fs::read_to_string(&overlay).unwrap(), before);
    // Broken quoting and a huge file: a clear reason, exit 1, the overlay untouched.
    let broken = dir.join("broken.csv");
    std::fs::write(
        &broken,
        "MaTTHC,TenCQTH,MaCQTH,MucDo,CitizenURL\n1.001193,\"UBND,H50.101,Toàn trình,dvc.moc.gov.vn\n",
    )
    .unwrap();
    let (code, _, err) = run(&dir, &broken, true);
    assert_eq!(code, 1);
    assert!(err.contains("never closed") && err.contains("nothing written"), "{err}");
    let huge = dir.join("huge.csv");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(registry::MAX_REGISTRY_BYTES as u64 + 1).unwrap();
    let (code, _, err) = run(&dir, &huge, true);
    assert_eq!(code, 1);
    assert!(err.contains("limit"), "{err}");
    assert_eq!(std::fs::read_to_string(&overlay).unwrap(), before);
    // With --write: the overlay passes the catalogue check and no temporary file is left.
    let (code, out, err) = run(&dir, &fixture, true);
    assert_eq!(code, 0, "{out}{err}");
    let after = std::fs::read_to_string(&overlay).unwrap();
    assert!(after.contains("\"provenance\": \"registry\"") && after.contains("\"not-in-registry\""));
    let left: Vec<_> =
        std::fs::read_dir(dir.join("catalogue/provinces")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
