//! The embed configuration's tests.

use super::*;

#[test]
fn full_query() {
    let (c, e) = parse_query(
        "?province=quang-tri&lang=en&mode=survey&procedure=1001193&host=https%3A%2F%2Fportal.gov.vn&device=shared",
    );
    assert!(e.is_empty(), "{e:?}");
    assert!(c.shared);
    assert!(!parse_query("province=quang-tri").0.shared);
    assert_eq!(c.province, "quang-tri");
    assert_eq!(c.lang, Lang::En);
    assert_eq!(c.mode, Mode::Survey);
    assert_eq!(c.procedure.as_deref(), Some("1.001193"));
    assert_eq!(c.host.as_deref(), Some("https://portal.gov.vn"));
    assert_eq!(parse_query("province=hue&mode=reach").0.mode, Mode::Reach);
}

#[test]
fn links_to_another_province_keep_the_language_and_the_host() {
    let (c, _) = parse_query("?province=xyz&lang=en&host=https%3A%2F%2Fportal.gov.vn%3A8443");
    let link = c.link_to("hue");
    assert_eq!(link, "?province=hue&lang=en&host=https%3A%2F%2Fportal.gov.vn%3A8443");
    let (back, e) = parse_query(&link);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!((back.province.as_str(), back.lang, back.host), ("hue", Lang::En, c.host));
}

#[test]
fn a_procedure_opens_its_detail_or_in_survey_mode_the_survey_about_it() {
    let first = |q: &str| parse_query(q).0.first_view();
    assert_eq!(first("province=hue"), View::Check);
    assert_eq!(first("province=hue&mode=reach"), View::Reach);
    assert_eq!(first("province=hue&mode=events&procedure=1.001193"), View::Detail("1.001193".into()));
    assert_eq!(first("province=hue&mode=survey&procedure=1.001193"), View::Survey(Some("1.001193".into())));
    assert_eq!(first("province=hue&mode=survey"), View::Survey(None));
    for (m, id) in Mode::ALL {
        let v = first(&format!("province=hue&mode={id}"));
        assert_eq!(matches!(v, View::Survey(_)), m == Mode::Survey, "{id}");
    }
}

#[test]
fn a_query_reads_back_to_the_same_configuration() {
    for q in [
        "?province=quang-tri&lang=en&mode=survey&procedure=1.001193&host=https%3A%2F%2Fportal.gov.vn%3A8443&device=shared",
        "?province=hue&lang=vi",
        "?province=hue&lang=vi&mode=reach",
    ] {
        let (c, e) = parse_query(q);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.query(), q);
        assert_eq!(parse_query(&c.query()).0, c);
    }
}

#[test]
fn the_other_part_opens_the_same_view_and_the_first_view_of_a_mode_is_in_its_part() {
    let (c, _) = parse_query("?province=hue&lang=vi&host=https%3A%2F%2Fportal.gov.vn&device=shared");
    let views = [
        View::Check,
        View::Detail("1.001193".into()),
        View::Events,
        View::Province,
        View::Survey(None),
        View::Survey(Some("1.001193".into())),
        View::Results,
        View::Reach,
    ];
    for v in views {
        let (back, e) = parse_query(&c.query_for(&v, Lang::En));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!((back.first_view(), back.lang, back.shared, &back.host), (v.clone(), Lang::En, true, &c.host));
        assert_eq!(back.mode.part(), v.part(), "{v:?}");
    }
    assert_eq!(parse_query(&c.query_for(&View::Event("khai-sinh".into()), Lang::Vi)).0.first_view(), View::Events);
    for (m, _) in Mode::ALL {
        for procedure in [None, Some("1.001193".to_owned())] {
            let first = EmbedConfig { mode: m, procedure, ..c.clone() }.first_view();
            assert_eq!(first.part(), m.part(), "{m:?}");
        }
    }
}

#[test]
fn each_problem_reads_as_a_line_naming_the_parameter() {
    let (_, e) = parse_query("province=&lang=fr");
    let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(lines, ["province: (missing)", "lang: \"fr\""]);
}

#[test]
fn bad_values_are_reported() {
    let (c, e) = parse_query(
        "province=https://evil.example/x.json&lang=fr&mode=x&procedure=abc&host=javascript:alert(1)&device=kiosk",
    );
    assert_eq!(c.province, "");
    let params: Vec<_> = e.iter().map(|e| e.param).collect();
    assert_eq!(params, ["province", "lang", "mode", "procedure", "host", "device"]);
}

#[test]
fn missing_province() {
    let (_, e) = parse_query("lang=vi");
    assert_eq!(e, vec![ConfigError { param: "province", value: String::new() }]);
}

#[test]
fn origins() {
    assert!(origin("http://127.0.0.1:8080").is_some());
    assert!(origin("http://example.com").is_none());
    assert!(origin("https://a.gov.vn/path").is_none());
    assert!(origin("https://a.gov.vn:").is_none());
}

#[test]
fn a_part_waits_for_the_catalogue_only_for_its_own_views_but_the_survey() {
    assert!(View::Check.needs_catalogue(Part::Finder));
    assert!(View::Detail("1.001193".into()).needs_catalogue(Part::Finder));
    assert!(View::Results.needs_catalogue(Part::Feedback));
    assert!(!View::Survey(None).needs_catalogue(Part::Feedback));
    // A view of the other part is handed over to it at once.
    assert!(!View::Check.needs_catalogue(Part::Feedback));
    assert!(!View::Reach.needs_catalogue(Part::Finder));
}
