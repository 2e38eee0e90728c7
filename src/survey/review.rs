//! The review step: every answer, with a way back to the step that asks it.

use crate::i18n::strings;
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::steps::{steps, Step};
use tthc_core::survey::{Choice, Definition, Draft};

fn label(def: &Definition, v: Option<&String>, lang: tthc_core::lang::Lang) -> Option<String> {
    let v = v?;
    if v == "na" {
        return def.scale.not_applicable.as_ref().map(|t| t.get(lang).to_owned());
    }
    def.scale
        .points
        .iter()
        .find(|p| &p.value.to_string() == v)
        .map(|p| format!("{} · {}", p.value, p.label.get(lang).to_owned()))
}

/// The chosen option's label of a single-choice question.
fn chosen(q: &Choice, v: Option<&String>, lang: tthc_core::lang::Lang) -> Option<String> {
    q.options.iter().find(|o| Some(&o.id) == v).map(|o| o.label.get(lang).to_owned())
}

#[component]
pub fn Review(def: Arc<Definition>, draft: RwSignal<Draft>, go: Callback<usize>) -> impl IntoView {
    let lang = ctx().lang.get_untracked();
    let s = &strings(lang).survey;
    let all = steps(&def);
    let index_of = move |step: Step| all.iter().position(|x| *x == step).unwrap_or(0);
    let d = draft.get_untracked();
    view! {
        <div class="review">
            {(def.context.channel.is_some() || def.dossier.is_some()).then(|| {
                let at = index_of(Step::Intro);
                view! {
                    <h3>{s.about_answer}" "<button type="button" class="link" on:click=move |_| go.run(at)>{s.edit}</button></h3>
                    <dl>
                        {def.context.channel.as_ref().map(|q| view! {
                            <dt>{q.text.get(lang).to_owned()}</dt>
                            <dd>{chosen(q, d.channel.as_ref(), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                        })}
                        {def.dossier.as_ref().map(|q| view! {
                            <dt>{q.label.get(lang).to_owned()}</dt>
                            <dd>{if d.dossier.trim().is_empty() { s.not_answered.to_owned() } else { d.dossier.clone() }}</dd>
                        })}
                    </dl>
                }
            })}
            {def.elements.iter().enumerate().map(|(i, el)| {
                let at = index_of(Step::Element(i));
                view! {
                    <h3>{el.title.get(lang).to_owned()}" "
                        <button type="button" class="link" on:click=move |_| go.run(at)>{s.edit}</button></h3>
                    <dl>{el.criteria.iter().map(|c| view! {
                        <dt>{c.text.get(lang).to_owned()}</dt>
                        <dd>{label(&def, d.answers.get(&c.id), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                    }).collect_view()}</dl>
                }
            }).collect_view()}
            {(def.overall.is_some() || def.comment.is_some() || !def.profile.is_empty()).then(|| {
                let at = index_of(Step::Final);
                view! {
                    <h3>{s.overall_title}" "<button type="button" class="link" on:click=move |_| go.run(at)>{s.edit}</button></h3>
                    <dl>
                        {def.overall.as_ref().map(|q| view! {
                            <dt>{q.text.get(lang).to_owned()}</dt>
                            <dd>{label(&def, d.overall.map(|v| v.to_string()).as_ref(), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                        })}
                        {def.comment.as_ref().map(|c| view! {
                            <dt>{c.label.get(lang).to_owned()}</dt>
                            <dd class="comment">{if d.comment.trim().is_empty() { s.not_answered.to_owned() } else { d.comment.clone() }}</dd>
                        })}
                        {def.profile.iter().map(|q| view! {
                            <dt>{q.text.get(lang).to_owned()}</dt>
                            <dd>{chosen(q, d.profile.get(&q.id), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                        }).collect_view()}
                    </dl>
                }
            })}
        </div>
    }
}
