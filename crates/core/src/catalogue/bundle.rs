//! What the widget downloads: a compact search index per province (loaded on open) and one detail
//! shard per procedure (fetched on demand). Built from the seeds by `catalogue build`; read back and
//! re-checked by the widget, since a file on a server is input like any other.

use super::online::{Shown, Summary};
use super::parse;
use super::problems::{Problem, Problems};
use super::rules::{check_text, is_code, is_date, limits as L};
use super::schema::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const INDEX_SCHEMA: &str = "tthc-index@3";
pub const DETAIL_SCHEMA: &str = "tthc-detail@2";
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
    /// Can it be done online, at which level, where (see `online.rs`); empty when nothing is known.
    #[serde(rename = "o", default, skip_serializing_if = "Summary::is_empty")]
    pub online: Summary,
    /// Popularity class from the counters' export (`usage::popularity::class`); 0 without one.
    /// Orders equally good search matches only.
    #[serde(rename = "w", default, skip_serializing_if = "is_zero")]
    pub popularity: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<RegistryInfo>,
    /// The agencies the registry names: the place picker's communes, the detail's offices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub statistics: Vec<Statistic>,
}

impl ProvinceInfo {
    /// The communes (wards, special zones) citizens choose from.
    pub fn communes(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.iter().filter(|a| a.kind == AgencyKind::Commune)
    }

    pub fn agency(&self, code: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.code == code)
    }
}

impl From<&ProvinceFile> for ProvinceInfo {
    fn from(p: &ProvinceFile) -> Self {
        ProvinceInfo {
            code: p.province.clone(),
            name: p.name.clone(),
            absorbed: p.absorbed.clone(),
            merger_basis: p.merger_basis.clone(),
            portal: p.portal.clone(),
            link_domains: p.link_domains.clone(),
            as_of: p.as_of.clone(),
            decision: p.decision.clone(),
            registry: p.registry.clone(),
            agencies: p.agencies.clone(),
            statistics: p.statistics.clone(),
        }
    }
}

/// Written by `build`; read only through `read_index`, which checks every part of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceIndex {
    pub schema: String,
    pub base_as_of: String,
    pub province: ProvinceInfo,
    pub life_events: Vec<LifeEvent>,
    #[serde(rename = "fields", serialize_with = "super::fields::serialize")]
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

impl Entry {
    /// The procedure's name in `lang` (the Vietnamese one when there is no English name).
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }

    /// What the citizen at `place` is told about doing it online.
    pub fn shown_at(&self, place: Option<&str>) -> Shown {
        self.online.at(place)
    }
}

/// What the province's offer says where it says something, else the national value.
impl Detail {
    fn local<'a>(&'a self, offer: impl Fn(&'a Offer) -> &'a str, base: &'a str) -> &'a str {
        self.offer.as_ref().map(offer).filter(|v| !v.is_empty()).unwrap_or(base)
    }
    /// The province's own link for doing it online, else the national portal's page (may be empty).
    pub fn portal_url(&self) -> &str {
        self.local(|o| &o.portal_url, &self.procedure.portal_url)
    }
    pub fn agency(&self) -> &str {
        self.local(|o| &o.agency, &self.procedure.agency)
    }
    pub fn time(&self) -> &str {
        self.local(|o| &o.time, &self.procedure.time)
    }
    pub fn fee(&self) -> &str {
        self.local(|o| &o.fee, &self.procedure.fee)
    }
}

/// Merges the base with one province's overlay.
pub fn build(base: &BaseFile, prov: &ProvinceFile, events: &LifeEventsFile) -> (ProvinceIndex, Vec<Detail>) {
    let offers: HashMap<&str, &Offer> = prov.offers.iter().map(|o| (o.code.as_str(), o)).collect();
    let directory = &prov.agencies;
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
            // A province with a registry claims no typical level for what it does not list.
            online: match (offer, &prov.registry) {
                (None, Some(_)) => {
                    Summary { provenance: crate::levels::Provenance::NotInRegistry, ..Summary::default() }
                }
                _ => Summary::of(offer, p.typical_level, directory),
            },
            popularity: 0,
        });
        details.push(Detail { schema: DETAIL_SCHEMA.into(), procedure: p.clone(), offer: offer.cloned() });
    }
    let province = ProvinceInfo::from(prov);
    let index = ProvinceIndex {
        schema: INDEX_SCHEMA.into(),
        base_as_of: base.as_of.clone(),
        province,
        life_events: events.events.clone(),
        procedures: super::fields::in_field_order(entries),
    };
    (index, details)
}

