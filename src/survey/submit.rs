//! Sending one answer, the same way for the survey and the one-tap rating: checked by core, an id
//! from the browser's random source, queued in the outbox (which owns delivery), counted, and the
//! embedding page told.

use crate::outbox::Outbox;
use crate::state::AppCtx;
use leptos::prelude::*;
use tthc_core::delivery::Item;
use tthc_core::envelope::{fresh_id, receipt_code};
use tthc_core::lang::Lang;
use tthc_core::survey::{Definition, Draft, FieldError};
use tthc_core::usage::submission_kind;

/// Why an answer was not queued.
pub enum NotSent {
    /// The answers fail core's check (the collector's own); one error per field.
    Invalid(Vec<FieldError>),
    /// The browser gave no random id to trust (a fixed one would make the collector keep one
    /// answer for all).
    NoRandomId,
}

/// A fresh answer id from the browser's random source, if it gives one.
fn new_id() -> Option<String> {
    let mut b = [0u8; 16];
    let filled = window().crypto().is_ok_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    fresh_id(filled.then_some(b))
}

/// Queues `draft` as one answer to `def` and returns the receipt code the citizen is shown. A
/// `bot` (the honeypot was filled) gets a receipt too, but nothing is queued, counted or told.
pub fn submit(cx: AppCtx, outbox: Outbox, def: &Definition, draft: &Draft, bot: bool) -> Result<String, NotSent> {
    let lang: Lang = cx.lang.get_untracked();
    let province = cx.config.with_value(|c| c.province.clone());
    // The procedure's tier comes from the catalogue, read now: the survey is drawn before the
    // catalogue arrives (`View::needs_catalogue`). If it has not arrived (still loading, or failed by
    // the network), the answer goes without its tier; the seed surveys ask for it as optional.
    let tier =
        draft.procedure.as_deref().and_then(|code| cx.ready()?.entry(code)?.tiers.first().map(|t| t.id().to_owned()));
    let draft = &Draft { tier, ..draft.clone() };
    let problems = draft.problems(def, &province, lang);
    if !problems.is_empty() {
        return Err(NotSent::Invalid(problems));
    }
    let id = new_id().ok_or(NotSent::NoRandomId)?;
    let receipt = receipt_code(&id);
    let time = String::from(js_sys::Date::new_0().to_iso_string());
    let body = String::from_utf8(draft.envelope(def, &province, id.clone(), lang, Some(time)).to_body())
        .expect("JSON is UTF-8");
    if !bot {
        outbox.enqueue(Item::new(id, body, receipt.clone(), crate::outbox::now()));
        crate::usage::record(|t| t.finished.add(submission_kind(def.kind), 1));
        crate::host::post(cx, "submitted", None);
    }
    Ok(receipt)
}
