//! The offline queue (DESIGN §4): an answer is persisted before it is sent, sent with the same
//! bytes until the collector acknowledges it, and kept (with its reason) if it can never be
//! accepted. Rules (status table, backoff) live in `tthc_core::delivery`; this file is the browser
//! glue: localStorage, fetch, Web Locks, timers.

use crate::api::post_response;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use tthc_core::delivery::{read_item, write_item, Delivery, Item, EXPIRED};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Each queued answer is stored under this prefix + its id.
const PREFIX: &str = "tthc-outbox-v2:";
const LOCK: &str = "tthc-outbox";
/// Longest wait between delivery rounds while the widget is open.
const INTERVAL_MS: f64 = 30_000.0;
/// How often an idle outbox looks at its pending count (no storage access).
const IDLE_CHECK_MS: f64 = 1_000.0;

/// What the banner and the failed list show; refreshed from storage after every change. Empty
/// until [`run`] starts delivery (each part's binary decides when: src/main.rs, src/bin/feedback.rs).
#[derive(Clone, Copy)]
pub struct Outbox {
    pub pending: RwSignal<usize>,
    pub failed: RwSignal<Vec<Item>>,
    /// A stored entry could not be read (it is kept, and named here).
    pub broken: RwSignal<Option<String>>,
    /// The browser refuses storage (a third-party frame with storage blocked, a full disk): answers
    /// are kept in this page's memory and sent from there, so the citizen must keep the page open.
    pub memory_only: RwSignal<bool>,
    /// Delivery runs in this page ([`run`] was called).
    pub running: RwSignal<bool>,
    /// Answers queued in this page: delivery sends each at once (from when it runs, see [`slot`]).
    pub queued: RwSignal<u32>,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox {
            pending: RwSignal::new(0),
            failed: RwSignal::new(Vec::new()),
            broken: RwSignal::new(None),
            memory_only: RwSignal::new(false),
            running: RwSignal::new(false),
            queued: RwSignal::new(0),
        }
    }
}

thread_local! {
    /// Answers that could not be written to localStorage, by storage key.
    static MEMORY: std::cell::RefCell<std::collections::BTreeMap<String, String>> = Default::default();
    /// The server's clock minus `now()`, from the latest reply's `Date` in this page.
    static SKEW: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten().filter(|s| s.length().is_ok())
}

/// The page's monotonic clock on the epoch scale: a device clock changed while the page is open
/// moves neither a scheduled retry nor the server-time estimate.
pub fn now() -> f64 {
    window().performance().map_or_else(js_sys::Date::now, |p| p.time_origin() + p.now())
}

/// The server's clock now, if a reply in this page told it.
fn server_now() -> Option<f64> {
    SKEW.get().map(|skew| now() + skew)
}

/// Every stored (key, text): localStorage's outbox entries, overridden by those kept in memory
/// (an answer whose later write localStorage refused lives on in memory only).
fn entries() -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    if let Some(s) = storage() {
        for i in 0..s.length().unwrap_or(0) {
            let Some(key) = s.key(i).ok().flatten().filter(|k| k.starts_with(PREFIX)) else { continue };
            // Gone meanwhile (another tab delivered it): not damaged, just not there.
            let Some(text) = s.get_item(&key).ok().flatten() else { continue };
            out.insert(key, text);
        }
    }
    MEMORY.with_borrow(|m| out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone()))));
    out
}

/// What is stored: the readable answers, oldest first, and the keys of entries that cannot be
/// read (kept and reported, never deleted; they do not hold the others back).
struct Stored {
    items: Vec<Item>,
    damaged: Vec<String>,
}

fn load() -> Stored {
    let mut stored = Stored { items: Vec::new(), damaged: Vec::new() };
    for (key, text) in entries() {
        match read_item(&text) {
            Ok(item) => stored.items.push(item),
            Err(e) => stored.damaged.push(format!("{key}: {e}")),
        }
    }
    stored.items.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    stored
}

/// One key per answer: tabs that add, send or drop answers never overwrite each other's. Where
/// localStorage refuses the write (full, blocked), the answer moves to memory, which overrides
/// storage from then on; a stored copy is kept as it was (the last good one: same body, older
/// retry state), so the answer survives the page. Returns whether it is in memory.
fn save(item: &Item) -> bool {
    let key = format!("{PREFIX}{}", item.id);
    let text = write_item(item);
    let in_memory = MEMORY.with_borrow(|m| m.contains_key(&key));
    if !in_memory && storage().is_some_and(|s| s.set_item(&key, &text).is_ok()) {
        return false;
    }
    MEMORY.with_borrow_mut(|m| m.insert(key, text));
    true
}

