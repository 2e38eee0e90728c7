//! What the widget downloads: a compact search index per province (loaded on open) and one detail
//! shard per procedure (fetched on demand). Built from the seeds by `catalogue build`; read back and
//! re-checked by the widget, since a file on a server is input like any other.

use super::parse;
use super::problems::{Problem, Problems};
use super::rules::{check_link, check_text, is_code, is_slug};
use super::schema::*;
use super::validate::province_hosts;
use crate::levels::{Level, Provenance};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const INDEX_SCHEMA: &str = "tthc-index@2";
pub const DETAIL_SCHEMA: &str = "tthc-detail@1";
/// The widget refuses a larger index before parsing it (a province has ~2,000 procedures, about
/// 0.5 MB; this leaves room for 20,000 and still refuses absurd files).
pub const MAX_INDEX_BYTES: usize = 8 * 1024 * 1024;
pub const MAX_DETAIL_BYTES: usize = 256 * 1024;

/// One row of the search index. Short keys keep the file small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(rename = "c")]
    pub code: String,
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "e", default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Written once per group of entries (see `fields`), not per entry.
    #[serde(skip)]
    pub field: String,
    #[serde(rename = "t")]
    pub tiers: Vec<Tier>,
    /// `None` when neither the province nor the base gives a level.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// True when the level comes from the province's own published list.
    #[serde(rename = "p", default, skip_serializing_if = "std::ops::Not::not")]
    pub published: bool,
}

/// The province part of the index: who, where to go, and dated figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceInfo {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub absorbed: Vec<String>,
    #[serde(default)]
    pub merger_basis: String,
    pub portal: Portal,
    #[serde(default)]
    pub link_domains: Vec<String>,
    pub as_of: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub statistics: Vec<Statistic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceIndex {
    pub schema: String,
    pub base_as_of: String,
    pub province: ProvinceInfo,
    pub life_events: Vec<LifeEvent>,
    #[serde(rename = "fields", with = "super::fields")]
    pub procedures: Vec<Entry>,
}

/// Everything the detail view shows for one procedure in one province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub schema: String,
    pub procedure: Procedure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
}

/// Merges the base with one province's overlay.
pub fn build(base: &BaseFile, prov: &ProvinceFile, events: &LifeEventsFile) -> (ProvinceIndex, Vec<Detail>) {
    let offers: HashMap<&str, &Offer> = prov.offers.iter().map(|o| (o.code.as_str(), o)).collect();
    let mut entries = Vec::with_capacity(base.procedures.len());
    let mut details = Vec::with_capacity(base.procedures.len());
    for p in &base.procedures {
        let offer = offers.get(p.code.as_str()).copied();
        entries.push(Entry {
            code: p.code.clone(),
            name: p.name.clone(),
            name_en: p.name_en.clone(),
            aliases: p.aliases.clone(),
            field: p.field.clone(),
            tiers: p.tiers.clone(),
            level: offer.map(|o| o.level).or(p.typical_level),
            published: offer.is_some_and(|o| o.provenance == Provenance::ProvincePublished),
        });
        details.push(Detail { schema: DETAIL_SCHEMA.into(), procedure: p.clone(), offer: offer.cloned() });
    }
    let province = ProvinceInfo {
        code: prov.province.clone(),
        name: prov.name.clone(),
        absorbed: prov.absorbed.clone(),
        merger_basis: prov.merger_basis.clone(),
        portal: prov.portal.clone(),
        link_domains: prov.link_domains.clone(),
        as_of: prov.as_of.clone(),
        decision: prov.decision.clone(),
        statistics: prov.statistics.clone(),
    };
    let index = ProvinceIndex {
        schema: INDEX_SCHEMA.into(),
        base_as_of: base.as_of.clone(),
        province,
        life_events: events.events.clone(),
        procedures: super::fields::in_field_order(entries),
    };
    (index, details)
}

/// Reads and checks a downloaded index. Nothing in it is trusted: text fields are checked for markup
/// and length, codes and levels for form, links against the allowlist.
pub fn read_index(file: &str, text: &str) -> Result<ProvinceIndex, Vec<Problem>> {
    let mut p = Problems::new(file);
    let Some(mut obj) = parse::object(&mut p, text, MAX_INDEX_BYTES) else { return Err(p.list) };
    parse::schema(&mut p, &obj, INDEX_SCHEMA);
    let base_as_of = parse::string(&mut p, &obj, "base_as_of");
    let entries: Vec<(String, Entry)> = super::fields::read(&mut p, &mut obj);
    let events: Vec<(String, LifeEvent)> = parse::items(&mut p, &mut obj, "life_events", "id");
    let province: Option<ProvinceInfo> = match obj.remove("province").map(serde_json::from_value) {
        Some(Ok(x)) => Some(x),
        Some(Err(e)) => {
            p.add("", "province", e.to_string());
            None
        }
        None => {
            p.add("", "province", "is missing");
            None
        }
    };
    if let Some(pr) = &province {
        if !is_slug(&pr.code) {
            p.add("", "province.code", "is not a lower-case slug");
        }
        check_text(&mut p, "", "province.name", &pr.name, 80, true);
        if super::rules::https_host(&pr.portal.url).is_none() {
            p.add("", "province.portal.url", "is not an https URL");
        }
        for s in &pr.statistics {
            check_text(&mut p, "", "province.statistics.label", &s.label, 300, true);
            check_text(&mut p, "", "province.statistics.source", &s.source, 400, true);
        }
    }
    for (_, e) in &entries {
        let id = e.code.as_str();
        if !is_code(id) {
            p.add(id, "c", "is not a national code N.NNNNNN");
        }
        check_text(&mut p, id, "n", &e.name, 300, true);
        check_text(&mut p, id, "e", &e.name_en, 300, false);
        check_text(&mut p, id, "f", &e.field, 120, true);
        for a in &e.aliases {
            check_text(&mut p, id, "a", a, 80, true);
        }
    }
    for (_, ev) in &events {
        check_text(&mut p, &ev.id, "name", &ev.name, 120, true);
        check_text(&mut p, &ev.id, "name_en", &ev.name_en, 120, true);
    }
    let Some(province) = province else { return Err(p.list) };
    let index = ProvinceIndex {
        schema: INDEX_SCHEMA.into(),
        base_as_of,
        province,
        life_events: events.into_iter().map(|(_, v)| v).collect(),
        procedures: entries.into_iter().map(|(_, v)| v).collect(),
    };
    p.finish(index)
}

/// Reads and checks a downloaded detail shard against its province's link allowlist.
pub fn read_detail(file: &str, text: &str, province: &ProvinceInfo) -> Result<Detail, Vec<Problem>> {
    let mut p = Problems::new(file);
    let Some(d) = parse::whole::<Detail>(&mut p, text, MAX_DETAIL_BYTES, DETAIL_SCHEMA) else { return Err(p.list) };
    // The seed rules for the procedure's text and links.
    super::validate::procedure(&mut p, &d.procedure);
    if let Some(o) = &d.offer {
        let hosts = province_hosts(&province.portal.url, &province.link_domains);
        let hosts: Vec<&str> = hosts.iter().map(String::as_str).collect();
        check_link(&mut p, &o.code, "offer.portal_url", &o.portal_url, &hosts);
        check_text(&mut p, &o.code, "offer.agency", &o.agency, 300, false);
        check_text(&mut p, &o.code, "offer.note", &o.note, 600, false);
    }
    p.finish(d)
}
