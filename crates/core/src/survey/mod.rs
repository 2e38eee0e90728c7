//! Survey definitions as data (seeds/surveys/*.json), and the checks on answers shared by the
//! widget and the collector.
//!
//! A definition is identified by `id@version` (e.g. `sipas-service-b@2026`): a new round or a
//! changed wording is a new version, never an edit of a published one, so stored answers always
//! refer to the text the citizen saw.

mod answers;
mod body;
mod check;
mod draft;
pub mod steps;

pub use answers::{find, is_channel, is_tier, validate, FieldError};
pub use body::parse_body;
pub use check::read_definition;
pub use draft::{draft_fresh, Draft};

use serde::{Deserialize, Serialize};

/// Vietnamese first, then English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    /// The text in `lang`, by the one rule [`Lang::pick`] (Vietnamese when there is no English).
    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

/// Which scheme a definition belongs to. The default is the kind the survey view opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Satisfaction with the service, on SIPAS criteria; may carry an anonymous profile.
    #[default]
    Sipas,
    /// Rating of one dossier (a dossier code points to a person): never carries a profile and is
    /// stored apart from SIPAS answers.
    Dossier,
    /// One-tap "was this information helpful?".
    Helpful,
}

/// One entry of the survey list (`data/surveys/index.json`, written by `catalogue build`), which is
/// newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub key: String,
    pub kind: Kind,
}

/// The newest definition of `kind` in `list`: the first listed.
pub fn newest(list: &[Listed], kind: Kind) -> Option<&Listed> {
    list.iter().find(|l| l.kind == kind)
}

/// Whether a context field is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Required,
    Optional,
    /// Must not be sent.
    Absent,
}

/// One point of the answer scale. Values live in 1..=5 so that every scheme shares one
/// distribution type and "top-2-box" (4 or 5) means "satisfied" in all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub value: u8,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// In ascending order of value.
    pub points: Vec<ScalePoint>,
    /// Label of the "not applicable" choice; required when any criterion allows it.
    #[serde(default)]
    pub not_applicable: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Unique in the definition: `[a-z][a-z0-9_]*`.
    pub id: String,
    pub text: Text,
    /// Whether "not applicable" may be chosen (default: yes).
    #[serde(default = "yes")]
    pub na: bool,
}

fn yes() -> bool {
    true
}

/// A group of criteria (SIPAS "yếu tố").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub id: String,
    pub title: Text,
    pub criteria: Vec<Criterion>,
}

/// A question answered on the scale (the overall satisfaction question).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub text: Text,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentSpec {
    pub label: Text,
    /// Maximum length in characters (Unicode scalar values).
    pub max_chars: usize,
}

/// The dossier code field of the dossier-rating scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierSpec {
    pub label: Text,
    pub hint: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Text,
}

/// A single-choice question (profile questions, the channel question). Always optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    pub options: Vec<ChoiceOption>,
}

/// Context of the answer: which procedure, at which tier, through which channel.
/// Procedure and tier normally come from the page the widget is on; the channel is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    pub procedure: Need,
    pub tier: Need,
    /// The channel question; option ids are level ids ([`crate::levels::LEVELS`]). `None`: not asked.
    #[serde(default)]
    pub channel: Option<Choice>,
}

/// A survey definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: String,
    pub version: String,
    pub kind: Kind,
    pub title: Text,
    /// Shown before the first question.
    pub intro: Text,
    /// The short privacy notice shown before the survey (Decree 13/2023/NĐ-CP).
    pub privacy: Text,
    /// What the criteria are based on, shown with the results.
    pub basis: Text,
    pub scale: Scale,
    pub elements: Vec<Element>,
    #[serde(default)]
    pub overall: Option<Question>,
    #[serde(default)]
    pub comment: Option<CommentSpec>,
    #[serde(default)]
    pub dossier: Option<DossierSpec>,
    /// Anonymous profile questions, all optional (SIPAS only).
    #[serde(default)]
    pub profile: Vec<Choice>,
    pub context: Context,
}

impl Definition {
    /// `id@version`, the value of the envelope's `survey` field.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Every criterion, element by element.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.elements.iter().flat_map(|e| e.criteria.iter())
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria().find(|c| c.id == id)
    }

    /// True when `value` is a point of the scale.
    pub fn on_scale(&self, value: u8) -> bool {
        self.scale.points.iter().any(|p| p.value == value)
    }
}
