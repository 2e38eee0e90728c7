//! The importer on the real national database (../shared/data/tthc-national.jsonl, never
//! committed): counts, the catalogue's own validation of every output file, and the size of the
//! built index. Skipped, with a note, when the file is absent. And the `import` command on the
//! fixture: it never replaces a catalogue without `--force`, checks a file's size before reading
//! it, and stops quietly when its reader goes away.

use std::path::PathBuf;
use std::time::Instant;
use tthc_core::catalogue::bundle::{build, read_detail, read_index, MAX_DETAIL_BYTES};
use tthc_core::import::{files, run, verify, Options};
use tthc_core::levels::Level;

/// Measured on the 2,642-record file: 1,601 records have a tỉnh or xã tier.
const READ: usize = 2642;
const LOCAL: usize = 1601;
/// With the made-up level list the built index is 358,410 bytes raw (about 40 KB brotli: `make
/// bench` measures it); this bound catches a change that would put the 60 KB brotli budget at risk.
const MAX_INDEX_RAW: usize = 400_000;

fn national() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/tthc-national.jsonl");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("note: {} is absent; the full-size import test is skipped", path.display());
            None
        }
    }
}

fn options() -> Options {
    Options {
        province: "toan-quoc-thu".into(),
        name: "Toàn quốc (thử)".into(),
        portal_url: "https://dichvucong.gov.vn".into(),
        portal_name: String::new(),
        as_of: "2026-07-20".into(),
        decision: "0/QĐ-THU".into(),
        records_as_of: "2026-07-20".into(),
    }
}

/// A made-up level list over the imported codes, in the spellings provinces use, plus rows the
/// report must name: a code of a central procedure, a code in no record, an unknown level.
fn level_list(codes: &[String]) -> (String, [usize; 3]) {
    let spellings = [("Toàn trình", 0), ("DVC trực tuyến một phần", 1), ("Mức 4", 0), ("truc tiep", 2), ("3", 1)];
    let mut csv = String::from("\u{feff}Mã TTHC;Mức độ\r\n");
    let mut per = [0; 3];
    for (i, code) in codes.iter().enumerate().filter(|(i, _)| i % 4 != 3) {
        let (s, k) = spellings[i % spellings.len()];
        csv.push_str(&format!("{code};\"{s}\"\r\n"));
        per[k] += 1;
    }
    csv.push_str("1.000178;Toàn trình\r\n9.999999;Một phần\r\n1.001193;mức 7\r\n");
    (csv, per)
}

