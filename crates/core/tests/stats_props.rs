//! Property tests: distribution algebra, figure bounds, the element roll-up and aggregation.

use proptest::prelude::*;

use tthc_core::envelope::Answer;
use tthc_core::stats::{wilson95, Aggregator, Cell, Distribution, Group, Keep, Period, Stat, Tally};
use tthc_core::survey::{read_definition, Definition};

fn dist() -> impl Strategy<Value = Distribution> {
    (prop::array::uniform5(0u64..1000), 0u64..1000).prop_map(|(counts, na)| Distribution { counts, na })
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![(1u8..=5).prop_map(Answer::Score), Just(Answer::NotApplicable)]
}

fn merged(a: &Distribution, b: &Distribution) -> Distribution {
    let mut m = *a;
    m.merge(b);
    m
}

/// One stored count row, as the collector reads it: into the census always, into the published
/// cells when it belongs to what `keep` publishes.
#[allow(clippy::too_many_arguments)]
fn add(agg: &mut Aggregator, keep: &Keep, day: i64, procedure: &str, tier: &str, key: &str, value: u8, count: u64) {
    agg.census_month(day, procedure, tier, key, if value > 0 { count } else { 0 }, count);
    let (published, group) = match keep {
        Keep::Total => (true, None),
        Keep::Groups(Group::Procedure) => (true, Some(procedure)),
        Keep::Groups(Group::Tier) => (true, Some(tier)),
        Keep::One(Group::Procedure, p) => (p == procedure, None),
        Keep::One(Group::Tier, t) => (t == tier, None),
    };
    if published {
        agg.tally(day, group, key, value, count);
    }
}

