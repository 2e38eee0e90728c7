//! Validation of the seed files: every problem, with file, procedure and field.

use super::bundle::ProvinceInfo;
use super::filing::is_filing_link;
use super::online::Summary;
use super::parse;
use super::problems::{Problem, Problems};
use super::rules::{check_link, check_text, https_host, is_code, is_date, is_slug, limits as L, NATIONAL_PORTAL};
use super::schema::*;
use crate::levels::Provenance;
use std::collections::HashSet;

/// Largest seed file we read (base catalogue with several thousand procedures).
pub const MAX_SEED_BYTES: usize = 8 * 1024 * 1024;

pub fn base(file: &str, text: &str) -> Result<BaseFile, Vec<Problem>> {
    let mut p = Problems::new(file);
    let Some(mut obj) = parse::object(&mut p, text, MAX_SEED_BYTES) else { return Err(p.list) };
    parse::schema(&mut p, &obj, BASE_SCHEMA);
    let as_of = parse::string(&mut p, &obj, "as_of");
    if !as_of.is_empty() && !is_date(&as_of) {
        p.add("", "as_of", "is not a YYYY-MM-DD date");
    }
    let items: Vec<(String, Procedure)> = parse::items(&mut p, &mut obj, "procedures", "code");
    let mut seen = HashSet::new();
    for (_, proc_) in &items {
        if !seen.insert(proc_.code.clone()) {
            p.add(&proc_.code, "code", "appears twice");
        }
        procedure(&mut p, proc_);
    }
    let procedures = items.into_iter().map(|(_, v)| v).collect();
    p.finish(BaseFile { schema: BASE_SCHEMA.into(), as_of, procedures })
}

/// Checks one procedure's fields (shared with the widget's check of a detail shard).
pub(crate) fn procedure(p: &mut Problems, x: &Procedure) {
    let id = x.code.as_str();
    if !is_code(id) {
        p.add(id, "code", "is not a national code N.NNNNNN");
    }
    check_text(p, id, "name", &x.name, L::NAME, true);
    check_text(p, id, "name_en", &x.name_en, L::NAME, false);
    check_text(p, id, "field", &x.field, L::FIELD, true);
    check_text(p, id, "agency", &x.agency, L::AGENCY, false);
    check_text(p, id, "decision", &x.decision, L::DECISION, false);
    check_text(p, id, "time", &x.time, L::TIME, false);
    check_text(p, id, "fee", &x.fee, L::FEE, false);
    check_text(p, id, "result", &x.result, L::RESULT, false);
    if x.tiers.is_empty() {
        p.add(id, "tiers", "is empty");
    }
    if x.documents.len() > L::DOCUMENTS {
        p.add(id, "documents", format!("has more than {} entries", L::DOCUMENTS));
    }
    for d in &x.documents {
        check_text(p, id, "documents.name", &d.name, L::DOCUMENT_NAME, true);
        check_text(p, id, "documents.note", &d.note, L::NOTE, false);
    }
    for l in &x.legal_basis {
        check_text(p, id, "legal_basis", l, L::LEGAL_BASIS, true);
    }
    for a in &x.aliases {
        check_text(p, id, "aliases", a, L::ALIAS, true);
    }
    for s in &x.sources {
        check_text(p, id, "sources", s, L::SOURCE, true);
    }
    check_link(p, id, "portal_url", &x.portal_url, &[NATIONAL_PORTAL]);
    if let Some(r) = &x.replaced_by {
        if !is_code(r) {
            p.add(id, "replaced_by", "is not a national code N.NNNNNN");
        }
    }
}

/// Hosts a province's links may point to: the national portal, its own portal and extra domains.
pub fn province_hosts(portal_url: &str, link_domains: &[String]) -> Vec<String> {
    let mut hosts = vec![NATIONAL_PORTAL.to_owned()];
    hosts.extend(https_host(portal_url));
    hosts.extend(link_domains.iter().cloned());
    hosts
}

