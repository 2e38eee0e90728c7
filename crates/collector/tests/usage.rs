//! POST /api/v1/usage, GET /api/v1/reach and GET /api/v1/usage.csv against the real binary, on
//! 127.0.0.1 with a real SQLite file: counts are aggregated per day, capped, never stored raw.

mod common;

use common::*;

fn post_usage(s: &Server, content_type: &str, body: &[u8]) -> Reply {
    request(s.addr, "POST", "/api/v1/usage", &[("content-type", content_type)], body).unwrap()
}

fn fields(r: &Reply) -> Vec<String> {
    r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

const PAGE: &str = r#"{"province":"quang-tri","searches":3,"no_result":{"giay phep karaoke":1},"opened":{"1.001193":2},"filing":{"1.001193:toan_trinh":1},"events":{"khai-sinh":1},"started":{"sipas":1},"finished":{"sipas":1}}"#;

#[test]
fn batches_are_added_to_daily_counters_and_never_stored_raw() {
    let dir = TempDir::new("usage");
    let config = "province = \"quang-tri\"\nexport_tokens = [\"0123456789abcdef0123456789\"]\nreach_threshold = 5\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(config), &["--no-rate-limit"]);
    // Six page visits searched it; a second query only four times (under the threshold).
    for i in 0..6 {
        let body = if i < 4 {
            PAGE.replace("\"searches\":3", "\"searches\":4")
                .replace(r#""giay phep karaoke":1"#, r#""giay phep karaoke":1,"ho chieu #":1"#)
        } else {
            PAGE.to_owned()
        };
        let r = post_usage(&s, "text/plain;charset=UTF-8", body.as_bytes());
        assert_eq!(r.status, 204, "{}", r.text());
    }
    let reach = s.get("/api/v1/reach?period=all", &[]);
    assert_eq!(reach.status, 200, "{}", reach.text());
    let v = reach.json();
    assert_eq!(v["total"]["searches"], 22);
    assert_eq!(v["total"]["opened"], 12);
    assert_eq!(v["total"]["filing"]["toan_trinh"], 6);
    assert_eq!(v["total"]["submissions"]["sipas"]["finished"], 6);
    assert_eq!(v["no_result"], serde_json::json!([{"key": "giay phep karaoke", "n": 6}]));
    assert_eq!(v["no_result_unlisted"], 4, "a query counted four times is not listed");
    assert_eq!(v["top"][0], serde_json::json!({"code": "1.001193", "opened": 12, "filing": 6}));
    assert_eq!(v["threshold"], 5);

    // Counts only: one row per day, counter and key, whatever the number of pages.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM usage_counts", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 8, "searches, 2 queries, opened, filing, events, started, finished");
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('usage_counts')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(columns, ["province", "day", "counter", "key", "n"], "no time, address or agent column");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables, ["counts", "counts_monthly", "dossier_ratings", "responses", "usage_counts"]);
    assert!(stored_ids(&s.db).is_empty(), "no answer row either");

    // Backups copy the counters like every table, and count them.
    let out = dir.path("backup.sqlite3");
    let backup = std::process::Command::new(env!("CARGO_BIN_EXE_collector"))
        .args(["backup", "--db", s.db.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    assert!(
        String::from_utf8_lossy(&backup.stdout).contains(" 8 count rows"),
        "{}",
        String::from_utf8_lossy(&backup.stdout)
    );
    let copy = rusqlite::Connection::open(&out).unwrap();
    assert_eq!(
        copy.query_row("SELECT SUM(n) FROM usage_counts WHERE counter = 'searches'", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        22
    );

    // The export with the token, as `catalogue build --popularity` reads it.
    assert_eq!(s.get("/api/v1/usage.csv", &[]).status, 401);
    let csv = s.get("/api/v1/usage.csv", &[("authorization", "Bearer 0123456789abcdef0123456789")]);
    assert_eq!(csv.status, 200);
    let text = csv.text();
    assert!(text.starts_with("\u{feff}day,province,counter,key,n\r\n"), "{text}");
    let counts = tthc_core::usage::popularity::parse(&text).unwrap();
    assert_eq!(counts["quang-tri"]["1.001193"], 18);
}

#[test]
fn malformed_oversized_and_foreign_batches_are_refused_with_reasons() {
    let dir = TempDir::new("usage-bad");
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some("province = \"quang-tri\"\n"), &["--no-rate-limit"]);
    let bad = post_usage(
        &s,
        "application/json",
        br#"{"province":"quang-tri","searches":1,"opened":{"abc":1},"ip":"1.2.3.4"}"#,
    );
    assert_eq!(bad.status, 400);
    assert_eq!(fields(&bad), ["body"], "unknown field: {}", bad.text());
    let bad = post_usage(
        &s,
        "application/json",
        r#"{"province":"quang-tri","searches":1,"opened":{"abc":1},"no_result":{"Giấy 0912345678":1}}"#.as_bytes(),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(fields(&bad), ["no_result.Giấy 0912345678", "opened.abc"]);
    assert!(bad.json()["errors"][0]["message_vi"].as_str().unwrap().contains("Khoá"), "{}", bad.text());
    assert_eq!(fields(&post_usage(&s, "application/json", b"not json")), ["body"]);
    assert_eq!(fields(&post_usage(&s, "text/html", PAGE.as_bytes())), ["content-type"]);
    let foreign = PAGE.replace("quang-tri", "hue");
    assert_eq!(fields(&post_usage(&s, "application/json", foreign.as_bytes())), ["province"]);
    let keys: Vec<String> = (0..5000).map(|i| format!("\"1.{i:06}\":1")).collect();
    let big = format!(r#"{{"province":"quang-tri","opened":{{{}}}}}"#, keys.join(","));
    let r = post_usage(&s, "application/json", big.as_bytes());
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(fields(&r), ["body"]);
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM usage_counts", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0, "nothing refused is counted");
    assert_eq!(fields(&s.get("/api/v1/reach?period=week&x=1", &[])), ["x", "period"]);
}

#[test]
fn usage_is_rate_limited_like_answers() {
    let dir = TempDir::new("usage-rate");
    let config = "[rate_limit]\nburst = 2\nper_second = 0.01\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(config), &[]);
    assert_eq!(post_usage(&s, "application/json", PAGE.as_bytes()).status, 204);
    assert_eq!(post_usage(&s, "application/json", PAGE.as_bytes()).status, 204);
    let limited = post_usage(&s, "application/json", PAGE.as_bytes());
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
}

#[test]
fn distinct_no_result_queries_per_day_are_capped_the_rest_counted_as_other() {
    let dir = TempDir::new("usage-cap");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &["--no-rate-limit"]);
    let cap = collector::store::usage::QUERY_CAP as usize;
    for i in 0..cap + 10 {
        // Letters only: digits would be masked into one query.
        let q: String = format!("{i:04}").bytes().map(|b| char::from(b'a' + (b - b'0'))).collect();
        let body = format!(r#"{{"province":"hue","searches":1,"no_result":{{"thu tuc {q}":1}}}}"#);
        assert_eq!(post_usage(&s, "application/json", body.as_bytes()).status, 204);
    }
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM usage_counts WHERE counter = 'no_result' AND key <> '~'"), cap as i64);
    assert_eq!(count("SELECT n FROM usage_counts WHERE counter = 'no_result' AND key = '~'"), 10);
    assert_eq!(count("SELECT n FROM usage_counts WHERE counter = 'searches'"), cap as i64 + 10, "no count is lost");
    let reach = s.get("/api/v1/reach?period=day&province=hue", &[]).json();
    assert_eq!(reach["no_result_unlisted"], cap + 10);
}
