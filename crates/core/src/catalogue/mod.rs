//! The procedure catalogue: seed schema, validation, and the bundles the widget downloads.

pub mod bundle;
mod fields;
pub mod filing;
pub mod online;
mod parse;
pub mod places;
pub mod problems;
pub mod rules;
pub mod schema;
pub mod validate;

pub use problems::{report, Problem};
