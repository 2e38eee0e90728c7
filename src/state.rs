//! Application state shared by the views through Leptos context.

use crate::i18n::{strings, Strings};
use crate::loading::Fetch;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use tthc_core::catalogue::bundle::ProvinceIndex;
use tthc_core::embed::EmbedConfig;
use tthc_core::embed::View;
use tthc_core::lang::Lang;
use tthc_core::search::{Filter, SearchIndex};

/// A loaded province catalogue with its search index.
pub struct Catalogue {
    pub index: ProvinceIndex,
    /// Built on the first search, so the feedback part (which never searches) neither builds nor carries it.
    search: std::sync::OnceLock<SearchIndex>,
    by_code: HashMap<String, usize>,
    /// The fields (lĩnh vực) present, sorted: the field filter's options.
    pub fields: Vec<String>,
}

impl Catalogue {
    pub fn new(index: ProvinceIndex) -> Self {
        let by_code = index.procedures.iter().enumerate().map(|(i, e)| (e.code.clone(), i)).collect();
        let mut fields: Vec<String> = index.procedures.iter().map(|e| e.field.clone()).collect();
        fields.sort();
        fields.dedup();
        Catalogue { index, search: std::sync::OnceLock::new(), by_code, fields }
    }

    pub fn search(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(&self.index.procedures, &self.index.life_events))
    }

    pub fn entry(&self, code: &str) -> Option<&tthc_core::catalogue::bundle::Entry> {
        self.by_code.get(code).map(|&i| &self.index.procedures[i])
    }
}

/// Why something could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Network or server trouble: worth a retry.
    Unreachable(String),
    /// The province code names no data; carries the provinces that exist (code, name).
    UnknownProvince(Vec<(String, String)>),
    /// The data arrived but failed validation; one line per problem.
    Invalid(Vec<String>),
    /// The embedding page passed bad query parameters; one line per parameter.
    Config(Vec<String>),
}

#[derive(Clone, Copy)]
pub struct AppCtx {
    pub lang: RwSignal<Lang>,
    pub view: RwSignal<View>,
    pub catalogue: Fetch<Arc<Catalogue>, Failure>,
    pub config: StoredValue<EmbedConfig>,
    pub query: RwSignal<String>,
    pub filter: RwSignal<Filter>,
    /// The citizen's commune (agency code from the province's directory), when chosen.
    pub place: RwSignal<Option<String>>,
    /// How many things the view cannot be used without are still being fetched: its code (a lazily
    /// loaded module, `lazy::later`), the survey's definition, a procedure's shard (`Fetch::gate`).
    pub view_loading: RwSignal<u32>,
    pub kept: Kept,
    /// The part this page shows, and where its reader of the index comes from (`crate::api::IndexReader`).
    pub part: tthc_core::embed::Part,
    pub index_reader: crate::api::IndexReader,
}

/// What the citizen did or chose that must outlive a view rebuilt on a language switch: the view is
/// built again in the other language and reads these back instead of starting over.
#[derive(Clone, Copy)]
pub struct Kept {
    /// The survey chosen (satisfaction or dossier rating).
    pub survey_kind: RwSignal<tthc_core::survey::Kind>,
    /// The receipt just shown, with the survey and procedure it is for: the code the citizen was
    /// told to keep. Forgotten when the citizen leaves the survey view.
    pub receipt: RwSignal<Option<Receipt>>,
    /// The results view's filters.
    pub results_procedure: RwSignal<String>,
    pub results_period: RwSignal<tthc_core::stats::Period>,
    /// The reach view's period.
    pub reach_period: RwSignal<tthc_core::stats::Period>,
    /// The procedure detail, the results and the reach figures last loaded: a view rebuilt on a
    /// language switch shows them again without a request (`Fetch::start_for`).
    pub detail: Fetch<Arc<tthc_core::catalogue::bundle::Detail>>,
    pub results: Fetch<(Arc<tthc_core::survey::Definition>, tthc_core::stats::Summary)>,
    pub reach: Fetch<Arc<tthc_core::usage::reach::Reach>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub survey: String,
    pub procedure: Option<String>,
    pub code: String,
}

impl Default for Kept {
    fn default() -> Self {
        Kept {
            survey_kind: RwSignal::new(tthc_core::survey::Kind::default()),
            receipt: RwSignal::new(None),
            results_procedure: RwSignal::new(String::new()),
            results_period: RwSignal::new(tthc_core::stats::Period::All),
            reach_period: RwSignal::new(tthc_core::stats::Period::Month),
            detail: Fetch::new(),
            results: Fetch::new(),
            reach: Fetch::new(),
        }
    }
}

impl AppCtx {
    pub fn t(&self) -> &'static Strings {
        strings(self.lang.get())
    }

    /// The strings without subscribing to language changes (for views rebuilt on a switch).
    pub fn t_untracked(&self) -> &'static Strings {
        strings(self.lang.get_untracked())
    }

    pub fn ready(&self) -> Option<Arc<Catalogue>> {
        self.catalogue.ready()
    }

    /// Whether the current view is drawn only once the catalogue has arrived (`View::needs_catalogue`).
    pub fn view_needs_catalogue(&self) -> bool {
        self.view.with(|v| v.needs_catalogue(self.part))
    }
}

pub fn ctx() -> AppCtx {
    expect_context::<AppCtx>()
}
