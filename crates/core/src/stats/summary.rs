//! From stored counts to the summary JSON (GET /api/v1/summary) the widget draws.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::suppress::{slots, Slot};
use super::{wilson95, Distribution, Period};
use crate::envelope::{Answer, Envelope};
use crate::survey::Definition;

/// Cells with fewer responses than this are suppressed unless configured otherwise.
pub const DEFAULT_THRESHOLD: u64 = 10;

/// Count key of the per-cell response count (criterion ids never start with `_`).
pub(super) const RESPONSES: &str = "_responses";
/// Count key of the overall-satisfaction question.
pub(super) const OVERALL: &str = "_overall";

/// The (key, value) count increments one response adds: the response itself, the overall
/// question, and every criterion (value 0 = not applicable). The collector adds these to its
/// stored counts in the same transaction as the response.
pub fn contributions(env: &Envelope) -> Vec<(&str, u8)> {
    let mut rows = Vec::with_capacity(env.answers.len() + 2);
    rows.push((RESPONSES, 0));
    if let Some(v) = env.overall {
        rows.push((OVERALL, v));
    }
    for (id, answer) in &env.answers {
        let value = match answer {
            Answer::Score(v) => *v,
            Answer::NotApplicable => 0,
        };
        rows.push((id.as_str(), value));
    }
    rows
}

/// Counts for one cell: how many responses, and a distribution per question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub responses: u64,
    pub questions: BTreeMap<String, Distribution>,
}

impl Tally {
    /// Adds `count` stored increments of (`key`, `value`), as produced by [`contributions`].
    pub fn add(&mut self, key: &str, value: u8, count: u64) {
        if key == RESPONSES {
            self.responses += count;
        } else {
            self.questions.entry(key.to_owned()).or_default().add_count(value, count);
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.responses += other.responses;
        for (k, d) in &other.questions {
            self.questions.entry(k.clone()).or_default().merge(d);
        }
    }

    fn question(&self, key: &str) -> Distribution {
        self.questions.get(key).copied().unwrap_or_default()
    }

    /// The pooled distribution of the given criteria (the element roll-up, see the module doc).
    pub fn pooled<'a>(&self, criteria: impl IntoIterator<Item = &'a str>) -> Distribution {
        let mut d = Distribution::default();
        for id in criteria {
            d.merge(&self.question(id));
        }
        d
    }
}

/// Figures for one question or element. When `suppressed`, only `n` and `na` are given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    /// Valid answers (1..=5). For an element: pooled answers over its criteria.
    pub n: u64,
    /// "Not applicable" answers.
    pub na: u64,
    pub suppressed: bool,
    /// Answers per value 1..=5.
    pub counts: Option<[u64; 5]>,
    /// Top-2-box share in percent (0.1 precision).
    pub top2: Option<f64>,
    /// Mean score (0.01 precision).
    pub mean: Option<f64>,
    /// 95% Wilson interval of `top2`, in percent (0.1 precision).
    pub interval: Option<[f64; 2]>,
}

/// Rounds to `scale` steps per unit (10 → 0.1), dividing last so 43.4 stays 43.4.
fn round_to(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

impl Stat {
    /// `n_eff` is the number of observations behind the interval (see the module doc).
    fn of(d: &Distribution, n_eff: f64, suppressed: bool) -> Stat {
        let shown = !suppressed && d.n() > 0;
        let share = d.top2_share().filter(|_| shown);
        Stat {
            n: d.n(),
            na: d.na,
            suppressed,
            counts: shown.then_some(d.counts),
            top2: share.map(|p| round_to(p * 100.0, 10.0)),
            mean: d.mean().filter(|_| shown).map(|m| round_to(m, 100.0)),
            interval: share
                .and_then(|p| wilson95(p, n_eff))
                .map(|(lo, hi)| [round_to(lo * 100.0, 10.0), round_to(hi * 100.0, 10.0)]),
        }
    }
}

/// One criterion's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionStat {
    pub id: String,
    #[serde(flatten)]
    pub stat: Stat,
}

/// One element: its pooled figures and its criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementSummary {
    pub id: String,
    #[serde(flatten)]
    pub stat: Stat,
    pub criteria: Vec<CriterionStat>,
}

/// One period (and, when grouped, one procedure or tier).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Period label: `2025-03-14`, `2025-03`, `2025-Q1`, `2025` or `all`.
    pub period: String,
    /// The procedure code or tier of this cell when the summary is grouped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Responses (people) in the cell; suppression is decided on this.
    pub responses: u64,
    pub suppressed: bool,
    /// The overall-satisfaction question; `None` when the survey has none.
    pub overall: Option<Stat>,
    pub elements: Vec<ElementSummary>,
}

impl Cell {
    /// Figures for one cell of `def` from its counts; `hidden` says which statistics are
    /// withheld (slots as in `suppress::slots`), `suppressed` whether the whole cell is.
    pub(super) fn build(
        def: &Definition,
        tally: &Tally,
        hidden: &[bool],
        suppressed: bool,
        period: String,
        group: Option<String>,
    ) -> Cell {
        let slots = slots(def);
        let hide = |slot: Slot| slots.iter().position(|s| *s == slot).is_none_or(|i| hidden[i]);
        let elements = def
            .elements
            .iter()
            .enumerate()
            .map(|(ei, e)| {
                let criteria: Vec<CriterionStat> = e
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| {
                        let d = tally.question(&c.id);
                        CriterionStat {
                            id: c.id.clone(),
                            stat: Stat::of(&d, d.n() as f64, hide(Slot::Criterion(ei, ci))),
                        }
                    })
                    .collect();
                let pooled = tally.pooled(e.criteria.iter().map(|c| c.id.as_str()));
                let n_eff = pooled.n() as f64 / e.criteria.len().max(1) as f64;
                ElementSummary { id: e.id.clone(), stat: Stat::of(&pooled, n_eff, hide(Slot::Element(ei))), criteria }
            })
            .collect();
        let overall = def.overall.as_ref().map(|_| {
            let d = tally.question(OVERALL);
            Stat::of(&d, d.n() as f64, hide(Slot::Overall))
        });
        Cell { period, group, responses: tally.responses, suppressed, overall, elements }
    }
}

/// What `by=` groups cells on, besides the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Procedure,
    Tier,
}

/// The body of GET /api/v1/summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Survey key `id@version`.
    pub survey: String,
    /// Filters as applied (`None` = all).
    pub province: Option<String>,
    pub procedure: Option<String>,
    pub tier: Option<String>,
    /// Inclusive local dates `YYYY-MM-DD` (`None` = open).
    pub from: Option<String>,
    pub to: Option<String>,
    pub period: Period,
    pub by: Option<Group>,
    /// Minimum responses for a cell (and valid answers for a question) to be shown.
    pub threshold: u64,
    pub cells: Vec<Cell>,
}