/// Checks a province's own description: the seed file's header and the downloaded index's
/// `province` object alike, so an index cannot hold what a seed may not (its `link_domains` widen the
/// link allowlist of every detail shard). Fields are reported as `{prefix}name`; the slug, which the
/// seed calls `province` and the index `province.code`, as `code_field`.
pub fn province_info(p: &mut Problems, x: &ProvinceInfo, prefix: &str, code_field: &str) {
    let id = "";
    let f = |name: &str| format!("{prefix}{name}");
    if !is_slug(&x.code) {
        p.add(id, code_field, "is not a lower-case slug");
    }
    check_text(p, id, &f("name"), &x.name, L::PROVINCE_NAME, true);
    for a in &x.absorbed {
        check_text(p, id, &f("absorbed"), a, L::PROVINCE_NAME, true);
    }
    check_text(p, id, &f("merger_basis"), &x.merger_basis, L::MERGER_BASIS, false);
    check_text(p, id, &f("portal.name"), &x.portal.name, L::PORTAL_NAME, true);
    if https_host(&x.portal.url).is_none() {
        p.add(id, &f("portal.url"), "is not an https URL");
    } else if !is_filing_link(&x.portal.url) {
        p.add(id, &f("portal.url"), "is not on the deployment's link allowlist (catalogue/filing.rs)");
    }
    // The data cannot widen the allowlist it is checked against: an extra link host must already be
    // on the deployment's list (a `link_domains` of "vn" would otherwise admit every .vn host).
    for d in &x.link_domains {
        if https_host(&format!("https://{d}")).as_deref() != Some(d.as_str()) {
            p.add(id, &f("link_domains"), format!("{d:?} is not a lower-case host name"));
        } else if !is_filing_link(&format!("https://{d}/")) {
            p.add(
                id,
                &f("link_domains"),
                format!("{d:?} is not on the deployment's link allowlist (catalogue/filing.rs)"),
            );
        }
    }
    if !is_date(&x.as_of) {
        p.add(id, &f("as_of"), "is not a YYYY-MM-DD date");
    }
    check_text(p, id, &f("decision"), &x.decision, L::DECISION, false);
    registry(p, x, &f);
    for (i, s) in x.statistics.iter().enumerate() {
        let item = format!("statistics #{}", i + 1);
        check_text(p, &item, &f("label"), &s.label, L::STAT_LABEL, true);
        check_text(p, &item, &f("label_en"), &s.label_en, L::STAT_LABEL, false);
        check_text(p, &item, &f("unit"), &s.unit, L::STAT_UNIT, true);
        check_text(p, &item, &f("source"), &s.source, L::STAT_SOURCE, true);
        check_text(p, &item, &f("period"), &s.period, L::STAT_PERIOD, true);
        check_text(p, &item, &f("unit_name"), &s.unit_name, L::STAT_UNIT_NAME, true);
        if !is_date(&s.date) {
            p.add(&item, &f("date"), "is not a YYYY-MM-DD date");
        }
        if !s.value.is_finite() || s.value < 0.0 {
            p.add(&item, &f("value"), "is not a non-negative number");
        }
    }
}

/// Checks one life event's own fields (the seed file and the downloaded index alike); step codes
/// for form only: whether they are in the base is the seed check's part.
pub fn life_event(p: &mut Problems, e: &LifeEvent) {
    let id = e.id.as_str();
    if !is_slug(id) {
        p.add(id, "id", "is not a lower-case slug");
    }
    check_text(p, id, "name", &e.name, L::EVENT_NAME, true);
    check_text(p, id, "name_en", &e.name_en, L::EVENT_NAME, true);
    for a in &e.aliases {
        check_text(p, id, "aliases", a, L::ALIAS, true);
    }
    if e.steps.is_empty() {
        p.add(id, "steps", "is empty");
    }
    for s in &e.steps {
        if !is_code(&s.code) {
            p.add(id, "steps.code", format!("{:?} is not a national code N.NNNNNN", s.code));
        }
        check_text(p, id, "steps.note", &s.note, L::STEP_NOTE, false);
        check_text(p, id, "steps.note_en", &s.note_en, L::STEP_NOTE, false);
    }
}

pub fn province(file: &str, text: &str, base: &BaseFile) -> Result<ProvinceFile, Vec<Problem>> {
    let mut p = Problems::new(file);
    let Some(x) = parse::whole::<ProvinceFile>(&mut p, text, MAX_SEED_BYTES, PROVINCE_SCHEMA) else {
        return Err(p.list);
    };
    let info = ProvinceInfo::from(&x);
    province_info(&mut p, &info, "", "province");
    let known: HashSet<&str> = base.procedures.iter().map(|b| b.code.as_str()).collect();
    let mut seen = HashSet::new();
    for o in &x.offers {
        let c = o.code.as_str();
        if !known.contains(c) {
            p.add(c, "code", "is not in the base catalogue");
        }
        if !seen.insert(c) {
            p.add(c, "code", "is offered twice");
        }
        offer(&mut p, o, &info, "");
    }
    p.finish(x)
}

