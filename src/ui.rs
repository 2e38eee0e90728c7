//! Pieces of interface every feature shares (features never import each other).

use crate::state::ctx;
use leptos::prelude::*;

/// "Không tải được dữ liệu." with the reason and a retry button.
#[component]
pub fn LoadFailed(reason: String, retry: Callback<()>) -> impl IntoView {
    let cx = ctx();
    view! {
        <div class="error" role="alert"><p><strong>{cx.t().load_failed}</strong></p><p class="muted">{reason}</p>
        <button type="button" class="btn" on:click=move |_| retry.run(())>{cx.t().retry}</button></div>
    }
}
