//! The reach summary (`GET /api/v1/reach`): the daily counters of one province, per period, as
//! the widget's reach view shows them. Built by the collector, read back by the widget.
//!
//! No-result queries are published only when counted at least `threshold` times over the whole
//! range (default [`DEFAULT_REACH_THRESHOLD`]); the rest, and the capped "other", are one total.

use super::{OTHER, VARIES};
use crate::levels::Level;
use crate::stats::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// No-result queries counted fewer times than this are not published.
pub const DEFAULT_REACH_THRESHOLD: u64 = 5;
/// Procedures listed among the most opened.
pub const TOP: usize = 10;
/// Periods in one answer at most.
pub const MAX_CELLS: usize = 1000;

/// One stored counter row: local day, counter name, key, count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub day: i64,
    pub counter: String,
    pub key: String,
    pub n: u64,
}

/// Filing clicks by the level the citizen was shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByLevel {
    pub toan_trinh: u64,
    pub mot_phan: u64,
    /// A range of levels (it varies by place) or any other level.
    pub other: u64,
}

impl ByLevel {
    pub fn total(&self) -> u64 {
        self.toan_trinh + self.mot_phan + self.other
    }

    fn add(&mut self, level: &str, n: u64) {
        match Level::from_id(level) {
            Some(Level::ToanTrinh) => self.toan_trinh += n,
            Some(Level::MotPhan) => self.mot_phan += n,
            _ => self.other += n,
        }
    }
}

/// Submissions started and finished, for one kind (`sipas`, `dossier`, `helpful`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub started: u64,
    pub finished: u64,
}

/// One period's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachCell {
    pub period: String,
    pub searches: u64,
    pub no_result: u64,
    pub opened: u64,
    pub filing: ByLevel,
    pub events: u64,
    pub submissions: BTreeMap<String, Funnel>,
}

/// A procedure's opens and filing clicks over the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    pub code: String,
    pub opened: u64,
    pub filing: u64,
}

/// A counted key over the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    pub key: String,
    pub n: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reach {
    pub province: Option<String>,
    pub period: Period,
    pub threshold: u64,
    /// Oldest first; periods without any count are left out.
    pub cells: Vec<ReachCell>,
    /// The whole range.
    pub total: ReachCell,
    /// Most opened first (ties by code), at most [`TOP`].
    pub top: Vec<Procedure>,
    /// Life events finished, most first.
    pub events: Vec<Counted>,
    /// No-result queries counted at least `threshold` times, most first.
    pub no_result: Vec<Counted>,
    /// No-result searches not listed (under the threshold, or past the daily cap).
    pub no_result_unlisted: u64,
}

/// `part` as a percentage of `total`, one decimal (click-through, share by level, drop-off);
/// `None` when `total` is 0.
pub fn share(part: u64, total: u64) -> Option<f64> {
    (total > 0).then(|| (part as f64 * 1000.0 / total as f64).round() / 10.0)
}

fn add_row(cell: &mut ReachCell, r: &Row) {
    match r.counter.as_str() {
        "searches" => cell.searches += r.n,
        "no_result" => cell.no_result += r.n,
        "opened" => cell.opened += r.n,
        // `code:level`, or the level alone (rows summed per level).
        "filing" => cell.filing.add(r.key.rsplit(':').next().unwrap_or(VARIES), r.n),
        "events" => cell.events += r.n,
        "started" => cell.submissions.entry(r.key.clone()).or_default().started += r.n,
        "finished" => cell.submissions.entry(r.key.clone()).or_default().finished += r.n,
        _ => {}
    }
}

fn most_first(map: BTreeMap<String, u64>) -> Vec<Counted> {
    let mut list: Vec<Counted> = map.into_iter().map(|(key, n)| Counted { key, n }).collect();
    list.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.key.cmp(&b.key)));
    list
}

