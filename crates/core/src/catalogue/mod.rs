//! The procedure catalogue: seed schema, validation, and the bundles the widget downloads.

pub mod bundle;
mod fields;
mod parse;
pub mod problems;
pub mod rules;
pub mod schema;
pub mod validate;

pub use problems::{report, Problem};
