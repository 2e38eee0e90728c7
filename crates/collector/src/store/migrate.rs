//! Brings a database written by an older collector up to the current schema, in place, once.
//!
//! Version 0 → 1 (issue 11): drops `body_hash` (the SHA-256 of the body before masking, which
//! let a masked number be recovered by brute force), drops the device clock from stored bodies,
//! keeps only the receive day of dossier ratings and rebuilds their table without an
//! insertion-order rowid. Then `VACUUM` rewrites the file so the old values are not left in
//! free pages, and the WAL is truncated.
//!
//! Version 1 → 2 (issue 14): adds the reach counters table (`store::usage::SCHEMA`, created by
//! `open_writer` on every start); nothing existing is rewritten, so this step has no code here.

use rusqlite::{Connection, OptionalExtension};
use tthc_core::stats::local_day_start;
use tthc_core::stored::stored_form;
use tthc_core::survey::parse_body;

/// Rows rewritten per step, so memory stays flat on a large database.
const MIGRATE_PAGE: usize = 1000;

/// Migrates `conn`'s database when it predates the current schema; a new file is left alone.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let exists = conn
        .query_row("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'responses'", [], |_| Ok(()))
        .optional()?
        .is_some();
    if version >= 1 || !exists {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(
        "ALTER TABLE responses DROP COLUMN body_hash;
         CREATE TABLE dossier_ratings_v1 (
           id TEXT PRIMARY KEY, body TEXT NOT NULL, survey TEXT NOT NULL,
           province TEXT NOT NULL, procedure TEXT, tier TEXT, channel TEXT, lang TEXT NOT NULL,
           received_at INTEGER NOT NULL
         ) WITHOUT ROWID;
         INSERT INTO dossier_ratings_v1 (id, body, survey, province, procedure, tier, channel, lang, received_at)
           SELECT id, body, survey, province, procedure, tier, channel, lang, received_at FROM dossier_ratings;
         DROP TABLE dossier_ratings;
         ALTER TABLE dossier_ratings_v1 RENAME TO dossier_ratings;
         CREATE INDEX dossier_ratings_received ON dossier_ratings(received_at);",
    )?;
    for table in ["responses", "dossier_ratings"] {
        let mut page = tx.prepare(&format!(
            "SELECT id, body, received_at FROM {table} WHERE id > ?1 ORDER BY id LIMIT {MIGRATE_PAGE}"
        ))?;
        let mut update = tx.prepare(&format!("UPDATE {table} SET body = ?2, received_at = ?3 WHERE id = ?1"))?;
        let mut after = String::new();
        loop {
            let rows: Vec<(String, String, i64)> =
                page.query_map([&after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
            let Some(last) = rows.last() else { break };
            after = last.0.clone();
            for (id, body, at) in rows {
                // A body today's parser refuses is kept as it is, never dropped.
                let body = parse_body(body.as_bytes())
                    .map(|env| String::from_utf8(stored_form(env).to_body()).expect("canonical JSON is UTF-8"))
                    .unwrap_or(body);
                let at = if table == "dossier_ratings" { local_day_start(at) } else { at };
                update.execute(rusqlite::params![id, body, at])?;
            }
        }
    }
    tx.pragma_update(None, "user_version", 1)?;
    tx.commit()?;
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
    eprintln!("database migrated to schema version 1 (body hashes removed, dossier ratings coarsened)");
    Ok(())
}
