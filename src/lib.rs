//! The citizen service widget: Leptos components and browser glue. Rules live in `tthc_core`.

pub mod api;
mod app;
pub mod catalogue;
pub mod format;
pub mod host;
pub mod i18n;
pub mod loading;
pub mod outbox;
mod reach;
pub mod results;
pub mod state;
pub mod survey;
pub mod ui;
pub mod usage;

pub use app::App;
use wasm_bindgen::JsCast;

/// Replaces the static fallback content of `#app` with the application.
pub fn start() {
    let doc = leptos::prelude::document();
    let root = match doc.get_element_by_id("app") {
        Some(el) => el,
        None => return,
    };
    root.set_text_content(None);
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, App).forget();
}
