//! POST /api/v1/responses, summary, export and CORS against the real binary.

mod common;

use common::*;
use serde_json::Value;

fn fields(r: &Reply) -> Vec<String> {
    r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn documented_example_is_the_fixture_and_is_accepted_once() {
    let fixture = repo_file("tests/fixtures/response.json");
    let doc = String::from_utf8(repo_file("docs/API.md")).unwrap();
    let line = doc.lines().find(|l| l.contains("--data-binary '")).expect("curl example in docs/API.md");
    let body = line.split("--data-binary '").nth(1).unwrap().trim_end().trim_end_matches('\'');
    assert_eq!(body.as_bytes(), fixture, "the curl body in docs/API.md must equal tests/fixtures/response.json");

    let dir = TempDir::new("api");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &[]);
    let first = s.post(&fixture);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["id"], "0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(first.json()["receipt"], "1Y7T-TPYS", "the receipt shown in docs/API.md");
    let again = s.post(&fixture);
    assert_eq!(again.status, 200);
    assert_eq!(again.json(), first.json());
    // The same answers with other whitespace and key order: same canonical body, still 200.
    let v: Value = serde_json::from_slice(&fixture).unwrap();
    assert_eq!(s.post(serde_json::to_string_pretty(&v).unwrap().as_bytes()).status, 200);
    let mut other = v.clone();
    other["overall"] = Value::from(1);
    let conflict = s.post(other.to_string().as_bytes());
    assert_eq!(conflict.status, 409);
    assert_eq!(fields(&conflict), ["id"]);
    assert_eq!(stored_ids(&s.db).len(), 1);
}

#[test]
fn malformed_bodies_get_400_with_reasons_and_large_ones_413() {
    let dir = TempDir::new("bad");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &[]);
    let bad_json = s.post(b"{\"id\": ");
    assert_eq!((bad_json.status, fields(&bad_json)), (400, vec!["body".to_owned()]));
    assert!(bad_json.json()["errors"][0]["message_vi"].as_str().unwrap().contains("JSON không hợp lệ"));

    let fixture = repo_file("tests/fixtures/response.json");
    for ct in [None, Some("text/plain"), Some("application/x-www-form-urlencoded")] {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("content-type", c)).into_iter().collect();
        let r = request(s.addr, "POST", "/api/v1/responses", &headers, &fixture).unwrap();
        assert_eq!((r.status, fields(&r)), (400, vec!["content-type".to_owned()]), "{ct:?}");
    }
    let r =
        request(s.addr, "POST", "/api/v1/responses", &[("content-type", "Application/JSON; charset=utf-8")], &fixture)
            .unwrap();
    assert_eq!(r.status, 201);

    let unknown = s.post(&envelope(1, |o| {
        o["answers"]["zz9"] = Value::from(4);
    }));
    assert_eq!((unknown.status, fields(&unknown)), (400, vec!["answers.zz9".to_owned()]));
    let range = s.post(&envelope(2, |o| {
        o["answers"]["a2"] = Value::from(7);
        o["overall"] = Value::from(0);
    }));
    assert_eq!((range.status, fields(&range)), (400, vec!["answers.a2".to_owned(), "overall".to_owned()]));
    let uuid = s.post(&envelope(3, |o| {
        o["id"] = Value::from("not-a-uuid");
    }));
    assert_eq!((uuid.status, fields(&uuid)), (400, vec!["id".to_owned()]));
    let types = s.post(br#"{"id":5,"answers":[],"lang":"de"}"#);
    assert_eq!(fields(&types), ["answers", "id", "lang", "survey", "province", "widget"]);

    let huge = envelope(4, |o| {
        o["comment"] = Value::from("x".repeat(70_000));
    });
    let r = s.post(&huge);
    assert_eq!((r.status, fields(&r)), (413, vec!["body".to_owned()]));
    assert_eq!(stored_ids(&s.db).len(), 1);
}

#[test]
fn rate_limit_answers_429_with_retry_after() {
    let dir = TempDir::new("rate");
    let cfg = "[rate_limit]\nburst = 3\nper_second = 0.01\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(cfg), &[]);
    for i in 0..3 {
        assert_eq!(s.post(&envelope(i, |_| {})).status, 201);
    }
    let r = s.post(&envelope(9, |_| {}));
    assert_eq!(r.status, 429);
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=100).contains(&retry), "{retry}");
    assert!(r.json()["errors"][0]["message_vi"].as_str().is_some());
}

