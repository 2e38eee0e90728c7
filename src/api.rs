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
