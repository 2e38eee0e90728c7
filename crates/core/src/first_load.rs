//! Where the widget's data files are, and what a page's first view fetches before it is usable.
//!
//! The paths are relative to the widget's page: `catalogue build` writes them, the widget reads
//! them. [`FirstLoad`] lets a server announce a page's fetches with the page itself (the collector's
//! `Link: rel=preload` header), so the browser fetches the wasm, the catalogue and the survey while
//! it fetches boot.js, instead of one round trip after another. `catalogue dist` writes a build's
//! [`FirstLoad`] to [`FILE`] (the content-stamped names). Hints only: the widget fetches the same
//! URLs itself, and a static host that sends none just opens it one or two round trips later.

use crate::embed::{EmbedConfig, Part, View};
use crate::survey::{Kind, Listed};
use serde::{Deserialize, Serialize};

/// The province's search index.
pub fn province_index(province: &str) -> String {
    format!("data/{province}/index.json")
}

/// The list of survey definitions, newest first ([`Listed`]).
pub const SURVEY_LIST: &str = "data/surveys/index.json";

/// A survey definition by its key (`id@version`).
pub fn survey_definition(key: &str) -> String {
    format!("data/surveys/{key}.json")
}

/// The build's first-load files, in the dist directory's root.
pub const FILE: &str = "first-load.json";

/// A build's first-load files (written by `catalogue dist`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstLoad {
    /// The page's boot script (every page loads it: announced first, so the browser's few
    /// connections do not all go to the data before it).
    pub boot: String,
    pub finder: PartFiles,
    pub feedback: PartFiles,
    /// The survey the survey view opens on: the newest of the default kind, if the build has one.
    pub survey: Option<String>,
}

/// A part's JavaScript glue and main wasm module, as named in the versioned directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFiles {
    pub glue: String,
    pub wasm: String,
}

/// One fetch to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preload {
    /// A JavaScript module.
    Module(String),
    /// A resource the widget reads with `fetch()` (its wasm, its data): same origin, CORS mode.
    Fetch(String),
}

impl FirstLoad {
    /// The survey list's key for the survey view: the newest definition of the default kind.
    pub fn survey_of(list: &[Listed]) -> Option<String> {
        crate::survey::newest(list, Kind::default()).map(|l| l.key.clone())
    }

    /// What the first view of `config` fetches: boot.js, its part's glue and main module under
    /// `versioned` (`/w/<version>/`, where the page loads them from), the province's catalogue
    /// (every part's shell reads it), and for the survey the list and the definition it opens on.
    pub fn preloads(&self, config: &EmbedConfig, versioned: &str) -> Vec<Preload> {
        let files = match config.mode.part() {
            Part::Finder => &self.finder,
            Part::Feedback => &self.feedback,
        };
        let mut out = vec![
            Preload::Module(format!("{versioned}{}", self.boot)),
            Preload::Module(format!("{versioned}{}", files.glue)),
            Preload::Fetch(format!("{versioned}{}", files.wasm)),
        ];
        if !config.province.is_empty() {
            out.push(Preload::Fetch(province_index(&config.province)));
        }
        if let (View::Survey(_), Some(key)) = (config.first_view(), &self.survey) {
            out.push(Preload::Fetch(SURVEY_LIST.to_owned()));
            out.push(Preload::Fetch(survey_definition(key)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::parse_query;

    fn build() -> FirstLoad {
        let files = |p: &str| PartFiles { glue: format!("{p}-0123456789.js"), wasm: format!("{p}_bg-0123456789.wasm") };
        FirstLoad {
            boot: "boot-0123456789.js".into(),
            finder: files("widget"),
            feedback: files("feedback"),
            survey: Some("sipas-b@2".into()),
        }
    }

    #[test]
    fn each_mode_announces_its_part_and_what_its_first_view_reads() {
        let p = |q: &str| build().preloads(&parse_query(q).0, "/w/1.0.0/");
        let finder = [
            Preload::Module("/w/1.0.0/boot-0123456789.js".into()),
            Preload::Module("/w/1.0.0/widget-0123456789.js".into()),
            Preload::Fetch("/w/1.0.0/widget_bg-0123456789.wasm".into()),
            Preload::Fetch("data/quang-tri/index.json".into()),
        ];
        assert_eq!(p("?province=quang-tri"), finder);
        assert_eq!(p("?province=quang-tri&mode=events&procedure=1.000001"), finder);
        let results = p("?province=quang-tri&mode=results");
        assert_eq!(results[1], Preload::Module("/w/1.0.0/feedback-0123456789.js".into()));
        assert_eq!(results.len(), 4);
        let survey = p("?province=quang-tri&mode=survey");
        assert_eq!(
            survey[4..],
            [Preload::Fetch("data/surveys/index.json".into()), Preload::Fetch("data/surveys/sipas-b@2.json".into())]
        );
        // An invalid province is not announced (the widget reports it instead of reading it).
        assert_eq!(p("?province=..%2Fx").len(), 3);
        let none = FirstLoad { survey: None, ..build() };
        assert_eq!(none.preloads(&parse_query("?province=hue&mode=survey").0, "/w/1/").len(), 4);
    }

    #[test]
    fn the_survey_opened_on_is_the_newest_of_the_default_kind() {
        let l = |key: &str, kind| Listed { key: key.into(), kind };
        let list = [l("rate@3", Kind::Dossier), l("sipas@2", Kind::Sipas), l("sipas@1", Kind::Sipas)];
        assert_eq!(FirstLoad::survey_of(&list).as_deref(), Some("sipas@2"));
        assert_eq!(FirstLoad::survey_of(&list[..1]), None);
    }
}
