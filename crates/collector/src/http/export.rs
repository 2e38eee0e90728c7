//! GET /api/v1/export.csv: one row per stored response, for officials with a token.
//! UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese correctly.
//!
//! Streamed: a blocking reader thread sends chunks of rows through a small channel, so memory
//! stays flat however many rows there are. A row whose stored body today's parser refuses is
//! exported with its raw body in the last column, never dropped.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use rusqlite::Connection;
use tokio::sync::mpsc;
use tthc_core::envelope::{Answer, Envelope};
use tthc_core::stats::{date_label, local_datetime, local_day};
use tthc_core::survey::parse_body;

use super::{one_error, AppState};
use crate::store::read::export;
use crate::store::{open_reader, Table};

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for a slow client before the reader waits too.
const CHUNKS_QUEUED: usize = 4;

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

pub(super) fn row(out: &mut String, fields: &[&str]) {
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
        "raw",
    ];
    row(&mut out, &header);
    out
}

/// Appends one stored response. Dossier ratings keep their receive day only.
fn csv_row(out: &mut String, table: Table, id: &str, received_at: i64, body: &str) {
    let received = match table {
        Table::Responses => local_datetime(received_at),
        Table::DossierRatings => date_label(local_day(received_at)),
    };
    let Ok(env) = parse_body(body.as_bytes()) else {
        let mut fields = [""; 13];
        (fields[0], fields[1], fields[12]) = (id, &received, body);
        row(out, &fields);
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
            &received,
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
            "",
        ],
    );
}

/// The response body: chunks from the reader thread; an error ends the connection without the
/// final chunk, so a client never takes a cut-off export for a complete one.
struct Chunks(mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|c| c.map(Frame::data)))
    }
}

/// Reads every row into chunks; stops when the client has gone.
fn produce(conn: &Connection, table: Table, survey: Option<&str>, tx: &mpsc::Sender<Result<Bytes, std::io::Error>>) {
    let mut out = csv_start(table);
    let mut open = true;
    let read = export(conn, table, survey, |id, at, body| {
        csv_row(&mut out, table, id, at, body);
        if out.len() >= CHUNK {
            open = tx.blocking_send(Ok(Bytes::from(std::mem::take(&mut out)))).is_ok();
        }
        open
    });
    let last = match read {
        Ok(()) => Ok(Bytes::from(out)),
        Err(e) => {
            eprintln!("export: {e}");
            Err(std::io::Error::other(e.to_string()))
        }
    };
    if open {
        let _ = tx.blocking_send(last);
    }
}

/// The 401 or 403 answer, unless the request carries one of the export tokens.
pub(super) fn refused(s: &AppState, headers: &HeaderMap) -> Option<Response> {
    let token =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let Some(token) = token else {
        let mut res =
            one_error(StatusCode::UNAUTHORIZED, "authorization", "Cần mã truy cập.", "A bearer token is required.");
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return Some(res);
    };
    if !s.config.export_tokens.iter().any(|t| same(t.as_bytes(), token.trim().as_bytes())) {
        return Some(one_error(
            StatusCode::FORBIDDEN,
            "authorization",
            "Mã truy cập không đúng.",
            "The token is not accepted.",
        ));
    }
    None
}

pub async fn export_csv(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(res) = refused(&s, &headers) {
        return res;
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
    let Ok(Ok(conn)) = tokio::task::spawn_blocking(move || open_reader(&db)).await else {
        return one_error(StatusCode::SERVICE_UNAVAILABLE, "", "Không xuất được dữ liệu.", "The export failed.");
    };
    let (tx, rx) = mpsc::channel(CHUNKS_QUEUED);
    tokio::task::spawn_blocking(move || produce(&conn, table, survey.as_deref(), &tx));
    let name = format!("attachment; filename=\"{}.csv\"", table.name());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::new(Chunks(rx)),
    )
        .into_response()
}