/// Checks one offer against its province (the seed file and a downloaded detail shard alike):
/// text, links, and the provenance's shape — a registry offer has variants on the filing
/// allowlist whose agencies are in the directory, a typical or published one a level, a
/// not-in-registry one neither; registry and not-in-registry offers need the province's registry,
/// and a province with a registry claims no typical level.
pub fn offer(p: &mut Problems, o: &Offer, province: &ProvinceInfo, prefix: &str) {
    let c = o.code.as_str();
    let f = |name: &str| format!("{prefix}{name}");
    check_text(p, c, &f("agency"), &o.agency, L::AGENCY, false);
    check_text(p, c, &f("fee"), &o.fee, L::FEE, false);
    check_text(p, c, &f("time"), &o.time, L::TIME, false);
    check_text(p, c, &f("note"), &o.note, L::NOTE, false);
    let hosts = province_hosts(&province.portal.url, &province.link_domains);
    let hosts: Vec<&str> = hosts.iter().map(String::as_str).collect();
    check_link(p, c, &f("portal_url"), &o.portal_url, &hosts);
    let registry = province.registry.is_some();
    match o.provenance {
        Provenance::Registry | Provenance::NotInRegistry if !registry => {
            p.add(c, &f("provenance"), "needs the province's registry (its `registry` field)");
        }
        Provenance::Typical if registry => {
            p.add(c, &f("provenance"), "is typical, but the province has a registry: say registry or not-in-registry");
        }
        _ => {}
    }
    match (o.provenance, o.level, o.variants.is_empty()) {
        (Provenance::Registry, None, false) => {}
        (Provenance::Registry, Some(_), _) => {
            p.add(c, &f("level"), "is set on a registry offer: levels go on its variants")
        }
        (Provenance::Registry, None, true) => p.add(c, &f("variants"), "is empty on a registry offer"),
        (Provenance::NotInRegistry, None, true) => {}
        (Provenance::NotInRegistry, _, _) => {
            p.add(c, &f("level"), "a procedure not in the registry has no level and no variants")
        }
        (_, None, _) => p.add(c, &f("level"), "is missing"),
        (_, Some(_), false) => p.add(c, &f("variants"), "only registry offers have variants"),
        (_, Some(_), true) => {}
    }
    let mut ids = HashSet::new();
    for v in &o.variants {
        variant(p, c, v, province, &f("variants."));
        if !ids.insert(v.id.as_str()) {
            p.add(c, &f("variants.id"), format!("{} appears twice", v.id));
        }
    }
}

/// A registry service code: the procedure's code, optionally with `.NN`.
fn is_variant_id(id: &str, code: &str) -> bool {
    id == code
        || id
            .strip_prefix(code)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
}

fn variant(p: &mut Problems, c: &str, v: &Variant, province: &ProvinceInfo, prefix: &str) {
    let f = |name: &str| format!("{prefix}{name}");
    if !is_variant_id(&v.id, c) {
        p.add(c, &f("id"), format!("{:?} is not the procedure's code or its code with .NN", v.id));
    }
    check_text(p, c, &f("name"), &v.name, L::NAME, true);
    if !super::filing::is_filing_link(&v.url) {
        p.add(c, &f("url"), format!("{:?} is not https on the filing allowlist", v.url));
    }
    let mut listed = HashSet::new();
    for a in &v.agencies {
        match province.agency(a) {
            None => p.add(c, &f("agencies"), format!("{a} is not in the province's agencies")),
            Some(x) if v.all_communes && x.kind == AgencyKind::Commune => {
                p.add(c, &f("agencies"), format!("{a} is a commune, already in all_communes"))
            }
            Some(_) => {}
        }
        if !listed.insert(a.as_str()) {
            p.add(c, &f("agencies"), format!("{a} appears twice"));
        }
    }
    if !v.all_communes && v.agencies.is_empty() {
        p.add(c, &f("agencies"), "no agency takes it (empty, and not all_communes)");
    }
    for (a, l) in &v.except {
        let takes = province
            .agency(a)
            .is_some_and(|x| (v.all_communes && x.kind == AgencyKind::Commune) || listed.contains(a.as_str()));
        if !takes {
            p.add(c, &f("except"), format!("{a} does not take this variant"));
        } else if *l == v.level {
            p.add(c, &f("except"), format!("{a} has the default level: not an exception"));
        }
    }
}

/// Checks an index entry's online summary against its province: agencies it names exist, and a
/// level is claimed only where the provenance allows one.
pub fn summary(p: &mut Problems, code: &str, s: &Summary, province: &ProvinceInfo) {
    let registry = province.registry.is_some();
    match s.provenance {
        Provenance::Registry | Provenance::NotInRegistry if !registry => {
            p.add(code, "o.p", "needs the province's registry")
        }
        Provenance::NotInRegistry if s.level.is_some() || !s.except.is_empty() || s.communes => {
            p.add(code, "o.l", "a procedure not in the registry has no level")
        }
        Provenance::Typical if registry => p.add(code, "o.p", "is typical, but the province has a registry"),
        _ => {}
    }
    if s.provenance != Provenance::Registry && (!s.except.is_empty() || s.communes) {
        p.add(code, "o.x", "only registry procedures have levels per agency");
    }
    for (a, _) in &s.except {
        if province.agency(a).is_none() {
            p.add(code, "o.x", format!("{a} is not in the province's agencies"));
        }
    }
}

