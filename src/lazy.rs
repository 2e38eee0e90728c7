//! Views split off into wasm modules of their own, fetched the first time one is shown. Each part's
//! binary (src/main.rs, src/bin/feedback.rs) marks its split functions with `#[wasm_split]`;
//! tools/wasm-build.sh cuts the modules. A split function lives in the binary that calls it: in
//! the library, its export would keep its code in the other part's main module too.
//!
//! A split function hands back the module's [`Draw`]; once a module is loaded, its views are drawn
//! at once (a language switch redraws without a loading state).

use crate::api::ApiError;
use crate::loading::{Fetch, Loaded};
use crate::state::ctx;
use crate::ui::LoadFailed;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::cell::RefCell;
use std::future::Future;
use tthc_core::embed::View;

/// Draws the views of one split-off module (it is called only with those).
pub type Draw = fn(View) -> AnyView;

thread_local! {
    /// The modules loaded so far, by name. (Not by their split function's address: identical
    /// functions are merged by the optimizer, so two modules' loaders can share one.)
    static LOADED: RefCell<Vec<(&'static str, Draw)>> = const { RefCell::new(Vec::new()) };
}

/// `view`, drawn by the module `name` that `load` fetches: "Đang tải…" while it loads; if it cannot be fetched
/// (offline before the worker cached it, server trouble), the network failure with a retry.
pub fn later<F>(view: View, name: &'static str, load: fn() -> F) -> AnyView
where
    F: Future<Output = Result<Draw, ApiError>> + 'static,
{
    if let Some(draw) = LOADED.with_borrow(|l| l.iter().find(|(k, _)| *k == name).map(|(_, d)| *d)) {
        return draw(view);
    }
    let cx = ctx();
    let module = Fetch::<Draw>::new();
    // Until the module has arrived (or failed), the shell does not call the view usable (host.rs).
    let fetch = move || {
        module.start(async move {
            let draw = load().await?;
            LOADED.with_borrow_mut(|l| l.push((name, draw)));
            Ok(draw)
        })
    };
    fetch();
    module.gate(cx.view_loading);
    let retry = Callback::new(move |()| fetch());
    (move || match module.get() {
        Loaded::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
        Loaded::Failed(e) => view! { <LoadFailed error=e retry=retry/> }.into_any(),
        // What the view reads while it is built is its own business, not a reason to build it again.
        Loaded::Ready(draw) => untrack(|| draw(view.clone())),
    })
    .into_any()
}

/// A module that could not be fetched is network trouble, worth a retry (the loader caches no failure).
impl From<SplitLoaderError> for ApiError {
    fn from(e: SplitLoaderError) -> Self {
        ApiError::Unreachable(e.to_string())
    }
}
