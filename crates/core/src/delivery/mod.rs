//! Delivery rules for the widget's outbox (DESIGN §4), kept pure so they are tested natively.
//!
//! | status                               | action                                       |
//! |--------------------------------------|----------------------------------------------|
//! | 200, 201                             | delivered: remove                            |
//! | network failure, 408, 425, 429, 5xx  | transient: retry with backoff, honour Retry-After |
//! | 400, 409, 413, 422 (and other 4xx)   | permanent: keep as failed, show the reason   |

use serde::{Deserialize, Serialize};

/// First retry delay, and the cap (5 minutes).
pub const BASE_DELAY_MS: f64 = 2_000.0;
pub const MAX_DELAY_MS: f64 = 300_000.0;
/// Answers wait this long for delivery before the outbox gives up on them (8 weeks).
pub const RETENTION_MS: f64 = 56.0 * 24.0 * 3600.0 * 1000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    Transient,
    Permanent,
}

/// `status` is `None` when no HTTP answer arrived at all.
pub fn classify(status: Option<u16>) -> Outcome {
    match status {
        Some(200) | Some(201) => Outcome::Delivered,
        None | Some(408) | Some(425) | Some(429) => Outcome::Transient,
        Some(s) if s >= 500 => Outcome::Transient,
        // Other 4xx and unexpected 1xx/3xx: sending the same bytes again cannot succeed.
        Some(_) => Outcome::Permanent,
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
        Some(s) if s.is_finite() && s > 0.0 => jittered.max((s * 1000.0).min(MAX_DELAY_MS * 12.0)),
        _ => jittered,
    }
}

/// Parses a Retry-After header given in seconds (the HTTP-date form is treated as absent).
pub fn parse_retry_after(v: &str) -> Option<f64> {
    v.trim().parse::<u32>().ok().map(f64::from)
}

/// One queued answer, as persisted by the widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    /// The exact request body, sent unchanged on every attempt.
    pub body: String,
    /// Short code shown to the citizen.
    pub receipt: String,
    pub created_ms: f64,
    pub attempts: u32,
    pub next_ms: f64,
    /// Set when delivery failed permanently: the server's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

impl Item {
    pub fn new(id: String, body: String, receipt: String, now_ms: f64) -> Item {
        Item { id, body, receipt, created_ms: now_ms, attempts: 0, next_ms: now_ms, failed: None }
    }

    pub fn due(&self, now_ms: f64) -> bool {
        self.failed.is_none() && self.next_ms <= now_ms
    }

    pub fn expired(&self, now_ms: f64) -> bool {
        now_ms - self.created_ms > RETENTION_MS
    }
}

/// One stored answer. Unreadable storage is reported, never silently dropped.
pub fn read_item(text: &str) -> Result<Item, String> {
    crate::json::from_str(text).map_err(|e| format!("outbox entry unreadable: {e}"))
}

pub fn write_item(item: &Item) -> String {
    serde_json::to_string(item).expect("outbox items serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_table() {
        for s in [200, 201] {
            assert_eq!(classify(Some(s)), Outcome::Delivered);
        }
        for s in [None, Some(408), Some(425), Some(429), Some(500), Some(502), Some(503)] {
            assert_eq!(classify(s), Outcome::Transient, "{s:?}");
        }
        for s in [400, 409, 413, 422, 404] {
            assert_eq!(classify(Some(s)), Outcome::Permanent, "{s}");
        }
    }

    #[test]
    fn backoff_grows_caps_and_jitters() {
        assert_eq!(backoff_ms(1, 1.0, None), 2_000.0);
        assert_eq!(backoff_ms(1, 0.0, None), 1_000.0);
        assert_eq!(backoff_ms(3, 1.0, None), 8_000.0);
        assert_eq!(backoff_ms(30, 1.0, None), MAX_DELAY_MS);
        assert!(backoff_ms(30, 0.0, None) >= MAX_DELAY_MS / 2.0);
        // Retry-After wins when longer, not when shorter.
        assert_eq!(backoff_ms(1, 1.0, Some(120.0)), 120_000.0);
        assert_eq!(backoff_ms(5, 1.0, Some(1.0)), 32_000.0);
    }

    #[test]
    fn item_round_trip_and_bad_storage() {
        let item = Item::new("a".into(), "{}".into(), "R".into(), 5.0);
        assert_eq!(read_item(&write_item(&item)).unwrap(), item);
        assert!(read_item("").is_err());
        assert!(read_item("{").is_err());
        // Due from its next_ms on, not a moment before; a failed item is never due again.
        assert!(item.due(5.0) && item.due(6.0));
        assert!(!item.due(4.999));
        let waiting = Item { next_ms: 1_000.0, attempts: 1, ..item.clone() };
        assert!(!waiting.due(999.0) && waiting.due(1_000.0));
        let failed = Item { failed: Some("422".into()), ..item.clone() };
        assert!(!failed.due(5.0) && !failed.due(f64::MAX));
        assert!(!item.expired(5.0 + RETENTION_MS - 1.0));
        assert!(item.expired(5.0 + RETENTION_MS + 1.0));
    }

    #[test]
    fn retry_after_header() {
        assert_eq!(parse_retry_after(" 30 "), Some(30.0));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
