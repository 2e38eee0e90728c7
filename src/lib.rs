//! The citizen service widget: Leptos components and browser glue. Rules live in `tthc_core`.

pub mod api;
mod app;
pub mod catalogue;
pub mod format;
pub mod host;
pub mod i18n;
pub mod lazy;
pub mod loading;
pub mod outbox;
pub mod reach;
pub mod results;
pub mod state;
pub mod survey;
pub mod ui;
pub mod usage;

use app::App;
use leptos::prelude::AnyView;
use tthc_core::embed::{parse_query, Part, View};
use wasm_bindgen::JsCast;

/// Replaces the static fallback content of `#app` with the application: the shell around `part`,
/// whose binary draws its views with `views` (it is called only with views of `part`) and the
/// outbox's banner with `outbox`, and gets the index's reader from `index_reader`. Returns the first
/// view the page's query asks for.
pub fn start(part: Part, views: fn(View) -> AnyView, outbox: fn() -> AnyView, index_reader: api::IndexReader) -> View {
    let (config, errors) = parse_query(&leptos::prelude::window().location().search().unwrap_or_default());
    let first = config.first_view();
    let doc = leptos::prelude::document();
    let Some(root) = doc.get_element_by_id("app") else { return first };
    root.set_text_content(None);
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, move || {
        leptos::prelude::view! { <App part=part views=views outbox=outbox index_reader=index_reader config=config errors=errors/> }
    })
    .forget();
    first
}
