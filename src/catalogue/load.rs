//! Loading the province index: fetch, check with core, report.

use crate::api::{get_text, FetchError};
use crate::state::{AppCtx, Catalogue, Failure, Load};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use tthc_core::catalogue::bundle::{read_index, MAX_INDEX_BYTES};
use tthc_core::catalogue::Problem;

#[derive(serde::Deserialize)]
struct ProvinceItem {
    code: String,
    name: String,
}

/// Starts (or restarts, for "Thử lại") loading the configured province's index.
pub fn load_catalogue(cx: AppCtx) {
    cx.catalogue.set(Load::Loading);
    let path = cx.data_path("index.json");
    spawn_local(async move {
        let outcome = match get_text(&path, MAX_INDEX_BYTES).await {
            Ok(text) => match read_index(&path, &text) {
                Ok(index) => {
                    let cat = Catalogue::new(index);
                    cx.place.set(crate::catalogue::place::restore(cx, &cat));
                    Load::Ready(Arc::new(cat))
                }
                Err(problems) => Load::Failed(Failure::Invalid(lines(&problems))),
            },
            Err(FetchError::Status(404)) => Load::Failed(Failure::UnknownProvince(provinces().await)),
            Err(FetchError::TooLarge(n)) => {
                Load::Failed(Failure::Invalid(vec![format!("{path}: file is {n} bytes; the limit is {MAX_INDEX_BYTES}")]))
            }
            Err(e) => Load::Failed(Failure::Unreachable(e.to_string())),
        };
        cx.catalogue.set(outcome);
    });
}

/// The provinces that have data, for the "unknown province" message.
pub async fn provinces() -> Vec<(String, String)> {
    match get_text("data/provinces.json", 64 * 1024).await {
        Ok(text) => tthc_core::json::from_str::<Vec<ProvinceItem>>(&text)
            .map(|v| v.into_iter().map(|p| (p.code, p.name)).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

pub fn lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().take(50).map(ToString::to_string).collect()
}
