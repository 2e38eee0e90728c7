//! The online-service level vocabulary: one data table, so a change of decree
//! (NĐ 42/2022 → NĐ 224/2026) is one edit here.

use serde::{Deserialize, Serialize};

/// How far a procedure can be done online in a province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Fully online ("toàn trình"; formerly "mức 4").
    ToanTrinh,
    /// Partly online ("một phần"; formerly "mức 3").
    MotPhan,
    /// In person only (or information online only; formerly "mức 1–2").
    TrucTiep,
}

/// Where a province's level value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// The province's online-service registry (Cổng DVC quốc gia, per agency): levels per agency.
    Registry,
    /// Read from the province's own published list (a code and a level per procedure).
    ProvincePublished,
    /// The national typical value, only where a province has no registry; the citizen must
    /// confirm on the provincial portal.
    #[default]
    Typical,
    /// The province has a registry and this procedure is not in it: no level is claimed.
    NotInRegistry,
}

/// The provenances and their ids (as serde writes them): one table, read both ways.
pub const PROVENANCES: [(Provenance, &str); 4] = [
    (Provenance::Registry, "registry"),
    (Provenance::ProvincePublished, "province-published"),
    (Provenance::Typical, "typical"),
    (Provenance::NotInRegistry, "not-in-registry"),
];

impl Provenance {
    pub fn id(self) -> &'static str {
        PROVENANCES.iter().find(|(p, _)| *p == self).map(|(_, id)| *id).expect("every provenance is in PROVENANCES")
    }

    pub fn is_typical(&self) -> bool {
        *self == Provenance::Typical
    }
}

/// Labels for one level, Vietnamese first.
pub struct LevelInfo {
    pub level: Level,
    pub id: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// The pre-2022 name some portals still show.
    pub old: &'static str,
    pub old_en: &'static str,
    pub hint_vi: &'static str,
    pub hint_en: &'static str,
}

/// The vocabulary (NĐ 42/2022/NĐ-CP Art. 11; successor NĐ 224/2026 to be confirmed).
pub const LEVELS: [LevelInfo; 3] = [
    LevelInfo {
        level: Level::ToanTrinh,
        id: "toan_trinh",
        vi: "Toàn trình",
        en: "Fully online",
        old: "Mức 4",
        old_en: "Level 4",
        hint_vi: "Nộp, theo dõi và nhận kết quả trên mạng (hoặc qua bưu điện), không phải đến cơ quan.",
        hint_en: "Apply, follow and receive the result online (or by post) without visiting an office.",
    },
    LevelInfo {
        level: Level::MotPhan,
        id: "mot_phan",
        vi: "Một phần",
        en: "Partly online",
        old: "Mức 3",
        old_en: "Level 3",
        hint_vi: "Nộp hồ sơ trên mạng, nhưng còn ít nhất một bước phải đến trực tiếp.",
        hint_en: "Apply online, but at least one step still needs a visit in person.",
    },
    LevelInfo {
        level: Level::TrucTiep,
        id: "truc_tiep",
        vi: "Trực tiếp",
        en: "In person",
        old: "Mức 1–2",
        old_en: "Level 1–2",
        hint_vi: "Chưa nộp được trên mạng: nộp tại cơ quan hoặc qua bưu điện nếu được.",
        hint_en: "Not available online: apply at the office, or by post where allowed.",
    },
];

impl Level {
    pub fn info(self) -> &'static LevelInfo {
        LEVELS.iter().find(|l| l.level == self).expect("every level is in LEVELS")
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn from_id(id: &str) -> Option<Level> {
        LEVELS.iter().find(|l| l.id == id).map(|l| l.level)
    }

    /// True when the citizen can at least start online.
    pub fn is_online(self) -> bool {
        !matches!(self, Level::TrucTiep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_ids_are_serde_s() {
        for (p, id) in PROVENANCES {
            assert_eq!(p.id(), id);
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{id}\""));
        }
    }

    #[test]
    fn ids_round_trip() {
        for l in &LEVELS {
            assert_eq!(Level::from_id(l.id), Some(l.level));
            let json = serde_json::to_string(&l.level).unwrap();
            assert_eq!(json, format!("\"{}\"", l.id));
        }
    }
}
