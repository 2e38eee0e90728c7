//! A province's overlay from its online-service registry: the directory of agencies, one registry
//! offer per procedure the registry lists (its variants, each with one default level plus the
//! agencies that differ), and `not-in-registry` for every other procedure of the base — no level
//! is claimed for those. What an offer says besides levels (local agency, fee, time, note, link)
//! is kept from the previous overlay. The report says what the update does.

use super::registry::{Registry, Row};
use super::text::shorten;
use crate::catalogue::online::{most_common, Shown, Summary};
use crate::catalogue::schema::*;
use crate::levels::{Level, Provenance};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The registry's description, shown to citizens with its date.
pub struct Source {
    pub source: String,
    pub date: String,
}

#[derive(Debug, Default)]
pub struct RegistryReport {
    pub format: &'static str,
    pub rows: usize,
    pub rows_used: usize,
    /// (place, reason) of rows not used.
    pub bad_rows: Vec<(String, String)>,
    pub procedures: usize,
    pub variants: usize,
    /// Agencies by kind: departments, communes, branches.
    pub agencies: [usize; 3],
    /// (code, "toan_trinh 4, mot_phan 79") of procedures whose level differs by agency.
    pub mixed: Vec<(String, String)>,
    /// (code, rows) of codes the registry lists that are not in the base records.
    pub not_in_records: Vec<(String, usize)>,
    /// Procedures of the base the registry does not list.
    pub absent: Vec<String>,
    /// (code, before, after) of every procedure whose level changes against the previous overlay.
    pub changed: Vec<(String, String, String)>,
    /// Procedures whose level stays, now from the registry.
    pub confirmed: usize,
    /// Things to know (names that differ for one agency code, several links for one variant).
    pub notes: Vec<String>,
}

/// The kind of an agency from its code: `P.NNN` (three digits) a commune, `P`, `P.NN` and
/// `P.NN.NN` the province, its departments and their offices, anything deeper a branch.
pub fn agency_kind(code: &str) -> AgencyKind {
    let parts: Vec<&str> = code.split('.').collect();
    match parts.len() {
        2 if parts[1].len() == 3 => AgencyKind::Commune,
        1..=3 => AgencyKind::Department,
        _ => AgencyKind::Branch,
    }
}

/// How the report names what the citizen sees before and after.
fn describe(s: Shown) -> String {
    match s {
        Shown::Level(l, p) => format!("{} ({})", l.id(), p.id()),
        Shown::Varies(a, b) => format!("varies {}…{} (registry)", a.id(), b.id()),
        Shown::NotInRegistry => "not in the registry".into(),
        Shown::Unknown => "no level".into(),
    }
}

/// What the citizen is told, whatever the source.
fn without_provenance(s: Shown) -> Shown {
    match s {
        Shown::Level(l, _) => Shown::Level(l, Provenance::Registry),
        other => other,
    }
}

