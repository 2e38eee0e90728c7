//! The self-check half: search, filters, procedure detail, life events, province overview.

pub mod badge;
pub mod detail;
pub mod events;
pub mod load;
pub mod online_box;
pub mod place;
pub mod province;
pub mod search_view;
pub mod status;
