//! The widget's reach: `POST /api/v1/usage` (a page's counts, added to daily counters),
//! `GET /api/v1/reach` (the counters per period, for the reach view) and
//! `GET /api/v1/usage.csv` (every counter row, with an export token).

use super::api::cached_json;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::oneshot;
use tthc_core::stats::{day_from_date, Period};
use tthc_core::survey::FieldError;
use tthc_core::usage::popularity::EXPORT_COLUMNS;
use tthc_core::usage::reach::{build, MAX_CELLS};
use tthc_core::usage::{parse_batch, MAX_BATCH_BYTES};

use super::api::{now, read_limited, unavailable, ReadError};
use super::export::{refused, row};
use super::{errors, one_error, province_param, AppState};
use crate::net::log_ip;
use crate::store::open_reader;
use crate::store::usage::{export, read, UsageBatch};
use crate::store::writer::Job;

/// JSON, or the `text/plain` a `navigator.sendBeacon` string is sent as.
fn is_json_or_text(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| ["application/json", "text/plain"].iter().any(|x| t.trim().eq_ignore_ascii_case(x)))
}

fn too_large() -> Response {
    one_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body",
        &format!("Nội dung quá lớn (tối đa {} KB).", MAX_BATCH_BYTES / 1024),
        &format!("The body is too large ({} KB at most).", MAX_BATCH_BYTES / 1024),
    )
}

pub async fn post_usage(
    State(s): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let res = add_usage(&s, &headers, body).await;
    if res.status().is_client_error() || res.status().is_server_error() {
        eprintln!("{} POST /api/v1/usage {}", res.status().as_u16(), log_ip(s.client(peer, &headers)));
    }
    res
}

async fn add_usage(s: &AppState, headers: &HeaderMap, body: Body) -> Response {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BATCH_BYTES) {
        return too_large();
    }
    let bytes = match read_limited(body, MAX_BATCH_BYTES).await {
        Ok(b) => b,
        Err(ReadError::TooLarge) => return too_large(),
        Err(ReadError::Broken | ReadError::Slow) => {
            return one_error(
                StatusCode::BAD_REQUEST,
                "body",
                "Không đọc được nội dung.",
                "The body could not be read.",
            )
        }
    };
    if !is_json_or_text(headers) {
        return one_error(
            StatusCode::BAD_REQUEST,
            "content-type",
            "Nội dung phải có Content-Type: application/json hoặc text/plain.",
            "The body must be sent as application/json or text/plain.",
        );
    }
    let batch = match parse_batch(&bytes) {
        Ok(b) => b,
        Err(problems) => return errors(StatusCode::BAD_REQUEST, problems),
    };
    if s.config.province.as_deref().is_some_and(|p| p != batch.province) {
        return one_error(
            StatusCode::BAD_REQUEST,
            "province",
            "Nơi nhận này không nhận số liệu của tỉnh đó.",
            "This collector does not count for that province.",
        );
    }
    let (ack, done) = oneshot::channel();
    let job = Job::Usage(Box::new(UsageBatch::new(batch.province, batch.tally, now())), ack);
    if s.writer.send(job).await.is_err() {
        return unavailable();
    }
    match done.await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        _ => unavailable(),
    }
}

/// The reach parameters: period, optional local-date range, and the province when the
/// collector has none configured.
fn reach_query(
    s: &AppState,
    q: &HashMap<String, String>,
) -> Result<(Option<String>, Period, i64, i64), Vec<FieldError>> {
    let mut errs = Vec::new();
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    for k in q.keys().filter(|k| !["province", "period", "from", "to"].contains(&k.as_str())) {
        errs.push(FieldError::new(k, "Tham số không được hỗ trợ.", "Unknown parameter."));
    }
    let period = match get("period").map(Period::parse) {
        None => Period::Month,
        Some(Some(p)) => p,
        Some(None) => {
            errs.push(FieldError::new(
                "period",
                "Kỳ phải là day, month, quarter, year hoặc all.",
                "period is day, month, quarter, year or all.",
            ));
            Period::Month
        }
    };
    let mut day = |k: &str, default: i64| match get(k) {
        None => default,
        Some(v) => day_from_date(v).unwrap_or_else(|| {
            errs.push(FieldError::new(k, "Ngày phải có dạng YYYY-MM-DD.", "Dates look like YYYY-MM-DD."));
            default
        }),
    };
    let (from, to) = (day("from", i64::MIN), day("to", i64::MAX));
    let province = province_param(s, get("province")).unwrap_or_else(|e| {
        errs.push(e);
        None
    });
    if errs.is_empty() {
        Ok((province, period, from, to))
    } else {
        Err(errs)
    }
}

pub async fn reach(State(s): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (province, period, from, to) = match reach_query(&s, &q) {
        Ok(v) => v,
        Err(errs) => return errors(StatusCode::BAD_REQUEST, errs),
    };
    let key = format!("reach {province:?} {period:?} {from} {to}");
    cached_json(&s, key, move |state| {
        let built = open_reader(&state.db).and_then(|conn| {
            let (days, range) = read(&conn, province.as_deref(), from, to)?;
            Ok(build(&days, &range, province, period, state.config.reach_threshold))
        });
        match built {
            Ok(Some(reach)) => Ok(Bytes::from(serde_json::to_vec(&reach).expect("a reach summary serializes"))),
            Ok(None) => Err(Box::new(one_error(
                StatusCode::BAD_REQUEST,
                "period",
                &format!("Quá nhiều kỳ (tối đa {MAX_CELLS}): hãy thu hẹp from/to hoặc chọn kỳ dài hơn."),
                &format!("Too many periods (at most {MAX_CELLS}): narrow from/to or choose a longer period."),
            ))),
            Err(e) => {
                eprintln!("reach: {e}");
                Err(Box::new(unavailable()))
            }
        }
    })
    .await
}

/// Every counter row, oldest day first: what `catalogue build --popularity` reads.
pub async fn usage_csv(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(res) = refused(&s, &headers) {
        return res;
    }
    let db = s.db.clone();
    let csv = tokio::task::spawn_blocking(move || {
        let conn = open_reader(&db)?;
        let mut out = String::from("\u{feff}");
        row(&mut out, &EXPORT_COLUMNS);
        export(&conn, |fields| row(&mut out, &fields))?;
        Ok::<_, rusqlite::Error>(out)
    })
    .await;
    match csv {
        Ok(Ok(text)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"usage.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response(),
        Ok(Err(e)) => {
            eprintln!("usage export: {e}");
            one_error(StatusCode::SERVICE_UNAVAILABLE, "", "Không xuất được dữ liệu.", "The export failed.")
        }
        Err(_) => unavailable(),
    }
}
