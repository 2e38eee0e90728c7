//! The importer on the real national database (../shared/data/tthc-national.jsonl, never
//! committed): counts, the catalogue's own validation of every output file, and the size of the
//! built index. Skipped, with a note, when the file is absent.

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
    assert!(o.province.offers.iter().any(|x| x.level == Level::TrucTiep));

    // The same validation as `catalogue check`.
    let (base, events, prov) = files(&o);
    assert_eq!(verify(&base, &events, &prov, "provinces/toan-quoc-thu.json"), Vec::<String>::new());

    // The delivery: index within its bound and readable by the widget; every detail shard within
    // the widget's limit (one request per opened procedure).
    let (index, details) = build(&o.base, &o.province, &tthc_core::catalogue::schema::LifeEventsFile {
        schema: tthc_core::catalogue::schema::LIFE_EVENTS_SCHEMA.into(),
        events: Vec::new(),
    });
    let index_text = serde_json::to_string(&index).unwrap();
    assert!(index_text.len() <= MAX_INDEX_RAW, "index is {} bytes", index_text.len());
    let read = read_index("index.json", &index_text).expect("the widget accepts the index");
    assert_eq!(read.procedures.len(), LOCAL);
    let largest = details.iter().map(|d| serde_json::to_string(d).unwrap().len()).max().unwrap();
    assert!(largest <= MAX_DETAIL_BYTES / 4, "largest detail shard is {largest} bytes");
    for d in details.iter().step_by(50) {
        read_detail("p.json", &serde_json::to_string(d).unwrap(), &read.province).expect("the widget accepts the shard");
    }
    eprintln!(
        "full import: {READ} records → {LOCAL} procedures, index {} bytes, largest shard {largest} bytes, {:.1} s (debug, two imports)",
        index_text.len(),
        t.elapsed().as_secs_f64()
    );
}
