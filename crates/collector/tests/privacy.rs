//! What the database keeps (issue 11): no hash of unmasked text, dossier ratings that cannot be
//! matched to SIPAS rows by time, older files migrated in place, retries recognised across upgrades.

mod common;

use common::*;
use rusqlite::Connection;
use serde_json::Value;

const DOSSIER: &str = r#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"dossier-rating@2025","province":"ha-noi","dossier":"000.00.19.H12-250101-0001","answers":{"muc_do":4},"comment":"gọi 0912 345 678","lang":"vi","widget":"0.1.0","client_time":"2026-03-14T09:05:07+07:00"}"#;

/// Whether `bytes` hold a run of 64 hex digits (a SHA-256 written out).
fn has_sha256_hex(bytes: &[u8]) -> bool {
    bytes.split(|b| !b.is_ascii_hexdigit()).any(|run| run.len() >= 64)
}

/// The database file and its WAL, as someone holding a copy would read them.
fn file_bytes(db: &std::path::Path) -> Vec<u8> {
    let mut all = std::fs::read(db).unwrap();
    all.extend(std::fs::read(format!("{}-wal", db.display())).unwrap_or_default());
    all
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn nothing_derived_from_unmasked_text_is_stored() {
    let dir = TempDir::new("nohash");
    let db = dir.path("db.sqlite3");
    let s = start(&db, &dir.0, None, &[]);
    let fixture = repo_file("tests/fixtures/response.json");
    assert_eq!(s.post(&fixture).status, 201);
    assert_eq!(s.post(DOSSIER.as_bytes()).status, 201);
    assert_eq!(s.post(&fixture).status, 200, "a retry is still recognised");
    assert_eq!(s.post(DOSSIER.as_bytes()).status, 200);
    let other_number = String::from_utf8(fixture.clone()).unwrap().replace("0912 345 678", "0987 654 321");
    assert_eq!(s.post(other_number.as_bytes()).status, 200, "the same stored answer: the number is not kept");
    assert_eq!(s.post(String::from_utf8(fixture).unwrap().replace("tận tình", "chu đáo").as_bytes()).status, 409);
    assert!(s.stop().success());
    let bytes = file_bytes(&db);
    assert!(!has_sha256_hex(&bytes), "a hash of the body before masking can be brute-forced");
    assert!(!bytes.windows(4).any(|w| w == b"0912"));
    let conn = Connection::open(&db).unwrap();
    assert!(!columns(&conn, "responses").contains(&"body_hash".to_owned()));
}

#[test]
fn dossier_ratings_keep_the_day_only_and_no_device_clock() {
    let dir = TempDir::new("coarse");
    let db = dir.path("db.sqlite3");
    let s = start(&db, &dir.0, Some("export_tokens = [\"test-token-0123456789abcdefghijklmnopqrstuv\"]\n"), &[]);
    assert_eq!(s.post(DOSSIER.as_bytes()).status, 201);
    assert_eq!(s.post(&repo_file("tests/fixtures/response.json")).status, 201);
    let conn = Connection::open(&db).unwrap();
    let (at, body): (i64, String) =
        conn.query_row("SELECT received_at, body FROM dossier_ratings", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((at + 7 * 3600) % 86_400, 0, "local midnight, not the second it arrived");
    assert!(!body.contains("client_time"), "{body}");
    let sipas: String = conn.query_row("SELECT body FROM responses", [], |r| r.get(0)).unwrap();
    assert!(!sipas.contains("client_time"), "{sipas}");
    let schema: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'dossier_ratings'", [], |r| r.get(0)).unwrap();
    assert!(schema.contains("WITHOUT ROWID"), "insertion order would pair rows up: {schema}");
    let csv = s.get(
        "/api/v1/export.csv?scheme=dossier",
        &[("authorization", "Bearer test-token-0123456789abcdefghijklmnopqrstuv")],
    );
    let line = csv.text().lines().nth(1).unwrap().to_owned();
    assert_eq!(line.split(',').nth(1).unwrap().len(), "2026-03-14".len(), "{line}");
}

/// The schema of collector 0.1.0 before issue 11, with a body hash beside each row.
const SCHEMA_V0: &str = "
CREATE TABLE responses (
  id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, body TEXT NOT NULL, survey TEXT NOT NULL,
  province TEXT NOT NULL, procedure TEXT, tier TEXT, channel TEXT, lang TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX responses_received ON responses(received_at);
CREATE TABLE dossier_ratings (
  id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, body TEXT NOT NULL, survey TEXT NOT NULL,
  province TEXT NOT NULL, procedure TEXT, tier TEXT, channel TEXT, lang TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX dossier_ratings_received ON dossier_ratings(received_at);
";

#[test]
fn an_older_database_is_migrated_in_place() {
    let dir = TempDir::new("migrate");
    let db = dir.path("db.sqlite3");
    let hash = "ab".repeat(32);
    let fixture = String::from_utf8(repo_file("tests/fixtures/response.json")).unwrap();
    let stored_v0 = fixture.replace("0912 345 678", "[số đã ẩn]");
    let legacy = r#"{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","survey":"helpful@2024","legacy":true}"#;
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(SCHEMA_V0).unwrap();
        let insert = |table: &str, id: &str, body: &str, at: i64| {
            conn.execute(
                &format!("INSERT INTO {table} VALUES (?1, ?2, ?3, 's', 'ha-noi', NULL, NULL, NULL, 'vi', ?4)"),
                rusqlite::params![id, hash, body, at],
            )
            .unwrap();
        };
        insert("responses", "0f8fad5b-d9cb-469f-a165-70867728950e", &stored_v0, 1_773_453_907);
        insert("responses", "7c9e6679-7425-40de-944b-e07fc1f90ae7", legacy, 1_773_453_908);
        insert("dossier_ratings", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", DOSSIER, 1_773_453_907);
    }
    let s = start(&db, &dir.0, Some("export_tokens = [\"test-token-0123456789abcdefghijklmnopqrstuv\"]\n"), &[]);
    assert_eq!(s.post(fixture.as_bytes()).status, 200, "a retry of a row stored before the upgrade");
    let csv =
        s.get("/api/v1/export.csv", &[("authorization", "Bearer test-token-0123456789abcdefghijklmnopqrstuv")]).text();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("7c9e6679-7425-40de-944b-e07fc1f90ae7,") && csv.contains("\"\"legacy\"\":true"), "{csv}");
    assert!(s.stop().success());

    assert!(!has_sha256_hex(&file_bytes(&db)), "the old hashes are gone from the file, free pages included");
    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 2, "1 → 2 adds the reach counters");
    assert!(!columns(&conn, "responses").contains(&"body_hash".to_owned()));
    assert!(!columns(&conn, "dossier_ratings").contains(&"body_hash".to_owned()));
    let (at, body): (i64, String) =
        conn.query_row("SELECT received_at, body FROM dossier_ratings", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(at, 1_773_453_907 - (1_773_453_907 + 7 * 3600) % 86_400);
    assert!(!body.contains("client_time") && !body.contains("0912"), "{body}");
    let kept: String = conn.query_row("SELECT body FROM responses WHERE id LIKE '7c9e%'", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, legacy, "a body today's parser refuses is kept as it was");
}

#[test]
fn a_retry_refused_by_today_s_rules_still_gets_200() {
    let dir = TempDir::new("upgrade");
    let db = dir.path("db.sqlite3");
    let fixture = repo_file("tests/fixtures/response.json");
    let s = start(&db, &dir.0, None, &[]);
    assert_eq!(s.post(&fixture).status, 201);
    assert!(s.stop().success());
    // The operator now sets the province: the stored answer's province is refused from now on.
    let s = start(&db, &dir.0, Some("province = \"hue\"\n"), &[]);
    let again = s.post(&fixture);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["receipt"], "1Y7T-TPYS");
    let mut changed: Value = serde_json::from_slice(&fixture).unwrap();
    changed["overall"] = Value::from(1);
    assert_eq!(s.post(changed.to_string().as_bytes()).status, 400, "not a retry: today's rules apply");
}

#[test]
fn the_error_list_is_capped() {
    let dir = TempDir::new("errcap");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &[]);
    let body = envelope(7, |o| {
        for i in 0..500 {
            o["answers"][format!("zz{i}")] = Value::from(4);
        }
    });
    let r = s.post(&body);
    assert_eq!(r.status, 400);
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert_eq!(errors.len(), 21);
    assert_eq!(errors[20]["field"], "body");
    assert!(errors[20]["message_en"].as_str().unwrap().starts_with("480 more"), "{:?}", errors[20]);
}