#[test]
fn export_needs_a_token_and_masks_free_text() {
    let dir = TempDir::new("export");
    let cfg = "export_tokens = [\"test-token-0123456789abcdefghijklmnopqrstuv\"]\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(cfg), &[]);
    assert_eq!(s.post(&repo_file("tests/fixtures/response.json")).status, 201);
    let dossier = br#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"dossier-rating@2025","province":"ha-noi","dossier":"000.00.19.H12-250101-0001","answers":{"muc_do":4},"comment":"=HYPERLINK(\"x\"), email a.b@c.vn","lang":"vi","widget":"0.1.0"}"#;
    assert_eq!(s.post(dossier).status, 201);

    let none = s.get("/api/v1/export.csv", &[]);
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));
    assert_eq!(s.get("/api/v1/export.csv", &[("authorization", "Bearer wrong-token-0123456789")]).status, 403);

    let auth = [("authorization", "Bearer test-token-0123456789abcdefghijklmnopqrstuv")];
    let csv = s.get("/api/v1/export.csv", &auth);
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    assert!(text.starts_with(
        "\u{feff}id,received_at,survey,province,procedure,tier,channel,lang,overall,answers,comment,profile,raw\r\n"
    ));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("Gọi lại cho tôi: [số đã ẩn]."), "{text}");
    assert!(!text.contains("0912") && !text.contains("000.00.19"), "{text}");
    assert!(lines[1].contains("a1=4; a2=3") && lines[1].contains("d3=na") && lines[1].contains("gender=nu"));

    let dossiers = s.get("/api/v1/export.csv?scheme=dossier", &auth).text();
    assert!(dossiers.contains(",dossier,raw\r\n") && dossiers.contains("000.00.19.H12-250101-0001"), "{dossiers}");
    assert!(dossiers.contains("\"'=HYPERLINK(\"\"x\"\"), email [email đã ẩn]\""), "{dossiers}");
    assert!(!dossiers.contains("gender"));
}

fn rated(seed: u64, procedure: &str, a1: Value, overall: u8) -> Vec<u8> {
    let procedure = procedure.to_owned();
    envelope(seed, move |o| {
        o["procedure"] = Value::from(procedure);
        o["answers"]["a1"] = a1;
        o["overall"] = Value::from(overall);
    })
}

#[test]
fn summary_suppresses_small_cells_and_computes_figures() {
    let dir = TempDir::new("summary");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &["--no-rate-limit"]);
    let mut seed = 100;
    let mut post = |procedure: &str, a1: Value, overall: u8| {
        seed += 1;
        assert_eq!(s.post(&rated(seed, procedure, a1, overall)).status, 201);
    };
    for _ in 0..9 {
        post("1.000001", Value::from(5), 5);
    }
    // 12 responses: a1 = 5×6, 4×3, 2×2, n/a×1 → n 11, top-2-box 9/11 = 81.8%, mean 46/11 = 4.18.
    for a1 in [5, 5, 5, 5, 5, 5, 4, 4, 4, 2, 2] {
        post("1.000002", Value::from(a1), 4);
    }
    post("1.000002", Value::from("na"), 1);
    // A third procedure, so that the hidden one is not simply the total minus 1.000002: 1.000003,
    // the smaller shown one, is hidden with it as its complement.
    for _ in 0..10 {
        post("1.000003", Value::from(5), 5);
    }

    let by = s.get("/api/v1/summary?survey=sipas-service-b@2026&by=procedure&period=month", &[]);
    assert_eq!(by.status, 200, "{}", by.text());
    let body = by.json();
    let cells = body["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 3);
    let complement = &cells[2];
    assert_eq!((complement["group"].as_str(), complement["suppressed"].as_bool()), (Some("1.000003"), Some(false)));
    assert!(complement["overall"]["suppressed"] == true && complement["overall"]["counts"].is_null());
    let small = &cells[0];
    assert_eq!((small["group"].as_str(), small["responses"].as_u64()), (Some("1.000001"), Some(9)));
    assert_eq!(small["suppressed"], true);
    assert!(small["overall"]["top2"].is_null() && small["elements"][0]["criteria"][0]["counts"].is_null());
    let big = &cells[1];
    assert_eq!((big["group"].as_str(), big["suppressed"].as_bool()), (Some("1.000002"), Some(false)));
    let a1 = &big["elements"][0]["criteria"][0];
    assert_eq!(a1["id"], "a1");
    assert_eq!((a1["n"].as_u64(), a1["na"].as_u64()), (Some(11), Some(1)));
    assert_eq!(a1["top2"].as_f64(), Some(81.8));
    assert_eq!(a1["mean"].as_f64(), Some(4.18));
    assert_eq!(a1["counts"], serde_json::json!([0, 2, 0, 3, 6]));
    let interval = a1["interval"].as_array().unwrap();
    assert!(interval[0].as_f64().unwrap() < 81.8 && 81.8 < interval[1].as_f64().unwrap());
    assert_eq!(big["overall"]["top2"].as_f64(), Some(91.7));
    assert!(big["period"].as_str().unwrap().len() == 7, "month label YYYY-MM");

    let all = s.get("/api/v1/summary?survey=sipas-service-b@2026", &[]).json();
    assert_eq!(all["cells"][0]["responses"], 31);
    assert_eq!(all["cells"][0]["suppressed"], false);
    let one = s.get("/api/v1/summary?survey=sipas-service-b@2026&procedure=1.000001", &[]).json();
    assert_eq!(one["cells"][0]["suppressed"], true);
    let none =
        s.get("/api/v1/summary?survey=sipas-service-b@2026&period=year&from=2000-01-01&to=2000-12-31", &[]).json();
    assert_eq!(none["cells"], serde_json::json!([]));

    let bad = s.get("/api/v1/summary?survey=nope@1&period=week&from=2025-02-30&x=1", &[]);
    assert_eq!(bad.status, 400);
    let mut f = fields(&bad);
    f.sort();
    assert_eq!(f, ["from", "period", "survey", "x"]);
}

