//! The feedback part (`tthc_core::embed::Part::Feedback`): the survey, its results and the
//! widget's reach. The survey, where a citizen arrives by a link, is in the main module; results,
//! reach and the outbox's delivery are split off (`widget::lazy`, `widget::outbox::slot`).

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use tthc_core::embed::{Part, View};
use widget::api::{ApiError, IndexReading, ReadIndex};
use widget::lazy::{later, Draw};

fn main() {
    let first = widget::start(Part::Feedback, feedback, outbox, index_reader);
    // A first view that is split off: its module is fetched at once, alongside the catalogue.
    leptos::task::spawn_local(async move {
        let _ = match first {
            View::Results => preload_results().await,
            View::Reach => preload_reach().await,
            _ => Ok(()),
        };
    });
}

/// The survey is drawn without the catalogue (`View::needs_catalogue`): the index's reader is a
/// module of its own, fetched while the survey is drawn (or with the page, for results and reach).
fn index_reader() -> IndexReading {
    Box::pin(catalogue())
}

#[wasm_split(catalogue, wasm_split_path = ::leptos::wasm_split, fallible)]
fn catalogue() -> Result<ReadIndex, ApiError> {
    Ok(tthc_core::catalogue::bundle::read_index)
}

/// The survey queues answers: delivery and the banner are a module of their own, loaded once the
/// first view is usable (before the citizen can send), or at once when answers are stored.
fn outbox() -> AnyView {
    widget::outbox::slot(outbox_banner, true)
}

#[wasm_split(outbox, wasm_split_path = ::leptos::wasm_split, fallible)]
fn outbox_banner() -> Result<fn() -> AnyView, ApiError> {
    Ok(widget::survey::banner::delivering)
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
