//! Reporting periods in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving time), computed from
//! unix seconds without a date crate. Days are numbered from 1970-01-01 local time.

use serde::{Deserialize, Serialize};

/// Asia/Ho_Chi_Minh is UTC+7 all year.
pub const UTC_OFFSET_SECS: i64 = 7 * 3600;

/// The local day number of a unix time (seconds).
pub fn local_day(unix_secs: i64) -> i64 {
    (unix_secs + UTC_OFFSET_SECS).div_euclid(86_400)
}

/// The unix time of local midnight starting the day that holds `unix_secs`.
pub fn local_day_start(unix_secs: i64) -> i64 {
    local_day(unix_secs) * 86_400 - UTC_OFFSET_SECS
}

/// (year, month, day) of a day number (Howard Hinnant's civil-from-days).
fn civil(day: i64) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day number of a civil date (days-from-civil).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYY-MM-DD` (a real calendar date) into a day number.
pub fn day_from_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !s.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    let day = days_from_civil(y, m, d);
    (civil(day) == (y, m, d)).then_some(day)
}

/// The first day of the month holding `day`.
pub fn month_start(day: i64) -> i64 {
    let (y, m, _) = civil(day);
    days_from_civil(y, m, 1)
}

/// `YYYY-MM-DD` of a day number.
pub fn date_label(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Local date and time of a unix time, e.g. `2025-03-14T09:05:00+07:00`.
pub fn local_datetime(unix_secs: i64) -> String {
    let day = local_day(unix_secs);
    let secs = (unix_secs + UTC_OFFSET_SECS).rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}+07:00", date_label(day), secs / 3600, secs / 60 % 60, secs % 60)
}

/// How answers are bucketed over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Month,
    Quarter,
    Year,
    /// One bucket for the whole requested range.
    All,
}

/// The periods and their names in queries and JSON: one table, read both ways (and by serde).
pub const PERIODS: [(Period, &str); 5] = [
    (Period::Day, "day"),
    (Period::Month, "month"),
    (Period::Quarter, "quarter"),
    (Period::Year, "year"),
    (Period::All, "all"),
];

impl Period {
    /// The period of a name, `None` for any other text.
    pub fn parse(s: &str) -> Option<Period> {
        PERIODS.iter().find(|(_, n)| *n == s).map(|(p, _)| *p)
    }

    /// The name used in queries and JSON (`day`, `month`, …): the inverse of [`Period::parse`].
    pub fn name(self) -> &'static str {
        PERIODS.iter().find(|(p, _)| *p == self).map(|(_, n)| *n).expect("every period is in PERIODS")
    }

    /// The next coarser period, whose bucket holds whole buckets of this one (`All` has none).
    pub fn parent(self) -> Option<Period> {
        match self {
            Period::Day => Some(Period::Month),
            Period::Month => Some(Period::Quarter),
            Period::Quarter => Some(Period::Year),
            Period::Year => Some(Period::All),
            Period::All => None,
        }
    }

    /// The first day of the bucket holding `day` (`i64::MIN` for `All`).
    pub fn start(self, day: i64) -> i64 {
        let (y, m, _) = civil(day);
        match self {
            Period::Day => day,
            Period::Month => days_from_civil(y, m, 1),
            Period::Quarter => days_from_civil(y, (m - 1) / 3 * 3 + 1, 1),
            Period::Year => days_from_civil(y, 1, 1),
            Period::All => i64::MIN,
        }
    }

    /// The last day of the bucket holding `day` (`i64::MAX` for `All`).
    pub fn end(self, day: i64) -> i64 {
        let (y, m, _) = civil(day);
        let next = |y: i64, m: u32| if m > 12 { days_from_civil(y + 1, m - 12, 1) } else { days_from_civil(y, m, 1) };
        match self {
            Period::Day => day,
            Period::Month => next(y, m + 1) - 1,
            Period::Quarter => next(y, (m - 1) / 3 * 3 + 4) - 1,
            Period::Year => days_from_civil(y + 1, 1, 1) - 1,
            Period::All => i64::MAX,
        }
    }

    /// The bucket label of a day: `2025-03-14`, `2025-03`, `2025-Q1`, `2025`, or `all`.
    pub fn label(self, day: i64) -> String {
        let (y, m, _) = civil(day);
        match self {
            Period::Day => date_label(day),
            Period::Month => format!("{y:04}-{m:02}"),
            Period::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            Period::Year => format!("{y:04}"),
            Period::All => "all".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_midnight_is_17_utc() {
        // 2025-03-13T16:59:59Z is 23:59:59 local; one second later is the next local day.
        let t = 1_741_885_199;
        assert_eq!(date_label(local_day(t)), "2025-03-13");
        assert_eq!(date_label(local_day(t + 1)), "2025-03-14");
        assert_eq!(local_datetime(t + 1), "2025-03-14T00:00:00+07:00");
        assert_eq!(local_datetime(0), "1970-01-01T07:00:00+07:00");
        assert_eq!(date_label(local_day(-25_201)), "1969-12-31");
        assert_eq!(local_datetime(local_day_start(t)), "2025-03-13T00:00:00+07:00");
        assert_eq!(local_day_start(t + 1), t + 1);
    }

    #[test]
    fn dates_round_trip_and_reject_impossible_ones() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "2025-07-01", "2100-03-01"] {
            assert_eq!(date_label(day_from_date(s).unwrap()), s);
        }
        for s in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101xx", "2025-+1-01"] {
            assert_eq!(day_from_date(s), None, "{s}");
        }
        for d in -1000..30_000 {
            assert_eq!(day_from_date(&date_label(d)), Some(d));
        }
    }

    #[test]
    fn month_starts() {
        let d = |s| day_from_date(s).unwrap();
        assert_eq!(month_start(d("2024-02-29")), d("2024-02-01"));
        assert_eq!(month_start(d("2025-03-01")), d("2025-03-01"));
        assert_eq!(month_start(d("2025-12-31") + 1), d("2026-01-01"));
    }

    #[test]
    fn period_labels() {
        let d = day_from_date("2025-08-31").unwrap();
        assert_eq!(Period::Day.label(d), "2025-08-31");
        assert_eq!(Period::Month.label(d), "2025-08");
        assert_eq!(Period::Quarter.label(d), "2025-Q3");
        assert_eq!(Period::Year.label(d), "2025");
        assert_eq!(Period::All.label(d), "all");
        assert_eq!(Period::parse("quarter"), Some(Period::Quarter));
        assert_eq!(Period::parse("week"), None);
        for (p, _) in PERIODS {
            assert_eq!(Period::parse(p.name()), Some(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.name()));
        }
    }

    #[test]
    fn bucket_bounds() {
        let d = |s| day_from_date(s).unwrap();
        let x = d("2024-02-17");
        assert_eq!((Period::Month.start(x), Period::Month.end(x)), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!((Period::Quarter.start(x), Period::Quarter.end(x)), (d("2024-01-01"), d("2024-03-31")));
        let q4 = d("2024-11-30");
        assert_eq!((Period::Quarter.start(q4), Period::Quarter.end(q4)), (d("2024-10-01"), d("2024-12-31")));
        assert_eq!(Period::Month.end(d("2024-12-05")), d("2024-12-31"));
        assert_eq!((Period::Year.start(x), Period::Year.end(x)), (d("2024-01-01"), d("2024-12-31")));
        assert_eq!((Period::Day.start(x), Period::Day.end(x)), (x, x));
        assert_eq!(Period::Year.parent(), Some(Period::All));
        for day in 19_000..20_000 {
            for p in [Period::Day, Period::Month, Period::Quarter, Period::Year] {
                assert!(p.start(day) <= day && day <= p.end(day));
                assert_eq!(p.label(p.start(day)), p.label(p.end(day)));
                assert_ne!(p.label(p.start(day) - 1), p.label(day));
                assert_ne!(p.label(p.end(day) + 1), p.label(day));
            }
        }
    }
}
