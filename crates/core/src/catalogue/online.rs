//! "Can I do this online here?": the one rule that turns a province's offer into what the citizen
//! is told, for the place they live. The index carries a `Summary` per procedure (enough for the
//! result list and the counts at any place); the detail shard carries the offer's variants, read
//! with `variant_at`. Both follow the same rule, checked against each other by a test:
//!
//! - a procedure not in the province's registry has no level (never a guess);
//! - a registry procedure taken at communes has, at the citizen's commune, that commune's level;
//!   a commune that does not take it while others do is "in person" there;
//! - otherwise (no place chosen, or a department-only procedure) one level when every agency has
//!   the same, else "varies", from the most online level to the least;
//! - a published or typical level is the same everywhere.

use super::schema::{Agency, AgencyKind, Offer, Variant};
use crate::levels::{Level, Provenance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The index's summary of one procedure's offer (short keys: it is on every row of the index).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Registry: the level at most communes (at most agencies when no commune takes it);
    /// otherwise the published or typical level. `None`: no level is known or claimed.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(rename = "p", default, skip_serializing_if = "Provenance::is_typical")]
    pub provenance: Provenance,
    /// Registry: taken at the communes (filed where the citizen lives).
    #[serde(rename = "c", default, skip_serializing_if = "std::ops::Not::not")]
    pub communes: bool,
    /// Registry: agencies whose level differs from `level`, by code; a commune that does not take
    /// it while others do appears as `truc_tiep`.
    #[serde(rename = "x", default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<(String, Level)>,
}

/// What the citizen is told about doing a procedure online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// One level: at the chosen place, or the same everywhere; with where it comes from.
    Level(Level, Provenance),
    /// The registry's level differs by place: (most online, least online).
    Varies(Level, Level),
    /// The province's registry does not list it: no level is claimed.
    NotInRegistry,
    /// Nothing is known.
    Unknown,
}

impl Shown {
    /// True when the citizen can at least start online (at every place, for `Varies`).
    pub fn is_online(self) -> bool {
        match self {
            Shown::Level(l, _) => l.is_online(),
            Shown::Varies(_, least) => least.is_online(),
            Shown::NotInRegistry | Shown::Unknown => false,
        }
    }

    /// The level filter: a level, or a range that includes it.
    pub fn has(self, level: Level) -> bool {
        match self {
            Shown::Level(l, _) => l == level,
            Shown::Varies(most, least) => (most..=least).contains(&level),
            Shown::NotInRegistry | Shown::Unknown => false,
        }
    }

    /// The level when there is exactly one.
    pub fn level(self) -> Option<Level> {
        match self {
            Shown::Level(l, _) => Some(l),
            _ => None,
        }
    }
}

/// One level, or the range of several.
fn range(levels: impl IntoIterator<Item = Level>) -> Shown {
    let mut it = levels.into_iter();
    let Some(first) = it.next() else { return Shown::Unknown };
    let (most, least) = it.fold((first, first), |(a, b), l| (a.min(l), b.max(l)));
    if most == least {
        Shown::Level(most, Provenance::Registry)
    } else {
        Shown::Varies(most, least)
    }
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }

    /// What the citizen at `place` (a commune's code, when chosen) is told.
    pub fn at(&self, place: Option<&str>) -> Shown {
        match self.provenance {
            Provenance::NotInRegistry => Shown::NotInRegistry,
            Provenance::Registry => {
                let Some(level) = self.level else { return Shown::Unknown };
                match place {
                    Some(p) if self.communes => {
                        let at = self.except.iter().find(|(a, _)| a == p).map_or(level, |(_, l)| *l);
                        Shown::Level(at, Provenance::Registry)
                    }
                    _ => range(std::iter::once(level).chain(self.except.iter().map(|(_, l)| *l))),
                }
            }
            prov => self.level.map_or(Shown::Unknown, |l| Shown::Level(l, prov)),
        }
    }

    /// The summary of a province's offer (none: the national typical level, or nothing).
    pub fn of(offer: Option<&Offer>, typical: Option<Level>, directory: &[Agency]) -> Summary {
        let Some(offer) = offer else {
            return Summary { level: typical, ..Summary::default() };
        };
        if offer.provenance != Provenance::Registry {
            return Summary { level: offer.level, provenance: offer.provenance, ..Summary::default() };
        }
        // Per agency, the least online level of its variants: the badge never promises more than
        // every case of the procedure gives (the detail shows each variant's own level).
        let mut at: BTreeMap<&str, Level> = BTreeMap::new();
        for v in &offer.variants {
            for a in agencies(v, directory) {
                let l = v.level_at(a);
                at.entry(a).and_modify(|x| *x = (*x).max(l)).or_insert(l);
            }
        }
        let communes: Vec<&str> =
            directory.iter().filter(|a| a.kind == AgencyKind::Commune).map(|a| a.code.as_str()).collect();
        let covered: Vec<Level> = communes.iter().filter_map(|c| at.get(c).copied()).collect();
        let takes_communes = !covered.is_empty();
        let Some(level) = most_common(if takes_communes { covered } else { at.values().copied().collect() }) else {
            return Summary { provenance: Provenance::Registry, ..Summary::default() };
        };
        let mut except: Vec<(String, Level)> =
            at.iter().filter(|(_, l)| **l != level).map(|(a, l)| ((*a).to_owned(), *l)).collect();
        if takes_communes && level != Level::TrucTiep {
            except.extend(communes.iter().filter(|c| !at.contains_key(*c)).map(|c| ((*c).to_owned(), Level::TrucTiep)));
        }
        except.sort();
        Summary { level: Some(level), provenance: Provenance::Registry, communes: takes_communes, except }
    }
}

