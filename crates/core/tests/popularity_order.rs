//! Search order on the real seed catalogue, with and without a popularity file (the counters'
//! export as `catalogue build --popularity` reads it), through the index file the widget reads.

use std::path::Path;
use tthc_core::catalogue::bundle::{apply_popularity, build, read_index};
use tthc_core::catalogue::validate;
use tthc_core::search::{Filter, SearchIndex};
use tthc_core::usage::popularity::parse;

/// Quảng Trị's index as written and read back, with the popularity file applied when given.
fn codes(popularity: Option<&str>, query: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/catalogue");
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    let base = validate::base("base.json", &read("base.json")).unwrap();
    let events = validate::life_events("life-events.json", &read("life-events.json"), &base).unwrap();
    let prov = validate::province("quang-tri.json", &read("provinces/quang-tri.json"), &base).unwrap();
    let (mut index, _) = build(&base, &prov, &events);
    if let Some(csv) = popularity {
        apply_popularity(&mut index, &parse(csv).unwrap()["quang-tri"]);
    }
    let index = read_index("index.json", &serde_json::to_string(&index).unwrap()).unwrap();
    let search = SearchIndex::new(&index.procedures, &index.life_events);
    search.search(query, &Filter::default(), 4).into_iter().map(|d| index.procedures[d].code.clone()).collect()
}

const EXPORT: &str = "\u{feff}day,province,counter,key,n\r\n\
    2026-03-01,quang-tri,opened,1.004746,30\r\n\
    2026-03-01,quang-tri,filing,1.004746:mot_phan,10\r\n\
    2026-03-01,quang-tri,opened,1.000894,90\r\n\
    2026-03-02,quang-tri,filing,1.000894:toan_trinh,30\r\n\
    2026-03-02,hue,opened,1.000593,500\r\n";

#[test]
fn without_a_file_shorter_names_then_codes() {
    // "Đăng ký kết hôn", then "Đăng ký lại kết hôn" (shorter than "… lưu động"), then by length.
    assert_eq!(codes(None, "ket hon"), ["1.000894", "1.004746", "1.000593", "2.000806"]);
    assert_eq!(codes(None, "ket hon"), codes(None, "ket hon"), "deterministic");
}

#[test]
fn with_a_file_popular_procedures_lead_among_equal_matches() {
    // The most counted first (class 7, then 6); Huế's counts do not touch Quảng Trị's index.
    let with = codes(Some(EXPORT), "ket hon");
    assert_eq!(with, ["1.000894", "1.004746", "1.000593", "2.000806"]);
    // Counts on the foreign-marriage variant instead: it leads, the uncounted follow by length.
    let lone = EXPORT.replace("1.000894", "2.000806");
    assert_eq!(codes(Some(&lone), "ket hon"), ["2.000806", "1.004746", "1.000894", "1.000593"]);
    // A code query is exact whatever the counts.
    assert_eq!(codes(Some(&lone), "1.000593"), ["1.000593"]);
}
