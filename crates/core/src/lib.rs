//! Pure domain logic shared by the widget (wasm) and the collector (native).
//!
//! No web or server dependency lives here: see ARCHITECTURE.md.

pub mod catalogue;
pub mod delivery;
pub mod embed;
pub mod envelope;
pub mod first_load;
pub mod fold;
pub mod import;
pub mod json;
pub mod lang;
pub mod levels;
pub mod mask;
pub mod search;
pub mod stats;
pub mod stored;
pub mod survey;
pub mod usage;
