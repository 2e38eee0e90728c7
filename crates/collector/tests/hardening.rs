//! Hostile or unlucky conditions (issue 11): forged client addresses, huge exports.

mod common;

use common::*;
use tthc_core::survey::parse_body;

#[test]
fn every_forwarded_for_line_counts_so_a_forged_first_line_changes_nothing() {
    let dir = TempDir::new("xff");
    let cfg = "trusted_proxies = [\"127.0.0.1\"]\n[rate_limit]\nburst = 1\nper_second = 0.001\n";
    let s = start(&dir.path("db.sqlite3"), &dir.0, Some(cfg), &[]);
    let get = |forged: &str, real: &str| {
        let headers = [("x-forwarded-for", forged), ("x-forwarded-for", real)];
        request(s.addr, "GET", "/api/v1/summary?survey=helpful@2025", &headers, b"").unwrap().status
    };
    // The proxy added its own line with the address it saw; the client wrote the first one.
    assert_eq!(get("9.9.9.1", "203.0.113.5"), 200);
    assert_eq!(get("9.9.9.2", "203.0.113.5"), 429, "the same client, whatever it forges");
    assert_eq!(get("9.9.9.2", "203.0.113.6"), 200, "another client has its own bucket");
}

#[test]
fn a_large_export_is_streamed_in_chunks() {
    let dir = TempDir::new("stream");
    let db = dir.path("db.sqlite3");
    {
        let mut conn = collector::store::open_writer(&db).unwrap();
        let batch: Vec<_> = (0..3000)
            .map(|i| {
                let env = parse_body(&envelope(i, |_| {})).unwrap();
                collector::store::NewResponse::new(env, collector::store::Table::Responses, 1_773_453_907 + i as i64)
            })
            .collect();
        collector::store::write_batch(&mut conn, &batch).unwrap();
    }
    let s = start(&db, &dir.0, Some("export_tokens = [\"test-token-0123456789abcdefghijklmnopqrstuv\"]\n"), &[]);
    let csv = s.get("/api/v1/export.csv", &[("authorization", "Bearer test-token-0123456789abcdefghijklmnopqrstuv")]);
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("transfer-encoding"), Some("chunked"));
    assert_eq!(csv.header("content-length"), None);
    let text = csv.text();
    assert!(text.len() > 1_000_000, "{} bytes", text.len());
    assert_eq!(text.lines().count(), 3001);
}

#[test]
fn healthz_reports_failing_writes_until_a_commit_succeeds() {
    let dir = TempDir::new("health");
    let db = dir.path("db.sqlite3");
    let s = start(&db, &dir.0, None, &[]);
    let ok = s.get("/healthz", &[]);
    assert_eq!((ok.status, ok.json()["status"].as_str()), (200, Some("ok")));
    // The disk refuses writes: every insert now fails inside SQLite.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER fail BEFORE INSERT ON responses BEGIN SELECT RAISE(ABORT, 'disk refuses'); END;",
    )
    .unwrap();
    assert_eq!(s.post(&envelope(1, |_| {})).status, 503);
    let failing = s.get("/healthz", &[]);
    assert_eq!(failing.status, 503, "{}", failing.text());
    assert_eq!(failing.json()["status"], "failing");
    assert!(failing.json()["reason"].as_str().unwrap().contains("disk refuses"), "{}", failing.text());
    conn.execute_batch("DROP TRIGGER fail;").unwrap();
    assert_eq!(s.post(&envelope(1, |_| {})).status, 201);
    assert_eq!(s.get("/healthz", &[]).status, 200);
}

#[test]
fn a_client_trickling_its_headers_is_cut_off() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let dir = TempDir::new("slowloris");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &[]);
    let mut slow = std::net::TcpStream::connect(s.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n").unwrap();
    // One header byte a second, for ever: the collector must close the connection.
    let closed_after = loop {
        assert!(started.elapsed() < Duration::from_secs(30), "still open after 30 s");
        if slow.write_all(b"x").is_err() {
            break started.elapsed();
        }
        let mut buf = [0u8; 256];
        match slow.read(&mut buf) {
            Ok(_) => break started.elapsed(), // closed (0) or an error status, either ends it
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => break started.elapsed(),
        }
        std::thread::sleep(Duration::from_millis(800));
    };
    assert!(closed_after >= collector::server::HEADER_TIMEOUT - Duration::from_secs(1), "{closed_after:?}");
    assert_eq!(s.get("/healthz", &[]).status, 200, "other clients are served meanwhile");
}
