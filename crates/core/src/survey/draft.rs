//! The citizen's answers while they fill a survey ([`Draft`]), and how long an unfinished one stays
//! on the device. A draft lets a citizen reload or come back after a dropped connection; on a shared
//! one-stop-centre tablet it must not greet the next citizen with the last one's answers: drafts
//! expire, and a shared device keeps none at all. The widget stores drafts; the rules are here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{validate, Definition, FieldError, Need};
use crate::envelope::{Answer, Envelope};
use crate::lang::Lang;

/// A draft not touched for this long is deleted, not restored (30 minutes).
pub const DRAFT_TTL_MS: f64 = 30.0 * 60.0 * 1000.0;
/// Clock jitter tolerated on a draft that seems to come from the future.
const SKEW_MS: f64 = 60_000.0;
/// A syntactically valid id for checking a draft before the real one is drawn.
const CHECK_ID: &str = "00000000-0000-4000-8000-000000000000";

/// Whether a draft last saved at `saved_ms` may be restored at `now_ms` (device clock). One that
/// seems to come from the future (the clock went back since) is not: when unsure, forget it.
pub fn draft_fresh(saved_ms: f64, now_ms: f64) -> bool {
    (-SKEW_MS..=DRAFT_TTL_MS).contains(&(now_ms - saved_ms))
}

/// The answers as the form holds them: every control's raw value, whether or not the definition
/// asks for it; [`Draft::envelope`] keeps only what it asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The definition's key (`id@version`).
    pub survey: String,
    /// The step on screen (an index into [`super::steps::steps`]).
    pub step: usize,
    /// Criterion id → "1".."5" or "na".
    pub answers: BTreeMap<String, String>,
    pub overall: Option<u8>,
    pub comment: String,
    pub profile: BTreeMap<String, String>,
    pub channel: Option<String>,
    pub procedure: Option<String>,
    pub tier: Option<String>,
    pub dossier: String,
    /// Device time of the last save (0: never saved).
    #[serde(default)]
    pub saved_ms: f64,
}

impl Draft {
    /// The envelope for these answers under `def`: answers to criteria it does not have, empty
    /// texts and questions it does not ask are left out. `id` is the answer's UUID v4;
    /// `client_time` is information only.
    pub fn envelope(
        &self,
        def: &Definition,
        province: &str,
        id: String,
        lang: Lang,
        client_time: Option<String>,
    ) -> Envelope {
        let answers = self
            .answers
            .iter()
            .filter(|(k, _)| def.criterion(k).is_some())
            .filter_map(|(k, v)| {
                let a = if v == "na" { Answer::NotApplicable } else { Answer::Score(v.parse().ok()?) };
                Some((k.clone(), a))
            })
            .collect();
        let comment = self.comment.trim();
        let dossier = self.dossier.trim();
        Envelope {
            id,
            survey: def.key(),
            province: province.to_owned(),
            procedure: self.procedure.clone(),
            tier: self.tier.clone().filter(|_| def.context.tier != Need::Absent),
            channel: self.channel.clone().filter(|_| def.context.channel.is_some()),
            dossier: (def.dossier.is_some() && !dossier.is_empty()).then(|| dossier.to_owned()),
            answers,
            overall: self.overall.filter(|_| def.overall.is_some()),
            comment: (def.comment.is_some() && !comment.is_empty()).then(|| comment.to_owned()),
            profile: (!self.profile.is_empty() && !def.profile.is_empty()).then(|| self.profile.clone()),
            lang,
            widget: env!("CARGO_PKG_VERSION").to_owned(),
            client_time,
        }
    }

    /// What is wrong with these answers as they stand (the same check the collector runs), before
    /// an id is drawn; empty when they can be sent.
    pub fn problems(&self, def: &Definition, province: &str, lang: Lang) -> Vec<FieldError> {
        validate(&self.envelope(def, province, CHECK_ID.into(), lang, None), def).err().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tier_is_sent_only_to_a_survey_that_asks_for_it() {
        let read = |f: &str| {
            let path = format!("{}/../../seeds/surveys/{f}", env!("CARGO_MANIFEST_DIR"));
            super::super::read_definition(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
        };
        let d = Draft { procedure: Some("1.001193".into()), tier: Some("xa".into()), ..Draft::default() };
        let tier = |def: &Definition| d.envelope(def, "quang-tri", "id".into(), Lang::Vi, None).tier;
        assert_eq!(tier(&read("sipas-service-b@2026.json")).as_deref(), Some("xa"));
        assert_eq!(tier(&read("helpful@2025.json")), None);
    }

    #[test]
    fn drafts_expire_after_half_an_hour() {
        let t = 1.8e12;
        assert!(draft_fresh(t, t));
        assert!(draft_fresh(t, t + DRAFT_TTL_MS));
        assert!(!draft_fresh(t, t + DRAFT_TTL_MS + 1.0));
        // Written before drafts had a time: gone.
        assert!(!draft_fresh(0.0, t));
        // From the future: a clock that went back by more than jitter.
        assert!(draft_fresh(t + 1_000.0, t));
        assert!(!draft_fresh(t + 3_600_000.0, t));
    }
}
