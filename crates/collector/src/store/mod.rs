//! SQLite storage. One writer (see [`writer`]) and short-lived read-only connections.
//!
//! - `responses`: SIPAS and "helpful" answers, with their optional anonymous profile.
//! - `dossier_ratings`: per-dossier ratings. A dossier code points to a person, so these rows
//!   live in their own table, are exported separately, and are never joined with `responses`.
//! - `counts`: incremental answer counts per (survey, province, local day, procedure, tier,
//!   question, value), updated in the same transaction as the raw row; `counts_monthly` holds
//!   the same counts per month (`day` = the month's first day), so a year-long summary reads
//!   twelve rows per key instead of 365. Summaries read only these tables, and they outlive the
//!   raw rows (retention deletes raw rows only).
//!
//! Bodies are stored in their stored form (`tthc_core::stored`): canonical JSON with free text
//! masked and no device clock. A repeated id is a retry (200) when its body has the same stored
//! form, otherwise a conflict (409); nothing derived from the unmasked text is kept. Dossier
//! ratings keep their receive day only (local midnight), and their table has no insertion-order
//! rowid, so neither time nor order matches them up with SIPAS rows.
//!
//! - `usage_counts`: the reach counters, daily per province (see [`usage`]).
//!
//! `PRAGMA user_version` holds the schema version; [`migrate`] brings older files up to date.
//!
//! Durability: WAL with `synchronous=FULL`, so a transaction is on disk (WAL fsynced) before
//! COMMIT returns and the request is acknowledged; a power cut cannot lose an acknowledged
//! answer (the outbox would already have deleted it). Group commit pays one fsync per batch.

pub mod backup;
mod migrate;
pub mod read;
pub mod retention;
pub mod usage;
pub mod writer;

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use tthc_core::envelope::Envelope;
use tthc_core::stats::{contributions, local_day, local_day_start, month_start};
use tthc_core::stored::{is_retry, stored_form};

/// The schema version this build writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS responses (
  id TEXT PRIMARY KEY, body TEXT NOT NULL, survey TEXT NOT NULL,
  province TEXT NOT NULL, procedure TEXT, tier TEXT, channel TEXT, lang TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_received ON responses(received_at);
CREATE TABLE IF NOT EXISTS dossier_ratings (
  id TEXT PRIMARY KEY, body TEXT NOT NULL, survey TEXT NOT NULL,
  province TEXT NOT NULL, procedure TEXT, tier TEXT, channel TEXT, lang TEXT NOT NULL,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dossier_ratings_received ON dossier_ratings(received_at);
CREATE TABLE IF NOT EXISTS counts (
  survey TEXT NOT NULL, province TEXT NOT NULL, day INTEGER NOT NULL, procedure TEXT NOT NULL,
  tier TEXT NOT NULL, question TEXT NOT NULL, value INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (survey, province, day, procedure, tier, question, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counts_monthly (
  survey TEXT NOT NULL, province TEXT NOT NULL, day INTEGER NOT NULL, procedure TEXT NOT NULL,
  tier TEXT NOT NULL, question TEXT NOT NULL, value INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (survey, province, day, procedure, tier, question, value)
) WITHOUT ROWID;
";

/// The two count tables: per local day and per month.
const COUNT_TABLES: [&str; 2] = ["counts", "counts_monthly"];

/// Which table a response belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Responses,
    DossierRatings,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Responses => "responses",
            Table::DossierRatings => "dossier_ratings",
        }
    }
}

/// Opens (creating if needed) the database for writing and sets the pragmas.
pub fn open_writer(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "cache_size", -65_536)?; // 64 MiB: the count tables stay hot
                                                      // Deleted rows (retention) are overwritten, not left readable in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    migrate::migrate(&conn)?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(usage::SCHEMA)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(conn)
}

/// A read-only connection (summaries, export); WAL lets it read while the writer writes.
pub fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// A validated response ready to store.
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub id: String,
    /// The stored form: canonical JSON with free text masked.
    pub body: String,
    pub table: Table,
    pub survey: String,
    pub province: String,
    pub procedure: Option<String>,
    pub tier: Option<String>,
    pub channel: Option<String>,
    pub lang: &'static str,
    pub received_at: i64,
    /// (question, value) count increments.
    pub counts: Vec<(String, u8)>,
}

