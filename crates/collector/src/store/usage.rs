//! The reach counters: one table of daily counts per province, counter and key. A batch from a
//! page is added here by the writer and never stored as it came: no raw event row, no time finer
//! than the local day, nothing about the sender.
//!
//! Bounded: per province, day and counter at most [`QUERY_CAP`] distinct no-result queries and
//! [`KEY_CAP`] distinct keys of the other counters; past that the counts go to the key
//! [`OTHER`]. Rows older than the retention period are deleted with the raw answers (see
//! `retention.rs`), and backups copy them like every table.

use rusqlite::{params, Connection, OptionalExtension};
use tthc_core::stats::{date_label, local_day};
use tthc_core::usage::reach::Row;
use tthc_core::usage::{Tally, OTHER};

/// Distinct no-result queries kept per province and day.
pub const QUERY_CAP: i64 = 200;
/// Distinct keys of the other counters per province and day (a province has about 2,000
/// procedures; this leaves room and bounds a flood of made-up codes).
pub const KEY_CAP: i64 = 5000;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS usage_counts (
  province TEXT NOT NULL, day INTEGER NOT NULL, counter TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (province, day, counter, key)
) WITHOUT ROWID;
";

/// The tables holding reach counters (for the backup's row count).
pub const TABLES: [&str; 1] = ["usage_counts"];

/// A checked batch and the local day it was received.
#[derive(Debug, Clone)]
pub struct UsageBatch {
    pub province: String,
    pub day: i64,
    pub tally: Tally,
}

impl UsageBatch {
    pub fn new(province: String, tally: Tally, received_at: i64) -> Self {
        UsageBatch { province, day: local_day(received_at), tally }
    }
}

fn add(tx: &Connection, b: &UsageBatch, counter: &str, key: &str, n: u32) -> rusqlite::Result<()> {
    let cap = if counter == "no_result" { QUERY_CAP } else { KEY_CAP };
    let exists = tx
        .prepare_cached("SELECT 1 FROM usage_counts WHERE province = ?1 AND day = ?2 AND counter = ?3 AND key = ?4")?
        .query_row(params![b.province, b.day, counter, key], |_| Ok(()))
        .optional()?
        .is_some();
    let key = if exists || key == OTHER || counter == "searches" {
        key
    } else {
        let distinct: i64 = tx
            .prepare_cached(
                "SELECT COUNT(*) FROM usage_counts WHERE province = ?1 AND day = ?2 AND counter = ?3 AND key <> ?4",
            )?
            .query_row(params![b.province, b.day, counter, OTHER], |r| r.get(0))?;
        if distinct < cap {
            key
        } else {
            OTHER
        }
    };
    tx.prepare_cached(
        "INSERT INTO usage_counts (province, day, counter, key, n) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT DO UPDATE SET n = n + excluded.n",
    )?
    .execute(params![b.province, b.day, counter, key, n])?;
    Ok(())
}

/// Adds every batch to the daily counters in one transaction.
pub fn write(conn: &mut Connection, batches: &[UsageBatch]) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for b in batches {
        if b.tally.searches > 0 {
            add(&tx, b, "searches", "", b.tally.searches)?;
        }
        for (counter, map) in b.tally.maps() {
            for (key, &n) in map.iter() {
                add(&tx, b, counter, key, n)?;
            }
        }
    }
    tx.commit()
}

/// Deletes up to `limit` counter rows of days before the one holding `cutoff` (unix seconds).
pub fn delete_before(conn: &Connection, cutoff: i64, limit: usize) -> rusqlite::Result<usize> {
    conn.execute(
        &format!(
            "DELETE FROM usage_counts WHERE (province, day, counter, key) IN \
             (SELECT province, day, counter, key FROM usage_counts WHERE day < ?1 LIMIT {limit})"
        ),
        [local_day(cutoff)],
    )
}

/// The rows of one province (every province when `None`) between two local days, inclusive:
/// per day with keys summed away where the reach cells do not need them, and per key over
/// the range for the lists.
pub fn read(conn: &Connection, province: Option<&str>, from: i64, to: i64) -> rusqlite::Result<(Vec<Row>, Vec<Row>)> {
    let filter = "(?1 IS NULL OR province = ?1) AND day BETWEEN ?2 AND ?3";
    let row = |r: &rusqlite::Row| Ok(Row { day: r.get(0)?, counter: r.get(1)?, key: r.get(2)?, n: r.get(3)? });
    let days = conn
        .prepare(&format!(
            "SELECT day, counter, CASE counter WHEN 'filing' THEN substr(key, instr(key, ':') + 1) \
             WHEN 'started' THEN key WHEN 'finished' THEN key ELSE '' END AS k, SUM(n) \
             FROM usage_counts WHERE {filter} GROUP BY day, counter, k"
        ))?
        .query_map(params![province, from, to], row)?
        .collect::<Result<Vec<_>, _>>()?;
    let range = conn
        .prepare(&format!(
            "SELECT 0, counter, key, SUM(n) FROM usage_counts \
             WHERE {filter} AND counter IN ('opened', 'filing', 'events', 'no_result') GROUP BY counter, key"
        ))?
        .query_map(params![province, from, to], row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((days, range))
}

/// Every counter row as CSV lines (`usage::popularity::EXPORT_COLUMNS`), oldest day first.
pub fn export(conn: &Connection, mut line: impl FnMut([&str; 5])) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("SELECT day, province, counter, key, n FROM usage_counts ORDER BY day, province, counter, key")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (day, n): (i64, i64) = (r.get(0)?, r.get(4)?);
        let (province, counter, key): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        line([&date_label(day), &province, &counter, &key, &n.to_string()]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_day_and_deletion_by_day() {
        let path = std::env::temp_dir().join(format!("collector-usage-{}.sqlite3", std::process::id()));
        let mut conn = super::super::open_writer(&path).unwrap();
        let mut batches = Vec::new();
        for i in 0..QUERY_CAP + 5 {
            let mut t = Tally::default();
            t.search(
                &format!("thu tuc {}", char::from(b'a' + (i % 26) as u8).to_string().repeat(1 + i as usize / 26)),
                false,
            );
            batches.push(UsageBatch::new("hue".into(), t, 1_000_000));
        }
        write(&mut conn, &batches).unwrap();
        let count = |conn: &Connection, sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM usage_counts WHERE counter = 'no_result' AND key <> '~'"),
            QUERY_CAP
        );
        assert_eq!(count(&conn, "SELECT n FROM usage_counts WHERE key = '~'"), 5);
        assert_eq!(count(&conn, "SELECT n FROM usage_counts WHERE counter = 'searches'"), QUERY_CAP + 5);
        // The next day has its own cap.
        write(&mut conn, &[UsageBatch::new("hue".into(), batches[QUERY_CAP as usize].tally.clone(), 1_086_400)])
            .unwrap();
        let next_day = "SELECT COUNT(*) FROM usage_counts WHERE day = (SELECT MAX(day) FROM usage_counts)";
        assert_eq!(count(&conn, &format!("{next_day} AND counter = 'no_result' AND key <> '~'")), 1);
        assert_eq!(delete_before(&conn, 1_086_400, 150).unwrap(), 150);
        assert_eq!(delete_before(&conn, 1_086_400, 1000).unwrap(), 52);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM usage_counts"), 2);
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
