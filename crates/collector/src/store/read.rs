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
    census(conn, "counts_monthly", (None, None), q, &mut agg, Aggregator::census_month)?;
    let table = if q.period == Period::Day {
        let months = (q.from_day.map(|d| Period::Month.start(d)), q.to_day.map(|d| Period::Month.end(d)));
        census(conn, "counts", months, q, &mut agg, Aggregator::census_day)?;
        "counts"
    } else {
        "counts_monthly"
    };
    if agg.too_many() {
        return Err(SummaryError::TooMany);
    }
    tallies(conn, table, q, &mut agg)?;
    let cells = agg.cells(def, threshold, q.from_day.unwrap_or(i64::MIN), q.to_day.unwrap_or(i64::MAX));
    if cells.len() > MAX_CELLS {
        return Err(SummaryError::TooMany);
    }
    Ok(cells)
}

/// `WHERE` for one survey (and province), optionally within an inclusive day range.
fn filter(q: &SummaryQuery, (from, to): (Option<i64>, Option<i64>)) -> (String, Vec<Value>) {
    let mut sql = String::from(" WHERE survey = ?");
    let mut args = vec![Value::from(q.survey.clone())];
    let mut add = |column: &str, op: &str, v: Value| {
        sql.push_str(&format!(" AND {column} {op} ?"));
        args.push(v);
    };
    if let Some(p) = &q.province {
        add("province", "=", p.clone().into());
    }
    if let Some(d) = from {
        add("day", ">=", d.into());
    }
    if let Some(d) = to {
        add("day", "<=", d.into());
    }
    (sql, args)
}

type Census = fn(&mut Aggregator, i64, &str, &str, &str, u64, u64);

/// The census rows of a count table: valid and all answers per day, procedure, tier, question.
fn census(
    conn: &Connection,
    table: &str,
    range: (Option<i64>, Option<i64>),
    q: &SummaryQuery,
    agg: &mut Aggregator,
    add: Census,
) -> rusqlite::Result<()> {
    let (filter, args) = filter(q, range);
    let sql = format!(
        "SELECT day, procedure, tier, question, SUM(CASE WHEN value > 0 THEN n ELSE 0 END), SUM(n) \
         FROM {table}{filter} GROUP BY 1, 2, 3, 4"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let (procedure, tier, question): (String, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
        let (valid, all): (i64, i64) = (row.get(4)?, row.get(5)?);
        add(agg, row.get(0)?, &procedure, &tier, &question, valid as u64, all as u64);
        if agg.too_many() {
            break;
        }
    }
    Ok(())
}

/// The distributions of the published cells: the asked range of the period's table, grouped
/// or filtered as asked.
fn tallies(conn: &Connection, table: &str, q: &SummaryQuery, agg: &mut Aggregator) -> rusqlite::Result<()> {
    let (mut filter, mut args) = filter(q, (q.from_day, q.to_day));
    let group = match q.by {
        Some(Group::Procedure) => "procedure",
        Some(Group::Tier) => "tier",
        None => "''",
    };
    for (column, value) in [("procedure", &q.procedure), ("tier", &q.tier)] {
        if let (None, Some(v)) = (q.by, value) {
            filter.push_str(&format!(" AND {column} = ?"));
            args.push(v.clone().into());
        }
    }
    let sql = format!("SELECT day, {group}, question, value, SUM(n) FROM {table}{filter} GROUP BY 1, 2, 3, 4");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let group: String = row.get(1)?;
        let (value, n): (i64, i64) = (row.get(3)?, row.get(4)?);
        agg.tally(row.get(0)?, Some(&group), &row.get::<_, String>(2)?, value as u8, n as u64);
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
