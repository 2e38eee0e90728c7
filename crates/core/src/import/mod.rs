//! The importer: national-format records + a province's level list → our catalogue (a national
//! base of the procedures a province handles, and the province overlay with its published
//! levels), with a report. Used by the `import` command and by `synth`; the one place that reads
//! national records. Administrator's guide: docs/IMPORT.md.

pub mod cells;
pub mod convert;
pub mod csv;
pub mod documents;
pub mod level_list;
pub mod output;
pub mod overlay;
pub mod records;
pub mod registry;
pub mod report;
pub mod text;
pub mod ways;

use crate::catalogue::rules::{https_host, is_code, is_date, is_slug, limits as L};
use crate::catalogue::schema::*;
use crate::catalogue::validate;
use crate::levels::Provenance;
use report::{LevelReport, Report};
use std::collections::HashMap;
use text::{clean, shorten};

/// What the import needs besides the two files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Province slug ("quang-tri"): the overlay's file name and the widget's query string.
    pub province: String,
    pub name: String,
    /// The provincial portal, https.
    pub portal_url: String,
    /// Empty: "Cổng Dịch vụ công <name>".
    pub portal_name: String,
    /// Date of the level list (YYYY-MM-DD).
    pub as_of: String,
    /// The decision that published the level list; may be empty.
    pub decision: String,
    /// Date of the national records (YYYY-MM-DD).
    pub records_as_of: String,
}

/// What an import produces: the base and province seed files, and the report of what was read.
pub struct Seeds {
    pub base: BaseFile,
    pub province: ProvinceFile,
    pub report: Report,
}

/// How an accepted record is cited in `sources`.
fn source(raw: &records::Raw) -> String {
    let folder = shorten(&clean(&raw.folder), 40);
    if folder.is_empty() || folder.contains(['(', ')', '/']) {
        format!("CSDLQG TTHC ({})", raw.code.trim())
    } else {
        format!("CSDLQG TTHC ({folder}/{})", raw.code.trim())
    }
}

/// One usable record: its procedure, its tier text as written, and the warnings it raised.
pub struct Imported {
    pub procedure: Procedure,
    pub tiers_text: String,
    pub warnings: Vec<&'static str>,
}

/// Every usable record as a procedure, whatever its tier, in file order; the report counts the
/// records read and lists the unusable ones. `Err` when the file as a whole cannot be read.
pub fn national_procedures(text: &str, report: &mut Report) -> Result<Vec<Imported>, String> {
    let mut first_seen: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for rec in records::read(text)? {
        report.records_read += 1;
        let raw = match rec {
            Ok(raw) => raw,
            Err(u) => {
                report.unusable.push(u);
                continue;
            }
        };
        let code = raw.code.trim();
        let unusable = |reason: String| records::Unusable { place: raw.place.clone(), code: shorten(code, 40), reason };
        if !is_code(code) {
            report
                .unusable
                .push(unusable(format!("ma_thu_tuc {:?} is not a national code N.NNNNNN", shorten(code, 40))));
            continue;
        }
        if let Some(first) = first_seen.get(code) {
            report
                .unusable
                .push(unusable(format!("the code appears again (first at {first}); the first record is used")));
            continue;
        }
        first_seen.insert(code.to_owned(), raw.place.clone());
        let mut warnings = Vec::new();
        match convert::procedure(&raw, &source(&raw), &mut |w| warnings.push(w)) {
            Ok(procedure) => out.push(Imported { procedure, tiers_text: clean(&raw.tiers), warnings }),
            Err(reason) => report.unusable.push(unusable(reason)),
        }
    }
    Ok(out)
}

/// Runs the whole import. On fatal problems the outcome's files are empty and `report.fatal`
/// says why.
pub fn run(records_text: &str, levels_text: Option<&str>, opts: &Options) -> Seeds {
    let mut report = Report::default();
    report.fatal.extend(check_options(opts));
    let mut base = BaseFile { schema: BASE_SCHEMA.into(), as_of: opts.records_as_of.clone(), procedures: Vec::new() };
    let mut province = ProvinceFile {
        schema: PROVINCE_SCHEMA.into(),
        province: opts.province.clone(),
        name: opts.name.clone(),
        absorbed: Vec::new(),
        merger_basis: String::new(),
        portal: Portal {
            name: if opts.portal_name.is_empty() {
                format!("Cổng Dịch vụ công {}", opts.name)
            } else {
                opts.portal_name.clone()
            },
            url: opts.portal_url.clone(),
        },
        link_domains: Vec::new(),
        as_of: opts.as_of.clone(),
        decision: opts.decision.clone(),
        registry: None,
        agencies: Vec::new(),
        offers: Vec::new(),
        statistics: Vec::new(),
    };
    // Codes of records that were read but not used, and why, for the level list's report.
    let mut not_used: HashMap<String, String> = HashMap::new();
    match national_procedures(records_text, &mut report) {
        Err(e) => report.fatal.push(format!("records: {e}")),
        Ok(all) => {
            for Imported { procedure: p, tiers_text, warnings } in all {
                if convert::is_local(&p.tiers) {
                    for w in warnings {
                        report.warn(w, &p.code);
                    }
                    base.procedures.push(p);
                } else {
                    let key = if tiers_text.is_empty() { "(empty)".to_owned() } else { shorten(&tiers_text, 60) };
                    not_used.insert(p.code.clone(), format!("not a tỉnh or xã procedure ({key})"));
                    *report.skipped_tier.entry(key).or_default() += 1;
                }
            }
        }
    }
    for u in &report.unusable {
        not_used.entry(u.code.clone()).or_insert_with(|| format!("its record is unusable ({})", u.place));
    }
    report.used = base.procedures.len();
    if report.fatal.is_empty() && base.procedures.is_empty() {
        report.fatal.push("records: no usable record with a tỉnh or xã tier".into());
    }
    if let Some(text) = levels_text {
        match level_list::read(text) {
            Err(e) => {
                report.levels_unreadable = Some(e.clone());
                report.fatal.push(format!("level list: {e}"));
            }
            Ok(list) => province.offers = offers(&list, &base, &not_used, &mut report),
        }
        if opts.decision.trim().is_empty() {
            report
                .notes
                .push("no --decision: the levels are province-published, but no decision names the list".into());
        }
    }
    if report.is_fatal() {
        base.procedures.clear();
        province.offers.clear();
    }
    Seeds { base, province, report }
}

