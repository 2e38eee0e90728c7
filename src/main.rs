//! The finder part (`tthc_core::embed::Part::Finder`): search, procedure detail with the one-tap
//! rating under it, life events, province overview. Only the search, where a citizen lands, is in
//! the main module; the views reached from it are split off (`widget::lazy`).

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use tthc_core::catalogue::bundle::read_index;
use tthc_core::embed::{Part, View};
use widget::api::{ApiError, IndexReading, ReadIndex};
use widget::catalogue::{detail::DetailView, events::EventView, events::EventsView};
use widget::catalogue::{province::ProvinceView, search_view::SearchView};
use widget::lazy::{later, Draw};
use widget::state::ctx;

fn main() {
    let first = widget::start(Part::Finder, finder, outbox, index_reader);
    // The first view's module is fetched at once, alongside the catalogue; when the first view is
    // the search, the detail's (its next step) once the search is usable (host.rs dispatches
    // `tthc-ready` once), not competing with it.
    let on_ready = first == View::Check;
    let preload = move || {
        leptos::task::spawn_local(async move {
            let _ = match first {
                View::Detail(_) | View::Check => preload_detail().await,
                View::Events | View::Event(_) => preload_events().await,
                View::Province => preload_province().await,
                View::Survey(_) | View::Results | View::Reach => Ok(()),
            };
        })
    };
    if on_ready {
        let preload = wasm_bindgen::closure::Closure::once_into_js(preload);
        let _ = window().add_event_listener_with_callback("tthc-ready", wasm_bindgen::JsCast::unchecked_ref(&preload));
    } else {
        preload();
    }
}

/// The search reads the index at once: its reader is in the main module.
fn index_reader() -> IndexReading {
    Box::pin(async { Ok(read_index as ReadIndex) })
}

/// Only the one-tap rating queues answers here: delivery and the banner are a module of their own,
/// loaded when answers from an earlier page are stored, or once the rating queued one.
fn outbox() -> AnyView {
    widget::outbox::slot(outbox_banner, false)
}

#[wasm_split(outbox, wasm_split_path = ::leptos::wasm_split, fallible)]
fn outbox_banner() -> Result<fn() -> AnyView, ApiError> {
    Ok(widget::survey::banner::delivering)
}

/// The shell calls this only with views of this part.
fn finder(view: View) -> AnyView {
    let cx = ctx();
    match view {
        View::Check => view! { <SearchView/> }.into_any(),
        View::Detail(_) => later(view, "detail", detail),
        // Their counts are read at the citizen's place: rebuilt when it changes.
        View::Events | View::Event(_) => {
            cx.place.track();
            later(view, "events", events)
        }
        View::Province => {
            cx.place.track();
            later(view, "province", province)
        }
        View::Survey(_) | View::Results | View::Reach => ().into_any(),
    }
}

#[wasm_split(detail, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_detail))]
fn detail() -> Result<Draw, ApiError> {
    Ok(|view| {
        let View::Detail(code) = view else { return ().into_any() };
        // The one-tap rating comes from the survey feature: put here, not imported by the detail.
        let c = code.clone();
        let footer = ViewFn::from(move || view! { <widget::survey::quick::Helpful code=c.clone()/> });
        view! { <DetailView code=code footer=footer/> }.into_any()
    })
}

#[wasm_split(events, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_events))]
fn events() -> Result<Draw, ApiError> {
    Ok(|view| match view {
        View::Event(id) => view! { <EventView id=id/> }.into_any(),
        _ => view! { <EventsView/> }.into_any(),
    })
}

#[wasm_split(province, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_province))]
fn province() -> Result<Draw, ApiError> {
    Ok(|_| view! { <ProvinceView/> }.into_any())
}
