//! One survey, one element per step: progress, back / next, per-field errors with a summary that
//! takes focus, a draft saved on every answer, review, and send through the outbox.

use super::draft::Draft;
use super::fields::{field_id, Opt};
use super::receipt::Receipt;
use super::review::Review;
use super::steps::{errors_for, steps, Step};
use crate::i18n::strings;
use crate::outbox::Outbox;
use crate::state::ctx;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::delivery::Item;
use tthc_core::envelope::{fresh_id, receipt_code};
use tthc_core::lang::Lang;
use tthc_core::survey::{validate, Definition, FieldError};
use tthc_core::usage::submission_kind;
use wasm_bindgen::JsCast;

/// A syntactically valid id for checking a draft before the real one is drawn.
const CHECK_ID: &str = "00000000-0000-4000-8000-000000000000";

/// A fresh answer id from the browser's random source; `None` when it gives none to trust (the
/// answer is then not queued: a fixed id would make the collector keep one answer for all).
pub fn new_id() -> Option<String> {
    let mut b = [0u8; 16];
    let filled = window().crypto().is_ok_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    fresh_id(filled.then_some(b))
}

/// The error shown instead of a receipt when no id can be made.
pub fn no_id_error() -> FieldError {
    FieldError {
        field: "id".into(),
        message_vi: strings(Lang::Vi).survey.no_random.into(),
        message_en: strings(Lang::En).survey.no_random.into(),
    }
}

pub fn check(def: &Definition, d: &Draft, province: &str, lang: Lang) -> Vec<FieldError> {
    let env = d.envelope(def, province, CHECK_ID.into(), lang, None);
    validate(&env, def).err().unwrap_or_default()
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
    let ob = expect_context::<Outbox>();
    let lang = cx.lang.get_untracked();
    let s = &strings(lang).survey;
    let province = cx.config.with_value(|c| c.province.clone());
    let tier_of =
        |code: &str| cx.ready().and_then(|c| c.entry(code).and_then(|e| e.tiers.first().map(|t| t.id().to_owned())));
    let procedure = procedure.filter(|_| def.context.procedure != tthc_core::survey::Need::Absent);
    let fresh = Draft {
        survey: def.key(),
        tier: procedure.as_deref().and_then(tier_of),
        procedure: procedure.clone(),
        ..Draft::default()
    };
    let shared = cx.config.with_value(|c| c.shared);
    let restored = Draft::restore(&province, &def.key(), procedure.as_deref(), shared);
    let was_restored = RwSignal::new(restored.is_some());
    let draft = RwSignal::new(restored.unwrap_or_else(|| fresh.clone()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The receipt survives a rebuild of this view (a language switch) while it is for this form.
    let key = (def.key(), procedure.clone());
    let kept =
        cx.kept.receipt.get_untracked().filter(|r| (r.survey.clone(), r.procedure.clone()) == key).map(|r| r.code);
    let done = RwSignal::new(kept);
    let honeypot = RwSignal::new(String::new());
    let summary = NodeRef::<html::Div>::new();
    let heading = NodeRef::<html::H2>::new();
    let all = Arc::new(steps(&def));
    let prov = province.clone();
    // Saved on every answer, except on a shared device; an untouched form leaves nothing behind.
    let untouched = fresh.clone();
    Effect::new(move |_| {
        draft.with(|d| {
            if !shared && *d != untouched {
                d.save(&prov)
            }
        })
    });

    let d2 = def.clone();
    let p2 = province.clone();
    let show_errors = move |errs: Vec<FieldError>| {
        errors.set(errs);
        request_animation_frame(move || {
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let all2 = all.clone();
    let go = Callback::new(move |to: usize| {
        errors.set(Vec::new());
        draft.update(|d| d.step = to.min(all2.len() - 1));
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
                h.scroll_into_view();
            }
        });
    });
    let all3 = all.clone();
    let next = Callback::new(move |_: ()| {
        let step = all3[draft.with_untracked(|d| d.step)];
        let errs = errors_for(&d2, step, draft.with_untracked(|d| check(&d2, d, &p2, lang)));
        if !errs.is_empty() {
            return show_errors(errs);
        }
        // Past the introduction: a submission started (counted, to see drop-off).
        if step == Step::Intro {
            crate::usage::record(|t| t.started.add(submission_kind(d2.kind), 1));
        }
        go.run(draft.with_untracked(|d| d.step) + 1)
    });
    let d3 = def.clone();
    let p3 = province.clone();
    let send = Callback::new(move |_: ()| {
        let errs = draft.with_untracked(|d| check(&d3, d, &p3, lang));
        if !errs.is_empty() {
            return show_errors(errs);
        }
        let Some(id) = new_id() else { return show_errors(vec![no_id_error()]) };
        let receipt = receipt_code(&id);
        let time = String::from(js_sys::Date::new_0().to_iso_string());
        let env = draft.with_untracked(|d| d.envelope(&d3, &p3, id.clone(), lang, Some(time)));
        let body = String::from_utf8(env.to_body()).expect("JSON is UTF-8");
        // A filled honeypot means a bot: show the receipt, store nothing.
        if honeypot.get_untracked().is_empty() {
            ob.enqueue(Item::new(id, body, receipt.clone(), crate::outbox::now()));
            crate::usage::record(|t| t.finished.add(submission_kind(d3.kind), 1));
            crate::host::post(cx, "submitted", None);
        }
        draft.with_untracked(|d| d.clear(&p3));
        cx.kept.receipt.set(Some(crate::state::Receipt {
            survey: key.0.clone(),
            procedure: key.1.clone(),
            code: receipt.clone(),
        }));
        done.set(Some(receipt));
        request_animation_frame(|| {
            if let Ok(Some(h)) = document().query_selector(".receipt h2") {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    });
    let restart = {
        Callback::new(move |_: ()| {
            draft.with_untracked(|d| d.clear(&province));
            was_restored.set(false);
            cx.kept.receipt.set(None);
            done.set(None);
            draft.set(fresh.clone());
        })
    };
    let total = all.len();
    // Re-render the step only when the step changes, not on every answer (focus stays put).
    let step_now = Memo::new(move |_| draft.with(|d| d.step).min(total - 1));
    view! {
        <section class="survey">
            {move || match done.get() {
                Some(code) => view! { <Receipt code=code on_again=restart/> }.into_any(),
                None => {
                    let step_i = step_now.get();
                    let step = all[step_i];
                    let def = def.clone();
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
