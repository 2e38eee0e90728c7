//! Views split off into wasm modules of their own, fetched the first time one is shown. Each part's
//! binary (src/main.rs, src/bin/feedback.rs) marks its split views with `#[wasm_split]`;
//! tools/wasm-build.sh cuts the modules. A split function lives in the binary that calls it: in
//! the library, its export would keep its code in the other part's main module too.

use crate::api::ApiError;
use crate::state::ctx;
use crate::ui::LoadFailed;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A split-off view: "Đang tải…" while its module loads, then the view; if the module cannot be
/// fetched (offline before the worker cached it, server trouble), the network failure with a retry.
pub fn later<F>(load: impl Fn() -> F + Send + Sync + 'static) -> AnyView
where
    F: Future<Output = Result<AnyView, ApiError>> + 'static,
{
    let cx = ctx();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p class="status" role="status">{cx.t().loading}</p> }>
            {move || {
                attempt.track();
                let module = load();
                Suspend::new(SendWrapper::new(async move {
                    match module.await {
                        Ok(view) => view,
                        Err(e) => {
                            let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
                            view! { <LoadFailed error=e retry=retry/> }.into_any()
                        }
                    }
                }))
            }}
        </Suspense>
    }
    .into_any()
}

/// A module that could not be fetched is network trouble, worth a retry (the loader caches no failure).
impl From<SplitLoaderError> for ApiError {
    fn from(e: SplitLoaderError) -> Self {
        ApiError::Unreachable(e.to_string())
    }
}
