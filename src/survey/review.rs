//! The review step: every answer, with a way back to the step that asks it.

use super::draft::Draft;
use super::steps::{steps, Step};
use super::strings::{pick, st};
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::Definition;

fn label(def: &Definition, v: Option<&String>, lang: crate::i18n::Lang) -> Option<String> {
    let v = v?;
    if v == "na" {
        return def.scale.not_applicable.as_ref().map(|t| pick(t, lang));
    }
    def.scale.points.iter().find(|p| &p.value.to_string() == v).map(|p| format!("{} · {}", p.value, pick(&p.label, lang)))
}

#[component]
pub fn Review(def: Arc<Definition>, draft: RwSignal<Draft>, go: Callback<usize>) -> impl IntoView {
    let lang = ctx().lang.get_untracked();
    let s = st(lang);
    let all = steps(&def);
    let index_of = move |step: Step| all.iter().position(|x| *x == step).unwrap_or(0);
    let d = draft.get_untracked();
    view! {
        <div class="review">
            {def.elements.iter().enumerate().map(|(i, el)| {
                let at = index_of(Step::Element(i));
                view! {
                    <h3>{pick(&el.title, lang)}" "
                        <button type="button" class="link" on:click=move |_| go.run(at)>{s.edit}</button></h3>
                    <dl>{el.criteria.iter().map(|c| view! {
                        <dt>{pick(&c.text, lang)}</dt>
                        <dd>{label(&def, d.answers.get(&c.id), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                    }).collect_view()}</dl>
                }
            }).collect_view()}
            {def.overall.as_ref().map(|q| {
                let at = index_of(Step::Final);
                view! {
                    <h3>{s.overall_title}" "<button type="button" class="link" on:click=move |_| go.run(at)>{s.edit}</button></h3>
                    <dl><dt>{pick(&q.text, lang)}</dt>
                        <dd>{label(&def, d.overall.map(|v| v.to_string()).as_ref(), lang).unwrap_or_else(|| s.not_answered.to_owned())}</dd>
                        {(!d.comment.trim().is_empty()).then(|| view! { <dt>"…"</dt><dd class="comment">{d.comment.clone()}</dd> })}
                    </dl>
                }
            })}
        </div>
    }
}