/// Applies the registry to `province` (its header and statistics are kept). `previous` is the
/// overlay before the update, for the change report (often `province` itself).
pub fn apply(base: &BaseFile, province: &ProvinceFile, reg: &Registry, src: &Source) -> (ProvinceFile, RegistryReport) {
    let mut rep = RegistryReport {
        format: reg.format,
        rows: reg.rows.len() + reg.bad.len(),
        bad_rows: reg.bad.clone(),
        ..Default::default()
    };
    let in_base: HashMap<&str, &Procedure> = base.procedures.iter().map(|p| (p.code.as_str(), p)).collect();
    let mut by_code: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    let mut outside: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &reg.rows {
        if in_base.contains_key(r.code.as_str()) {
            by_code.entry(&r.code).or_default().push(r);
        } else {
            *outside.entry(&r.code).or_default() += 1;
        }
    }
    rep.not_in_records = outside.into_iter().map(|(c, n)| (c.to_owned(), n)).collect();
    let directory = directory(by_code.values().flatten().copied(), &mut rep);
    let communes: BTreeSet<&str> =
        directory.iter().filter(|a| a.kind == AgencyKind::Commune).map(|a| a.code.as_str()).collect();
    let previous: HashMap<&str, &Offer> = province.offers.iter().map(|o| (o.code.as_str(), o)).collect();
    let mut offers = Vec::with_capacity(base.procedures.len());
    for p in &base.procedures {
        let keep = previous.get(p.code.as_str()).copied();
        let mut offer = Offer {
            code: p.code.clone(),
            level: None,
            provenance: Provenance::NotInRegistry,
            variants: Vec::new(),
            agency: keep.map(|o| o.agency.clone()).unwrap_or_default(),
            fee: keep.map(|o| o.fee.clone()).unwrap_or_default(),
            time: keep.map(|o| o.time.clone()).unwrap_or_default(),
            portal_url: keep.map(|o| o.portal_url.clone()).unwrap_or_default(),
            note: keep.map(|o| o.note.clone()).unwrap_or_default(),
        };
        match by_code.get(p.code.as_str()) {
            Some(rows) => {
                rep.rows_used += rows.len();
                offer.provenance = Provenance::Registry;
                offer.variants = variants(rows, &communes, &mut rep);
            }
            None => rep.absent.push(p.code.clone()),
        }
        offers.push(offer);
    }
    rep.procedures = by_code.len();
    rep.variants = offers.iter().map(|o| o.variants.len()).sum();
    let mut out = province.clone();
    out.schema = PROVINCE_SCHEMA.into();
    out.registry = Some(RegistryInfo { source: src.source.clone(), date: src.date.clone() });
    let n_communes = communes.len();
    out.agencies = directory;
    out.offers = offers;
    for o in &out.offers {
        let typical = in_base.get(o.code.as_str()).and_then(|p| p.typical_level);
        let after = Summary::of(Some(o), typical, &out.agencies);
        let before = match previous.get(o.code.as_str()) {
            Some(old) => Summary::of(Some(old), typical, &province.agencies),
            None if province.registry.is_some() => {
                Summary { provenance: Provenance::NotInRegistry, ..Summary::default() }
            }
            None => Summary::of(None, typical, &province.agencies),
        };
        let counts = level_counts(o, n_communes);
        if counts.len() > 1 {
            let text = counts.iter().map(|(l, k)| format!("{} {k}", l.id())).collect::<Vec<_>>().join(", ");
            rep.mixed.push((o.code.clone(), text));
        }
        let (b, a) = (before.at(None), after.at(None));
        if without_provenance(b) != without_provenance(a) {
            rep.changed.push((o.code.clone(), describe(b), describe(a)));
        } else if b != a {
            rep.confirmed += 1;
        }
    }
    (out, rep)
}

/// The agencies the used rows name, ordered by code; a code listed under several names keeps the
/// first (noted).
fn directory<'a>(rows: impl Iterator<Item = &'a Row>, rep: &mut RegistryReport) -> Vec<Agency> {
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for r in rows {
        match names.get(r.agency.as_str()) {
            Some(first) if *first != r.agency_name => {
                let note = format!(
                    "agency {} is named {:?} and {:?} ({}): the first is used",
                    r.agency, first, r.agency_name, r.place
                );
                if rep.notes.len() < 50 {
                    rep.notes.push(note);
                }
            }
            Some(_) => {}
            None => {
                names.insert(&r.agency, &r.agency_name);
            }
        }
    }
    let mut dir: Vec<Agency> = names
        .into_iter()
        .map(|(c, n)| Agency { code: c.to_owned(), name: n.to_owned(), kind: agency_kind(c) })
        .collect();
    dir.sort_by_key(|a| code_order(&a.code));
    for a in &dir {
        let i = match a.kind {
            AgencyKind::Department => 0,
            AgencyKind::Commune => 1,
            AgencyKind::Branch => 2,
        };
        rep.agencies[i] += 1;
    }
    dir
}

/// Agency codes in numeric order (`H50.2` before `H50.10`).
fn code_order(code: &str) -> Vec<u32> {
    code.split('.').map(|g| g.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap_or(0)).collect()
}

