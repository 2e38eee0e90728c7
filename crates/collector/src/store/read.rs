//! Reads: summaries from the `counts` table only, and the raw rows for export.

use rusqlite::types::Value;
use rusqlite::Connection;
use tthc_core::stats::{month_start, Aggregator, Group, Period};

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

/// Inclusive day range; `None` = unbounded.
type Range = (Option<i64>, Option<i64>);

/// Splits `[from, to]` into the whole months inside it (read from `counts_monthly`) and the
/// leftover days at either end (read from `counts`).
fn split(from: Option<i64>, to: Option<i64>) -> (Range, Vec<Range>) {
    // First month start at or after `from`; first month start after `to`.
    let lo = from.map(|f| if month_start(f) == f { f } else { month_start(month_start(f) + 31) });
    let hi = to.map(|t| month_start(t + 1));
    if let (Some(l), Some(h)) = (lo, hi) {
        if l >= h {
            return ((Some(0), Some(-1)), vec![(from, to)]);
        }
    }
    let mut days = Vec::new();
    if let (Some(f), Some(l)) = (from, lo) {
        if f < l {
            days.push((Some(f), Some(l - 1)));
        }
    }
    if let (Some(h), Some(t)) = (hi, to) {
        if h <= t {
            days.push((Some(h), Some(t)));
        }
    }
    ((lo, hi.map(|h| h - 1)), days)
}

/// Sums the stored counts matching `q` into an aggregator. Day periods read the daily table;
/// longer periods read whole months from the monthly table and only the edges day by day.
pub fn summary(conn: &Connection, q: &SummaryQuery) -> rusqlite::Result<Aggregator> {
    let mut agg = Aggregator::new(q.period);
    if q.period == Period::Day {
        scan(conn, "counts", (q.from_day, q.to_day), q, &mut agg)?;
    } else {
        let (months, days) = split(q.from_day, q.to_day);
        scan(conn, "counts_monthly", months, q, &mut agg)?;
        for range in days {
            scan(conn, "counts", range, q, &mut agg)?;
        }
    }
    Ok(agg)
}

/// One SQL pass over a count table, grouped by day (and group column).
fn scan(
    conn: &Connection,
    table: &str,
    (from, to): Range,
    q: &SummaryQuery,
    agg: &mut Aggregator,
) -> rusqlite::Result<()> {
    let group = match q.by {
        Some(Group::Procedure) => "procedure",
        Some(Group::Tier) => "tier",
        None => "''",
    };
    let mut sql = format!("SELECT day, {group}, question, value, SUM(n) FROM {table} WHERE survey = ?");
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
    if let Some(p) = &q.procedure {
        filter("procedure", "=", p.clone().into());
    }
    if let Some(t) = &q.tier {
        filter("tier", "=", t.clone().into());
    }
    sql.push_str(" GROUP BY 1, 2, 3, 4");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let group: String = row.get(1)?;
        let group = q.by.map(|_| if group.is_empty() { "none" } else { group.as_str() });
        let value: i64 = row.get(3)?;
        let n: i64 = row.get(4)?;
        agg.add(row.get(0)?, group, &row.get::<_, String>(2)?, value as u8, n as u64);
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

#[cfg(test)]
mod tests {
    use super::*;
    use tthc_core::stats::day_from_date;

    fn d(s: &str) -> Option<i64> {
        day_from_date(s)
    }

    #[test]
    fn ranges_split_into_whole_months_and_edge_days() {
        assert_eq!(split(None, None), ((None, None), vec![]));
        assert_eq!(
            split(d("2025-01-15"), d("2025-04-10")),
            (
                (d("2025-02-01"), d("2025-03-31")),
                vec![(d("2025-01-15"), d("2025-01-31")), (d("2025-04-01"), d("2025-04-10"))]
            )
        );
        assert_eq!(split(d("2025-02-01"), d("2025-02-28")), ((d("2025-02-01"), d("2025-02-28")), vec![]));
        assert_eq!(
            split(d("2025-03-05"), d("2025-03-20")),
            ((Some(0), Some(-1)), vec![(d("2025-03-05"), d("2025-03-20"))])
        );
        assert_eq!(split(d("2025-03-05"), None), ((d("2025-04-01"), None), vec![(d("2025-03-05"), d("2025-03-31"))]));
        assert_eq!(split(None, d("2025-03-05")), ((None, d("2025-02-28")), vec![(d("2025-03-01"), d("2025-03-05"))]));
    }
}
