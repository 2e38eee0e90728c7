//! From stored count rows to the cells of one summary, with suppression decided the same way
//! whatever was asked.
//!
//! Every summary decides on one census, built from the monthly counts of all time: for every
//! month, quarter, year and all time, the total, every procedure and every tier. These are
//! decided together (see `suppress`), so a summary of one procedure hides exactly what the
//! grouped summary hides for it, a summary by month agrees with one by year, and no decision
//! depends on the range asked for. A summary by day adds its days, decided under the months
//! already decided (a day only ever hides days). Only the census (answers per statistic) is kept
//! for every cell; full distributions only for the published ones.

use std::collections::{BTreeMap, HashMap};

use super::summary::{Cell, Group, Tally, OVERALL, RESPONSES};
use super::suppress::{hidden, slots, Census, Decided, Set, Slot};
use super::Period;
use crate::survey::Definition;

/// Which cells a summary publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keep {
    /// One cell per period.
    Total,
    /// One cell per period and group (`by=`).
    Groups(Group),
    /// The cells of one procedure or tier, published without a group label (`procedure=`, `tier=`).
    One(Group, String),
}

/// What a census cell counts: everything, or one procedure, or one tier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Part {
    Total,
    Of(Group, String),
}

/// A census cell: its period, the first day of its bucket, what it counts.
type Key = (Period, i64, Part);

/// The published name of a procedure or tier (`none` for answers without one).
fn name(g: &str) -> String {
    if g.is_empty() {
        "none".to_owned()
    } else {
        g.to_owned()
    }
}

/// The periods decided together, coarsest first.
const JOINT: [Period; 4] = [Period::All, Period::Year, Period::Quarter, Period::Month];

/// Buckets stored count rows into cells, in any row order, and refuses to grow past a number of
/// census cells.
pub struct Aggregator {
    period: Period,
    keep: Keep,
    max_cells: usize,
    too_many: bool,
    /// Question key → its slot in the census.
    index: HashMap<String, usize>,
    slots: usize,
    /// Monthly census (every month of all time) and, for a summary by day, the daily one.
    months: BTreeMap<(i64, Part), Census>,
    days: BTreeMap<(i64, Part), Census>,
    /// The published cells' distributions, by bucket start and group label.
    tallies: BTreeMap<(i64, Option<String>), Tally>,
}

impl Aggregator {
    /// An aggregator for `def` that stops taking new census cells past `max_cells` (see
    /// [`Aggregator::too_many`]).
    pub fn new(def: &Definition, period: Period, keep: Keep, max_cells: usize) -> Self {
        let slots = slots(def);
        let mut index = HashMap::new();
        for (i, slot) in slots.iter().enumerate() {
            match slot {
                Slot::Overall => index.insert(OVERALL.to_owned(), i),
                Slot::Criterion(e, c) => index.insert(def.elements[*e].criteria[*c].id.clone(), i),
                Slot::Element(_) => None,
            };
        }
        Aggregator {
            period,
            keep,
            max_cells,
            too_many: false,
            index,
            slots: slots.len(),
            months: BTreeMap::new(),
            days: BTreeMap::new(),
            tallies: BTreeMap::new(),
        }
    }

    /// Adds to the census of the month starting on `day`, for a procedure and tier (`""` when
    /// the answer has none; published as `none`): `valid` answers (1..=5) to question `key`,
    /// out of `all` count increments (for the response key, the responses). Every month of all
    /// time must be added, whatever range is asked for.
    pub fn census_month(&mut self, day: i64, procedure: &str, tier: &str, key: &str, valid: u64, all: u64) {
        self.census(false, day, procedure, tier, key, valid, all);
    }

    /// Adds to the census of a day, for a summary by day (whole months of days).
    pub fn census_day(&mut self, day: i64, procedure: &str, tier: &str, key: &str, valid: u64, all: u64) {
        self.census(true, day, procedure, tier, key, valid, all);
    }

    #[allow(clippy::too_many_arguments)]
    fn census(&mut self, daily: bool, day: i64, procedure: &str, tier: &str, key: &str, valid: u64, all: u64) {
        let parts = [Part::Total, Part::Of(Group::Procedure, name(procedure)), Part::Of(Group::Tier, name(tier))];
        let start = if daily { day } else { Period::Month.start(day) };
        for part in parts {
            let cells = self.months.len() + self.days.len();
            let census = if daily { &mut self.days } else { &mut self.months };
            let cell = (start, part);
            if !census.contains_key(&cell) && cells >= self.max_cells {
                self.too_many = true;
                return;
            }
            let c = census.entry(cell).or_insert_with(|| Census::new(self.slots));
            if key == RESPONSES {
                c.responses += all;
            } else if let Some(&slot) = self.index.get(key) {
                c.n[slot] += valid;
            }
        }
    }

