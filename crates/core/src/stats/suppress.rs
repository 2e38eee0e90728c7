//! Which statistics a summary withholds: primary suppression (fewer than `threshold` answers)
//! plus complementary suppression, so that no hidden figure is the difference of shown ones.
//!
//! Every published statistic is a distribution whose `n` is shown. A set of statistics whose
//! total is published too leaks a hidden member when it is the only one hidden there: total
//! minus the others. So in every such set, when exactly one member with answers is hidden
//! (counting the total), the shown member with the fewest answers is hidden as well, repeated
//! until no set has a lone hidden member. The sets are:
//! - in each cell, each element with its criteria (the element is their total);
//! - in each period, the total with its procedures, and the total with its tiers;
//! - the cells of one part (the total, a procedure, a tier) within one bucket of the coarser
//!   period, with that bucket's cell as their total.
//!
//! Periods are decided from the coarsest down (all time, years, quarters, months, days), each
//! with the coarser decisions fixed: a finer period only ever hides its own cells, so a
//! summary by month and one by year agree on every year, and each decision depends only on
//! the data, never on what was asked.

use crate::survey::Definition;

/// One published statistic of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Overall,
    Element(usize),
    Criterion(usize, usize),
}

/// The statistics of a cell of `def`, in a fixed order.
pub(super) fn slots(def: &Definition) -> Vec<Slot> {
    let mut out = Vec::new();
    if def.overall.is_some() {
        out.push(Slot::Overall);
    }
    for (e, element) in def.elements.iter().enumerate() {
        out.push(Slot::Element(e));
        out.extend((0..element.criteria.len()).map(|c| Slot::Criterion(e, c)));
    }
    out
}

/// Answers behind each statistic of one cell (what suppression is decided on).
#[derive(Debug, Clone, Default)]
pub(super) struct Census {
    pub responses: u64,
    /// Valid answers per slot; an element's are its criteria's pooled ([`Census::pool`]).
    pub n: Vec<u64>,
}

impl Census {
    pub fn new(slots: usize) -> Census {
        Census { responses: 0, n: vec![0; slots] }
    }

    pub fn merge(&mut self, other: &Census) {
        self.responses += other.responses;
        for (a, b) in self.n.iter_mut().zip(&other.n) {
            *a += b;
        }
    }

    /// Sets each element's answers to the sum of its criteria's.
    pub fn pool(&mut self, def: &Definition) {
        for (i, slot) in slots(def).iter().enumerate() {
            if let Slot::Element(e) = slot {
                let criteria = def.elements[*e].criteria.len();
                self.n[i] = self.n[i + 1..=i + criteria].iter().sum();
            }
        }
    }
}

/// Cells whose total is published: `members` (indices into the cells being decided) and, when
/// the total is a cell of a coarser period already decided, that cell's index there.
#[derive(Debug, Clone, Default)]
pub(super) struct Set {
    pub members: Vec<usize>,
    pub total: Option<usize>,
}

/// A decided cell: its answers and which of its statistics are hidden.
pub(super) type Decided = (Census, Vec<bool>);

/// `hidden[cell][slot]` for `cells` (pooled, slots as in [`slots`]); `sets` as described in the
/// module doc, their fixed totals in `coarser`.
pub(super) fn hidden(
    def: &Definition,
    cells: &[Census],
    threshold: u64,
    sets: &[Set],
    coarser: &[Decided],
) -> Vec<Vec<bool>> {
    let slots = slots(def);
    let mut hidden: Vec<Vec<bool>> = cells
        .iter()
        .map(|c| {
            slots
                .iter()
                .zip(&c.n)
                .map(|(slot, n)| {
                    // An element is judged by its answers per criterion (about one per person).
                    let per = match slot {
                        Slot::Element(e) => def.elements[*e].criteria.len().max(1) as f64,
                        _ => 1.0,
                    };
                    c.responses < threshold || (*n as f64 / per) < threshold as f64
                })
                .collect()
        })
        .collect();
    // (members as (cell, slot), a fixed total that is hidden and has answers).
    let mut groups: Vec<(Vec<(usize, usize)>, bool)> = Vec::new();
    for cell in 0..cells.len() {
        for (i, slot) in slots.iter().enumerate() {
            if let Slot::Element(e) = slot {
                let criteria = def.elements[*e].criteria.len();
                groups.push(((i..=i + criteria).map(|s| (cell, s)).collect(), false));
            }
        }
    }
    for set in sets {
        for s in 0..slots.len() {
            let total_hidden = set.total.is_some_and(|t| coarser[t].1[s] && coarser[t].0.n[s] > 0);
            if set.members.len() + usize::from(set.total.is_some()) > 1 {
                groups.push((set.members.iter().map(|&c| (c, s)).collect(), total_hidden));
            }
        }
    }
    let size = |(c, s): (usize, usize)| cells[c].n[s];
    // A statistic that is the only one with answers under a shown coarser total equals that
    // total: hiding it as a complement would protect nothing, so others are chosen first.
    let mut pinned = vec![vec![false; slots.len()]; cells.len()];
    for (set, t) in sets.iter().filter_map(|set| set.total.map(|t| (set, t))) {
        for (s, total_hidden) in coarser[t].1.iter().enumerate() {
            let with_answers: Vec<usize> = set.members.iter().copied().filter(|&c| size((c, s)) > 0).collect();
            if let ([c], false) = (with_answers.as_slice(), total_hidden) {
                pinned[*c][s] = true;
            }
        }
    }
    loop {
        let mut changed = false;
        for (members, total_hidden) in &groups {
            let hidden_here = members.iter().filter(|&&m| hidden[m.0][m.1] && size(m) > 0).count();
            if hidden_here + usize::from(*total_hidden) != 1 {
                continue;
            }
            let smallest = members
                .iter()
                .filter(|&&m| !hidden[m.0][m.1] && size(m) > 0)
                .min_by_key(|&&m| (pinned[m.0][m.1], size(m)));
            if let Some(&(c, s)) = smallest {
                hidden[c][s] = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}