/// One procedure's rows as variants: per agency the least online level when rows repeat, one
/// default level (the most common) plus the agencies that differ, all communes as one flag.
fn variants(rows: &[&Row], communes: &BTreeSet<&str>, rep: &mut RegistryReport) -> Vec<Variant> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_variant: HashMap<&str, Vec<&Row>> = HashMap::new();
    for r in rows {
        if !by_variant.contains_key(r.variant.as_str()) {
            order.push(&r.variant);
        }
        by_variant.entry(&r.variant).or_default().push(r);
    }
    order
        .into_iter()
        .map(|id| {
            let rows = &by_variant[id];
            let mut at: BTreeMap<&str, Level> = BTreeMap::new();
            let mut urls: BTreeMap<&str, usize> = BTreeMap::new();
            for r in rows {
                at.entry(&r.agency).and_modify(|l| *l = (*l).max(r.level)).or_insert(r.level);
                *urls.entry(&r.url).or_default() += 1;
            }
            let url = urls
                .iter()
                .max_by_key(|(u, n)| (**n, std::cmp::Reverse(**u)))
                .map(|(u, _)| (*u).to_owned())
                .unwrap_or_default();
            if urls.len() > 1 && rep.notes.len() < 50 {
                rep.notes.push(format!("{id} has {} filing links; the most used one is kept: {url}", urls.len()));
            }
            // The default: the rule the index summary uses (most agencies; ties to the least online).
            let level = most_common(at.values().copied()).unwrap_or(Level::TrucTiep);
            let all_communes = !communes.is_empty() && communes.iter().all(|c| at.contains_key(c));
            let mut agencies: Vec<String> =
                at.keys().filter(|a| !(all_communes && communes.contains(*a))).map(|a| (*a).to_owned()).collect();
            agencies.sort_by_key(|a| code_order(a));
            let except = at.iter().filter(|(_, l)| **l != level).map(|(a, l)| ((*a).to_owned(), *l)).collect();
            let name = rows.iter().map(|r| r.variant_name.as_str()).find(|n| !n.is_empty()).unwrap_or(id);
            Variant {
                id: id.to_owned(),
                name: shorten(name.trim_start_matches("Thủ tục ").trim(), crate::catalogue::rules::limits::NAME),
                level,
                url,
                all_communes,
                agencies,
                except,
            }
        })
        .collect()
}

/// Agencies per level over an offer's variants (a level with no agency left out).
fn level_counts(o: &Offer, communes: usize) -> BTreeMap<Level, usize> {
    let mut n: BTreeMap<Level, usize> = BTreeMap::new();
    for v in &o.variants {
        let total = v.agencies.len() + if v.all_communes { communes } else { 0 };
        *n.entry(v.level).or_default() += total - v.except.len();
        for l in v.except.values() {
            *n.entry(*l).or_default() += 1;
        }
    }
    n.retain(|_, k| *k > 0);
    n
}

impl fmt::Display for RegistryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "registry ({})", self.format)?;
        writeln!(f, "  rows: {} ({} used)", self.rows, self.rows_used)?;
        writeln!(f, "  rows not used: {}", self.bad_rows.len())?;
        for (place, why) in self.bad_rows.iter().take(200) {
            writeln!(f, "    {place}: {why}")?;
        }
        if self.bad_rows.len() > 200 {
            writeln!(f, "    … ({} more)", self.bad_rows.len() - 200)?;
        }
        writeln!(f, "  procedures: {}, service variants: {}", self.procedures, self.variants)?;
        let [d, c, b] = self.agencies;
        writeln!(f, "  agencies: {} — {d} departments, {c} communes, {b} branches", d + c + b)?;
        writeln!(f, "  procedures whose level differs by agency: {}", self.mixed.len())?;
        for (code, counts) in &self.mixed {
            writeln!(f, "    {code}: {counts}")?;
        }
        writeln!(f, "  codes in the registry but not in the records: {}", self.not_in_records.len())?;
        for (code, rows) in &self.not_in_records {
            writeln!(f, "    {code} ({rows} rows)")?;
        }
        writeln!(f, "  procedures of the catalogue not in the registry (no level claimed): {}", self.absent.len())?;
        for chunk in self.absent.chunks(8) {
            writeln!(f, "    {}", chunk.join(", "))?;
        }
        writeln!(f, "  levels changed against the previous catalogue: {}", self.changed.len())?;
        for (code, before, after) in &self.changed {
            writeln!(f, "    {code}: {before} → {after}")?;
        }
        writeln!(f, "  levels unchanged, now from the registry: {}", self.confirmed)?;
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "overlay_tests.rs"]
mod tests;
