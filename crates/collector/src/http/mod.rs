//! The HTTP surface: routes, shared state and the cross-cutting headers (CSP, CORS, rate limit).

mod api;
mod cache;
mod export;
mod statics;
mod summary;
mod usage;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::sync::mpsc;
use tthc_core::survey::{Definition, FieldError};

use crate::config::Config;
use crate::logs::LogLimiter;
use crate::net::{bucket_key, client_ip, log_ip, Cidr};
use crate::ratelimit::Limiter;
use crate::store::writer::{Health, Job};
pub use cache::SummaryCache;

/// The widget's version: static files are served under `/w/<VERSION>/`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub struct AppState {
    pub config: Config,
    pub csp: HeaderValue,
    pub trusted: Vec<Cidr>,
    pub limiter: Option<Limiter>,
    pub writer: mpsc::Sender<Job>,
    pub health: Arc<Health>,
    pub summaries: SummaryCache,
    /// Rate limit of the per-request log lines.
    pub log: LogLimiter,
    pub db: PathBuf,
    /// The static root, canonicalized once at start-up.
    pub static_dir: PathBuf,
    pub surveys: Vec<Definition>,
}

impl AppState {
    /// Every `X-Forwarded-For` line counts, in order (a proxy may add its own line rather than
    /// extend the client's); a line that is not text makes the whole header unusable.
    fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> std::net::IpAddr {
        let lines: Option<Vec<&str>> = headers.get_all("x-forwarded-for").iter().map(|v| v.to_str().ok()).collect();
        let xff = lines.filter(|l| !l.is_empty()).map(|l| l.join(","));
        client_ip(peer.ip(), xff.as_deref(), &self.trusted)
    }
}

pub fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/api/v1/responses", post(api::post_response))
        .route("/api/v1/summary", get(summary::summary))
        .route("/api/v1/export.csv", get(export::export_csv))
        .route("/api/v1/usage", post(usage::post_usage))
        .route("/api/v1/reach", get(usage::reach))
        .route("/api/v1/usage.csv", get(usage::usage_csv))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(middleware::from_fn_with_state(state.clone(), cors));
    Router::new()
        .merge(api)
        .route("/healthz", get(healthz))
        .route("/", get(|uri: Uri| async move { Redirect::to(&with_query("/v1/", &uri)) }))
        .route("/v1", get(|uri: Uri| async move { Redirect::permanent(&with_query("/v1/", &uri)) }))
        .route("/v1/", get(statics::alias_root))
        .route("/v1/{*path}", get(statics::alias))
        .route("/w/{version}/", get(statics::versioned_root))
        .route("/w/{version}/{*path}", get(statics::versioned))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .with_state(state)
}

/// Readiness: 200 when answers can be stored now, 503 with the reason when not (the writer
/// has stopped or crashed, or its last batch failed and none has committed since).
async fn healthz(State(s): State<Arc<AppState>>) -> Response {
    let ready =
        s.health.ready().and_then(|()| if s.writer.is_closed() { Err("shutting down".to_owned()) } else { Ok(()) });
    let mut res = match ready {
        Ok(()) => Json(serde_json::json!({"status": "ok", "version": VERSION})).into_response(),
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "failing", "version": VERSION, "reason": reason})),
        )
            .into_response(),
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `path` with the query string of `uri`, if any: a redirect keeps `?province=…&lang=…`.
pub fn with_query(path: &str, uri: &Uri) -> String {
    match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    }
}

#[derive(serde::Serialize)]
struct ErrorBody {
    errors: Vec<FieldError>,
}

/// Most problems listed in one answer; the rest are counted in a last entry.
pub const MAX_ERRORS: usize = 20;

/// The `province` parameter of a public read (summary, reach): a collector configured for one
/// province answers only for it; an open one takes any slug, or none for all.
pub(super) fn province_param(s: &AppState, given: Option<&str>) -> Result<Option<String>, FieldError> {
    match (&s.config.province, given) {
        (Some(own), Some(p)) if own != p => Err(FieldError::new(
            "province",
            "Nơi nhận này chỉ có số liệu của tỉnh mình.",
            "This collector only holds its own province.",
        )),
        (Some(own), _) => Ok(Some(own.clone())),
        (None, Some(p)) if !tthc_core::catalogue::rules::is_slug(p) => {
            Err(FieldError::new("province", "Mã tỉnh không hợp lệ.", "Invalid province code."))
        }
        (None, p) => Ok(p.map(str::to_owned)),
    }
}

/// `{"errors": [{field, message_vi, message_en}, ...]}` with the given status, at most
/// [`MAX_ERRORS`] problems and a last `body` entry saying how many more there were.
pub fn errors(status: StatusCode, mut errors: Vec<FieldError>) -> Response {
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        errors.push(FieldError::new("body", format!("Còn {more} lỗi khác."), format!("{more} more problems.")));
    }
    (status, Json(ErrorBody { errors })).into_response()
}

fn one_error(status: StatusCode, field: &str, vi: &str, en: &str) -> Response {
    errors(status, vec![FieldError::new(field, vi, en)])
}

/// nosniff and no referrer everywhere; the CSP on every HTML page.
async fn security_headers(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if is_html {
        h.insert(header::CONTENT_SECURITY_POLICY, s.csp.clone());
    }
    res
}

/// CORS for the configured portal origins only (the widget normally posts same-origin).
/// Every API response varies by `Origin`, with or without CORS headers, so a shared cache
/// never hands one origin's answer to another.
async fn cors(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let allowed =
        origin.as_ref().and_then(|o| o.to_str().ok()).is_some_and(|o| s.config.allowed_origins.iter().any(|a| a == o));
    let mut res = if req.method() == Method::OPTIONS {
        if allowed {
            let mut res = StatusCode::NO_CONTENT.into_response();
            let h = res.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
            res
        } else {
            one_error(StatusCode::FORBIDDEN, "origin", "Nguồn gọi không được phép.", "Origin not allowed.")
        }
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    if let (true, Some(o)) = (allowed, origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
    }
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    res
}

async fn rate_limit(
    State(s): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    if let Some(limiter) = &s.limiter {
        let ip = s.client(peer, req.headers());
        if let Err(wait) = limiter.take(bucket_key(ip), Instant::now()) {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            s.log.log(|| format!("429 {} {} {}", req.method(), req.uri().path(), log_ip(ip)));
            let mut res = one_error(
                StatusCode::TOO_MANY_REQUESTS,
                "",
                "Quá nhiều yêu cầu, xin thử lại sau ít phút.",
                "Too many requests; please try again shortly.",
            );
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
            return res;
        }
    }
    next.run(req).await
}
