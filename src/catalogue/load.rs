//! Loading the province index: fetch, check with core, report.

use crate::api::{self, ApiError};
use crate::state::{AppCtx, Catalogue, Failure, Load};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Starts (or restarts, for "Thử lại") loading the configured province's index.
pub fn load_catalogue(cx: AppCtx) {
    cx.catalogue.set(Load::Loading);
    let province = cx.config.with_value(|c| c.province.clone());
    spawn_local(async move {
        let outcome = match api::index(&province).await {
            Ok(index) => {
                let cat = Catalogue::new(index);
                cx.place.set(crate::catalogue::place::restore(cx, &cat));
                Load::Ready(Arc::new(cat))
            }
            Err(ApiError::NotFound) => Load::Failed(Failure::UnknownProvince(api::provinces().await)),
            Err(ApiError::Invalid(lines)) => Load::Failed(Failure::Invalid(lines)),
            Err(ApiError::Unreachable(e)) => Load::Failed(Failure::Unreachable(e)),
        };
        cx.catalogue.set(outcome);
    });
}