/// Sets each entry's popularity class from opens plus filing clicks per code (the counters'
/// export of this province, see `usage::popularity`); codes not counted get 0.
pub fn apply_popularity(index: &mut ProvinceIndex, counts: &std::collections::BTreeMap<String, u64>) {
    for e in &mut index.procedures {
        e.popularity = crate::usage::popularity::class(counts.get(&e.code).copied().unwrap_or(0));
    }
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
    if !base_as_of.is_empty() && !is_date(&base_as_of) {
        p.add("", "base_as_of", "is not a YYYY-MM-DD date");
    }
    if let Some(pr) = &province {
        // The seed rules: the index's link_domains become the detail shards' link allowlist.
        super::validate::province_info(&mut p, pr, "province.", "province.code");
    }
    for (_, e) in &entries {
        let id = e.code.as_str();
        if !is_code(id) {
            p.add(id, "c", "is not a national code N.NNNNNN");
        }
        check_text(&mut p, id, "n", &e.name, L::NAME, true);
        check_text(&mut p, id, "e", &e.name_en, L::NAME, false);
        check_text(&mut p, id, "f", &e.field, L::FIELD, true);
        for a in &e.aliases {
            check_text(&mut p, id, "a", a, L::ALIAS, true);
        }
        if let Some(pr) = &province {
            super::validate::summary(&mut p, id, &e.online, pr);
        }
    }
    for (_, ev) in &events {
        super::validate::life_event(&mut p, ev);
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
        // The seed rules for an offer, against the index's province (its directory and registry).
        super::validate::offer(&mut p, o, province, "offer.");
        if o.code != d.procedure.code {
            p.add(&o.code, "offer.code", format!("is not the procedure's code {}", d.procedure.code));
        }
    }
    p.finish(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> ProvinceIndex {
        let procedure = Procedure::bare("1.001193", "Đăng ký khai sinh");
        let base = BaseFile { schema: BASE_SCHEMA.into(), as_of: "2025-07-01".into(), procedures: vec![procedure] };
        let prov = ProvinceFile {
            schema: PROVINCE_SCHEMA.into(),
            province: "quang-tri".into(),
            name: "Quảng Trị".into(),
            absorbed: vec!["Quảng Bình".into()],
            merger_basis: String::new(),
            portal: Portal {
                name: "Cổng Dịch vụ công Quảng Trị".into(),
                url: "https://dichvucong.quangtri.gov.vn".into(),
            },
            link_domains: vec!["dichvucong.quangtri.gov.vn".into()],
            as_of: "2025-07-01".into(),
            decision: String::new(),
            registry: None,
            agencies: Vec::new(),
            offers: Vec::new(),
            statistics: Vec::new(),
        };
        let events = LifeEventsFile { schema: LIFE_EVENTS_SCHEMA.into(), events: Vec::new() };
        build(&base, &prov, &events).0
    }

    fn problems(index: &ProvinceIndex) -> Vec<String> {
        let text = serde_json::to_string(index).unwrap();
        match read_index("index.json", &text) {
            Ok(_) => Vec::new(),
            Err(list) => list.iter().map(|p| p.field.clone()).collect(),
        }
    }

    #[test]
    fn read_index_applies_the_seed_rules_to_the_province() {
        let good = index();
        assert_eq!(problems(&good), Vec::<String>::new());
        // link_domains widen the detail shards' allowlist: only plain lower-case host names pass.
        // Nor can they widen it past the deployment's list: not "vn", not a whole province's domain.
        for host in [
            "evil.com/x",
            "EVIL.com",
            "evil.com:8443",
            "user@evil.com",
            "",
            ".gov.vn",
            "vn",
            "gov.vn",
            "quangtri.gov.vn",
            "evil.com",
        ] {
            let mut x = good.clone();
            x.province.link_domains.push(host.into());
            assert_eq!(problems(&x), ["province.link_domains"], "{host:?}");
        }
        let mut x = good.clone();
        x.province.portal.name = "<b>Cổng</b>".into();
        assert_eq!(problems(&x), ["province.portal.name"]);
        let mut x = good.clone();
        x.life_events.push(LifeEvent {
            id: "khai-sinh".into(),
            name: "Khai sinh".into(),
            name_en: "Birth".into(),
            aliases: vec!["<script>".into()],
            steps: vec![Step { code: "1.001193".into(), note: "<i>".into(), note_en: String::new(), optional: false }],
        });
        assert_eq!(problems(&x), ["aliases", "steps.note"]);
    }
}
