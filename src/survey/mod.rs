//! SIPAS-style survey, per-dossier rating and the one-tap "was this helpful?".

pub mod banner;
mod defs;
mod draft;
mod fields;
mod form;
pub mod quick;
mod receipt;
mod review;
mod step_view;
mod steps;

use crate::i18n::strings;
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::{Definition, Kind};

pub use defs::load as load_definition;

#[derive(Clone)]
enum Loaded {
    Loading,
    Ready(Arc<Definition>),
    Failed(Vec<String>),
}

pub fn survey_view(procedure: Option<String>) -> impl IntoView {
    view! { <SurveyPage procedure=procedure/> }
}

#[component]
fn SurveyPage(procedure: Option<String>) -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let kind = cx.kept.survey_kind;
    let loaded = RwSignal::new(Loaded::Loading);
    let fetch = move || {
        loaded.set(Loaded::Loading);
        let k = kind.get_untracked();
        leptos::task::spawn_local(async move {
            loaded.set(match defs::load(k).await {
                Ok(d) => Loaded::Ready(d),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    fetch();
    let chip = move |k: Kind, label: &'static str| {
        view! {
            <button type="button" class="chip" aria-pressed=move || (kind.get() == k).to_string()
                on:click=move |_| { if kind.get_untracked() != k { kind.set(k); fetch(); } }>
                {label}
            </button>
        }
    };
    view! {
        <div class="chips" role="group" aria-label=strings(lang).survey.choose>
            {chip(Kind::Sipas, strings(lang).survey.kind_sipas)}
            {chip(Kind::Dossier, strings(lang).survey.kind_dossier)}
        </div>
        {move || match loaded.get() {
            Loaded::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
            Loaded::Failed(lines) => view! {
                <crate::catalogue::status::Problems title=cx.t().load_failed lines=lines>
                    <button type="button" class="btn" on:click=move |_| fetch()>{cx.t().retry}</button>
                </crate::catalogue::status::Problems>
            }.into_any(),
            Loaded::Ready(def) => view! { <form::SurveyForm def=def procedure=procedure.clone()/> }.into_any(),
        }}
    }
}
