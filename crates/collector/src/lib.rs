//! The collector: receives, validates (with tthc-core), dedupes, stores and aggregates
//! citizens' answers, and serves the built widget. See docs/API.md.

pub mod client;
pub mod config;
mod http;
mod logs;
pub mod net;
mod ratelimit;
pub mod server;
pub mod store;
mod surveys;

pub use http::VERSION;
