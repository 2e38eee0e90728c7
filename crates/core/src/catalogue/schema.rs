//! Catalogue seed files (base and life events version 1, provinces version 2). Documented for maintainers in seeds/SCHEMA.md.

use crate::levels::{Level, Provenance};
use serde::{Deserialize, Serialize};

pub const BASE_SCHEMA: &str = "tthc-base@1";
pub const PROVINCE_SCHEMA: &str = "tthc-province@2";
pub const LIFE_EVENTS_SCHEMA: &str = "tthc-life-events@1";

/// Administrative tier that handles a procedure (after the 1/7/2025 two-tier reform).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    TrungUong,
    Tinh,
    Xa,
    /// District tier, abolished 1/7/2025; kept only to read old data.
    Huyen,
}

/// The tiers and their ids (as serde writes them): one table, read both ways.
pub const TIERS: [(Tier, &str); 4] =
    [(Tier::TrungUong, "trung_uong"), (Tier::Tinh, "tinh"), (Tier::Xa, "xa"), (Tier::Huyen, "huyen")];

impl Tier {
    pub fn id(self) -> &'static str {
        TIERS.iter().find(|(t, _)| *t == self).map(|(_, id)| *id).expect("every tier is in TIERS")
    }

    pub fn from_id(id: &str) -> Option<Tier> {
        TIERS.iter().find(|(_, x)| *x == id).map(|(t, _)| *t)
    }
}

/// A way to hand in a dossier, as the national record lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    TrucTuyen,
    BuuChinh,
    TrucTiep,
}

/// One document to prepare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub name: String,
    /// Form number, copies, "show only", conditions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A procedure as the national database describes it (no level: provinces set that).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    pub field: String,
    pub tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision: String,
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Processing time as recorded ("7 ngày làm việc"); empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// Fee as recorded; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fee: String,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub legal_basis: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result: String,
    /// The procedure's page on the national portal (https, allowlisted).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub portal_url: String,
    /// Words citizens type: abbreviations, everyday names, old names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// National typical level; provinces override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical_level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
}

#[cfg(test)]
impl Procedure {
    /// A civil-status procedure at the commune with nothing but its code and name (for tests).
    pub(crate) fn bare(code: &str, name: &str) -> Procedure {
        Procedure {
            code: code.into(),
            name: name.into(),
            name_en: String::new(),
            field: "Hộ tịch".into(),
            tiers: vec![Tier::Xa],
            agency: String::new(),
            decision: String::new(),
            channels: Vec::new(),
            time: String::new(),
            fee: String::new(),
            documents: Vec::new(),
            legal_basis: Vec::new(),
            result: String::new(),
            portal_url: String::new(),
            aliases: Vec::new(),
            typical_level: None,
            replaced_by: None,
            sources: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseFile {
    pub schema: String,
    pub as_of: String,
    pub procedures: Vec<Procedure>,
}

/// What one province says about one procedure. A `registry` offer carries its service variants
/// (the level per agency) and no `level`; a `typical` or `province-published` offer carries one
/// `level`; a `not-in-registry` offer carries neither (see `online.rs` for what the citizen sees).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    pub provenance: Provenance,
    /// The registry's online services for this procedure (registry offers only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fee: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// The procedure's page on the provincial portal, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub portal_url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One online service of a procedure in the registry (`1.001193.02`: a case of the procedure), with
/// its level per agency stored as one default plus exceptions: most are "every commune alike".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The registry's service code: the procedure code, optionally `.NN`.
    pub id: String,
    pub name: String,
    /// The level at every agency not in `except`.
    pub level: Level,
    /// The filing system (https, on the filing allowlist).
    pub url: String,
    /// Taken at every commune of the province's directory.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_communes: bool,
    /// Other agencies that take it (departments, branches, or communes when not all), by code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
    /// Agencies whose level differs from `level`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub except: std::collections::BTreeMap<String, Level>,
}

/// What kind of office an agency of the province is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// The province, a department (sở) or an office of one.
    Department,
    /// A commune, ward or special zone (xã, phường, đặc khu): where citizens live.
    Commune,
    /// A branch of a department's office (land registration branches, job centre desks).
    Branch,
}

/// One agency of the province's directory (the registry's `MaCQTH`, `TenCQTH`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
}

/// Where a province's registry offers come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryInfo {
    /// Shown to citizens: "Cổng DVC quốc gia, danh sách DVC trực tuyến theo cơ quan".
    pub source: String,
    /// The date of the registry copy (YYYY-MM-DD).
    pub date: String,
}

/// A dated figure from a provincial report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    /// What is counted, in Vietnamese.
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
    pub value: f64,
    /// "%" or a counted unit ("thủ tục", "hồ sơ").
    pub unit: String,
    /// Period the figure covers ("9 tháng đầu năm 2022").
    pub period: String,
    /// The unit the figure belongs to, before any merger ("Quảng Bình (cũ)").
    pub unit_name: String,
    pub source: String,
    /// Publication date (YYYY-MM-DD).
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portal {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceFile {
    pub schema: String,
    /// Slug used in the widget's query string ("quang-tri").
    pub province: String,
    pub name: String,
    /// Units merged into this province on 1/7/2025.
    #[serde(default)]
    pub absorbed: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub merger_basis: String,
    pub portal: Portal,
    /// Extra https hosts this province's links may point to.
    #[serde(default)]
    pub link_domains: Vec<String>,
    pub as_of: String,
    /// The decision that published the province's list, when one was read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision: String,
    /// Present when the offers come from the province's online-service registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<RegistryInfo>,
    /// The agencies the registry names (empty without a registry).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub offers: Vec<Offer>,
    #[serde(default)]
    pub statistics: Vec<Statistic>,
}

/// One step of a life event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
    /// Only in some situations.
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeEvent {
    pub id: String,
    pub name: String,
    pub name_en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeEventsFile {
    pub schema: String,
    pub events: Vec<LifeEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_ids_are_serde_s() {
        for (t, id) in TIERS {
            assert_eq!(Tier::from_id(id), Some(t));
            assert_eq!(t.id(), id);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{id}\""));
        }
        assert_eq!(Tier::from_id("Xa"), None);
    }
}
