//! `collector backup` against a running collector: a consistent copy, never an overwrite.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;

fn backup(db: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_collector"))
        .arg("backup")
        .arg("--db")
        .arg(db)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run collector backup")
}

#[test]
fn backup_while_running_copies_every_acknowledged_answer() {
    let dir = TempDir::new("backup");
    let db = dir.path("db.sqlite3");
    let s = start(&db, &dir.0, None, &[]);
    let mut acked = BTreeSet::new();
    for seed in 0..5 {
        let r = s.post(&envelope(seed, |_| {}));
        assert_eq!(r.status, 201, "{}", r.text());
        acked.insert(r.json()["id"].as_str().unwrap().to_owned());
    }

    // The server is still running with these commits in its WAL file.
    let out = dir.path("backup-1.sqlite3");
    let run = backup(&db, &out);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("5 responses") && stdout.contains("bytes"), "{stdout}");
    let copy: BTreeSet<String> = stored_ids(&out).into_iter().collect();
    assert_eq!(copy, acked);
    let conn = rusqlite::Connection::open(&out).unwrap();
    let counted: i64 =
        conn.query_row("SELECT SUM(n) FROM counts WHERE question = '_responses'", [], |r| r.get(0)).unwrap();
    assert_eq!(counted, 5, "the count tables are copied with the rows");
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_ne!(mode, "wal", "the copy is one self-contained file");
    drop(conn);

    // The collector keeps working, and the copy does not change with it.
    assert_eq!(s.post(&envelope(99, |_| {})).status, 201);
    assert_eq!(stored_ids(&out).len(), 5);

    // Never an overwrite: the existing copy is left exactly as it was.
    let before = std::fs::read(&out).unwrap();
    let again = backup(&db, &out);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap(), before);

    // Clear failures: a missing database, an unwritable destination, a missing option.
    let missing = backup(&dir.path("nope.sqlite3"), &dir.path("backup-2.sqlite3"));
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such database file"));
    assert!(!dir.path("nope.sqlite3").exists() && !dir.path("backup-2.sqlite3").exists());
    let no_dir = backup(&db, &dir.path("no-such-dir/backup.sqlite3"));
    assert_eq!(no_dir.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_dir.stderr).contains("collector backup failed"));
    let usage = Command::new(env!("CARGO_BIN_EXE_collector")).args(["backup", "--db"]).arg(&db).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("collector backup --db FILE --out NEW_FILE"));

    assert!(s.stop().success());
    // A restored copy serves the same figures.
    let restored = dir.path("restored.sqlite3");
    std::fs::copy(&out, &restored).unwrap();
    let s = start(&restored, &dir.0, None, &[]);
    let summary = s.get("/api/v1/summary?survey=sipas-service-b@2026", &[]).json();
    assert_eq!(summary["cells"][0]["responses"], 5);
}
