//! Which views each part of the widget draws (`tthc_core::embed::Part`). Each part is its own
//! binary (src/main.rs, src/bin/feedback.rs) that names one of these functions, so the other
//! part's code is left out of its wasm. The shell calls them only with views of their part.

use crate::catalogue::{detail::DetailView, events::EventView, events::EventsView};
use crate::catalogue::{province::ProvinceView, search_view::SearchView};
use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::embed::View;

/// Search, procedure detail (with the one-tap rating under it), life events, province overview.
pub fn finder(view: View) -> AnyView {
    let cx = ctx();
    match view {
        View::Check => view! { <SearchView/> }.into_any(),
        View::Detail(code) => {
            // The one-tap rating comes from the survey feature: put here, not imported by the detail.
            let c = code.clone();
            let footer = ViewFn::from(move || view! { <crate::survey::quick::Helpful code=c.clone()/> });
            view! { <DetailView code=code footer=footer/> }.into_any()
        }
        View::Events => view! { <EventsView/> }.into_any(),
        // Their counts are read at the citizen's place: rebuilt when it changes.
        View::Event(id) => {
            cx.place.track();
            view! { <EventView id=id/> }.into_any()
        }
        View::Province => {
            cx.place.track();
            view! { <ProvinceView/> }.into_any()
        }
        View::Survey(_) | View::Results | View::Reach => ().into_any(),
    }
}

/// The survey, its results and the widget's reach.
pub fn feedback(view: View) -> AnyView {
    match view {
        View::Survey(p) => crate::survey::survey_view(p).into_any(),
        View::Results => crate::results::results_view().into_any(),
        View::Reach => crate::reach::reach_view().into_any(),
        _ => ().into_any(),
    }
}
