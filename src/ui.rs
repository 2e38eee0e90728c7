//! Pieces of interface every feature shares (features never import each other).

use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::stats::Period;

/// "Không tải được dữ liệu." with the reason and a retry button.
#[component]
pub fn LoadFailed(reason: String, retry: Callback<()>) -> impl IntoView {
    let cx = ctx();
    view! {
        <div class="error" role="alert"><p><strong>{cx.t().load_failed}</strong></p><p class="muted">{reason}</p>
        <button type="button" class="btn" on:click=move |_| retry.run(())>{cx.t().retry}</button></div>
    }
}

/// The periods a viewer can choose, coarsest first; their labels are `Strings::periods`, in this order.
pub const PERIOD_CHOICES: [Period; 4] = [Period::All, Period::Year, Period::Quarter, Period::Month];

/// The labelled period select of the results and reach views: sets `period`, then runs `changed`.
#[component]
pub fn PeriodSelect(period: RwSignal<Period>, label: &'static str, changed: Callback<()>) -> impl IntoView {
    let cx = ctx();
    let on_change = move |ev| {
        period.set(Period::parse(&event_target_value(&ev)).unwrap_or(Period::All));
        changed.run(());
    };
    view! {
        <label class="sel">{label}
            <select on:change=on_change>
                {PERIOD_CHOICES.iter().zip(cx.t_untracked().periods).map(|(p, l)| view! {
                    <option value=p.name() selected=period.get_untracked() == *p>{l}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
