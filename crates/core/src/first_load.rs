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
use std::collections::BTreeMap;

/// The province's search index.
pub fn province_index(province: &str) -> String {
    format!("data/{province}/index.json")
}

/// One procedure's detail shard.
pub fn procedure_detail(province: &str, code: &str) -> String {
    format!("data/{province}/p/{code}.json")
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
    /// The lazily loaded view modules, by name ([`module_of`]) → stamped file.
    pub views: BTreeMap<String, String>,
}

/// The lazily loaded module that draws `view`, as tools/wasm-build.sh names it (`<part>_<name>`
/// for the `#[wasm_split(<name>)]` functions of src/main.rs and src/bin/feedback.rs); `None` for
/// a view in its part's main module. The browser tests check each mode's against what it fetches.
pub fn module_of(view: &View) -> Option<&'static str> {
    match view {
        View::Detail(_) => Some("widget_detail"),
        View::Events | View::Event(_) => Some("widget_events"),
        View::Province => Some("widget_province"),
        View::Results => Some("feedback_results"),
        View::Reach => Some("feedback_reach"),
        View::Check | View::Survey(_) => None,
    }
}

/// The lazily loaded module with the reader of the province's index, named like [`module_of`]'s:
/// the feedback part's (its survey is drawn without the catalogue: [`View::needs_catalogue`]); the
/// finder's search needs the reader at once, in its main module.
pub fn index_reader_module(part: Part) -> Option<&'static str> {
    match part {
        Part::Finder => None,
        Part::Feedback => Some("feedback_catalogue"),
    }
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
    /// (unless the first view is drawn without it: [`View::needs_catalogue`]) with the module that
    /// reads it if that is one ([`index_reader_module`]), a lazily loaded view's module (the code it
    /// shares with other views follows when the module loads), a procedure's detail shard, and for
    /// the survey the list and the definition it opens on.
    pub fn preloads(&self, config: &EmbedConfig, versioned: &str) -> Vec<Preload> {
        let part = config.mode.part();
        let files = match part {
            Part::Finder => &self.finder,
            Part::Feedback => &self.feedback,
        };
        let mut out = vec![
            Preload::Module(format!("{versioned}{}", self.boot)),
            Preload::Module(format!("{versioned}{}", files.glue)),
            Preload::Fetch(format!("{versioned}{}", files.wasm)),
        ];
        let first = config.first_view();
        if !config.province.is_empty() && first.needs_catalogue(part) {
            out.push(Preload::Fetch(province_index(&config.province)));
            if let Some(file) = index_reader_module(part).and_then(|m| self.views.get(m)) {
                out.push(Preload::Fetch(format!("{versioned}{file}")));
            }
        }
        if let Some(file) = module_of(&first).and_then(|m| self.views.get(m)) {
            out.push(Preload::Fetch(format!("{versioned}{file}")));
        }
        match (first, &self.survey) {
            (View::Detail(code), _) if !config.province.is_empty() => {
                out.push(Preload::Fetch(procedure_detail(&config.province, &code)));
            }
            (View::Survey(_), Some(key)) => {
                out.push(Preload::Fetch(SURVEY_LIST.to_owned()));
                out.push(Preload::Fetch(survey_definition(key)));
            }
            _ => {}
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
            views: [
                ("widget_detail", "widget_detail-aaaaaaaaaa.wasm"),
                ("feedback_results", "feedback_results-bbbbbbbbbb.wasm"),
                ("feedback_catalogue", "feedback_catalogue-cccccccccc.wasm"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into(),
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
        // A view in a module of its own: the module; a procedure's detail: its shard too.
        assert_eq!(p("?province=quang-tri&mode=events")[..], finder[..], "no events module in this build");
        assert_eq!(
            p("?province=quang-tri&mode=events&procedure=1.000001")[3..],
            [
                Preload::Fetch("data/quang-tri/index.json".into()),
                Preload::Fetch("/w/1.0.0/widget_detail-aaaaaaaaaa.wasm".into()),
                Preload::Fetch("data/quang-tri/p/1.000001.json".into()),
            ]
        );
        // The feedback part reads the catalogue with a module of its own: announced with it.
        let results = p("?province=quang-tri&mode=results");
        assert_eq!(results[1], Preload::Module("/w/1.0.0/feedback-0123456789.js".into()));
        assert_eq!(
            results[3..],
            [
                Preload::Fetch("data/quang-tri/index.json".into()),
                Preload::Fetch("/w/1.0.0/feedback_catalogue-cccccccccc.wasm".into()),
                Preload::Fetch("/w/1.0.0/feedback_results-bbbbbbbbbb.wasm".into()),
            ]
        );
        // The survey is drawn before the catalogue arrives: its list and definition, not the index.
        let survey = p("?province=quang-tri&mode=survey");
        assert_eq!(
            survey[3..],
            [Preload::Fetch("data/surveys/index.json".into()), Preload::Fetch("data/surveys/sipas-b@2.json".into())]
        );
        // An invalid province is not announced (the widget reports it instead of reading it).
        assert_eq!(p("?province=..%2Fx").len(), 3);
        let none = FirstLoad { survey: None, ..build() };
        assert_eq!(none.preloads(&parse_query("?province=hue&mode=survey").0, "/w/1/").len(), 3);
    }

    #[test]
    fn the_survey_opened_on_is_the_newest_of_the_default_kind() {
        let l = |key: &str, kind| Listed { key: key.into(), kind };
        let list = [l("rate@3", Kind::Dossier), l("sipas@2", Kind::Sipas), l("sipas@1", Kind::Sipas)];
        assert_eq!(FirstLoad::survey_of(&list).as_deref(), Some("sipas@2"));
        assert_eq!(FirstLoad::survey_of(&list[..1]), None);
    }
}
