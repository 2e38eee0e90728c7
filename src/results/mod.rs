//! Satisfaction results as charts.

use leptos::prelude::*;

pub fn results_view() -> impl IntoView {
    view! { <p>"…"</p> }
}
