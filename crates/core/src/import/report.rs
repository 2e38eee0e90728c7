//! The import report: counts, every record not used and why, warnings by kind, the level list's
//! rows that were not used, and fatal problems. Printed by `import`; asserted by the tests.

use super::records::Unusable;
use crate::levels::{Level, LEVELS};
use std::collections::BTreeMap;
use std::fmt;

/// Codes listed per warning kind before "…".
const SHOWN: usize = 8;

#[derive(Debug, Default)]
pub struct Report {
    pub records_read: usize,
    /// Records written to the base catalogue.
    pub used: usize,
    /// Records without a tỉnh or xã tier, by their `cap_thuc_hien` text.
    pub skipped_tier: BTreeMap<String, usize>,
    pub unusable: Vec<Unusable>,
    /// Warning kind → codes of the records it concerns.
    pub warnings: BTreeMap<&'static str, Vec<String>>,
    pub levels: Option<LevelReport>,
    /// A level list was given but could not be read: why.
    pub levels_unreadable: Option<String>,
    /// Things to know about the run as a whole (not fatal).
    pub notes: Vec<String>,
    /// Problems that stop the import (nothing is written).
    pub fatal: Vec<String>,
}

#[derive(Debug, Default)]
pub struct LevelReport {
    pub rows: usize,
    /// Offers written, by level (in `LEVELS` order).
    pub used: [usize; 3],
    /// (row, reason) for rows that could not be read.
    pub bad_rows: Vec<(usize, String)>,
    /// (row, code) of codes that are in no record.
    pub not_in_records: Vec<(usize, String)>,
    /// (row, code, why) of codes whose record was not used (tier, or unusable).
    pub not_used: Vec<(usize, String, String)>,
    /// (row, code, note) of repeated codes.
    pub repeated: Vec<(usize, String, String)>,
    /// Procedures in the base with no level in the list.
    pub without_level: usize,
}

impl Report {
    pub fn warn(&mut self, kind: &'static str, code: &str) {
        self.warnings.entry(kind).or_default().push(code.to_owned());
    }

    pub fn is_fatal(&self) -> bool {
        !self.fatal.is_empty()
    }
}

impl LevelReport {
    pub fn count(&mut self, level: Level) {
        if let Some(i) = LEVELS.iter().position(|l| l.level == level) {
            self.used[i] += 1;
        }
    }
}

fn list(codes: &[String]) -> String {
    let mut s = codes.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if codes.len() > SHOWN {
        s.push_str(&format!(", … ({} more)", codes.len() - SHOWN));
    }
    s
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "records")?;
        writeln!(f, "  read: {}", self.records_read)?;
        writeln!(f, "  used: {} (tỉnh or xã tier)", self.used)?;
        let skipped: usize = self.skipped_tier.values().sum();
        writeln!(f, "  skipped, not a tỉnh or xã procedure: {skipped}")?;
        for (tier, n) in &self.skipped_tier {
            writeln!(f, "    {n:>5}  {tier:?}")?;
        }
        writeln!(f, "  unusable: {}", self.unusable.len())?;
        for u in &self.unusable {
            let code = if u.code.is_empty() { String::new() } else { format!(" ({})", u.code) };
            writeln!(f, "    {}{code}: {}", u.place, u.reason)?;
        }
        if !self.warnings.is_empty() {
            writeln!(f, "warnings (records still used)")?;
            for (kind, codes) in &self.warnings {
                writeln!(f, "  {kind}: {}", codes.len())?;
                writeln!(f, "    {}", list(codes))?;
            }
        }
        match (&self.levels, &self.levels_unreadable) {
            (None, Some(why)) => writeln!(f, "level list: given, but not read: {why}")?,
            (None, None) => writeln!(f, "level list: none given; no procedure has a province-published level")?,
            (Some(l), _) => {
                writeln!(f, "level list")?;
                writeln!(f, "  rows: {}", l.rows)?;
                let used: usize = l.used.iter().sum();
                let per: Vec<String> = LEVELS.iter().zip(l.used).map(|(i, n)| format!("{} {n}", i.id)).collect();
                writeln!(f, "  levels written (province-published): {used} — {}", per.join(", "))?;
                writeln!(f, "  rows not read: {}", l.bad_rows.len())?;
                for (row, why) in &l.bad_rows {
                    writeln!(f, "    row {row}: {why}")?;
                }
                writeln!(f, "  codes not in the records: {}", l.not_in_records.len())?;
                for (row, code) in &l.not_in_records {
                    writeln!(f, "    row {row}: {code}")?;
                }
                writeln!(f, "  codes whose record was not used: {}", l.not_used.len())?;
                for (row, code, why) in &l.not_used {
                    writeln!(f, "    row {row}: {code}: {why}")?;
                }
                writeln!(f, "  repeated codes: {}", l.repeated.len())?;
                for (row, code, why) in &l.repeated {
                    writeln!(f, "    row {row}: {code}: {why}")?;
                }
                writeln!(
                    f,
                    "  procedures with no level in the list: {} (the widget shows them without a level)",
                    l.without_level
                )?;
            }
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        if self.fatal.is_empty() {
            writeln!(f, "result: ok{}", if self.warnings.is_empty() { "" } else { ", with warnings" })
        } else {
            writeln!(f, "FATAL — nothing written:")?;
            for x in &self.fatal {
                writeln!(f, "  {x}")?;
            }
            Ok(())
        }
    }
}