#[test]
fn summary_and_reach_answer_only_for_the_collector_s_province() {
    let dir = TempDir::new("province-param");
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some("province = \"ha-noi\"\n"), &["--no-rate-limit"]);
    for path in ["/api/v1/summary?survey=sipas-service-b@2026&province=hue", "/api/v1/reach?province=hue"] {
        let r = s.get(path, &[]);
        assert_eq!((r.status, fields(&r)), (400, vec!["province".to_owned()]), "{path}");
    }
    assert_eq!(s.get("/api/v1/reach?province=ha-noi", &[]).status, 200);
    let open = TempDir::new("province-param-open");
    let s = start(&open.path("db.sqlite3"), &open.0, None, &["--no-rate-limit"]);
    for path in ["/api/v1/summary?survey=sipas-service-b@2026&province=Ha%20Noi", "/api/v1/reach?province=Ha%20Noi"] {
        let r = s.get(path, &[]);
        assert_eq!((r.status, fields(&r)), (400, vec!["province".to_owned()]), "{path}");
    }
}

#[test]
fn cors_only_for_configured_origins() {
    let dir = TempDir::new("cors");
    let cfg = "allowed_origins = [\"http://127.0.0.1:9000\"]\nprovince = \"ha-noi\"\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(cfg), &[]);
    let pre = [("origin", "http://127.0.0.1:9000"), ("access-control-request-method", "POST")];
    let ok = request(s.addr, "OPTIONS", "/api/v1/responses", &pre, b"").unwrap();
    assert_eq!(ok.status, 204);
    assert_eq!(ok.header("access-control-allow-origin"), Some("http://127.0.0.1:9000"));
    let evil = [("origin", "https://evil.example"), ("access-control-request-method", "POST")];
    let no = request(s.addr, "OPTIONS", "/api/v1/responses", &evil, b"").unwrap();
    assert_eq!(no.status, 403);
    assert_eq!(no.header("access-control-allow-origin"), None);
    let headers = [("content-type", "application/json"), ("origin", "http://127.0.0.1:9000")];
    let r = request(s.addr, "POST", "/api/v1/responses", &headers, &repo_file("tests/fixtures/response.json")).unwrap();
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://127.0.0.1:9000"));
    let other = s.post(&envelope(1, |o| {
        o["province"] = Value::from("hue");
    }));
    assert_eq!(fields(&other), ["province"]);
    assert_eq!(s.get("/healthz", &[]).json()["status"], "ok");
    // Every API answer varies by Origin, whether or not it carries CORS headers.
    for r in [s.get("/api/v1/summary?survey=helpful@2025", &[]), no, s.post(b"{}")] {
        assert!(r.header("vary").is_some_and(|v| v.contains("Origin")), "{:?}", r.headers);
    }
}
