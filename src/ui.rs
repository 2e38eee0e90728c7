//! Pieces of interface every feature shares (features never import each other).

use crate::api::ApiError;
use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::stats::Period;

/// "Không tải được dữ liệu." with why: the problems found in what arrived, or the network trouble
/// with a retry button (only there: data that failed its checks fails again).
#[component]
pub fn LoadFailed(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let cx = ctx();
    match error {
        ApiError::Invalid(lines) => view! { <Problems title=cx.t().load_failed lines=lines/> }.into_any(),
        other => view! {
            <div class="error" role="alert">
                <p><strong>{cx.t().load_failed}</strong>" "{cx.t().offline_hint}</p>
                <p class="muted">{other.to_string()}</p>
                <button type="button" class="btn" on:click=move |_| retry.run(())>{cx.t().retry}</button>
            </div>
        }
        .into_any(),
    }
}

/// An alert listing problems one per line (validation reports, configuration errors).
#[component]
pub fn Problems(
    title: &'static str,
    lines: Vec<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <p><strong>{title}</strong></p>
            <ProblemList lines=lines/>
            {children.map(|c| c())}
        </div>
    }
}

#[component]
pub fn ProblemList(lines: Vec<String>) -> impl IntoView {
    view! { <ul class="problems">{lines.into_iter().map(|l| view! { <li><code>{l}</code></li> }).collect_view()}</ul> }
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

/// A period bucket's label as shown: core labels dated buckets in a form every language reads
/// (`2026-Q4`); the whole range gets its name in the interface language.
pub fn bucket_label(label: &str) -> String {
    if label == Period::All.label(0) {
        let i = PERIOD_CHOICES.iter().position(|p| *p == Period::All).expect("the whole range is a choice");
        ctx().t_untracked().periods[i].to_owned()
    } else {
        label.to_owned()
    }
}
