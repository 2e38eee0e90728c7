//! The only place that talks HTTP. Paths are relative to the widget page, so the widget reads data
//! only from its own origin.

use gloo_net::http::Request;
use tthc_core::delivery::{parse_http_date, parse_retry_after, Attempt};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all (offline, DNS, connection reset).
    Network(String),
    /// The server answered with this status.
    Status(u16),
    /// Larger than the caller allows; refused before parsing.
    TooLarge(usize),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Network(e) => f.write_str(e),
            FetchError::Status(s) => write!(f, "HTTP {s}"),
            FetchError::TooLarge(n) => write!(f, "{n} bytes, over the limit"),
        }
    }
}

/// GET a text resource no larger than `max_bytes`.
pub async fn get_text(path: &str, max_bytes: usize) -> Result<String, FetchError> {
    let resp = Request::get(path).send().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    let declared = resp.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
    if let Some(n) = declared.filter(|n| *n > max_bytes) {
        return Err(FetchError::TooLarge(n));
    }
    let text = resp.text().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if text.len() > max_bytes {
        return Err(FetchError::TooLarge(text.len()));
    }
    Ok(text)
}

const POST_TIMEOUT_MS: u32 = 30_000;

#[derive(serde::Deserialize)]
struct Receipt {
    id: String,
}

#[derive(serde::Deserialize)]
struct Refusal {
    errors: Vec<tthc_core::survey::FieldError>,
}

/// The collector's reasons, one line per field, when the body is its own refusal.
fn refusal(text: &str) -> Option<String> {
    let r = tthc_core::json::from_str::<Refusal>(text).ok().filter(|r| !r.errors.is_empty())?;
    Some(r.errors.iter().map(|e| format!("{} / {}", e.message_vi, e.message_en)).collect::<Vec<_>>().join("; "))
}

/// POSTs a JSON body unchanged; the attempt number travels in a header, never in the body.
/// A 200/201 counts only when it is the collector's receipt for this very id: a proxy's or a
/// firewall's 200 page (or a redirect to a login page) must not delete the answer. Likewise only
/// the collector's JSON refusal is marked as one (`tthc_core::delivery` decides what follows).
pub async fn post_json(path: &str, body: &str, id: &str, attempt: u32) -> Attempt {
    // A stalled mobile connection must not hold the outbox (and its lock) for minutes: give up after
    // POST_TIMEOUT and let the backoff retry. The body is unchanged, so a late commit is deduplicated.
    let abort = web_sys::AbortController::new().ok();
    let timer = abort.as_ref().map(|a| {
        let a = a.clone();
        gloo_timers::callback::Timeout::new(POST_TIMEOUT_MS, move || a.abort())
    });
    let req = Request::post(path)
        .header("Content-Type", "application/json")
        .header("X-Attempt", &attempt.to_string())
        .abort_signal(abort.as_ref().map(|a| a.signal()).as_ref())
        .body(body.to_owned());
    let resp = match req {
        Ok(r) => r.send().await,
        Err(e) => return Attempt { reason: e.to_string(), ..Attempt::default() },
    };
    let r = match resp {
        Ok(r) => r,
        Err(e) => return Attempt { reason: e.to_string(), ..Attempt::default() },
    };
    let status = r.status();
    let server_ms = r.headers().get("date").and_then(|v| parse_http_date(&v));
    let retry_after_secs = r.headers().get("retry-after").and_then(|v| parse_retry_after(&v, server_ms));
    // The timer runs until the body is read too: a body that stalls is aborted like a silent server.
    let text = r.text().await;
    drop(timer);
    let Ok(text) = text else { return Attempt { reason: format!("HTTP {status}: the body did not arrive"), ..Attempt::default() } };
    if r.ok() {
        let ours = !r.redirected() && tthc_core::json::from_str::<Receipt>(&text).is_ok_and(|x| x.id == id);
        let reason = if ours { String::new() } else { format!("HTTP {status} without a receipt") };
        return Attempt { status: ours.then_some(status), retry_after_secs, server_ms, reason, ..Attempt::default() };
    }
    let refused = refusal(&text);
    let reason = refused.clone().unwrap_or_else(|| format!("HTTP {status}"));
    Attempt { status: Some(status), refusal: refused.is_some(), retry_after_secs, server_ms, reason }
}

/// Hands a page's reach counts to the browser to send, even as the page goes away; the answer
/// is never read (a lost batch is a lost count, see `usage.rs`).
pub fn send_usage(body: &str) {
    let _ = web_sys::window().map(|w| w.navigator().send_beacon_with_opt_str("/api/v1/usage", Some(body)));
}

/// The reach figures per `period` (`month`, `quarter`, `year`, `all`), checked by core's types.
pub async fn reach(period: &str) -> Result<tthc_core::usage::reach::Reach, String> {
    let text = get_text(&format!("/api/v1/reach?period={period}"), 4 * 1024 * 1024).await.map_err(|e| e.to_string())?;
    tthc_core::json::from_str(&text).map_err(|e| format!("reach: {e}"))
}
