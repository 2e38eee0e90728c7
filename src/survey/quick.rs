//! One tap under a procedure: "Thông tin này có giúp ích không?". An optional comment can be typed
//! first (folded away); the tap sends answer and comment together, so nothing is counted twice.

use super::defs;
use super::draft::Draft;
use super::form::new_id;
use crate::i18n::strings;
use crate::outbox::Outbox;
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::delivery::Item;
use tthc_core::envelope::receipt_code;
use tthc_core::survey::{validate, Definition, Kind};

/// The queued answer for one tap, if it is valid.
fn answer(
    d: &Definition,
    province: &str,
    code: &str,
    value: &str,
    comment: String,
    lang: tthc_core::lang::Lang,
    id: String,
) -> Option<Item> {
    let mut draft = Draft { survey: d.key(), procedure: Some(code.to_owned()), comment, ..Draft::default() };
    if let Some(c) = d.criteria().next() {
        draft.answers.insert(c.id.clone(), value.to_owned());
    }
    let env = draft.envelope(d, province, id.clone(), lang, Some(String::from(js_sys::Date::new_0().to_iso_string())));
    validate(&env, d).ok()?;
    let body = String::from_utf8(env.to_body()).expect("JSON is UTF-8");
    Some(Item::new(id.clone(), body, receipt_code(&id), crate::outbox::now()))
}

thread_local! {
    /// Procedures rated in this page load: the view is rebuilt when the citizen goes back and
    /// forth or switches language, and must not offer the same one-tap rating again.
    static RATED: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
}

#[component]
pub fn Helpful(code: String) -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let s = &strings(lang).survey;
    let ob = expect_context::<Outbox>();
    let def = RwSignal::new(None::<Arc<Definition>>);
    let sent = RwSignal::new(RATED.with_borrow(|r| r.contains(&code)));
    let comment = RwSignal::new(String::new());
    let no_id = RwSignal::new(false);
    let refused = RwSignal::new(false);
    leptos::task::spawn_local(async move { def.set(defs::load(Kind::Helpful).await.ok()) });
    let province = StoredValue::new(cx.config.with_value(|c| c.province.clone()));
    let code = StoredValue::new(code);
    move || {
        def.get().map(|d| {
            let title = d.title.get(lang).to_owned();
            let max = d.comment.as_ref().map_or(0, |c| c.max_chars);
            let label = title.clone();
            let d2 = d.clone();
            let buttons = move || {
                d2.scale
                    .points
                    .iter()
                    .rev()
                    .map(|p| {
                        let d = d2.clone();
                        let value = p.value.to_string();
                        let tap = move |_| {
                            // One answer per procedure and page load: a second tap (or Enter on a stale
                            // focus, or the same detail shown again) sends nothing.
                            if sent.get_untracked() {
                                return;
                            }
                            let Some(id) = new_id() else { return no_id.set(true) };
                            let text = comment.get_untracked();
                            let item = province
                                .with_value(|pr| code.with_value(|c| answer(&d, pr, c, &value, text, lang, id)));
                            // A tap that cannot be sent says so: it never fails silently.
                            refused.set(item.is_none());
                            if let Some(item) = item {
                                ob.enqueue(item);
                                crate::usage::record(|t| {
                                    t.finished.add(tthc_core::usage::submission_kind(Kind::Helpful), 1)
                                });
                                code.with_value(|c| RATED.with_borrow_mut(|r| r.insert(c.clone())));
                                sent.set(true);
                            }
                        };
                        view! { <button type="button" class="chip" on:click=tap>{p.label.get(lang).to_owned()}</button> }
                    })
                    .collect_view()
            };
            view! {
                <div class="helpful" role="group" aria-label=label>
                    <p role="status">{move || sent.get().then_some(s.helpful_yes_thanks)}</p>
                    {move || no_id.get().then(|| view! { <p class="error" role="alert">{s.no_random}</p> })}
                    {move || refused.get().then(|| view! { <p class="error" role="alert">{s.helpful_refused}</p> })}
                    <Show when=move || !sent.get()>
                        <div class="chips">
                            <span>{title.clone()}</span>
                            {buttons.clone()()}
                        </div>
                        {(max > 0).then(|| view! {
                            <details><summary>{s.helpful_comment}</summary>
                                <label class="vh" for="helpful-c">{s.helpful_comment}</label>
                                <textarea id="helpful-c" rows="2" maxlength=max
                                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                            </details>
                        })}
                    </Show>
                </div>
            }
        })
    }
}