fn sipas_b() -> Definition {
    let path = format!("{}/../../seeds/surveys/sipas-service-b@2026.json", env!("CARGO_MANIFEST_DIR"));
    read_definition(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

proptest! {
    #[test]
    fn merge_is_associative_and_commutative(a in dist(), b in dist(), c in dist()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        prop_assert_eq!(merged(&a, &Distribution::default()), a);
    }

    #[test]
    fn add_then_merge_equals_merge_then_add(a in dist(), b in dist(), xs in prop::collection::vec(answer(), 0..50)) {
        let mut left = a;
        for x in &xs { left.add(*x); }
        left.merge(&b);
        let mut right = merged(&a, &b);
        for x in &xs { right.add(*x); }
        prop_assert_eq!(left, right);
    }

    #[test]
    fn figures_stay_in_bounds(d in dist()) {
        prop_assume!(d.n() > 0);
        let p = d.top2_share().unwrap();
        let mean = d.mean().unwrap();
        prop_assert!((0.0..=1.0).contains(&p));
        prop_assert!((1.0..=5.0).contains(&mean));
        let (lo, hi) = wilson95(p, d.n() as f64).unwrap();
        prop_assert!(0.0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1.0, "{lo} {p} {hi}");
    }

    #[test]
    fn wilson_narrows_as_n_grows(p in 0.0f64..=1.0, n in 1.0f64..10_000.0) {
        let (lo1, hi1) = wilson95(p, n).unwrap();
        let (lo2, hi2) = wilson95(p, n * 4.0).unwrap();
        prop_assert!(hi2 - lo2 <= hi1 - lo1 + 1e-12);
    }

    /// Element = pooled distribution of its criteria: its share is a weighted mean of the
    /// criterion shares (so it lies between them) and the plain mean when their n are equal.
    #[test]
    fn element_roll_up(ds in prop::collection::vec(dist(), 1..6)) {
        let mut tally = Tally::default();
        let ids: Vec<String> = (0..ds.len()).map(|i| format!("c{i}")).collect();
        for (id, d) in ids.iter().zip(&ds) {
            for (v, c) in d.counts.iter().enumerate() { tally.add(id, v as u8 + 1, *c); }
            tally.add(id, 0, d.na);
        }
        let pooled = tally.pooled(ids.iter().map(String::as_str));
        let mut reversed = Distribution::default();
        for d in ds.iter().rev() { reversed.merge(d); }
        prop_assert_eq!(pooled, reversed);
        let shares: Vec<f64> = ds.iter().filter_map(Distribution::top2_share).collect();
        if let Some(p) = pooled.top2_share() {
            let (min, max) = shares.iter().fold((1.0f64, 0.0f64), |(a, b), s| (a.min(*s), b.max(*s)));
            prop_assert!(min - 1e-12 <= p && p <= max + 1e-12);
        }
    }

    #[test]
    fn equal_n_element_share_is_the_mean_of_criterion_shares(tops in prop::collection::vec(0u64..=20, 1..6)) {
        let mut tally = Tally::default();
        let ids: Vec<String> = (0..tops.len()).map(|i| format!("c{i}")).collect();
        for (id, t) in ids.iter().zip(&tops) {
            tally.add(id, 5, *t);
            tally.add(id, 2, 20 - t);
        }
        let pooled = tally.pooled(ids.iter().map(String::as_str)).top2_share().unwrap();
        let mean = tops.iter().map(|t| *t as f64 / 20.0).sum::<f64>() / tops.len() as f64;
        prop_assert!((pooled - mean).abs() < 1e-12);
    }

    /// Cells do not depend on the order rows arrive in, and a year is the sum of its months.
    #[test]
    fn aggregation_is_order_independent(rows in prop::collection::vec((0i64..800, 0usize..3, 0u8..=5, 1u64..5), 0..200), seed in any::<u64>()) {
        let def = sipas_b();
        let keys = ["_responses", "a1", "_overall"];
        let build = |order: &[(i64, usize, u8, u64)], period| {
            let mut agg = Aggregator::new(&def, period, Keep::Total, usize::MAX);
            for (day, k, v, n) in order { add(&mut agg, &Keep::Total, 20_000 + day, "", "", keys[*k], *v, *n); }
            agg.cells(&def, 10, i64::MIN, i64::MAX)
        };
        let mut shuffled = rows.clone();
        let len = shuffled.len().max(1);
        shuffled.rotate_left(seed as usize % len);
        shuffled.reverse();
        prop_assert_eq!(build(&rows, Period::Month), build(&shuffled, Period::Month));
        let sum = |cells: &[Cell]| cells.iter().map(|c| c.responses).sum::<u64>();
        prop_assert_eq!(sum(&build(&rows, Period::Month)), sum(&build(&rows, Period::All)));
        for c in build(&rows, Period::Quarter) {
            prop_assert_eq!(c.suppressed, c.responses < 10);
            if c.suppressed {
                prop_assert!(c.elements.iter().all(|e| e.stat.top2.is_none() && e.stat.counts.is_none()));
                prop_assert!(c.overall.as_ref().unwrap().mean.is_none());
            }
        }
    }
}

#[test]
fn a_shown_cell_has_the_expected_figures() {
    let def = sipas_b();
    let mut agg = Aggregator::new(&def, Period::All, Keep::Total, usize::MAX);
    // 12 responses: a1 answered 5,5,5,5,5,5,4,4,3,3,1 and one "not applicable".
    add(&mut agg, &Keep::Total, 20_000, "", "", "_responses", 0, 12);
    for (v, n) in [(5u8, 6u64), (4, 2), (3, 2), (1, 1), (0, 1)] {
        add(&mut agg, &Keep::Total, 20_000, "", "", "a1", v, n);
    }
    add(&mut agg, &Keep::Total, 20_001, "", "", "_overall", 4, 12);
    for id in ["a2", "a3"] {
        add(&mut agg, &Keep::Total, 20_000, "", "", id, 5, 5);
        add(&mut agg, &Keep::Total, 20_000, "", "", id, 0, 7);
    }
    let cells = agg.cells(&def, 10, i64::MIN, i64::MAX);
    assert_eq!(cells.len(), 1);
    let cell = &cells[0];
    assert!(!cell.suppressed);
    assert_eq!(cell.period, "all");
    let a1 = &cell.elements[0].criteria[0];
    assert_eq!((a1.id.as_str(), a1.stat.n, a1.stat.na), ("a1", 11, 1));
    assert_eq!(a1.stat.top2, Some(72.7));
    assert_eq!(a1.stat.mean, Some(4.09));
    assert_eq!(a1.stat.interval, Some([43.4, 90.3]));
    // a2 and a3 have 5 valid answers each: the element's effective n is 21/3 < 10, so it is
    // suppressed, and so are they (their hidden figures cannot be the element minus a1).
    assert!(cell.elements[0].stat.suppressed && cell.elements[0].stat.top2.is_none());
    assert_eq!(cell.overall.as_ref().unwrap().top2, Some(100.0));
    let json = serde_json::to_string(cell).unwrap();
    let back: Cell = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, cell);
}

/// Every published statistic of a cell, in a fixed order.
fn stats(c: &Cell) -> Vec<&Stat> {
    let mut out: Vec<&Stat> = c.overall.iter().collect();
    for e in &c.elements {
        out.push(&e.stat);
        out.extend(e.criteria.iter().map(|c| &c.stat));
    }
    out
}

/// Whether a set of statistics whose total is published elsewhere leaks a hidden member:
/// exactly one member with answers is hidden, so total minus the shown ones gives it.
fn leaks<'a>(members: impl IntoIterator<Item = &'a Stat>) -> bool {
    members.into_iter().filter(|s| s.suppressed && s.n > 0).count() == 1
}