/// The summary per `period` of `days` (rows per day; keys may be summed away, except the level
/// of `filing` and the kind of `started` / `finished`) and `range` (rows with their keys, for the
/// lists; days may be summed away); any order. `None` when it would have more than [`MAX_CELLS`]
/// periods.
pub fn build(days: &[Row], range: &[Row], province: Option<String>, period: Period, threshold: u64) -> Option<Reach> {
    let mut cells: BTreeMap<i64, ReachCell> = BTreeMap::new();
    let mut total = ReachCell { period: Period::All.label(0), ..ReachCell::default() };
    let mut procedures: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut events: BTreeMap<String, u64> = BTreeMap::new();
    let mut queries: BTreeMap<String, u64> = BTreeMap::new();
    for r in days {
        let start = period.start(r.day);
        let cell =
            cells.entry(start).or_insert_with(|| ReachCell { period: period.label(r.day), ..ReachCell::default() });
        add_row(cell, r);
        add_row(&mut total, r);
    }
    for r in range {
        match r.counter.as_str() {
            "opened" => procedures.entry(r.key.clone()).or_default().0 += r.n,
            "filing" if r.key != OTHER => {
                let code = r.key.split_once(':').map_or(r.key.as_str(), |(c, _)| c);
                procedures.entry(code.to_owned()).or_default().1 += r.n;
            }
            "events" => *events.entry(r.key.clone()).or_default() += r.n,
            "no_result" => *queries.entry(r.key.clone()).or_default() += r.n,
            _ => {}
        }
    }
    if cells.len() > MAX_CELLS {
        return None;
    }
    procedures.remove(OTHER);
    events.remove(OTHER);
    let mut top: Vec<Procedure> =
        procedures.into_iter().map(|(code, (opened, filing))| Procedure { code, opened, filing }).collect();
    top.sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| b.filing.cmp(&a.filing)).then_with(|| a.code.cmp(&b.code)));
    top.truncate(TOP);
    let (listed, unlisted): (BTreeMap<_, _>, BTreeMap<_, _>) =
        queries.into_iter().partition(|(k, n)| k != OTHER && *n >= threshold);
    Some(Reach {
        province,
        period,
        threshold,
        cells: cells.into_values().collect(),
        total,
        top,
        events: most_first(events),
        no_result: most_first(listed),
        no_result_unlisted: unlisted.values().sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::day_from_date;

    fn row(date: &str, counter: &str, key: &str, n: u64) -> Row {
        Row { day: day_from_date(date).unwrap(), counter: counter.into(), key: key.into(), n }
    }

    #[test]
    fn periods_levels_top_and_the_threshold() {
        let rows = [
            row("2026-03-01", "searches", "", 10),
            row("2026-03-01", "no_result", "giay phep karaoke", 3),
            row("2026-04-02", "no_result", "giay phep karaoke", 2),
            row("2026-04-02", "no_result", "ho chieu #", 4),
            row("2026-04-02", "no_result", OTHER, 1),
            row("2026-04-02", "opened", "1.001193", 7),
            row("2026-04-02", "opened", "1.000001", 7),
            row("2026-04-02", "filing", "1.001193:toan_trinh", 3),
            row("2026-04-02", "filing", "1.001193:varies", 1),
            row("2026-04-03", "filing", "1.000001:mot_phan", 1),
            row("2026-04-03", "started", "sipas", 4),
            row("2026-04-03", "finished", "sipas", 1),
        ];
        let r = build(&rows, &rows, None, Period::Month, 5).unwrap();
        assert_eq!(r.cells.iter().map(|c| c.period.as_str()).collect::<Vec<_>>(), ["2026-03", "2026-04"]);
        assert_eq!(r.total.filing, ByLevel { toan_trinh: 3, mot_phan: 1, other: 1 });
        assert_eq!(r.cells[1].submissions["sipas"], Funnel { started: 4, finished: 1 });
        assert_eq!(r.no_result, [Counted { key: "giay phep karaoke".into(), n: 5 }]);
        assert_eq!(r.no_result_unlisted, 5, "4 under the threshold and 1 past the cap");
        assert_eq!(r.top[0], Procedure { code: "1.001193".into(), opened: 7, filing: 4 });
        assert_eq!(r.top[1].code, "1.000001");
        assert!(build(&rows, &rows, None, Period::Day, 5).unwrap().cells.len() == 3);
        assert_eq!((share(1, 3), share(0, 0), share(4, 4)), (Some(33.3), None, Some(100.0)));
    }
}