/// Problems with the options, each naming its flag; empty when they are usable. `run` makes them
/// fatal; the `import` command checks them before reading any file.
pub fn check_options(o: &Options) -> Vec<String> {
    let mut out = Vec::new();
    if !is_slug(&o.province) {
        out.push(format!("--province {:?} is not a lower-case slug (letters, digits, hyphens)", o.province));
    }
    let plain = |s: &str| !s.contains(['<', '>']) && !s.chars().any(char::is_control);
    if o.name.trim().is_empty() || o.name.chars().count() > L::PROVINCE_NAME || !plain(&o.name) {
        out.push(format!(
            "--name must be the province's name: plain text (no < > or control characters), at most {} characters",
            L::PROVINCE_NAME
        ));
    }
    if !o.portal_name.is_empty()
        && (o.portal_name.trim().is_empty() || o.portal_name.chars().count() > L::PORTAL_NAME || !plain(&o.portal_name))
    {
        out.push(format!(
            "--portal-name must be plain text (no < > or control characters), at most {} characters",
            L::PORTAL_NAME
        ));
    }
    if o.decision.chars().count() > L::DECISION || !plain(&o.decision) {
        out.push(format!(
            "--decision must be plain text (no < > or control characters), at most {} characters",
            L::DECISION
        ));
    }
    if https_host(&o.portal_url).is_none() {
        out.push(format!("--portal {:?} is not an https URL", o.portal_url));
    }
    for (flag, d) in [("--as-of", &o.as_of), ("--records-as-of", &o.records_as_of)] {
        if !is_date(d) {
            out.push(format!("{flag} {d:?} is not a date YYYY-MM-DD (a real day of the calendar)"));
        }
    }
    out
}

/// The overlay's offers from the level list: one per listed code that is in the base, each
/// `province-published`.
fn offers(
    list: &level_list::LevelList,
    base: &BaseFile,
    not_used: &HashMap<String, String>,
    report: &mut Report,
) -> Vec<Offer> {
    let mut lr =
        LevelReport { rows: list.rows.len() + list.bad.len(), bad_rows: list.bad.clone(), ..Default::default() };
    let in_base: HashMap<&str, ()> = base.procedures.iter().map(|p| (p.code.as_str(), ())).collect();
    let mut seen: HashMap<&str, (usize, crate::levels::Level)> = HashMap::new();
    let mut out: Vec<Offer> = Vec::new();
    for (row, code, level) in &list.rows {
        if let Some(&(first, l)) = seen.get(code.as_str()) {
            let note = if l == *level {
                format!("repeats row {first}")
            } else {
                format!("says {} but row {first} says {}; row {first} is used", level.id(), l.id())
            };
            lr.repeated.push((*row, code.clone(), note));
            continue;
        }
        seen.insert(code, (*row, *level));
        if !in_base.contains_key(code.as_str()) {
            match not_used.get(code) {
                Some(why) => lr.not_used.push((*row, code.clone(), why.clone())),
                None => lr.not_in_records.push((*row, code.clone())),
            }
            continue;
        }
        lr.count(*level);
        out.push(Offer {
            code: code.clone(),
            level: Some(*level),
            provenance: Provenance::ProvincePublished,
            variants: Vec::new(),
            agency: String::new(),
            fee: String::new(),
            time: String::new(),
            portal_url: String::new(),
            note: String::new(),
        });
    }
    lr.without_level = base.procedures.len() - out.len();
    report.levels = Some(lr);
    out
}

/// The three seed files, pretty-printed as seeds/SCHEMA.md asks: (base.json, life-events.json,
/// provinces/<code>.json). The national records have no life events: that file is empty.
pub fn files(o: &Seeds) -> (String, String, String) {
    let events = LifeEventsFile { schema: LIFE_EVENTS_SCHEMA.into(), events: Vec::new() };
    (pretty(&o.base), pretty(&events), pretty(&o.province))
}

/// Checks written files with the same rules as `catalogue check`; problems are listed.
pub fn verify(base: &str, events: &str, province: &str, province_file: &str) -> Vec<String> {
    let b = match validate::base("base.json", base) {
        Ok(b) => b,
        Err(list) => return list.iter().map(ToString::to_string).collect(),
    };
    let mut out: Vec<String> = Vec::new();
    if let Err(list) = validate::life_events("life-events.json", events, &b) {
        out.extend(list.iter().map(ToString::to_string));
    }
    if let Err(list) = validate::province(province_file, province, &b) {
        out.extend(list.iter().map(ToString::to_string));
    }
    out
}

/// Pretty JSON (2-space indent) with a trailing newline.
pub fn pretty<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("seed types serialize");
    s.push('\n');
    s
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