/// Rows for 4 procedures over 7 months of 2025: responses and a1..a3 answers (some n/a).
fn rows() -> impl Strategy<Value = Vec<(i64, usize, [u64; 3], u64)>> {
    prop::collection::vec((0i64..210, 0usize..4, prop::array::uniform3(0u64..4), 0u64..3), 0..120)
}

fn aggregate(def: &Definition, rows: &[(i64, usize, [u64; 3], u64)], period: Period, keep: Keep) -> Vec<Cell> {
    let start = tthc_core::stats::day_from_date("2025-01-01").unwrap();
    let mut agg = Aggregator::new(def, period, keep.clone(), usize::MAX);
    for (day, p, answers, na) in rows {
        let group = format!("1.00000{p}");
        let tier = ["xa", "tinh"][p % 2];
        let n = answers.iter().sum::<u64>() + na;
        add(&mut agg, &keep, start + day, &group, tier, "_responses", 0, n);
        for (value, count) in [5u8, 4, 2].iter().zip(answers) {
            for id in ["a1", "a2", "a3"] {
                add(&mut agg, &keep, start + day, &group, tier, id, *value, *count);
            }
        }
        add(&mut agg, &keep, start + day, &group, tier, "a3", 0, *na);
        add(&mut agg, &keep, start + day, &group, tier, "a1", 0, *na);
        add(&mut agg, &keep, start + day, &group, tier, "a2", 5, *na);
    }
    agg.cells(def, 5, i64::MIN, i64::MAX)
}

/// The quarter label of a month label (`2025-05` → `2025-Q2`).
fn quarter(month: &str) -> String {
    format!("{}-Q{}", &month[..4], (month[5..7].parse::<u32>().unwrap() - 1) / 3 + 1)
}

proptest! {
    /// The differencing attacks of issue 11 find no lone hidden statistic, across the summaries
    /// by month and by quarter, with and without `by=procedure`: not an element minus its shown
    /// criteria, not a month's total minus its shown procedures, not a quarter minus its shown
    /// months.
    #[test]
    fn no_hidden_figure_is_the_difference_of_shown_ones(rows in rows()) {
        let def = sipas_b();
        let by = Keep::Groups(Group::Procedure);
        let months = aggregate(&def, &rows, Period::Month, by.clone());
        let totals = aggregate(&def, &rows, Period::Month, Keep::Total);
        let quarters = aggregate(&def, &rows, Period::Quarter, by);
        for c in months.iter().chain(&totals).chain(&quarters) {
            for e in &c.elements {
                prop_assert!(!leaks(std::iter::once(&e.stat).chain(e.criteria.iter().map(|c| &c.stat))), "{c:?}");
            }
        }
        let mut sets: std::collections::BTreeMap<(String, Option<&str>), Vec<&Cell>> = Default::default();
        for c in &months {
            sets.entry((c.period.clone(), None)).or_default().push(c);
            sets.entry((quarter(&c.period), c.group.as_deref())).or_default().push(c);
        }
        for c in &totals {
            sets.entry((c.period.clone(), None)).or_default().push(c);
        }
        for c in &quarters {
            sets.entry((c.period.clone(), c.group.as_deref())).or_default().push(c);
        }
        for set in sets.values() {
            for slot in 0..stats(set[0]).len() {
                prop_assert!(!leaks(set.iter().map(|c| stats(c)[slot])), "slot {slot} of {set:?}");
            }
        }
    }

    /// A summary of one procedure shows exactly what the grouped summary shows for it, so a
    /// complement hidden there cannot be read here.
    #[test]
    fn one_procedure_is_decided_like_the_grouped_summary(rows in rows(), p in 0usize..4) {
        let def = sipas_b();
        let group = format!("1.00000{p}");
        let grouped: Vec<Cell> = aggregate(&def, &rows, Period::Month, Keep::Groups(Group::Procedure))
            .into_iter()
            .filter(|c| c.group.as_deref() == Some(group.as_str()))
            .map(|c| Cell { group: None, ..c })
            .collect();
        prop_assert_eq!(aggregate(&def, &rows, Period::Month, Keep::One(Group::Procedure, group)), grouped);
    }
}
