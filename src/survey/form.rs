//! One survey, one element per step: progress, back / next, per-field errors with a summary that
//! takes focus, a draft saved on every answer, review, and send (`submit.rs`).

use super::controls::{field_id, Opt};
use super::draft;
use super::receipt::Receipt;
use super::review::Review;
use super::submit::{submit, NotSent};
use crate::i18n::strings;
use crate::outbox::Outbox;
use crate::state::ctx;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::lang::Lang;
use tthc_core::survey::steps::{errors_for, steps, Step};
use tthc_core::survey::{Definition, Draft, FieldError};
use tthc_core::usage::submission_kind;
use wasm_bindgen::JsCast;

/// The error shown instead of a receipt when the browser gives no random id.
fn no_id_error() -> FieldError {
    FieldError::new("id", strings(Lang::Vi).survey.no_random, strings(Lang::En).survey.no_random)
}

fn message(e: &FieldError, lang: Lang) -> String {
    lang.pick(&e.message_vi, &e.message_en).to_owned()
}

fn focus_field(field: &str) {
    let id = field_id(field);
    if let Some(el) = document().get_element_by_id(&id) {
        if let Ok(Some(input)) = el.query_selector("input, textarea, select") {
            let _ = input.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    }
}

#[component]
pub fn SurveyForm(def: Arc<Definition>, procedure: Option<String>) -> impl IntoView {
    let cx = ctx();
    let outbox = expect_context::<Outbox>();
    let lang = cx.lang.get_untracked();
    let s = &strings(lang).survey;
    let province = StoredValue::new(cx.config.with_value(|c| c.province.clone()));
    let procedure = procedure.filter(|_| def.context.procedure != tthc_core::survey::Need::Absent);
    let fresh = StoredValue::new(Draft { survey: def.key(), procedure: procedure.clone(), ..Draft::default() });
    let shared = cx.config.with_value(|c| c.shared);
    let restored = province.with_value(|p| draft::restore(p, &def.key(), procedure.as_deref(), shared));
    let was_restored = RwSignal::new(restored.is_some());
    let draft = RwSignal::new(restored.unwrap_or_else(|| fresh.get_value()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The receipt survives a rebuild of this view (a language switch) while it is for this form.
    let key = StoredValue::new((def.key(), procedure.clone()));
    let kept =
        cx.kept.receipt.get_untracked().filter(|r| key.with_value(|k| (&r.survey, &r.procedure) == (&k.0, &k.1)));
    let done = RwSignal::new(kept.map(|r| r.code));
    let honeypot = RwSignal::new(String::new());
    let summary = NodeRef::<html::Div>::new();
    let heading = NodeRef::<html::H2>::new();
    let all = StoredValue::new(steps(&def));
    let total = all.with_value(Vec::len);
    let def = StoredValue::new(def);
    // Saved on every answer, except on a shared device; an untouched form leaves nothing behind.
    Effect::new(move |_| {
        draft.with(|d| {
            if !shared && fresh.with_value(|f| d != f) {
                province.with_value(|p| draft::save(d, p))
            }
        })
    });

    let show_errors = move |errs: Vec<FieldError>| {
        errors.set(errs);
        request_animation_frame(move || {
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let go = Callback::new(move |to: usize| {
        errors.set(Vec::new());
        draft.update(|d| d.step = to.min(total - 1));
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
                h.scroll_into_view();
            }
        });
    });
    let next = Callback::new(move |_: ()| {
        let step = all.with_value(|a| a[draft.with_untracked(|d| d.step)]);
        let errs = def.with_value(|def| {
            let problems = draft.with_untracked(|d| province.with_value(|p| d.problems(def, p, lang)));
            errors_for(def, step, problems)
        });
        if !errs.is_empty() {
            return show_errors(errs);
        }
        // Past the introduction: a submission started (counted, to see drop-off).
        if step == Step::Intro {
            let kind = def.with_value(|d| d.kind);
            crate::usage::record(|t| t.started.add(submission_kind(kind), 1));
        }
        go.run(draft.with_untracked(|d| d.step) + 1)
    });
    let send = Callback::new(move |_: ()| {
        let bot = !honeypot.with_untracked(String::is_empty);
        let sent = def.with_value(|def| draft.with_untracked(|d| submit(cx, outbox, def, d, bot)));
        let receipt = match sent {
            Ok(code) => code,
            Err(NotSent::Invalid(errs)) => return show_errors(errs),
            Err(NotSent::NoRandomId) => return show_errors(vec![no_id_error()]),
        };
        draft.with_untracked(|d| province.with_value(|p| draft::clear(d, p)));
        let (survey, procedure) = key.get_value();
        cx.kept.receipt.set(Some(crate::state::Receipt { survey, procedure, code: receipt.clone() }));
        done.set(Some(receipt));
        request_animation_frame(|| {
            if let Ok(Some(h)) = document().query_selector(".receipt h2") {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    });
    let restart = Callback::new(move |_: ()| {
        draft.with_untracked(|d| province.with_value(|p| draft::clear(d, p)));
        was_restored.set(false);
        cx.kept.receipt.set(None);
        done.set(None);
        draft.set(fresh.get_value());
    });
    // Re-render the step only when the step changes, not on every answer (focus stays put).
    let step_now = Memo::new(move |_| draft.with(|d| d.step).min(total - 1));
    view! {
        <section class="survey">
            {move || match done.get() {
                Some(code) => view! { <Receipt code=code on_again=restart/> }.into_any(),
                None => {
                    let step_i = step_now.get();
                    let step = all.with_value(|a| a[step_i]);
                    let def = def.get_value();
                    view! {
                        <h2 tabindex="-1" node_ref=heading>{def.title.get(lang).to_owned()}</h2>
                        {move || was_restored.get().then(|| view! {
                            <p class="note" role="status">{s.restored}" "
                                <button type="button" class="link" on:click=move |_| restart.run(())>{s.discard}</button></p>
                        })}
                        <p class="stepno">{s.step}" "{step_i + 1}{s.of}{total}</p>
                        <div class="progress" role="progressbar" aria-valuemin="1" aria-valuemax=total aria-valuenow=step_i + 1
                            aria-label=s.step><div class="fill" style:width=format!("{}%", (step_i + 1) * 100 / total)></div></div>
                        <ErrorSummary errors=errors node=summary lang=lang/>
                        <super::step_view::StepView def=def.clone() step=step draft=draft errors=errors honeypot=honeypot/>
                        {(step == Step::Review).then(|| view! { <Review def=def.clone() draft=draft go=go/> })}
                        <div class="navbtns">
                            {(step_i > 0).then(|| view! { <button type="button" class="btn ghost" on:click=move |_| go.run(step_i - 1)>{s.prev}</button> })}
                            {if step == Step::Review {
                                view! { <button type="button" class="btn primary" on:click=move |_| send.run(())>{s.send}</button> }.into_any()
                            } else {
                                let label = if step_i + 2 == total { s.review } else if step == Step::Intro { s.start } else { s.next };
                                view! { <button type="button" class="btn primary" on:click=move |_| next.run(())>{label}</button> }.into_any()
                            }}
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ErrorSummary(errors: RwSignal<Vec<FieldError>>, node: NodeRef<html::Div>, lang: Lang) -> impl IntoView {
    let s = &strings(lang).survey;
    view! {
        <div class="errsum" tabindex="-1" node_ref=node role="alert" class:shown=move || !errors.with(Vec::is_empty)>
            {move || (!errors.with(Vec::is_empty)).then(|| view! {
                <p><strong>{s.errors_title}</strong></p>
                <ul>{errors.get().into_iter().map(|e| {
                    let f = e.field.clone();
                    view! { <li><button type="button" class="link" on:click=move |_| focus_field(&f)>{message(&e, lang)}</button></li> }
                }).collect_view()}</ul>
            })}
        </div>
    }
}

/// Options of the definition's scale, with "not applicable" when the criterion allows it.
pub fn scale_options(def: &Definition, na: bool, lang: Lang) -> Vec<Opt> {
    let mut v: Vec<Opt> = def
        .scale
        .points
        .iter()
        .map(|p| {
            // The full 1–5 scale shows its numbers, as on the paper form.
            let label = if def.scale.points.len() == 5 {
                format!("{} – {}", p.value, p.label.get(lang).to_owned())
            } else {
                p.label.get(lang).to_owned()
            };
            Opt { value: p.value.to_string(), label }
        })
        .collect();
    if na {
        if let Some(t) = &def.scale.not_applicable {
            v.push(Opt { value: "na".into(), label: t.get(lang).to_owned() });
        }
    }
    v
}

pub fn error_of(errors: RwSignal<Vec<FieldError>>, field: String, lang: Lang) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == field).map(|e| message(e, lang))))
}
