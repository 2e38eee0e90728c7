//! The feedback part (`tthc_core::embed::Part::Feedback`): the survey, its results and the
//! widget's reach. The survey, where a citizen arrives by a link, is in the main module; results
//! and reach are split off (`widget::lazy`).

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use tthc_core::embed::{Part, View};
use widget::api::ApiError;
use widget::lazy::{later, Draw};
use widget::survey::banner::OutboxBanner;

fn main() {
    let first = widget::start(Part::Feedback, feedback, outbox);
    // A first view that is split off: its module is fetched at once, alongside the catalogue.
    leptos::task::spawn_local(async move {
        let _ = match first {
            View::Results => preload_results().await,
            View::Reach => preload_reach().await,
            _ => Ok(()),
        };
    });
}

/// The survey queues answers: delivery starts with the page, and the banner is in the main module.
fn outbox() -> AnyView {
    widget::outbox::run(expect_context());
    view! { <OutboxBanner/> }.into_any()
}

/// The shell calls this only with views of this part.
fn feedback(view: View) -> AnyView {
    match view {
        View::Survey(p) => widget::survey::survey_view(p).into_any(),
        View::Results => later(view, "results", results),
        View::Reach => later(view, "reach", reach),
        _ => ().into_any(),
    }
}

#[wasm_split(results, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_results))]
fn results() -> Result<Draw, ApiError> {
    Ok(|_| widget::results::results_view().into_any())
}

#[wasm_split(reach, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_reach))]
fn reach() -> Result<Draw, ApiError> {
    Ok(|_| widget::reach::reach_view().into_any())
}
