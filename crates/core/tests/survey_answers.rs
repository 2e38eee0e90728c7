//! Envelope parsing and validation: per-field errors, canonical bytes, the documented fixture.

use std::fs;

use tthc_core::envelope::{receipt_code, Answer};
use tthc_core::survey::{find, parse_body, read_definition, validate, Definition, FieldError};

fn defs() -> Vec<Definition> {
    let dir = format!("{}/../../seeds/surveys", env!("CARGO_MANIFEST_DIR"));
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            read_definition(&p.to_string_lossy(), &fs::read_to_string(&p).unwrap()).unwrap()
        })
        .collect()
}

fn fixture() -> Vec<u8> {
    fs::read(format!("{}/../../tests/fixtures/response.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn fields(errs: &[FieldError]) -> Vec<&str> {
    errs.iter().map(|e| e.field.as_str()).collect()
}

/// Parses and validates; returns the error fields.
fn check(body: &str) -> Vec<String> {
    let defs = defs();
    match parse_body(body.as_bytes()) {
        Err(e) => fields(&e).into_iter().map(String::from).collect(),
        Ok(env) => match find(&defs, &env.survey) {
            Err(e) => vec![e.field],
            Ok(def) => validate(&env, def).err().unwrap_or_default().into_iter().map(|e| e.field).collect(),
        },
    }
}

fn helpful(extra: &str) -> String {
    format!(
        r#"{{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"helpful@2025","province":"ha-noi","answers":{{"huu_ich":5}},"lang":"vi","widget":"0.1.0"{extra}}}"#
    )
}

#[test]
fn the_fixture_is_valid_and_canonical() {
    let body = fixture();
    let env = parse_body(&body).unwrap();
    let defs = defs();
    validate(&env, find(&defs, &env.survey).unwrap()).unwrap();
    assert_eq!(env.to_body(), body, "tests/fixtures/response.json must be canonical (no trailing newline)");
    assert_eq!(env.answers["d3"], Answer::NotApplicable);
    assert_eq!(receipt_code(&env.id).len(), 9);
}

#[test]
fn whitespace_and_key_order_do_not_change_the_canonical_body() {
    let a = parse_body(helpful("").as_bytes()).unwrap();
    let b = parse_body(
        br#"{ "widget": "0.1.0", "lang": "vi", "answers": { "huu_ich": 5 },
             "province": "ha-noi", "survey": "helpful@2025", "comment": "  ",
             "id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "procedure": null }"#,
    )
    .unwrap();
    assert_eq!(a.to_body(), b.to_body());
    assert_eq!(parse_body(&a.to_body()).unwrap(), a);
}

#[test]
fn malformed_bodies_are_reported_per_field() {
    assert_eq!(check(""), ["body"]);
    assert_eq!(check("{\"id\": "), ["body"]);
    assert_eq!(check("[1,2]"), ["body"]);
    assert_eq!(check(&"[".repeat(100_000)), ["body"]);
    let errs = parse_body(br#"{"id":1,"answers":{"x":"bad","y":9.5},"lang":"fr","extra":true}"#).unwrap_err();
    assert_eq!(fields(&errs), ["answers.x", "answers.y", "extra", "id", "lang", "survey", "province", "widget"]);
    assert!(errs.iter().all(|e| !e.message_vi.is_empty() && !e.message_en.is_empty()));
}

#[test]
fn semantic_errors_name_the_field() {
    assert!(check(&helpful("")).is_empty());
    assert_eq!(check(&helpful("").replace("3f2504e0", "xyz")), ["id"]);
    assert_eq!(check(&helpful("").replace("41d3", "11d3")), ["id"]);
    assert_eq!(check(&helpful("").replace("ha-noi", "Hà Nội")), ["province"]);
    assert_eq!(check(&helpful("").replace("helpful@2025", "helpful@1999")), ["survey"]);
    assert_eq!(check(&helpful("").replace(r#""huu_ich":5"#, r#""huu_ich":3"#)), ["answers.huu_ich"]);
    assert_eq!(check(&helpful("").replace(r#""huu_ich":5"#, r#""huu_ich":"na""#)), ["answers.huu_ich"]);
    assert_eq!(check(&helpful("").replace(r#""huu_ich":5"#, r#""nope":5"#)), ["answers.nope", "answers.huu_ich"]);
    assert_eq!(check(&helpful(r#","procedure":"1001193""#)), ["procedure"]);
    assert_eq!(check(&helpful(r#","tier":"tinh""#)), ["tier"]);
    assert_eq!(check(&helpful(r#","channel":"toan_trinh""#)), ["channel"]);
    assert_eq!(check(&helpful(r#","overall":5"#)), ["overall"]);
    assert_eq!(check(&helpful(r#","dossier":"H12-1""#)), ["dossier"]);
    assert_eq!(check(&helpful(r#","profile":{"gender":"nu"}"#)), ["profile"]);
    let long = "ý".repeat(501);
    assert_eq!(check(&helpful(&format!(r#","comment":"{long}""#))), ["comment"]);
    assert!(check(&helpful(&format!(r#","comment":"{}""#, "ý".repeat(500)))).is_empty());
}

#[test]
fn sipas_and_dossier_rules() {
    let fx = String::from_utf8(fixture()).unwrap();
    assert_eq!(check(&fx.replace(r#""overall":4,"#, "")), ["overall"]);
    assert_eq!(check(&fx.replace(r#""a1":4,"#, "")), ["answers.a1"]);
    assert_eq!(check(&fx.replace(r#""a1":4"#, r#""a1":6"#)), ["answers.a1"]);
    assert_eq!(check(&fx.replace(r#""gender":"nu""#, r#""gender":"x""#)), ["profile.gender"]);
    assert_eq!(check(&fx.replace(r#""gender":"nu""#, r#""shoe":"x""#)), ["profile.shoe"]);
    assert_eq!(check(&fx.replace("mot_phan", "buu_dien")), ["channel"]);
    let dossier = r#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"dossier-rating@2025","province":"ha-noi","dossier":"000.00.19.H12-250101-0001","answers":{"muc_do":2},"lang":"en","widget":"0.1.0"}"#;
    assert!(check(dossier).is_empty());
    assert_eq!(check(&dossier.replace(r#""muc_do":2"#, r#""muc_do":3"#)), ["answers.muc_do"]);
    assert_eq!(check(&dossier.replace(r#""lang""#, r#""profile":{"gender":"nu"},"lang""#)), ["profile"]);
    assert_eq!(check(&dossier.replace(r#""dossier":"000.00.19.H12-250101-0001","#, "")), ["dossier"]);
    assert_eq!(check(&dossier.replace("000.00.19", "<b>")), ["dossier"]);
}