fn remove(id: &str) {
    let key = format!("{PREFIX}{id}");
    MEMORY.with_borrow_mut(|m| m.remove(&key));
    if let Some(s) = storage() {
        let _ = s.remove_item(&key);
    }
}

/// Re-reads one answer, lets `f` change it (or return false to drop it), stores the result.
fn update(ob: Outbox, id: &str, f: impl FnOnce(&mut Item) -> bool) {
    let key = format!("{PREFIX}{id}");
    let text = MEMORY
        .with_borrow(|m| m.get(&key).cloned())
        .or_else(|| storage().and_then(|s| s.get_item(&key).ok().flatten()));
    let current = text.and_then(|t| read_item(&t).ok());
    if let Some(mut item) = current {
        if f(&mut item) {
            save(&item);
        } else {
            remove(id);
        }
    }
    ob.refresh();
}

impl Outbox {
    pub fn refresh(self) {
        let Stored { items, damaged } = load();
        self.pending.set(items.iter().filter(|i| i.failed.is_none()).count());
        self.failed.set(items.into_iter().filter(|i| i.failed.is_some()).collect());
        self.broken.set((!damaged.is_empty()).then(|| damaged.join("; ")));
        self.memory_only.set(MEMORY.with_borrow(|m| !m.is_empty()));
    }

    /// Persists the answer (in memory if the browser refuses storage) and hands it to delivery,
    /// which sends it at once, or as soon as it runs ([`slot`] loads it once an answer is queued).
    /// Until then the answer counts as pending. Nothing here sends: that code is delivery's module.
    pub fn enqueue(self, item: Item) {
        if !save(&item) {
            request_persistence();
        }
        self.pending.update(|n| *n += 1);
        self.queued.update(|n| *n += 1);
    }

    pub fn forget(self, id: &str) {
        remove(id);
        self.refresh();
    }

    /// Sends what is due, in one tab at a time (Web Locks where available). `everything`: also what is
    /// still waiting out a backoff: at start-up and when the network returns, the citizen expects
    /// an attempt at once (and one page makes one attempt, not a burst).
    pub fn flush(self, everything: bool) {
        with_lock(move || async move { self.send_due(everything).await });
    }

    async fn send_due(self, everything: bool) {
        let items = load().items;
        let (t, server) = (now(), server_now());
        for old in items.iter().filter(|i| i.failed.is_none() && i.expired(server)) {
            update(self, &old.id, |i| {
                i.failed = Some(EXPIRED.into());
                true
            });
        }
        for item in items.into_iter().filter(|i| (i.due(t) || (everything && i.failed.is_none())) && !i.expired(server))
        {
            let attempt = item.attempts + 1;
            let reply = post_response(&item.body, &item.id, attempt).await;
            if let Some(date) = reply.server_ms {
                SKEW.set(Some(date - now()));
            }
            // Not run if another tab removed it meanwhile: this round ends, the next one goes on.
            let mut outcome = Delivery::Transient;
            update(self, &item.id, |i| {
                outcome = i.record(attempt, &reply, now(), js_sys::Math::random());
                outcome != Delivery::Delivered
            });
            if outcome == Delivery::Transient {
                // The collector is unhealthy or unreachable: leave the rest for the next round.
                break;
            }
        }
    }
}

/// Whether answers from an earlier page are stored on this device (key names only: nothing is read).
pub fn stored() -> bool {
    storage().is_some_and(|s| {
        (0..s.length().unwrap_or(0)).any(|i| s.key(i).ok().flatten().is_some_and(|k| k.starts_with(PREFIX)))
    })
}

/// The outbox's place in the shell, for a part whose delivery and banner are a module of their own
/// (`load`: a split function of the part's binary, whose view calls [`run`]). The module is
/// fetched when answers from an earlier page are stored, once this page queues one, and, with
/// `on_ready`, once the first view is usable (`tthc-ready`: a part whose first view queues answers
/// has delivery ready before the citizen sends). Until it arrives the slot is empty and queued
/// answers stay stored, counted as pending; a failed fetch is tried again on the next answer.
pub fn slot<F>(load: fn() -> F, on_ready: bool) -> AnyView
where
    F: std::future::Future<Output = Result<fn() -> AnyView, crate::api::ApiError>> + 'static,
{
    let ob = expect_context::<Outbox>();
    let banner = RwSignal::new(None::<fn() -> AnyView>);
    let wanted = RwSignal::new(stored());
    let asked = StoredValue::new(false);
    if on_ready && !wanted.get_untracked() {
        let ready = Closure::once_into_js(move || wanted.set(true));
        let _ = window().add_event_listener_with_callback("tthc-ready", ready.unchecked_ref());
    }
    Effect::new(move |_| {
        if (wanted.get() || ob.queued.get() > 0) && !asked.get_value() {
            asked.set_value(true);
            spawn_local(async move {
                match load().await {
                    Ok(draw) => banner.set(Some(draw)),
                    Err(_) => asked.set_value(false),
                }
            });
        }
    });
    (move || banner.get().map(|draw| untrack(draw))).into_any()
}

