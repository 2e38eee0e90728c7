//! GET /api/v1/summary: the parameters, the bounds on an answer's size, and a cache.

use super::api::cached_json;
use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use tthc_core::catalogue::rules::is_code;
use tthc_core::stats::{day_from_date, Group, Period, Summary};
use tthc_core::survey::{find, is_tier, FieldError};

use super::api::unavailable;
use super::{errors, one_error, province_param, AppState};
use crate::store::open_reader;
use crate::store::read::{summary as read_summary, SummaryError, SummaryQuery, MAX_CELLS, MAX_CENSUS};

fn bad(field: &str, vi: &str, en: &str) -> FieldError {
    FieldError::new(field, vi, en)
}

/// Checks the summary parameters.
fn summary_query(s: &AppState, q: &HashMap<String, String>) -> Result<SummaryQuery, Vec<FieldError>> {
    let mut errs = Vec::new();
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    for k in q
        .keys()
        .filter(|k| !["survey", "province", "procedure", "tier", "from", "to", "period", "by"].contains(&k.as_str()))
    {
        errs.push(bad(k, "Tham số không được hỗ trợ.", "Unknown parameter."));
    }
    let survey = match get("survey").map(|k| find(&s.surveys, k)) {
        Some(Ok(d)) => d.key(),
        Some(Err(e)) => {
            errs.push(e);
            String::new()
        }
        None => {
            errs.push(bad("survey", "Thiếu tham số survey.", "The survey parameter is required."));
            String::new()
        }
    };
    let province = province_param(s, get("province")).unwrap_or_else(|e| {
        errs.push(e);
        None
    });
    let procedure = get("procedure").map(str::to_owned);
    if procedure.as_deref().is_some_and(|p| !is_code(p)) {
        errs.push(bad("procedure", "Mã thủ tục phải có dạng N.NNNNNN.", "The procedure code must look like N.NNNNNN."));
    }
    let tier = get("tier").map(str::to_owned);
    if tier.as_deref().is_some_and(|t| !is_tier(t)) {
        errs.push(bad("tier", "Cấp thực hiện không hợp lệ.", "Unknown tier."));
    }
    let mut day = |k: &str| {
        let v = get(k)?;
        let d = day_from_date(v);
        if d.is_none() {
            errs.push(bad(k, "Ngày phải có dạng YYYY-MM-DD.", "Dates look like YYYY-MM-DD."));
        }
        d
    };
    let (from_day, to_day) = (day("from"), day("to"));
    let period = match get("period").map(Period::parse) {
        None => Period::All,
        Some(Some(p)) => p,
        Some(None) => {
            errs.push(bad(
                "period",
                "Kỳ phải là day, month, quarter, year hoặc all.",
                "period is day, month, quarter, year or all.",
            ));
            Period::All
        }
    };
    let by = match get("by") {
        None => None,
        Some("procedure") => Some(Group::Procedure),
        Some("tier") => Some(Group::Tier),
        Some(_) => {
            errs.push(bad("by", "Nhóm theo procedure hoặc tier.", "by is procedure or tier."));
            None
        }
    };
    // Published cells are whole buckets of one period, and one breakdown at a time: then every
    // cell shown is a cell of the census suppression is decided on (see tthc_core::stats).
    if period == Period::All && (from_day.is_some() || to_day.is_some()) {
        errs.push(bad(
            "period",
            "Kỳ all là toàn bộ thời gian; muốn giới hạn from/to thì chọn day, month, quarter hoặc year.",
            "period=all covers all time; for a from/to range choose day, month, quarter or year.",
        ));
    }
    let name = period.name();
    let all = period == Period::All;
    if !all && from_day.is_some_and(|d| period.start(d) != d) {
        errs.push(bad(
            "from",
            &format!("from phải là ngày đầu của một kỳ ({name})."),
            &format!("from must be the first day of a {name}."),
        ));
    }
    if !all && to_day.is_some_and(|d| period.end(d) != d) {
        errs.push(bad(
            "to",
            &format!("to phải là ngày cuối của một kỳ ({name})."),
            &format!("to must be the last day of a {name}."),
        ));
    }
    if usize::from(by.is_some()) + usize::from(procedure.is_some()) + usize::from(tier.is_some()) > 1 {
        errs.push(bad(
            "by",
            "Mỗi lần chỉ một trong procedure, tier hoặc by.",
            "Only one of procedure, tier and by at a time.",
        ));
    }
    if errs.is_empty() {
        Ok(SummaryQuery { survey, province, procedure, tier, from_day, to_day, period, by })
    } else {
        Err(errs)
    }
}

pub async fn summary(State(s): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let query = match summary_query(&s, &q) {
        Ok(query) => query,
        Err(errs) => return errors(StatusCode::BAD_REQUEST, errs),
    };
    let (from, to) = (q.get("from").cloned().filter(|v| !v.is_empty()), q.get("to").cloned().filter(|v| !v.is_empty()));
    cached_json(&s, format!("{query:?}"), move |state| {
        let built = open_reader(&state.db).map_err(SummaryError::Db).and_then(|conn| {
            let def = find(&state.surveys, &query.survey).expect("checked above");
            let threshold = state.config.suppression_threshold;
            let cells = read_summary(&conn, &query, def, threshold)?;
            let summary = Summary {
                cells,
                survey: query.survey,
                province: query.province,
                procedure: query.procedure,
                tier: query.tier,
                from,
                to,
                period: query.period,
                by: query.by,
                threshold,
            };
            Ok(Bytes::from(serde_json::to_vec(&summary).expect("a summary serializes")))
        });
        built.map_err(|e| {
            Box::new(match e {
            SummaryError::TooMany => one_error(
                StatusCode::BAD_REQUEST,
                "period",
                &format!(
                    "Quá nhiều ô số liệu (tối đa {MAX_CELLS} ô, {MAX_CENSUS} ô tính toán): hãy thu hẹp from/to, chọn kỳ dài hơn hoặc bỏ by."
                ),
                &format!(
                    "Too many cells (at most {MAX_CELLS} in an answer, {MAX_CENSUS} to decide suppression on): narrow from/to, choose a longer period, or drop by."
                ),
            ),
            SummaryError::Db(e) => {
                eprintln!("summary: {e}");
                unavailable()
            }
        })
        })
    })
    .await
}