impl NewResponse {
    /// The stored form of a validated envelope received at `received_at` (unix seconds;
    /// dossier ratings keep only the local day it falls on).
    pub fn new(env: Envelope, table: Table, received_at: i64) -> NewResponse {
        let env = stored_form(env);
        let counts = contributions(&env).into_iter().map(|(q, v)| (q.to_owned(), v)).collect();
        let received_at = if table == Table::DossierRatings { local_day_start(received_at) } else { received_at };
        NewResponse {
            body: String::from_utf8(env.to_body()).expect("canonical JSON is UTF-8"),
            table,
            counts,
            lang: env.lang.code(),
            received_at,
            id: env.id,
            survey: env.survey,
            province: env.province,
            procedure: env.procedure,
            tier: env.tier,
            channel: env.channel,
        }
    }
}

/// What storing a response did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// New id: stored (201).
    Created,
    /// Same id, same body: already stored (200).
    Duplicate,
    /// Same id, different body (409).
    Conflict,
}

/// The stored body under `id`, in either table.
pub fn find_stored(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT body FROM responses WHERE id = ?1 UNION ALL SELECT body FROM dossier_ratings WHERE id = ?1",
    )?
    .query_row([id], |row| row.get(0))
    .optional()
}

type CountKey<'a> = (&'a str, &'a str, i64, &'a str, &'a str, &'a str, u8);

/// Stores a batch in one transaction: raw rows plus the summed count increments (in key
/// order, so the upserts walk the count tables' B-trees sequentially).
pub fn write_batch(conn: &mut Connection, batch: &[NewResponse]) -> rusqlite::Result<Vec<Stored>> {
    let tx = conn.transaction()?;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut daily: BTreeMap<CountKey, u64> = BTreeMap::new();
    let mut monthly: BTreeMap<CountKey, u64> = BTreeMap::new();
    {
        for r in batch {
            let outcome = match find_stored(&tx, &r.id)? {
                Some(stored) if is_retry(&stored, r.body.as_bytes()) => Stored::Duplicate,
                Some(_) => Stored::Conflict,
                None => {
                    let sql = format!(
                        "INSERT INTO {} (id, body, survey, province, procedure, tier, channel, lang, received_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        r.table.name()
                    );
                    tx.prepare_cached(&sql)?.execute(params![
                        r.id,
                        r.body,
                        r.survey,
                        r.province,
                        r.procedure,
                        r.tier,
                        r.channel,
                        r.lang,
                        r.received_at
                    ])?;
                    let day = local_day(r.received_at);
                    let month = month_start(day);
                    let (procedure, tier) = (r.procedure.as_deref().unwrap_or(""), r.tier.as_deref().unwrap_or(""));
                    for (q, v) in &r.counts {
                        *daily.entry((&r.survey, &r.province, day, procedure, tier, q, *v)).or_default() += 1;
                        *monthly.entry((&r.survey, &r.province, month, procedure, tier, q, *v)).or_default() += 1;
                    }
                    Stored::Created
                }
            };
            outcomes.push(outcome);
        }
        for (table, increments) in COUNT_TABLES.into_iter().zip([daily, monthly]) {
            let mut upsert = tx.prepare_cached(&format!(
                "INSERT INTO {table} (survey, province, day, procedure, tier, question, value, n) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO UPDATE SET n = n + excluded.n"
            ))?;
            for ((survey, province, day, procedure, tier, q, v), n) in increments {
                upsert.execute(params![survey, province, day, procedure, tier, q, v, n as i64])?;
            }
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tthc_core::survey::parse_body;

    fn response(body: &str, at: i64) -> NewResponse {
        NewResponse::new(parse_body(body.as_bytes()).unwrap(), Table::Responses, at)
    }

    #[test]
    fn outcomes_counts_and_retention() {
        let path = std::env::temp_dir().join(format!("collector-store-{}.sqlite3", std::process::id()));
        let mut conn = open_writer(&path).unwrap();
        let body = r#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"helpful@2025","province":"ha-noi","answers":{"huu_ich":5},"comment":"gọi 0912345678","lang":"vi","widget":"0.1.0"}"#;
        let same = response(body, 1_000);
        let other = response(&body.replace(r#""huu_ich":5"#, r#""huu_ich":1"#), 1_000);
        assert!(same.body.contains("[số đã ẩn]") && !same.body.contains("0912345678"));
        let outcomes = write_batch(&mut conn, &[same.clone(), same.clone(), other]).unwrap();
        assert_eq!(outcomes, [Stored::Created, Stored::Duplicate, Stored::Conflict]);
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT SUM(n) FROM counts WHERE question = 'huu_ich' AND value = 5"), 1);
        assert_eq!(count("SELECT SUM(n) FROM counts_monthly WHERE question = '_responses'"), 1);
        assert_eq!(retention::delete_batch(&conn, 1_001).unwrap(), 1);
        assert_eq!(count("SELECT COUNT(*) FROM responses"), 0);
        assert_eq!(count("SELECT SUM(n) FROM counts WHERE question = '_responses'"), 1, "counts outlive raw rows");
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
