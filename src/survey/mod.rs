//! SIPAS-style survey, per-dossier rating and the one-tap "was this helpful?".

pub mod banner;
mod controls;
mod draft;
mod form;
pub mod quick;
mod receipt;
mod review;
mod step_view;
mod submit;

use crate::i18n::strings;
use crate::loading::{Fetch, Loaded};
use crate::state::ctx;
use crate::ui::LoadFailed;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::{Definition, Kind};

pub fn survey_view(procedure: Option<String>) -> impl IntoView {
    view! { <SurveyPage procedure=procedure/> }
}

#[component]
fn SurveyPage(procedure: Option<String>) -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let kind = cx.kept.survey_kind;
    let def = Fetch::<Arc<Definition>>::new();
    let fetch = move || def.start(crate::api::newest_definition(kind.get_untracked()));
    fetch();
    // The survey is usable once its definition is: until then the shell does not say ready (host.rs).
    def.gate(cx.view_loading);
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
        {move || match def.get() {
            Loaded::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
            Loaded::Failed(e) => view! { <LoadFailed error=e retry=Callback::new(move |()| fetch())/> }.into_any(),
            Loaded::Ready(def) => view! { <form::SurveyForm def=def procedure=procedure.clone()/> }.into_any(),
        }}
    }
}
