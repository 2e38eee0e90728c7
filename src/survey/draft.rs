//! The citizen's answers while they fill the survey: saved on every answer, restored after a
//! reload for a while (`tthc_core::survey::draft_fresh`), never kept on a shared device, turned
//! into a core envelope when sent.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tthc_core::envelope::{Answer, Envelope};
use tthc_core::lang::Lang;
use tthc_core::survey::{draft_fresh, Definition};

const PREFIX: &str = "tthc-draft-v2:";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub survey: String,
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

/// One draft per province, survey and procedure: answers about one procedure never carry over to another.
fn key(province: &str, survey: &str, procedure: Option<&str>) -> String {
    format!("{PREFIX}{province}:{survey}:{}", procedure.unwrap_or("-"))
}

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

impl Draft {
    /// Deletes every stored draft that may not be shown any more (expired, unreadable, or any at
    /// all on a shared device), then returns this survey's, if one is left.
    pub fn restore(province: &str, survey: &str, procedure: Option<&str>, shared: bool) -> Option<Draft> {
        let s = storage()?;
        let now = js_sys::Date::now();
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for k in keys {
            let draft = s.get_item(&k).ok().flatten().and_then(|t| tthc_core::json::from_str::<Draft>(&t).ok());
            if shared || !draft.is_some_and(|d| draft_fresh(d.saved_ms, now)) {
                let _ = s.remove_item(&k);
            }
        }
        let text = s.get_item(&key(province, survey, procedure)).ok()??;
        tthc_core::json::from_str::<Draft>(&text).ok().filter(|d| d.survey == survey)
    }

    pub fn save(&self, province: &str) {
        let stamped = Draft { saved_ms: js_sys::Date::now(), ..self.clone() };
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&stamped)) {
            let _ = s.set_item(&key(province, &self.survey, self.procedure.as_deref()), &text);
        }
    }

    pub fn clear(&self, province: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&key(province, &self.survey, self.procedure.as_deref()));
        }
    }

    /// The envelope for these answers. `id` is a fresh UUID v4; `client_time` is information only.
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
            tier: self.tier.clone(),
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
}
