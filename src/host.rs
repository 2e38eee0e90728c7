//! The message protocol with the embedding page (version 1, JSON):
//! widget → host `ready`, `resize {height}`, `close`, `submitted`. Messages go only to the origin
//! the loader passed in `?host=`; standalone pages send nothing.

use crate::state::AppCtx;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const PROTOCOL: u32 = 1;

/// Sends `{v, type, ...extra}` to the embedding page, if any.
pub fn post(cx: AppCtx, kind: &str, extra: Option<(&str, JsValue)>) {
    let Some(origin) = cx.config.with_value(|c| c.host.clone()) else { return };
    let Ok(Some(parent)) = window().parent() else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"v".into(), &PROTOCOL.into());
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &kind.into());
    if let Some((k, v)) = extra {
        let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
    }
    let _ = parent.post_message(&msg, &origin);
}

/// Marks the widget interactive (`window.__ready`, a `tthc-ready` event, `ready` message) once its first view is
/// usable, then keeps the host informed of the widget's height and of Esc.
pub fn start(cx: AppCtx) {
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        // The first view is usable once the catalogue is (if it is drawn with it) and what the view
        // itself cannot be used without: a lazily loaded view's code, the survey's definition, a
        // procedure's shard (`AppCtx::view_loading`).
        let waits = cx.catalogue.is_loading() && cx.view_needs_catalogue();
        let loading = waits || cx.view_loading.get() > 0;
        if loading || done.get_value() {
            return;
        }
        done.set_value(true);
        // After this render has reached the DOM.
        let cb = Closure::once_into_js(move || {
            // The view started fetching its code or definition meanwhile: ready once it has it.
            if cx.view_loading.get_untracked() > 0 {
                done.set_value(false);
                return;
            }
            let now = window().performance().map(|p| p.now()).unwrap_or(0.0);
            let _ = js_sys::Reflect::set(&window(), &"__ready".into(), &now.into());
            // boot.js registers the service worker only now: its precache (the other part too)
            // must not compete with this part's own download on a slow network.
            if let Ok(e) = web_sys::Event::new("tthc-ready") {
                let _ = window().dispatch_event(&e);
            }
            post(cx, "ready", None);
            watch_height(cx);
        });
        let _ = window().request_animation_frame(cb.unchecked_ref());
    });
    let on_key = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        // Esc in a field with text clears the field (the browser's own behaviour for search
        // boxes); only an Esc nothing else uses closes the portal's dialog.
        let clearing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| !i.value().is_empty());
        if e.key() == "Escape" && !clearing && !e.default_prevented() {
            post(cx, "close", None);
        }
    });
    let _ = document().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();
}

fn watch_height(cx: AppCtx) {
    if cx.config.with_value(|c| c.host.is_none()) {
        return;
    }
    let last = std::cell::Cell::new(0i32);
    let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        // The body's height follows the content (the root element's never drops below the frame).
        let h = document().body().map(|b| b.scroll_height()).unwrap_or(0);
        if h != last.get() {
            last.set(h);
            post(cx, "resize", Some(("height", h.into())));
        }
    });
    if let (Ok(obs), Some(body)) = (web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()), document().body()) {
        obs.observe(&body);
    }
    cb.forget();
}
