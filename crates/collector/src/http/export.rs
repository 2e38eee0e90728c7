//! GET /api/v1/export.csv: one row per stored response, for officials with a token.
//! UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese correctly.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tthc_core::envelope::{Answer, Envelope};
use tthc_core::stats::local_datetime;
use tthc_core::survey::parse_body;

use super::{one_error, AppState};
use crate::store::read::export;
use crate::store::{open_reader, Table};

/// Compares without an early exit, so timing does not reveal how much of a token matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Quotes a CSV field when needed; a leading = + - @ is neutralised so spreadsheets never
/// run a citizen's comment as a formula.
fn field(out: &mut String, v: &str) {
    let v = if v.starts_with(['=', '+', '-', '@']) { format!("'{v}") } else { v.to_owned() };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

fn row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

fn answers(env: &Envelope) -> String {
    let list: Vec<String> = env
        .answers
        .iter()
        .map(|(k, a)| match a {
            Answer::Score(v) => format!("{k}={v}"),
            Answer::NotApplicable => format!("{k}=na"),
        })
        .collect();
    list.join("; ")
}

/// The byte-order mark and the header line.
fn csv_start(table: Table) -> String {
    let mut out = String::from("\u{feff}");
    let last = if table == Table::Responses { "profile" } else { "dossier" };
    let header = [
        "id",
        "received_at",
        "survey",
        "province",
        "procedure",
        "tier",
        "channel",
        "lang",
        "overall",
        "answers",
        "comment",
        last,
    ];
    row(&mut out, &header);
    out
}

/// Appends one stored response.
fn csv_row(out: &mut String, table: Table, id: &str, received_at: i64, body: &str) {
    let Ok(env) = parse_body(body.as_bytes()) else {
        eprintln!("export: stored body of {id} does not parse");
        return;
    };
    let last = match table {
        Table::Responses => {
            let p = env.profile.iter().flatten().map(|(q, o)| format!("{q}={o}")).collect::<Vec<_>>();
            p.join("; ")
        }
        Table::DossierRatings => env.dossier.clone().unwrap_or_default(),
    };
    let overall = env.overall.map(|v| v.to_string()).unwrap_or_default();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    row(
        out,
        &[
            id,
            &local_datetime(received_at),
            &env.survey,
            &env.province,
            &opt(&env.procedure),
            &opt(&env.tier),
            &opt(&env.channel),
            env.lang.code(),
            &overall,
            &answers(&env),
            &opt(&env.comment),
            &last,
        ],
    );
}

pub async fn export_csv(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let Some(token) = token else {
        let mut res =
            one_error(StatusCode::UNAUTHORIZED, "authorization", "Cần mã truy cập.", "A bearer token is required.");
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return res;
    };
    if !s.config.export_tokens.iter().any(|t| same(t.as_bytes(), token.trim().as_bytes())) {
        return one_error(
            StatusCode::FORBIDDEN,
            "authorization",
            "Mã truy cập không đúng.",
            "The token is not accepted.",
        );
    }
    let table = match q.get("scheme").map(String::as_str) {
        None | Some("responses") => Table::Responses,
        Some("dossier") => Table::DossierRatings,
        Some(_) => {
            return one_error(
                StatusCode::BAD_REQUEST,
                "scheme",
                "scheme là responses hoặc dossier.",
                "scheme is responses or dossier.",
            )
        }
    };
    let survey = q.get("survey").cloned();
    let db = s.db.clone();
    let result = tokio::task::spawn_blocking(move || {
        let conn = open_reader(&db)?;
        let mut out = csv_start(table);
        export(&conn, table, survey.as_deref(), |id, at, body| csv_row(&mut out, table, id, at, body))?;
        Ok::<_, rusqlite::Error>(out)
    })
    .await;
    match result {
        Ok(Ok(text)) => {
            let name = format!("attachment; filename=\"{}.csv\"", table.name());
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, name),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                text,
            )
                .into_response()
        }
        _ => one_error(StatusCode::SERVICE_UNAVAILABLE, "", "Không xuất được dữ liệu.", "The export failed."),
    }
}