/// Starts delivery, once per page: reads what is stored and tries it at once, then each answer
/// queued from then on, and retries on `online`, on other tabs' changes, and on an interval while
/// the widget is open.
pub fn run(ob: Outbox) {
    if ob.running.get_untracked() {
        return;
    }
    ob.running.set(true);
    ob.refresh();
    ob.flush(true);
    Effect::watch(
        move || ob.queued.get(),
        move |_, _, _| {
            ob.refresh();
            ob.flush(false);
        },
        false,
    );
    let on_online = Closure::<dyn Fn()>::new(move || ob.flush(true));
    let _ = window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    let on_storage = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
        if e.key().is_none_or(|k| k.starts_with(PREFIX)) {
            ob.refresh();
        }
    });
    let _ = window().add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
    spawn_local(async move {
        loop {
            // Nothing pending (other tabs' additions arrive through the storage event): no
            // storage scan and no lock, just a look at the count every second, so an answer
            // queued meanwhile is picked up on time.
            let idle = ob.pending.get_untracked() == 0;
            let wait = if idle { IDLE_CHECK_MS } else { next_round_ms() };
            gloo_timers::future::sleep(Duration::from_millis(wait as u64)).await;
            if ob.pending.get_untracked() > 0 {
                ob.flush(false);
            }
        }
    });
}

/// Time until the earliest pending answer is due (at least 0.5 s, at most the interval).
fn next_round_ms() -> f64 {
    let t = now();
    let due = load()
        .items
        .iter()
        .filter(|i| i.failed.is_none())
        .map(|i| if i.due(t) { 0.0 } else { i.next_ms - t })
        .reduce(f64::min);
    due.unwrap_or(INTERVAL_MS).clamp(500.0, INTERVAL_MS)
}

/// Asks the browser not to evict stored answers under storage pressure.
fn request_persistence() {
    // Refused in some third-party iframes: that is fine, the answer is stored either way.
    if let Ok(p) = window().navigator().storage().persist() {
        ignore_rejection(p);
    }
}

/// Awaits a promise whose outcome does not matter, so a rejection is not reported as an error.
fn ignore_rejection(p: js_sys::Promise) {
    spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    });
}

/// Runs `f` under the `tthc-outbox` Web Lock if no other tab holds it. Without Web Locks, or when
/// the browser refuses the lock request (some third-party iframes), runs it anyway: a rare
/// duplicate send is harmless, the collector deduplicates by id.
fn with_lock<F, Fut>(f: F)
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    let nav = window().navigator();
    let locks = js_sys::Reflect::get(&nav, &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    let request =
        js_sys::Reflect::get(&locks, &"request".into()).ok().and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request.filter(|_| !locks.is_undefined()) else {
        spawn_local(f());
        return;
    };
    let job = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let in_lock = job.clone();
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"ifAvailable".into(), &true.into());
    let cb = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        match in_lock.take().filter(|_| !lock.is_null()) {
            Some(f) => wasm_bindgen_futures::future_to_promise(async move {
                f().await;
                Ok(JsValue::UNDEFINED)
            }),
            None => js_sys::Promise::resolve(&JsValue::UNDEFINED),
        }
    });
    let granted = request.call3(&locks, &LOCK.into(), &opts, &cb).map(js_sys::Promise::from);
    spawn_local(async move {
        let refused = match granted {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_err(),
            Err(_) => true,
        };
        if refused {
            if let Some(f) = job.take() {
                f().await;
            }
        }
    });
}

/// Offers the citizen's stored answer as a file, for answers the collector refused.
pub fn download(item: &Item) {
    let parts = js_sys::Array::of1(&item.body.clone().into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(&format!("phan-hoi-{}.json", item.receipt));
        a.click();
    }
    // Revoked on a later task: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
}
