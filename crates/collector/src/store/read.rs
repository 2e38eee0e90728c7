//! Reads: summaries from the `counts` table only, and the raw rows for export.

use rusqlite::types::Value;
use rusqlite::Connection;
use tthc_core::stats::{Aggregator, Group, Period};

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

/// Sums the stored counts matching `q` into an aggregator (one SQL pass, grouped by day).
pub fn summary(conn: &Connection, q: &SummaryQuery) -> rusqlite::Result<Aggregator> {
    let group = match q.by {
        Some(Group::Procedure) => "procedure",
        Some(Group::Tier) => "tier",
        None => "''",
    };
    let mut sql = format!("SELECT day, {group}, question, value, SUM(n) FROM counts WHERE survey = ?");
    let mut args = vec![Value::from(q.survey.clone())];
    let mut filter = |column: &str, op: &str, v: Value| {
        sql.push_str(&format!(" AND {column} {op} ?"));
        args.push(v);
    };
    if let Some(p) = &q.province {
        filter("province", "=", p.clone().into());
    }
    if let Some(d) = q.from_day {
        filter("day", ">=", d.into());
    }
    if let Some(d) = q.to_day {
        filter("day", "<=", d.into());
    }
    if let Some(p) = &q.procedure {
        filter("procedure", "=", p.clone().into());
    }
    if let Some(t) = &q.tier {
        filter("tier", "=", t.clone().into());
    }
    sql.push_str(" GROUP BY 1, 2, 3, 4");
    let mut agg = Aggregator::new(q.period);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let group: String = row.get(1)?;
        let group = q.by.map(|_| if group.is_empty() { "none" } else { group.as_str() });
        let value: i64 = row.get(3)?;
        let n: i64 = row.get(4)?;
        agg.add(row.get(0)?, group, &row.get::<_, String>(2)?, value as u8, n as u64);
    }
    Ok(agg)
}

/// Calls `f(id, received_at, body)` for every stored row of `table`, oldest first,
/// optionally for one survey only.
pub fn export(
    conn: &Connection,
    table: Table,
    survey: Option<&str>,
    mut f: impl FnMut(&str, i64, &str),
) -> rusqlite::Result<()> {
    let sql = format!(
        "SELECT id, received_at, body FROM {} WHERE ?1 IS NULL OR survey = ?1 ORDER BY received_at, id",
        table.name()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([survey])?;
    while let Some(row) = rows.next()? {
        f(&row.get::<_, String>(0)?, row.get(1)?, &row.get::<_, String>(2)?);
    }
    Ok(())
}
