//! Delivery rules for the widget's outbox (docs/design.md §4), kept pure so they are tested natively.
//!
//! | reply                                        | action                                       |
//! |----------------------------------------------|----------------------------------------------|
//! | 200, 201 with the collector's receipt        | delivered: remove                            |
//! | the collector's JSON refusal (400, 409, 413, 422 …) | permanent: keep as failed, show the reason |
//! | anything else: no reply, 408, 425, 429, 5xx, a CDN's / firewall's / proxy's 401, 403, 404 page | transient: retry with backoff, honour Retry-After |
//!
//! Time: the device clock may be wrong or change. Waits are kept on the page's monotonic clock,
//! and a stored wait longer than the outbox ever schedules means the clock went back (due now).
//! Retention runs on the server's clock, read from replies' `Date` headers, never the device's.

mod httpdate;
#[cfg(test)]
mod tests;

pub use httpdate::parse_http_date;
use serde::{Deserialize, Serialize};

/// First retry delay, and the cap (5 minutes).
pub const BASE_DELAY_MS: f64 = 2_000.0;
pub const MAX_DELAY_MS: f64 = 300_000.0;
/// The longest wait the outbox ever schedules: a server's Retry-After is honoured up to an hour.
pub const MAX_WAIT_MS: f64 = MAX_DELAY_MS * 12.0;
/// Answers wait this long for delivery before the outbox gives up on them (8 weeks).
pub const RETENTION_MS: f64 = 56.0 * 24.0 * 3600.0 * 1000.0;
/// The reason kept with an answer that retention gave up on.
pub const EXPIRED: &str = "Quá 8 tuần chưa gửi được / Not delivered within 8 weeks";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    Transient,
    Permanent,
}

/// `status` is `None` when no usable HTTP answer arrived. `refusal`: the body is the collector's
/// own JSON refusal (its `errors` list). Only that is final: a CDN's, firewall's or proxy's
/// 401/403/404 page says nothing about the answer, and sending the same bytes later may succeed.
pub fn classify(status: Option<u16>, refusal: bool) -> Delivery {
    match status {
        Some(200) | Some(201) => Delivery::Delivered,
        Some(408) | Some(425) | Some(429) => Delivery::Transient,
        Some(s) if (400..500).contains(&s) && refusal => Delivery::Permanent,
        _ => Delivery::Transient,
    }
}

/// Delay before attempt `attempt + 1` (attempt counts from 1 after the first failure):
/// exponential from 2 s, capped at 5 min, "full jitter" between half and all of it
/// (`jitter` in 0..1 from the caller's random source). A server's Retry-After wins when longer.
pub fn backoff_ms(attempt: u32, jitter: f64, retry_after_secs: Option<f64>) -> f64 {
    let exp = BASE_DELAY_MS * 2f64.powi(attempt.saturating_sub(1).min(20) as i32);
    let capped = exp.min(MAX_DELAY_MS);
    let jittered = capped * (0.5 + 0.5 * jitter.clamp(0.0, 1.0));
    match retry_after_secs {
        Some(s) if s.is_finite() && s > 0.0 => jittered.max((s * 1000.0).min(MAX_WAIT_MS)),
        _ => jittered,
    }
}

/// Parses a Retry-After header: seconds, or an HTTP-date read against the same reply's `Date`
/// (`server_ms`), so that the device clock plays no part.
pub fn parse_retry_after(v: &str, server_ms: Option<f64>) -> Option<f64> {
    if let Ok(s) = v.trim().parse::<u32>() {
        return Some(f64::from(s));
    }
    let at = parse_http_date(v)?;
    server_ms.map(|now| ((at - now) / 1000.0).max(0.0))
}

/// One attempt's result, as the widget's HTTP glue reports it.
#[derive(Debug, Clone, Default)]
pub struct Attempt {
    /// `None`: no usable HTTP answer (offline, reset, a timeout, a 200 that is not the receipt).
    pub status: Option<u16>,
    /// The body is the collector's own JSON refusal.
    pub refusal: bool,
    pub retry_after_secs: Option<f64>,
    /// The reply's `Date` header (ms since the epoch): the server's clock.
    pub server_ms: Option<f64>,
    /// What to show if the answer is refused for good.
    pub reason: String,
}

/// One queued answer, as persisted by the widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    /// The exact request body, sent unchanged on every attempt.
    pub body: String,
    /// Short code shown to the citizen.
    pub receipt: String,
    /// Device time when queued: orders the queue, nothing else.
    pub created_ms: f64,
    pub attempts: u32,
    pub next_ms: f64,
    /// The server's clock at the first reply to this answer: where its retention starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply_ms: Option<f64>,
    /// Set when delivery failed permanently: the server's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

impl Item {
    pub fn new(id: String, body: String, receipt: String, now_ms: f64) -> Item {
        Item { id, body, receipt, created_ms: now_ms, attempts: 0, next_ms: now_ms, first_reply_ms: None, failed: None }
    }

    /// Due from `next_ms` on. A wait longer than any the outbox schedules was measured on a clock
    /// that has since gone back (a corrected device clock): due now rather than frozen.
    pub fn due(&self, now_ms: f64) -> bool {
        self.failed.is_none() && (self.next_ms <= now_ms || self.next_ms - now_ms > MAX_WAIT_MS)
    }

    /// Expired: more than 8 weeks between the first reply and `server_now_ms`, both on the
    /// server's clock. Unknown server time (no reply yet): never, so a wrong device clock cannot
    /// expire an unsent answer.
    pub fn expired(&self, server_now_ms: Option<f64>) -> bool {
        matches!((self.first_reply_ms, server_now_ms), (Some(first), Some(now)) if now - first > RETENTION_MS)
    }

    /// Applies attempt number `attempt`'s result at `now_ms` (the caller's monotonic clock).
    /// `Delivered`: the answer must be removed.
    pub fn record(&mut self, attempt: u32, a: &Attempt, now_ms: f64, jitter: f64) -> Delivery {
        self.attempts = attempt;
        if self.first_reply_ms.is_none() {
            self.first_reply_ms = a.server_ms;
        }
        let outcome = classify(a.status, a.refusal);
        match outcome {
            Delivery::Delivered => {}
            Delivery::Permanent => self.failed = Some(a.reason.clone()),
            Delivery::Transient if self.expired(a.server_ms) => self.failed = Some(EXPIRED.into()),
            Delivery::Transient => self.next_ms = now_ms + backoff_ms(attempt, jitter, a.retry_after_secs),
        }
        outcome
    }
}

/// One stored answer. Unreadable storage is reported, never silently dropped.
pub fn read_item(text: &str) -> Result<Item, String> {
    crate::json::from_str(text).map_err(|e| format!("outbox entry unreadable: {e}"))
}

pub fn write_item(item: &Item) -> String {
    serde_json::to_string(item).expect("outbox items serialize")
}