/// Checks the registry's description and the directory of agencies.
fn registry(p: &mut Problems, x: &ProvinceInfo, f: &dyn Fn(&str) -> String) {
    if let Some(r) = &x.registry {
        check_text(p, "", &f("registry.source"), &r.source, L::STAT_SOURCE, true);
        if !is_date(&r.date) {
            p.add("", &f("registry.date"), "is not a YYYY-MM-DD date");
        }
    } else if !x.agencies.is_empty() {
        p.add("", &f("agencies"), "is set without a registry");
    }
    let mut seen = HashSet::new();
    for a in &x.agencies {
        if !is_agency_code(&a.code) {
            p.add(&a.code, &f("agencies.code"), "is not an agency code like H50.101");
        }
        if !seen.insert(a.code.as_str()) {
            p.add(&a.code, &f("agencies.code"), "appears twice");
        }
        check_text(p, &a.code, &f("agencies.name"), &a.name, L::AGENCY, true);
        if a.name.contains("  ") || a.name.trim() != a.name {
            p.add(&a.code, &f("agencies.name"), "has double or surrounding spaces");
        }
    }
}

/// `H50`, `H50.101`, `H50.10.04.001`: a letter, digits, then dot-separated digit groups.
pub fn is_agency_code(s: &str) -> bool {
    let mut parts = s.split('.');
    let head = parts.next().unwrap_or("");
    let head_ok = head.len() >= 2
        && head.len() <= 4
        && head.as_bytes()[0].is_ascii_uppercase()
        && head.bytes().skip(1).all(|b| b.is_ascii_digit());
    s.len() <= 24 && head_ok && parts.all(|g| !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub fn life_events(file: &str, text: &str, base: &BaseFile) -> Result<LifeEventsFile, Vec<Problem>> {
    let mut p = Problems::new(file);
    let Some(mut obj) = parse::object(&mut p, text, MAX_SEED_BYTES) else { return Err(p.list) };
    parse::schema(&mut p, &obj, LIFE_EVENTS_SCHEMA);
    let items: Vec<(String, LifeEvent)> = parse::items(&mut p, &mut obj, "events", "id");
    let known: HashSet<&str> = base.procedures.iter().map(|b| b.code.as_str()).collect();
    for (_, e) in &items {
        life_event(&mut p, e);
        for s in e.steps.iter().filter(|s| is_code(&s.code) && !known.contains(s.code.as_str())) {
            p.add(&e.id, "steps.code", format!("{} is not in the base catalogue", s.code));
        }
    }
    let events = items.into_iter().map(|(_, v)| v).collect();
    p.finish(LifeEventsFile { schema: LIFE_EVENTS_SCHEMA.into(), events })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"{"schema":"tthc-base@1","as_of":"2025-07-01","procedures":[
        {"code":"1.001193","name":"Đăng ký khai sinh","field":"Hộ tịch","tiers":["xa"]}]}"#;

    fn province_text(as_of: &str, stat_date: &str) -> String {
        format!(
            r#"{{"schema":"tthc-province@2","province":"quang-tri","name":"Quảng Trị",
            "portal":{{"name":"Cổng Dịch vụ công Quảng Trị","url":"https://dichvucong.quangtri.gov.vn"}},
            "as_of":"{as_of}","offers":[],
            "statistics":[{{"label":"Hồ sơ trực tuyến","value":1,"unit":"%","period":"2025",
            "unit_name":"Quảng Trị","source":"Báo cáo","date":"{stat_date}"}}]}}"#
        )
    }

    /// `catalogue check` runs these functions: an impossible day is refused wherever a date goes.
    #[test]
    fn check_rejects_impossible_dates() {
        let base = super::base("base.json", BASE).expect("valid base");
        assert!(province("p.json", &province_text("2025-07-01", "2025-06-30"), &base).is_ok());
        let fields = |r: Result<ProvinceFile, Vec<Problem>>| -> Vec<String> {
            r.expect_err("refused").iter().map(|x| format!("{} {}", x.item, x.field)).collect()
        };
        assert_eq!(fields(province("p.json", &province_text("2025-02-31", "2025-06-30"), &base)), [" as_of"]);
        assert_eq!(
            fields(province("p.json", &province_text("2025-07-01", "2025-02-31"), &base)),
            ["statistics #1 date"]
        );
        let bad_base = BASE.replace("2025-07-01", "2025-02-31");
        let problems = super::base("base.json", &bad_base).expect_err("refused");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "as_of");
    }
}
