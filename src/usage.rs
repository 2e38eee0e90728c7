//! This page's reach counts (see `tthc_core::usage`): kept in memory, sent once with
//! `navigator.sendBeacon` when the page is hidden or left, dropped when offline. A browser that
//! sends Global Privacy Control counts nothing. No identifier, cookie or storage is used.

use crate::state::AppCtx;
use leptos::prelude::*;
use std::cell::RefCell;
use tthc_core::embed::View;
use tthc_core::usage::Tally;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A search counts once the citizen has stopped typing this long (or leaves it).
const SETTLE_MS: u32 = 1500;

#[derive(Default)]
struct Page {
    on: bool,
    province: String,
    tally: Tally,
    /// The search being typed: (query, found anything), not counted yet.
    typing: Option<(String, bool)>,
    /// The last search counted, so a redraw of the same query is not a new search.
    counted: String,
    timer: Option<gloo_timers::callback::Timeout>,
}

thread_local! {
    static PAGE: RefCell<Page> = RefCell::default();
}

/// True when the browser asks not to be tracked with Global Privacy Control.
fn privacy_control() -> bool {
    js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("globalPrivacyControl"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Starts counting for this page (nothing at all under Global Privacy Control): details opened
/// and life-event checks finished follow the view; the batch leaves when the page is hidden.
pub fn start(cx: AppCtx) {
    if privacy_control() {
        return;
    }
    let province = cx.config.with_value(|c| c.province.clone());
    PAGE.with_borrow_mut(|p| {
        p.on = true;
        p.province = province;
    });
    let previous = StoredValue::new(None::<View>);
    Effect::new(move |_| {
        let view = cx.view.get();
        let before = previous.get_value();
        previous.set_value(Some(view.clone()));
        if before.as_ref() == Some(&view) {
            return;
        }
        match view {
            View::Detail(code) => record(|t| t.opened.add(&code, 1)),
            View::Event(id) => record(|t| t.events.add(&id, 1)),
            _ => {}
        }
    });
    let hidden = Closure::<dyn Fn()>::new(|| {
        if document().hidden() {
            flush();
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    hidden.forget();
    let left = Closure::<dyn Fn()>::new(flush);
    let _ = window().add_event_listener_with_callback("pagehide", left.as_ref().unchecked_ref());
    left.forget();
}

/// Adds to this page's counts (nothing when counting is off).
pub fn record(f: impl FnOnce(&mut Tally)) {
    PAGE.with_borrow_mut(|p| {
        if p.on {
            f(&mut p.tally);
        }
    });
}

/// The search box now holds `query`; it counts once the citizen stops typing or leaves.
pub fn typed(query: &str, found: bool) {
    let settle = PAGE.with_borrow_mut(|p| {
        if !p.on || query.trim() == p.counted {
            p.typing = None;
            p.timer = None;
            return false;
        }
        p.typing = Some((query.trim().to_owned(), found));
        true
    });
    if settle {
        let timer = gloo_timers::callback::Timeout::new(SETTLE_MS, settled);
        PAGE.with_borrow_mut(|p| p.timer = Some(timer));
    }
}

/// Counts the search being typed, if any (the citizen stopped typing, or left the search).
/// The timer is left alone: this runs inside its callback, which must not drop it.
pub fn settled() {
    PAGE.with_borrow_mut(|p| {
        if let Some((query, found)) = p.typing.take() {
            p.tally.search(&query, found);
            p.counted = query;
        }
    });
}

/// Sends this page's counts once, with `sendBeacon`; offline they are dropped (the counts are
/// approximate by design: nothing is stored on the device to send later).
fn flush() {
    settled();
    let batch = PAGE.with_borrow_mut(|p| {
        let tally = std::mem::take(&mut p.tally);
        (!tally.is_empty() && window().navigator().on_line()).then(|| tally.to_body(&p.province))
    });
    if let Some(body) = batch {
        crate::api::send_usage(&body);
    }
}
