//! What one step shows: the intro (notice + context), an element's criteria, or the final questions.

use super::controls::{Opt, RadioGroup, TextField};
use super::form::{error_of, scale_options};
use crate::i18n::strings;
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::steps::Step;
use tthc_core::survey::{Definition, Draft, FieldError, Need};

#[component]
pub fn StepView(
    def: Arc<Definition>,
    step: Step,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    honeypot: RwSignal<String>,
) -> impl IntoView {
    match step {
        Step::Intro => view! { <Intro def=def draft=draft errors=errors honeypot=honeypot/> }.into_any(),
        Step::Element(i) => view! { <ElementStep def=def i=i draft=draft errors=errors/> }.into_any(),
        Step::Final => view! { <Final def=def draft=draft errors=errors/> }.into_any(),
        Step::Review => ().into_any(),
    }
}

#[component]
fn Intro(
    def: Arc<Definition>,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    honeypot: RwSignal<String>,
) -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let s = &strings(lang).survey;
    let procedure_name = move || {
        draft.with(|d| d.procedure.clone()).map(|code| {
            // The name follows the catalogue (the survey is drawn before it arrives).
            match cx.ready().and_then(|c| c.entry(&code).map(|e| e.name_in(lang).to_owned())) {
                Some(name) => format!("{code} · {name}"),
                None => code,
            }
        })
    };
    let channel = def.context.channel.clone().map(|q| {
        let options =
            q.options.iter().map(|o| Opt { value: o.id.clone(), label: o.label.get(lang).to_owned() }).collect();
        view! { <RadioGroup field="channel".into() legend=q.text.get(lang).to_owned() options=options
        value=Signal::derive(move || draft.with(|d| d.channel.clone()))
        on_pick=Callback::new(move |v| draft.update(|d| d.channel = Some(v)))
        error=error_of(errors, "channel".into(), lang)/> }
    });
    let dossier = def.dossier.clone().map(|spec| {
        view! {
            <TextField field="dossier" label=spec.label.get(lang).to_owned() hint=spec.hint.get(lang).to_owned() max_len=40
                value=Signal::derive(move || draft.with(|d| d.dossier.clone()))
                on_input=Callback::new(move |v| draft.update(|d| d.dossier = v))
                error=error_of(errors, "dossier".into(), lang)/>
        }
    });
    view! {
        <p>{def.intro.get(lang).to_owned()}</p>
        <details class="privacy" open><summary>{strings(lang).survey.privacy}</summary>
            <p>{def.privacy.get(lang).to_owned()}</p></details>
        {(def.context.procedure != Need::Absent).then(|| view! {
            <p class="ctx"><strong>{s.procedure}": "</strong>{move || procedure_name().unwrap_or_else(|| s.no_procedure.to_owned())}</p>
        })}
        {dossier}
        {channel}
        <div class="vh" aria-hidden="true">
            <label>{s.honeypot}<input type="text" tabindex="-1" autocomplete="off" name="tthc_hp_x7"
                on:input=move |ev| honeypot.set(event_target_value(&ev))/></label>
        </div>
    }
}

#[component]
fn ElementStep(
    def: Arc<Definition>,
    i: usize,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = ctx().lang.get_untracked();
    let el = def.elements[i].clone();
    view! {
        <h3>{el.title.get(lang).to_owned()}</h3>
        {el.criteria.into_iter().map(|c| {
            let field = format!("answers.{}", c.id);
            let id = c.id.clone();
            let id2 = c.id.clone();
            view! { <RadioGroup field=field.clone() legend=c.text.get(lang).to_owned() options=scale_options(&def, c.na, lang) scale=true
                value=Signal::derive(move || draft.with(|d| d.answers.get(&id).cloned()))
                on_pick=Callback::new(move |v| draft.update(|d| { d.answers.insert(id2.clone(), v); }))
                error=error_of(errors, field, lang)/> }
        }).collect_view()}
    }
}

#[component]
fn Final(def: Arc<Definition>, draft: RwSignal<Draft>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let lang = ctx().lang.get_untracked();
    let s = &strings(lang).survey;
    let overall = def.overall.clone().map(|q| view! {
        <RadioGroup field="overall".into() legend=q.text.get(lang).to_owned() options=scale_options(&def, false, lang) scale=true
            value=Signal::derive(move || draft.with(|d| d.overall.map(|v| v.to_string())))
            on_pick=Callback::new(move |v: String| draft.update(|d| d.overall = v.parse().ok()))
            error=error_of(errors, "overall".into(), lang)/>
    });
    let comment = def.comment.clone().map(|spec| {
        view! {
            <TextField field="comment" label=spec.label.get(lang).to_owned() rows=4 max_chars=spec.max_chars left_text=s.chars_left
                value=Signal::derive(move || draft.with(|d| d.comment.clone()))
                on_input=Callback::new(move |v| draft.update(|d| d.comment = v))
                error=error_of(errors, "comment".into(), lang)/>
        }
    });
    let profile = (!def.profile.is_empty()).then(|| view! {
        <details class="profile">
            <summary>{s.profile_title}</summary>
            <p class="hint">{s.profile_hint}</p>
            {def.profile.iter().map(|q| {
                let qid = q.id.clone();
                let qid2 = q.id.clone();
                let options = q.options.iter().map(|o| Opt { value: o.id.clone(), label: o.label.get(lang).to_owned() }).collect();
                view! { <RadioGroup field=format!("profile.{}", q.id) legend=q.text.get(lang).to_owned() options=options
                    value=Signal::derive(move || draft.with(|d| d.profile.get(&qid).cloned()))
                    on_pick=Callback::new(move |v| draft.update(|d| { d.profile.insert(qid2.clone(), v); }))
                    error=error_of(errors, format!("profile.{}", q.id), lang)/> }
            }).collect_view()}
        </details>
    });
    view! { <h3>{s.overall_title}</h3> {overall} {comment} {profile} }
}
