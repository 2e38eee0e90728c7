//! SIPAS-style survey and quick ratings.

use leptos::prelude::*;

pub fn survey_view(_procedure: Option<String>) -> impl IntoView {
    view! { <p>"…"</p> }
}
