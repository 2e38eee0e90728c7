//! One tap under a procedure: "Thông tin này có giúp ích không?". An optional comment can be typed
//! first (folded away); the tap sends answer and comment together, so nothing is counted twice.

use super::submit::{submit, NotSent};
use crate::i18n::strings;
use crate::loading::Fetch;
use crate::outbox::Outbox;
use crate::state::ctx;
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::survey::{Definition, Draft, Kind};

/// The draft of one tap: the scale value for the question's one criterion, and the comment.
fn answer(d: &Definition, code: &str, value: &str, comment: String) -> Draft {
    let mut draft = Draft { survey: d.key(), procedure: Some(code.to_owned()), comment, ..Draft::default() };
    if let Some(c) = d.criteria().next() {
        draft.answers.insert(c.id.clone(), value.to_owned());
    }
    draft
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
    let outbox = expect_context::<Outbox>();
    // No question shown while it loads or when it cannot be had: it is an extra, not the page.
    let def = Fetch::<Arc<Definition>>::new();
    def.start(crate::api::newest_definition(Kind::Helpful));
    let sent = RwSignal::new(RATED.with_borrow(|r| r.contains(&code)));
    let comment = RwSignal::new(String::new());
    let no_id = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let code = StoredValue::new(code);
    move || {
        def.ready().map(|d| {
            let title = d.title.get(lang).to_owned();
            let max = d.comment.as_ref().map_or(0, |c| c.max_chars);
            let label = title.clone();
            let buttons = move || {
                d.scale
                    .points
                    .iter()
                    .rev()
                    .map(|p| {
                        let d = d.clone();
                        let value = p.value.to_string();
                        let tap = move |_| {
                            // One answer per procedure and page load: a second tap (or Enter on a stale
                            // focus, or the same detail shown again) sends nothing.
                            if sent.get_untracked() {
                                return;
                            }
                            let draft = code.with_value(|c| answer(&d, c, &value, comment.get_untracked()));
                            // A tap that cannot be sent says so: it never fails silently.
                            let outcome = submit(cx, outbox, &d, &draft, false);
                            refused.set(matches!(outcome, Err(NotSent::Invalid(_))));
                            no_id.set(matches!(outcome, Err(NotSent::NoRandomId)));
                            if outcome.is_ok() {
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
