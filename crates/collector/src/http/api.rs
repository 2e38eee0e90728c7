//! POST /api/v1/responses.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use tokio::sync::oneshot;
use tthc_core::envelope::{receipt_code, Envelope};
use tthc_core::stored::{body_id, is_retry};
use tthc_core::survey::{find, parse_body, validate, Definition, FieldError, Kind};

use super::{errors, one_error, AppState};
use crate::net::log_ip;
use crate::store::writer::Job;
use crate::store::{find_stored, open_reader, NewResponse, Stored, Table};

/// Largest accepted body.
pub const MAX_BODY: usize = 64 * 1024;

fn too_large() -> Response {
    one_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body",
        "Nội dung quá lớn (tối đa 64 KB).",
        "The body is too large (64 KB at most).",
    )
}

/// A JSON body computed for the caller (summary, reach): never cached by the browser as fresh.
pub(super) fn json(body: Bytes) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// A computed JSON answer (summary, reach): from the cache while no answer was committed since and
/// it is fresh, else built off the async threads and cached. `build` gives the body, or the answer
/// to give instead (a refusal, `unavailable`).
pub(super) async fn cached_json<F>(s: &Arc<AppState>, key: String, build: F) -> Response
where
    F: FnOnce(&AppState) -> Result<Bytes, Box<Response>> + Send + 'static,
{
    let commits = s.health.commits();
    if let Some(body) = s.summaries.get(&key, commits, std::time::Instant::now()) {
        return json(body);
    }
    let state = s.clone();
    match tokio::task::spawn_blocking(move || build(&state)).await {
        Ok(Ok(body)) => {
            s.summaries.put(key, body.clone(), commits, std::time::Instant::now());
            json(body)
        }
        Ok(Err(answer)) => *answer,
        Err(_) => unavailable(),
    }
}

pub(super) fn unavailable() -> Response {
    let mut res = one_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "",
        "Hệ thống đang bận, phiếu sẽ được gửi lại sau.",
        "The service is busy; the answer will be sent again later.",
    );
    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    res
}

/// Longest a client may take to send a body (64 KB over a poor 2G link takes about 15 s).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

pub(super) enum ReadError {
    TooLarge,
    Broken,
    Slow,
}

/// Reads the body, stopping as soon as it passes `limit` bytes or takes longer than
/// [`BODY_TIMEOUT`].
pub(super) async fn read_limited(body: Body, limit: usize) -> Result<Vec<u8>, ReadError> {
    tokio::time::timeout(BODY_TIMEOUT, read_body(body, limit)).await.unwrap_or(Err(ReadError::Slow))
}

async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame.map_err(|_| ReadError::Broken)?.into_data() else { continue };
        if buf.len() + data.len() > limit {
            return Err(ReadError::TooLarge);
        }
        buf.extend_from_slice(&data);
    }
    Ok(buf)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

pub(super) fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub async fn post_response(
    State(s): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let res = store_response(&s, &headers, body).await;
    if res.status().is_client_error() || res.status().is_server_error() {
        s.log.log(|| format!("{} POST /api/v1/responses {}", res.status().as_u16(), log_ip(s.client(peer, &headers))));
    }
    res
}

async fn store_response(s: &AppState, headers: &HeaderMap, body: Body) -> Response {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY) {
        return too_large();
    }
    let bytes = match read_limited(body, MAX_BODY).await {
        Ok(b) => b,
        Err(ReadError::TooLarge) => return too_large(),
        Err(ReadError::Broken) => {
            return one_error(
                StatusCode::BAD_REQUEST,
                "body",
                "Không đọc được nội dung.",
                "The body could not be read.",
            )
        }
        // Transient for the outbox: the answer is sent again.
        Err(ReadError::Slow) => {
            return one_error(
                StatusCode::REQUEST_TIMEOUT,
                "body",
                "Gửi nội dung quá chậm, phiếu sẽ được gửi lại.",
                "The body arrived too slowly; the answer will be sent again.",
            )
        }
    };
    if !is_json(headers) {
        return one_error(
            StatusCode::BAD_REQUEST,
            "content-type",
            "Nội dung phải có Content-Type: application/json.",
            "The body must be sent with Content-Type: application/json.",
        );
    }
    let (env, def) = match checked(s, &bytes) {
        Ok(v) => v,
        // A body today's rules refuse may be the retry of an answer stored before an upgrade
        // (or a configuration change): that is still a success for the outbox.
        Err(problems) => match stored_retry(s, &bytes).await {
            Some(id) => return receipt(StatusCode::OK, id),
            None => return errors(StatusCode::BAD_REQUEST, problems),
        },
    };
    let table = if def.kind == Kind::Dossier { Table::DossierRatings } else { Table::Responses };
    let id = env.id.clone();
    let (ack, done) = oneshot::channel();
    if s.writer.send(Job::Store(Box::new(NewResponse::new(env, table, now())), ack)).await.is_err() {
        return unavailable();
    }
    let status = match done.await {
        Ok(Some(Stored::Created)) => StatusCode::CREATED,
        Ok(Some(Stored::Duplicate)) => StatusCode::OK,
        Ok(Some(Stored::Conflict)) => {
            return one_error(
                StatusCode::CONFLICT,
                "id",
                "Mã phản hồi này đã được dùng cho một phiếu khác.",
                "This id was already used for a different answer.",
            )
        }
        // The batch failed (logged by the writer) or the writer stopped before this job.
        Ok(None) | Err(_) => return unavailable(),
    };
    receipt(status, id)
}

fn receipt(status: StatusCode, id: String) -> Response {
    let receipt = receipt_code(&id);
    (status, Json(serde_json::json!({ "id": id, "receipt": receipt }))).into_response()
}

/// The envelope and its definition, or every problem today's rules find.
fn checked<'a>(s: &'a AppState, bytes: &[u8]) -> Result<(Envelope, &'a Definition), Vec<FieldError>> {
    let env = parse_body(bytes)?;
    let def = find(&s.surveys, &env.survey).map_err(|e| vec![e])?;
    let mut problems = validate(&env, def).err().unwrap_or_default();
    if s.config.province.as_deref().is_some_and(|p| p != env.province) {
        problems.push(FieldError::new(
            "province",
            "Phiếu này thuộc tỉnh khác với nơi nhận.",
            "This collector does not receive answers for that province.",
        ));
    }
    if problems.is_empty() {
        Ok((env, def))
    } else {
        Err(problems)
    }
}

/// The id of `bytes` when an answer with that id is stored and `bytes` is a retry of it.
async fn stored_retry(s: &AppState, bytes: &[u8]) -> Option<String> {
    let id = body_id(bytes)?;
    let (db, bytes) = (s.db.clone(), bytes.to_vec());
    tokio::task::spawn_blocking(move || {
        let stored = find_stored(&open_reader(&db).ok()?, &id).ok()??;
        is_retry(&stored, &bytes).then_some(id)
    })
    .await
    .ok()?
}
