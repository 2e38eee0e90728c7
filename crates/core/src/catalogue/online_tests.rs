use super::*;
use crate::levels::Level::*;
use std::collections::BTreeMap;

fn agency(code: &str, kind: AgencyKind) -> Agency {
    Agency { code: code.into(), name: format!("Cơ quan {code}"), kind }
}

/// Three communes, a department with a branch, and a second department.
fn directory() -> Vec<Agency> {
    vec![
        agency("H50.101", AgencyKind::Commune),
        agency("H50.102", AgencyKind::Commune),
        agency("H50.103", AgencyKind::Commune),
        agency("H50.10", AgencyKind::Department),
        agency("H50.10.04.001", AgencyKind::Branch),
        agency("H50.10.05", AgencyKind::Department),
    ]
}

fn variant(level: Level, all_communes: bool, agencies: &[&str], except: &[(&str, Level)]) -> Variant {
    Variant {
        id: "2.001827.01".into(),
        name: "Cấp Giấy chứng nhận".into(),
        level,
        url: "https://dichvucongnnmt.mae.gov.vn/vi/nps/apply".into(),
        all_communes,
        agencies: agencies.iter().map(|s| (*s).to_owned()).collect(),
        except: except.iter().map(|(a, l)| ((*a).to_owned(), *l)).collect::<BTreeMap<_, _>>(),
    }
}

fn offer(variants: Vec<Variant>) -> Offer {
    Offer {
        code: "2.001827".into(),
        level: None,
        provenance: Provenance::Registry,
        variants,
        agency: String::new(),
        fee: String::new(),
        time: String::new(),
        portal_url: String::new(),
        note: String::new(),
    }
}

const PLACES: [Option<&str>; 4] = [None, Some("H50.101"), Some("H50.102"), Some("H50.103")];

/// The shapes of the real registry: all communes alike; communes plus departments with another
/// level (2.001827); a department only; a land office with a branch; partial commune coverage.
fn shapes() -> Vec<Variant> {
    vec![
        variant(ToanTrinh, true, &[], &[]),
        variant(MotPhan, true, &["H50.10", "H50.10.05"], &[("H50.10.05", ToanTrinh)]),
        variant(ToanTrinh, false, &["H50.10.05"], &[]),
        variant(MotPhan, false, &["H50.10", "H50.10.04.001"], &[]),
        variant(MotPhan, false, &["H50.101", "H50.102", "H50.10"], &[("H50.102", ToanTrinh)]),
        variant(ToanTrinh, false, &["H50.10", "H50.10.05"], &[("H50.10", MotPhan)]),
    ]
}

#[test]
fn the_index_summary_and_the_detail_agree_at_every_place() {
    let dir = directory();
    for v in shapes() {
        let s = Summary::of(Some(&offer(vec![v.clone()])), None, &dir);
        for place in PLACES {
            assert_eq!(s.at(place), variant_at(&v, place, &dir).shown, "{v:?} at {place:?}; summary {s:?}");
        }
    }
}

#[test]
fn mixed_levels_vary_until_a_place_is_chosen() {
    let dir = directory();
    let v = variant(MotPhan, true, &["H50.10", "H50.10.05"], &[("H50.10.05", ToanTrinh)]);
    let s = Summary::of(Some(&offer(vec![v.clone()])), None, &dir);
    assert_eq!(s.level, Some(MotPhan));
    assert!(s.communes);
    assert_eq!(s.except, [("H50.10.05".to_owned(), ToanTrinh)]);
    assert_eq!(s.at(None), Shown::Varies(ToanTrinh, MotPhan));
    assert_eq!(s.at(Some("H50.102")), Shown::Level(MotPhan, Provenance::Registry));
    let at = variant_at(&v, Some("H50.102"), &dir);
    assert_eq!(at.offices.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["H50.102"]);
    assert_eq!(at.others.iter().map(|(a, l)| (a.code.as_str(), *l)).collect::<Vec<_>>(), [("H50.10.05", ToanTrinh)]);
    let none = variant_at(&v, None, &dir);
    assert!(none.at_commune);
    assert_eq!(none.offices.len(), 2, "both departments take it");
}

#[test]
fn a_commune_left_out_is_in_person_there() {
    let dir = directory();
    let v = variant(MotPhan, false, &["H50.101", "H50.102", "H50.10"], &[("H50.102", ToanTrinh)]);
    let s = Summary::of(Some(&offer(vec![v.clone()])), None, &dir);
    assert_eq!(s.at(Some("H50.103")), Shown::Level(TrucTiep, Provenance::Registry));
    let at = variant_at(&v, Some("H50.103"), &dir);
    assert!(!at.at_commune && at.offices.is_empty());
    assert_eq!(s.at(Some("H50.102")), Shown::Level(ToanTrinh, Provenance::Registry));
}

#[test]
fn department_procedures_ignore_the_place() {
    let dir = directory();
    let v = variant(MotPhan, false, &["H50.10", "H50.10.04.001"], &[]);
    let at = variant_at(&v, Some("H50.101"), &dir);
    assert_eq!(at.shown, Shown::Level(MotPhan, Provenance::Registry));
    assert!(!at.at_commune);
    assert_eq!(at.offices.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["H50.10"]);
    assert_eq!(at.branches, 1);
}

#[test]
fn no_level_is_claimed_without_the_registry() {
    let dir = directory();
    let mut o = offer(Vec::new());
    o.provenance = Provenance::NotInRegistry;
    let s = Summary::of(Some(&o), Some(ToanTrinh), &dir);
    assert_eq!(s.level, None, "the typical level is not shown for an absent procedure");
    for place in PLACES {
        assert_eq!(s.at(place), Shown::NotInRegistry);
        assert!(!s.at(place).is_online());
    }
    // Without an offer: the typical level, the same everywhere.
    let s = Summary::of(None, Some(MotPhan), &dir);
    assert_eq!(s.at(Some("H50.101")), Shown::Level(MotPhan, Provenance::Typical));
    assert_eq!(Summary::of(None, None, &dir).at(None), Shown::Unknown);
}

#[test]
fn several_variants_promise_the_least_online_level() {
    let dir = directory();
    let a = variant(ToanTrinh, true, &[], &[]);
    let mut b = variant(MotPhan, true, &[], &[]);
    b.id = "2.001827.02".into();
    let s = Summary::of(Some(&offer(vec![a, b])), None, &dir);
    assert_eq!(s.at(Some("H50.101")), Shown::Level(MotPhan, Provenance::Registry));
}

#[test]
fn shown_filters_and_online_counts() {
    assert!(Shown::Varies(ToanTrinh, MotPhan).has(ToanTrinh));
    assert!(Shown::Varies(ToanTrinh, MotPhan).has(MotPhan));
    assert!(!Shown::Varies(ToanTrinh, MotPhan).has(TrucTiep));
    assert!(Shown::Varies(ToanTrinh, MotPhan).is_online());
    assert!(!Shown::Varies(ToanTrinh, TrucTiep).is_online());
    assert!(!Shown::NotInRegistry.has(TrucTiep));
}
