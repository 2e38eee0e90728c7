//! The only place that talks HTTP. Paths are relative to the widget page, so the widget reads data
//! only from its own origin.

use gloo_net::http::Request;

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all (offline, DNS, connection reset).
    Network(String),
    /// The server answered with this status.
    Status(u16),
    /// Larger than the caller allows; refused before parsing.
    TooLarge(usize),
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

/// What the collector said to one POST.
pub struct Reply {
    /// `None`: no HTTP answer (offline, reset, CORS failure).
    pub status: Option<u16>,
    pub retry_after: Option<f64>,
    /// The server's per-field reasons (or status text), for answers it refused.
    pub reason: String,
}

/// POSTs a JSON body unchanged; the attempt number travels in a header, never in the body.
pub async fn post_json(path: &str, body: &str, attempt: u32) -> Reply {
    let req = Request::post(path)
        .header("Content-Type", "application/json")
        .header("X-Attempt", &attempt.to_string())
        .body(body.to_owned());
    let resp = match req {
        Ok(r) => r.send().await,
        Err(e) => return Reply { status: None, retry_after: None, reason: e.to_string() },
    };
    match resp {
        Ok(r) => {
            let status = r.status();
            let retry_after = r.headers().get("retry-after").and_then(|v| tthc_core::delivery::parse_retry_after(&v));
            let reason = if r.ok() { String::new() } else { r.text().await.unwrap_or_else(|_| r.status_text()) };
            Reply { status: Some(status), retry_after, reason }
        }
        Err(e) => Reply { status: None, retry_after: None, reason: e.to_string() },
    }
}
