//! `collector backup`: a consistent copy of a live database with SQLite's `VACUUM INTO`.
//!
//! `VACUUM INTO` reads one snapshot (a read transaction), so it is safe while the collector is
//! running and writing in WAL mode; the copy is a single compacted file in rollback-journal mode,
//! with nothing in a `-wal` file. Copying the database file itself would miss the commits still in
//! `-wal`, or catch a half-written checkpoint.

use std::fs::File;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{usage, COUNT_TABLES};

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub bytes: u64,
    pub responses: u64,
    pub dossier_ratings: u64,
    /// Rows of the daily and monthly count tables and of the reach counters.
    pub count_rows: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bytes; {} rows: {} responses, {} dossier ratings, {} count rows",
            self.bytes,
            self.responses + self.dossier_ratings + self.count_rows,
            self.responses,
            self.dossier_ratings,
            self.count_rows
        )
    }
}

/// Writes a consistent copy of the database `db` to the new file `out`, checks the copy and
/// counts its rows. Refuses to overwrite anything; a partial copy is removed on failure.
pub fn backup(db: &Path, out: &Path) -> Result<Summary, String> {
    let shown = |p: &Path| p.display().to_string();
    if !db.is_file() {
        return Err(format!("{}: no such database file", shown(db)));
    }
    if out.symlink_metadata().is_ok() {
        return Err(format!("{}: already exists; refusing to overwrite it (choose a new file name)", shown(out)));
    }
    let out_text = out.to_str().ok_or_else(|| format!("{}: the file name must be UTF-8", shown(out)))?;
    // No SQLITE_OPEN_CREATE (a mistyped path must not create an empty database) and no URI
    // interpretation of either file name.
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| format!("{}: {e}", shown(db)))?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(|e| e.to_string())?;
    let is_collector_db: bool = conn
        .query_row(
            "SELECT COUNT(*) = 2 FROM sqlite_schema WHERE type = 'table' AND name IN ('responses', 'dossier_ratings')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| format!("{}: {e}", shown(db)))?;
    if !is_collector_db {
        return Err(format!("{}: not a collector database (no responses table)", shown(db)));
    }
    let result = conn
        .execute("VACUUM INTO ?1", [out_text])
        .map_err(|e| format!("VACUUM INTO {}: {e}", shown(out)))
        .and_then(|_| check(out));
    if result.is_err() && out.symlink_metadata().is_ok() {
        let _ = std::fs::remove_file(out);
    }
    result
}

/// Flushes the copy to disk, runs SQLite's quick check on it and counts its rows.
fn check(out: &Path) -> Result<Summary, String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", out.display());
    File::open(out).and_then(|f| f.sync_all()).map_err(|e| err(&e))?;
    if let Some(dir) = out.parent().map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d }) {
        // The new directory entry, too (best effort: not every platform can fsync a directory).
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    let conn = Connection::open_with_flags(out, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| err(&e))?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| err(&e))?;
    if verdict != "ok" {
        return Err(err(&format!("the copy failed SQLite's quick check: {verdict}")));
    }
    let count = |table: &str| {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| err(&e))
    };
    let mut count_rows = 0;
    for table in COUNT_TABLES.into_iter().chain(usage::TABLES) {
        count_rows += count(table)?;
    }
    Ok(Summary {
        bytes: std::fs::metadata(out).map_err(|e| err(&e))?.len(),
        responses: count("responses")?,
        dossier_ratings: count("dossier_ratings")?,
        count_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_missing_foreign_and_existing_files() {
        let dir = std::env::temp_dir().join(format!("collector-backup-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (db, out, other) = (dir.join("db.sqlite3"), dir.join("out.sqlite3"), dir.join("other.sqlite3"));
        let missing = backup(&db, &out).unwrap_err();
        assert!(missing.contains("no such database"), "{missing}");
        assert!(!db.exists(), "a mistyped --db must not create a database");

        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        let foreign = backup(&other, &out).unwrap_err();
        assert!(foreign.contains("not a collector database"), "{foreign}");

        drop(super::super::open_writer(&db).unwrap());
        let s = backup(&db, &out).unwrap();
        assert_eq!((s.responses, s.dossier_ratings, s.count_rows), (0, 0, 0));
        assert!(s.bytes > 0);
        let again = backup(&db, &out).unwrap_err();
        assert!(again.contains("already exists"), "{again}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
