//! Restarts and shutdown: nothing acknowledged is ever lost.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use collector::client::Conn;
use common::*;

#[test]
fn restart_keeps_answers_and_their_ids() {
    let dir = TempDir::new("restart");
    let db = dir.path("db.sqlite3");
    let fixture = repo_file("tests/fixtures/response.json");
    let s = start(&db, &dir.0, None, &[]);
    assert_eq!(s.post(&fixture).status, 201);
    assert!(s.stop().success());

    let s = start(&db, &dir.0, None, &[]);
    assert_eq!(s.post(&fixture).status, 200, "the id is remembered across restarts");
    let summary = s.get("/api/v1/summary?survey=sipas-service-b@2026", &[]).json();
    assert_eq!(summary["cells"][0]["responses"], 1);
    assert_eq!(stored_ids(&db).len(), 1);
}

#[test]
fn shutdown_under_load_loses_no_acknowledged_answer() {
    let dir = TempDir::new("drain");
    let db = dir.path("db.sqlite3");
    let s = start(&db, &dir.0, None, &["--no-rate-limit"]);
    let addr = s.addr;
    let workers: Vec<_> = (0..8u64)
        .map(|w| {
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                let Ok(mut conn) = Conn::open(addr) else { return acked };
                let deadline = Instant::now() + Duration::from_secs(10);
                for i in 0.. {
                    if Instant::now() > deadline {
                        break;
                    }
                    let body = envelope(w << 32 | i, |_| {});
                    match conn.send("POST", "/api/v1/responses", &[("content-type", "application/json")], &body) {
                        Ok(r) if r.status == 201 => acked.push(r.json()["id"].as_str().unwrap().to_owned()),
                        Ok(r) => panic!("unexpected {} {}", r.status, r.text()),
                        Err(_) => break, // the server closed the connection while shutting down
                    }
                }
                acked
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(800));
    let status = s.stop();
    assert!(status.success(), "{status:?}");
    let acked: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(acked.len() > 50, "only {} answers were acknowledged", acked.len());
    let stored: HashSet<String> = stored_ids(&db).into_iter().collect();
    let lost: Vec<&String> = acked.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(lost.is_empty(), "{} acknowledged answers lost, e.g. {:?}", lost.len(), lost.first());

    // The counts were written in the same transactions as the rows.
    let s = start(&db, &dir.0, None, &[]);
    let summary = s.get("/api/v1/summary?survey=sipas-service-b@2026", &[]).json();
    assert_eq!(summary["cells"][0]["responses"].as_u64(), Some(stored.len() as u64));
}