/// The most frequent level; ties go to the least online one (the index's and the importer's default).
pub fn most_common(levels: impl IntoIterator<Item = Level>) -> Option<Level> {
    let mut n: BTreeMap<Level, usize> = BTreeMap::new();
    for l in levels {
        *n.entry(l).or_default() += 1;
    }
    n.into_iter().max_by_key(|(l, k)| (*k, *l)).map(|(l, _)| l)
}

/// The codes of the agencies that take a variant: every commune when `all_communes`, and the
/// listed ones.
pub fn agencies<'a>(v: &'a Variant, directory: &'a [Agency]) -> impl Iterator<Item = &'a str> + 'a {
    let communes =
        directory.iter().filter(move |a| v.all_communes && a.kind == AgencyKind::Commune).map(|a| a.code.as_str());
    communes.chain(v.agencies.iter().map(String::as_str))
}

impl Variant {
    /// The level at one agency that takes it.
    pub fn level_at(&self, agency: &str) -> Level {
        self.except.get(agency).copied().unwrap_or(self.level)
    }
}

/// One variant as the detail shows it to the citizen at `place`.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantAt<'a> {
    pub shown: Shown,
    /// Filed at the citizen's commune: the chosen one (in `offices`), or "your commune" when none
    /// is chosen yet.
    pub at_commune: bool,
    /// The offices that take the dossier: the citizen's commune, or the departments.
    pub offices: Vec<&'a Agency>,
    /// Branches of those departments that take it too.
    pub branches: usize,
    /// Offices elsewhere with a level other than the shown one (departments and branches; and
    /// communes while no place is chosen).
    pub others: Vec<(&'a Agency, Level)>,
}

/// The variant `v` for the citizen at `place` (a commune's code, when chosen).
pub fn variant_at<'a>(v: &Variant, place: Option<&str>, directory: &'a [Agency]) -> VariantAt<'a> {
    let find = |code: &str| directory.iter().find(|a| a.code == code);
    let listed: Vec<(&'a Agency, Level)> =
        agencies(v, directory).filter_map(|c| find(c).map(|a| (a, v.level_at(c)))).collect();
    let takes_communes = listed.iter().any(|(a, _)| a.kind == AgencyKind::Commune);
    let departments: Vec<&'a Agency> =
        listed.iter().filter(|(a, _)| a.kind == AgencyKind::Department).map(|(a, _)| *a).collect();
    let branches = listed.iter().filter(|(a, _)| a.kind == AgencyKind::Branch).count();
    let others = |shown: Shown, communes_too: bool| -> Vec<(&'a Agency, Level)> {
        listed
            .iter()
            .filter(|(a, l)| (communes_too || a.kind != AgencyKind::Commune) && shown.level() != Some(*l))
            .copied()
            .collect()
    };
    match place {
        Some(p) if takes_communes => {
            let here = listed.iter().find(|(a, _)| a.code == p);
            let level = here.map_or(Level::TrucTiep, |(_, l)| *l);
            let shown = Shown::Level(level, Provenance::Registry);
            let offices = here.map(|(a, _)| vec![*a]).unwrap_or_default();
            VariantAt { shown, at_commune: here.is_some(), offices, branches: 0, others: others(shown, false) }
        }
        _ => {
            // A commune left out is "in person" there, as in `Summary::at`.
            let left_out = takes_communes
                && directory
                    .iter()
                    .any(|a| a.kind == AgencyKind::Commune && !listed.iter().any(|(x, _)| x.code == a.code));
            let shown = range(listed.iter().map(|(_, l)| *l).chain(left_out.then_some(Level::TrucTiep)));
            let others = if matches!(shown, Shown::Varies(..)) { others(shown, !takes_communes) } else { Vec::new() };
            VariantAt { shown, at_commune: takes_communes, offices: departments, branches, others }
        }
    }
}

#[cfg(test)]
#[path = "online_tests.rs"]
mod tests;