    /// Adds `count` increments of (`key`, `value`) stored for `day` to a published cell: the
    /// rows of the published part only (all of them, the `by=` groups with `group`, or the one
    /// procedure or tier), within the range asked for, from the table of the summary's period.
    pub fn tally(&mut self, day: i64, group: Option<&str>, key: &str, value: u8, count: u64) {
        let group = match self.keep {
            Keep::Groups(_) => Some(name(group.unwrap_or(""))),
            _ => None,
        };
        self.tallies.entry((self.period.start(day), group)).or_default().add(key, value, count);
    }

    /// Whether rows for more than `max_cells` census cells were offered (the extra ones were
    /// dropped: the summary must not be published).
    pub fn too_many(&self) -> bool {
        self.too_many
    }

    /// The published cells whose bucket starts in `from..=to`, in period order (then group
    /// order), with primary and complementary suppression.
    pub fn cells(&self, def: &Definition, threshold: u64, from: i64, to: i64) -> Vec<Cell> {
        let mut census: BTreeMap<Key, Census> = BTreeMap::new();
        for level in JOINT {
            for ((start, part), c) in &self.months {
                let key = (level, level.start(*start), part.clone());
                census.entry(key).or_insert_with(|| Census::new(self.slots)).merge(c);
            }
        }
        let mut decided = decide(def, threshold, census, &HashMap::new());
        if self.period == Period::Day {
            let days = self.days.iter().map(|((d, p), c)| ((Period::Day, *d, p.clone()), c.clone())).collect();
            decided = decide(def, threshold, days, &decided.into_iter().collect());
        }
        let at: HashMap<&Key, &Decided> = decided.iter().map(|(k, d)| (k, d)).collect();
        self.tallies
            .iter()
            .filter(|((start, _), _)| self.period == Period::All || (from..=to).contains(start))
            .filter_map(|((start, group), tally)| {
                let part = match (&self.keep, group) {
                    (Keep::Total, _) => Part::Total,
                    (Keep::Groups(g), Some(name)) | (Keep::One(g, name), None) => Part::Of(*g, name.clone()),
                    _ => return None,
                };
                let hidden = &at.get(&(self.period, *start, part))?.1;
                let label = self.period.label(*start);
                Some(Cell::build(def, tally, hidden, tally.responses < threshold, label, group.clone()))
            })
            .collect()
    }
}

/// Decides the cells of `census` together (sets as in `suppress`); `fixed` holds coarser cells
/// already decided, which are totals here but never hidden again.
fn decide(
    def: &Definition,
    threshold: u64,
    census: BTreeMap<Key, Census>,
    fixed: &HashMap<Key, Decided>,
) -> Vec<(Key, Decided)> {
    let keys: Vec<Key> = census.keys().cloned().collect();
    let position: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let cells: Vec<Census> = census
        .into_values()
        .map(|mut c| {
            c.pool(def);
            c
        })
        .collect();
    let fixed: Vec<(&Key, &Decided)> = fixed.iter().collect();
    let coarser: Vec<Decided> = fixed.iter().map(|(_, d)| (*d).clone()).collect();
    let coarser_at: HashMap<&Key, usize> = fixed.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();
    // A period's total with its procedures, and with its tiers; a part's buckets within one
    // bucket of the coarser period, with that bucket's cell as their total.
    let mut sets: BTreeMap<(u8, Period, i64, Option<&Part>), Set> = BTreeMap::new();
    for (i, (level, start, part)) in keys.iter().enumerate() {
        let dims: &[u8] = match part {
            Part::Total => &[0, 1],
            Part::Of(Group::Procedure, _) => &[0],
            Part::Of(Group::Tier, _) => &[1],
        };
        for d in dims {
            sets.entry((*d, *level, *start, None)).or_default().members.push(i);
        }
        if let Some(parent) = level.parent() {
            let total: Key = (parent, parent.start(*start), part.clone());
            let set = sets.entry((2, parent, total.1, Some(part))).or_default();
            set.members.push(i);
            match position.get(&total) {
                Some(&t) if !set.members.contains(&t) => set.members.push(t),
                Some(_) => {}
                None => set.total = coarser_at.get(&total).copied(),
            }
        }
    }
    let sets: Vec<Set> = sets.into_values().collect();
    let flags = hidden(def, &cells, threshold, &sets, &coarser);
    keys.into_iter().zip(cells.into_iter().zip(flags)).collect()
}