#[test]
fn full_national_file() {
    let Some(text) = national() else { return };
    let t = Instant::now();
    let first = run(&text, None, &options());
    let r = &first.report;
    assert!(!r.is_fatal(), "{r}");
    assert_eq!((r.records_read, r.used, r.unusable.len()), (READ, LOCAL, 0), "{r}");
    assert_eq!(r.skipped_tier.values().sum::<usize>(), READ - LOCAL);
    let codes: Vec<String> = first.base.procedures.iter().map(|p| p.code.clone()).collect();
    assert!(first.base.procedures.iter().all(|p| p.portal_url.starts_with("https://dichvucong.gov.vn/")));

    let (csv, per) = level_list(&codes);
    let o = run(&text, Some(&csv), &options());
    let l = o.report.levels.as_ref().expect("a level list was given");
    assert_eq!(l.used, per);
    assert_eq!(l.not_in_records, [(codes.len() * 3 / 4 + 3 + 1, "9.999999".to_owned())]);
    assert_eq!(l.not_used.len(), 1, "1.000178 is a Cấp bộ procedure");
    assert_eq!(l.bad_rows.len(), 1);
    assert_eq!(l.without_level, LOCAL - per.iter().sum::<usize>());
    assert!(o.province.offers.iter().all(|x| x.provenance == tthc_core::levels::Provenance::ProvincePublished));
    assert!(o.province.offers.iter().any(|x| x.level == Some(Level::TrucTiep)));

    // The same validation as `catalogue check`.
    let (base, events, prov) = files(&o);
    assert_eq!(verify(&base, &events, &prov, "provinces/toan-quoc-thu.json"), Vec::<String>::new());

    // The delivery: index within its bound and readable by the widget; every detail shard within
    // the widget's limit (one request per opened procedure).
    let (index, details) = build(
        &o.base,
        &o.province,
        &tthc_core::catalogue::schema::LifeEventsFile {
            schema: tthc_core::catalogue::schema::LIFE_EVENTS_SCHEMA.into(),
            events: Vec::new(),
        },
    );
    let index_text = serde_json::to_string(&index).unwrap();
    assert!(index_text.len() <= MAX_INDEX_RAW, "index is {} bytes", index_text.len());
    let read = read_index("index.json", &index_text).expect("the widget accepts the index");
    assert_eq!(read.procedures.len(), LOCAL);
    let largest = details.iter().map(|d| serde_json::to_string(d).unwrap().len()).max().unwrap();
    assert!(largest <= MAX_DETAIL_BYTES / 4, "largest detail shard is {largest} bytes");
    for d in details.iter().step_by(50) {
        read_detail("p.json", &serde_json::to_string(d).unwrap(), &read.province)
            .expect("the widget accepts the shard");
    }
    eprintln!(
        "full import: {READ} records → {LOCAL} procedures, index {} bytes, largest shard {largest} bytes, {:.1} s (debug, two imports)",
        index_text.len(),
        t.elapsed().as_secs_f64()
    );
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/national").join(name).display().to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-import-cmd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn import(records: &str, extra: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_import"));
    c.args(["--records", records, "--levels", &fixture("levels.csv"), "--province", "tinh-thu", "--name", "Tỉnh Thử"]);
    c.args(["--portal", "https://dichvucong.tinhthu.gov.vn", "--as-of", "2026-08-01", "--decision", "1/QĐ-UBND"]);
    c.args(extra);
    c
}

#[test]
fn the_command_never_replaces_a_catalogue_without_force() {
    let dir = scratch("force");
    let out = dir.to_str().unwrap();
    let base = dir.join("catalogue/base.json");
    let events = dir.join("catalogue/life-events.json");
    let first = import(&fixture("records.jsonl"), &["--out", out]).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let written = std::fs::read_to_string(&base).unwrap();
    // A seeds directory with life events of its own, as `--out seeds` would meet.
    let mine = r#"{"schema": "tthc-life-events/1", "events": [{"id": "sinh-con"}]}"#;
    std::fs::write(&events, mine).unwrap();
    std::fs::write(&base, "my base").unwrap();
    let again = import(&fixture("records.jsonl"), &["--out", out]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("base.json")
            && err.contains("life-events.json")
            && err.contains("tinh-thu.json")
            && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&base).unwrap(), "my base");
    assert_eq!(std::fs::read_to_string(&events).unwrap(), mine);
    let forced = import(&fixture("records.jsonl"), &["--out", out, "--force"]).output().unwrap();
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(&base).unwrap(), written);
    let left: Vec<_> = std::fs::read_dir(dir.join("catalogue")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 3, "no temporary file is left: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_checks_size_before_reading_and_survives_a_closed_pipe() {
    let dir = scratch("size");
    let big = dir.join("big.jsonl");
    // Sparse: the size says 64 MB + 1 without writing it.
    std::fs::File::create(&big).unwrap().set_len(tthc_core::import::records::MAX_FILE_BYTES as u64 + 1).unwrap();
    let o = import(big.to_str().unwrap(), &[]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bytes; the limit is"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // `import … | head`: the reader goes away; no panic, whatever was written so far.
    let mut child = import(&fixture("records.jsonl"), &[])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(matches!(o.status.code(), Some(0 | 1)) && !err.contains("panicked"), "{:?} {err}", o.status);
    let bad_date = import(&fixture("records.jsonl"), &["--records-as-of", "2026-02-30"]).output().unwrap();
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--records-as-of \"2026-02-30\""));
    let _ = std::fs::remove_dir_all(&dir);
}
