//! Reads: summaries from the count tables only, and the raw rows for export.

use rusqlite::types::Value;
use rusqlite::Connection;
use tthc_core::stats::{Aggregator, Cell, Group, Keep, Period};
use tthc_core::survey::Definition;

use super::Table;

/// Filters of one summary request (already checked).
#[derive(Debug, Clone)]
pub struct SummaryQuery {
    pub survey: String,
    pub province: Option<String>,
    pub procedure: Option<String>,
    pub tier: Option<String>,
    /// Inclusive local day numbers.
    pub from_day: Option<i64>,
    pub to_day: Option<i64>,
    pub period: Period,
    pub by: Option<Group>,
}

/// Most cells in one answer (about 2–3 MB of JSON for a SIPAS survey).
pub const MAX_CELLS: usize = 1000;
/// Most cells suppression is decided on for one answer (months, quarters, years and all time,
/// each as a total, per procedure and per tier; days for a summary by day): bounds the memory
/// and time one request can take.
pub const MAX_CENSUS: usize = 100_000;

/// Why a summary was not built.
#[derive(Debug)]
pub enum SummaryError {
    Db(rusqlite::Error),
    /// Past [`MAX_CELLS`] or [`MAX_CENSUS`].
    TooMany,
}

impl From<rusqlite::Error> for SummaryError {
    fn from(e: rusqlite::Error) -> Self {
        SummaryError::Db(e)
    }
}

/// The published cells of `q`. Suppression is decided on the monthly counts of all time (every
/// procedure and tier, whatever was asked), so the same cell is hidden alike in every answer;
/// a summary by day also reads the daily counts of the whole months it covers.
pub fn summary(
    conn: &Connection,
    q: &SummaryQuery,
    def: &Definition,
    threshold: u64,
) -> Result<Vec<Cell>, SummaryError> {
    let keep = match (q.by, &q.procedure, &q.tier) {
        (Some(g), _, _) => Keep::Groups(g),
        (None, Some(p), _) => Keep::One(Group::Procedure, p.clone()),
        (None, None, Some(t)) => Keep::One(Group::Tier, t.clone()),
        (None, None, None) => Keep::Total,
    };
    let mut agg = Aggregator::new(def, q.period, keep, MAX_CENSUS);
    scan(conn, "counts_monthly", (None, None), q, &mut agg, Aggregator::add_month)?;
    if q.period == Period::Day {
        let range = (q.from_day.map(|d| Period::Month.start(d)), q.to_day.map(|d| Period::Month.end(d)));
        scan(conn, "counts", range, q, &mut agg, Aggregator::add_day)?;
    }
    if agg.too_many() {
        return Err(SummaryError::TooMany);
    }
    let cells = agg.cells(def, threshold, q.from_day.unwrap_or(i64::MIN), q.to_day.unwrap_or(i64::MAX));
    if cells.len() > MAX_CELLS {
        return Err(SummaryError::TooMany);
    }
    Ok(cells)
}

type Add = fn(&mut Aggregator, i64, &str, &str, &str, u8, u64);

/// One SQL pass over a count table within an inclusive day range, every procedure and tier.
fn scan(
    conn: &Connection,
    table: &str,
    (from, to): (Option<i64>, Option<i64>),
    q: &SummaryQuery,
    agg: &mut Aggregator,
    add: Add,
) -> rusqlite::Result<()> {
    let mut sql = format!("SELECT day, procedure, tier, question, value, SUM(n) FROM {table} WHERE survey = ?");
    let mut args = vec![Value::from(q.survey.clone())];
    let mut filter = |column: &str, op: &str, v: Value| {
        sql.push_str(&format!(" AND {column} {op} ?"));
        args.push(v);
    };
    if let Some(p) = &q.province {
        filter("province", "=", p.clone().into());
    }
    if let Some(d) = from {
        filter("day", ">=", d.into());
    }
    if let Some(d) = to {
        filter("day", "<=", d.into());
    }
    sql.push_str(" GROUP BY 1, 2, 3, 4, 5");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let (procedure, tier, question): (String, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
        let (value, n): (i64, i64) = (row.get(4)?, row.get(5)?);
        add(agg, row.get(0)?, &procedure, &tier, &question, value as u8, n as u64);
        if agg.too_many() {
            break;
        }
    }
    Ok(())
}

/// Calls `f(id, received_at, body)` for every stored row of `table`, oldest first,
/// optionally for one survey only, until `f` returns false.
pub fn export(
    conn: &Connection,
    table: Table,
    survey: Option<&str>,
    mut f: impl FnMut(&str, i64, &str) -> bool,
) -> rusqlite::Result<()> {
    let sql = format!(
        "SELECT id, received_at, body FROM {} WHERE ?1 IS NULL OR survey = ?1 ORDER BY received_at, id",
        table.name()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([survey])?;
    while let Some(row) = rows.next()? {
        if !f(&row.get::<_, String>(0)?, row.get(1)?, &row.get::<_, String>(2)?) {
            break;
        }
    }
    Ok(())
}
