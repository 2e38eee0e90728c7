//! Properties of folding and search, over generated strings and over the real seed catalogue.

use proptest::prelude::*;
use std::path::Path;
use tthc_core::catalogue::bundle::build;
use tthc_core::catalogue::validate;
use tthc_core::fold::fold;
use tthc_core::search::{Filter, SearchIndex};
use unicode_normalization::UnicodeNormalization;

/// Vietnamese letters (both cases, all tones), ASCII, digits, punctuation and spaces.
fn vietnamese_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 .,;:!?/()đĐàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ\t]{0,60}").unwrap()
}

proptest! {
    #[test]
    fn folding_is_idempotent(s in any::<String>()) {
        prop_assert_eq!(fold(&fold(&s)), fold(&s));
    }

    #[test]
    fn nfd_and_nfc_fold_alike(s in vietnamese_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(fold(&nfc), fold(&nfd));
    }

    #[test]
    fn folded_text_is_plain_lowercase_words(s in vietnamese_text()) {
        let f = fold(&s);
        prop_assert!(f.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    }
}

fn seeds() -> (Vec<tthc_core::catalogue::bundle::Entry>, SearchIndex) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/catalogue");
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    let base = validate::base("base.json", &read("base.json")).expect("seed base is valid");
    let events = validate::life_events("life-events.json", &read("life-events.json"), &base).expect("events valid");
    let prov = validate::province("quang-tri.json", &read("provinces/quang-tri.json"), &base).expect("province valid");
    let (index, _) = build(&base, &prov, &events);
    let search = SearchIndex::new(&index.procedures, &index.life_events);
    (index.procedures, search)
}

fn position(entries: &[tthc_core::catalogue::bundle::Entry], idx: &SearchIndex, q: &str, code: &str) -> Option<usize> {
    idx.search(q, &Filter::default(), 50).iter().position(|&d| entries[d].code == code)
}

#[test]
fn every_procedure_is_found_by_its_code_with_and_without_the_dot() {
    let (entries, idx) = seeds();
    assert!(entries.len() >= 60);
    for e in &entries {
        assert_eq!(position(&entries, &idx, &e.code, &e.code), Some(0), "{}", e.code);
        assert_eq!(position(&entries, &idx, &e.code.replace('.', ""), &e.code), Some(0), "{}", e.code);
    }
}

#[test]
fn every_procedure_is_found_by_its_unaccented_name_and_aliases() {
    let (entries, idx) = seeds();
    let mut first = 0;
    for e in &entries {
        let p = position(&entries, &idx, &fold(&e.name), &e.code);
        assert!(p.is_some_and(|p| p < 5), "{} by name {:?}: {p:?}", e.code, fold(&e.name));
        first += usize::from(p == Some(0));
        for a in &e.aliases {
            let p = position(&entries, &idx, &fold(a), &e.code);
            assert!(p.is_some(), "{} by alias {a:?}", e.code);
        }
    }
    // Exact names rank first unless another procedure has the very same name.
    assert!(first * 100 >= entries.len() * 95, "only {first} of {} ranked first by name", entries.len());
}

#[test]
fn abbreviations_citizens_type() {
    let (entries, idx) = seeds();
    for (q, code) in [
        ("lltp", "3.000333"),
        ("ly lich tu phap", "3.000333"),
        ("khai sinh", "1.001193"),
        ("dang ky thuong tru", "1.004222"),
    ] {
        assert_eq!(position(&entries, &idx, q, code), Some(0), "{q}");
    }
}
