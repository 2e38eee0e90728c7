//! Loading the province index: fetch, check with core, report.

use crate::api::{self, ApiError};
use crate::state::{AppCtx, Catalogue, Failure};
use leptos::prelude::*;
use std::sync::Arc;

/// Starts (or restarts, for "Thử lại") loading the configured province's index.
pub fn load_catalogue(cx: AppCtx) {
    let province = cx.config.with_value(|c| c.province.clone());
    cx.catalogue.start(async move {
        match api::index(&province, cx.index_reader).await {
            Ok(index) => {
                let cat = Catalogue::new(index);
                cx.place.set(crate::catalogue::place::restore(cx, &cat));
                Ok(Arc::new(cat))
            }
            Err(ApiError::NotFound) => Err(Failure::UnknownProvince(api::provinces().await)),
            Err(ApiError::Invalid(lines)) => Err(Failure::Invalid(lines)),
            Err(ApiError::Unreachable(e)) => Err(Failure::Unreachable(e)),
        }
    });
}
