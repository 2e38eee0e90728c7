use super::*;
use crate::catalogue::online::variant_at;

fn procedure(code: &str, typical: Option<Level>) -> Procedure {
    Procedure { typical_level: typical, ..Procedure::bare(code, &format!("Thủ tục {code}")) }
}

fn base() -> BaseFile {
    let codes = [
        ("1.001193", Some(Level::MotPhan)),
        ("2.000720", None),
        ("2.001827", Some(Level::MotPhan)),
        ("1.012753", Some(Level::MotPhan)),
        ("1.014199", Some(Level::ToanTrinh)),
        ("1.004873", Some(Level::MotPhan)),
        ("1.000894", Some(Level::MotPhan)),
    ];
    BaseFile {
        schema: BASE_SCHEMA.into(),
        as_of: "2026-07-20".into(),
        procedures: codes.iter().map(|(c, l)| procedure(c, *l)).collect(),
    }
}

fn previous() -> ProvinceFile {
    let offer = |code: &str, level: Level| Offer {
        code: code.into(),
        level: Some(level),
        provenance: Provenance::Typical,
        variants: Vec::new(),
        agency: "UBND xã/phường nơi cư trú".into(),
        fee: String::new(),
        time: String::new(),
        portal_url: String::new(),
        note: format!("ghi chú {code}"),
    };
    ProvinceFile {
        schema: PROVINCE_SCHEMA.into(),
        province: "tinh-thu".into(),
        name: "Tỉnh Thử".into(),
        absorbed: Vec::new(),
        merger_basis: String::new(),
        portal: Portal { name: "Cổng DVC Tỉnh Thử".into(), url: "https://dichvucong.quangtri.gov.vn".into() },
        link_domains: Vec::new(),
        as_of: "2026-07-20".into(),
        decision: String::new(),
        registry: None,
        agencies: Vec::new(),
        offers: vec![
            offer("1.001193", Level::MotPhan),
            offer("1.000894", Level::MotPhan),
            offer("1.014199", Level::ToanTrinh),
        ],
        statistics: Vec::new(),
    }
}

fn src() -> Source {
    Source {
        source: "Cổng DVC quốc gia, danh sách DVC trực tuyến theo cơ quan".into(), date: "2026-10-03".into()
    }
}

fn fixture() -> Registry {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/registry/tinh-thu.csv");
    super::super::registry::read(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_overlay_from_the_fixture() {
    let (out, rep) = apply(&base(), &previous(), &fixture(), &src());
    // The result passes the seed check: the importer writes nothing the catalogue would refuse.
    let text = serde_json::to_string_pretty(&out).unwrap();
    let checked = crate::catalogue::validate::province("tinh-thu.json", &text, &base());
    assert!(checked.is_ok(), "{:#?}", checked.err());
    assert_eq!((rep.rows, rep.rows_used, rep.bad_rows.len()), (21, 15, 5));
    assert_eq!(rep.not_in_records, [("9.999999".to_owned(), 1)]);
    assert_eq!(rep.agencies, [4, 3, 1], "H99.02, H99.10, H99.10.04, H99.10.08; three communes; one branch");
    assert_eq!(rep.procedures, 5);
    assert_eq!(rep.absent, ["1.004873", "1.000894"]);
    assert_eq!(rep.mixed, [("2.001827".to_owned(), "toan_trinh 1, mot_phan 4".to_owned())]);
    // Directory ordered by code, names with single spaces, kinds from the code's shape.
    let codes: Vec<&str> = out.agencies.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["H99.02", "H99.10", "H99.10.04", "H99.10.04.002", "H99.10.08", "H99.101", "H99.102", "H99.103"]);
    assert_eq!(out.agencies[3].name, "Chi nhánh Văn phòng Đăng ký đất đai khu vực II - tỉnh Thử");
    // All three communes alike → one flag and no list; the land procedure lists its offices.
    let offer = |c: &str| out.offers.iter().find(|o| o.code == c).unwrap();
    let birth = &offer("1.001193").variants[0];
    assert_eq!((birth.id.as_str(), birth.all_communes, birth.agencies.len()), ("1.001193.02", true, 0));
    assert_eq!(birth.name, "đăng ký khai sinh");
    assert_eq!(offer("2.000720").variants[0].id, "2.000720");
    let land = &offer("1.012753").variants[0];
    assert_eq!(land.agencies, ["H99.10.04", "H99.10.04.002", "H99.102"]);
    assert_eq!(land.url, "https://dichvucong.quangtri.gov.vn/nps/apply");
    let food = &offer("2.001827").variants[0];
    assert_eq!(food.level, Level::MotPhan);
    assert_eq!(food.except.iter().collect::<Vec<_>>(), [(&"H99.10.08".to_owned(), &Level::ToanTrinh)]);
    // Notes and the local agency survive; an absent procedure claims no level.
    assert_eq!(offer("1.001193").note, "ghi chú 1.001193");
    assert_eq!(offer("1.000894").provenance, Provenance::NotInRegistry);
    assert_eq!(offer("1.000894").level, None);
    // Every level change is reported against the previous overlay.
    let changed: Vec<String> = rep.changed.iter().map(|(c, b, a)| format!("{c}: {b} → {a}")).collect();
    assert_eq!(
        changed,
        [
            "1.001193: mot_phan (typical) → toan_trinh (registry)",
            "2.000720: no level → toan_trinh (registry)",
            "2.001827: mot_phan (typical) → varies toan_trinh…mot_phan (registry)",
            "1.012753: mot_phan (typical) → varies mot_phan…truc_tiep (registry)",
            "1.004873: mot_phan (typical) → not in the registry",
            "1.000894: mot_phan (typical) → not in the registry",
        ]
    );
    assert_eq!(rep.confirmed, 1, "1.014199 stays toàn trình, now from the registry");
    // The detail's reading of the land procedure at the commune that takes it and one that does not.
    let at = variant_at(land, Some("H99.102"), &out.agencies);
    assert_eq!(at.offices[0].code, "H99.102");
    let not_here = variant_at(land, Some("H99.101"), &out.agencies);
    assert_eq!(not_here.shown, Shown::Level(Level::TrucTiep, Provenance::Registry));
    let report = rep.to_string();
    assert!(report.contains("agencies: 8 — 4 departments, 3 communes, 1 branches"), "{report}");
}

#[test]
fn a_second_run_changes_nothing() {
    let (once, _) = apply(&base(), &previous(), &fixture(), &src());
    let (twice, rep) = apply(&base(), &once, &fixture(), &src());
    assert_eq!(once, twice);
    assert!(rep.changed.is_empty(), "{:?}", rep.changed);
}

#[test]
fn agency_kinds() {
    for (code, kind) in [
        ("H50", AgencyKind::Department),
        ("H50.02", AgencyKind::Department),
        ("H50.10.04", AgencyKind::Department),
        ("H50.101", AgencyKind::Commune),
        ("H50.178", AgencyKind::Commune),
        ("H50.10.04.001", AgencyKind::Branch),
        ("H50.02.11.1", AgencyKind::Branch),
    ] {
        assert_eq!(agency_kind(code), kind, "{code}");
    }
}
