//! What the collector keeps of an answer, and when a body it receives again is a retry of an
//! answer it keeps (the idempotency rule behind 200 / 409 on a repeated id).
//!
//! Nothing is kept that could bring back what masking removed: no hash of the body as sent
//! (a masked phone number would fall to brute force against it), only the stored form itself.
//! A retry is recognised by comparing stored forms, so it still gets 200 after the masking
//! rules, the validation rules or the configuration changed between the two attempts.

use serde_json::{Map, Value};

use crate::envelope::{is_uuid_v4, Envelope};
use crate::mask::mask_free_text;

/// The stored form of a valid answer: free text masked, and the device clock dropped (it is
/// information only, and together with the receive time it would let rows kept apart, such as
/// dossier ratings and SIPAS answers, be matched up again).
pub fn stored_form(mut env: Envelope) -> Envelope {
    env.comment = env.comment.map(|c| mask_free_text(&c));
    env.client_time = None;
    env
}

/// Whether the request body `incoming` carries the same answer as the stored body `stored`.
/// Both are reduced to their stored form as JSON values, so key order, whitespace, `null`
/// fields, blank comments and the device clock do not matter, and comments compare masked with
/// today's rules on both sides.
pub fn is_retry(stored: &str, incoming: &[u8]) -> bool {
    match (normal(stored.as_bytes()), normal(incoming)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The `id` of a body that may not be valid any more (or not yet): a UUID v4 or nothing.
pub fn body_id(bytes: &[u8]) -> Option<String> {
    let Value::Object(obj) = serde_json::from_slice(bytes).ok()? else { return None };
    obj.get("id").and_then(Value::as_str).filter(|id| is_uuid_v4(id)).map(str::to_owned)
}

fn normal(bytes: &[u8]) -> Option<Map<String, Value>> {
    let Value::Object(mut obj) = serde_json::from_slice(bytes).ok()? else { return None };
    obj.retain(|k, v| !v.is_null() && k != "client_time");
    match obj.remove("comment") {
        Some(Value::String(c)) if c.trim().is_empty() => {}
        Some(Value::String(c)) => {
            obj.insert("comment".to_owned(), Value::String(mask_free_text(&c)));
        }
        Some(other) => {
            obj.insert("comment".to_owned(), other);
        }
        None => {}
    }
    Some(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::parse_body;

    const BODY: &str = r#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","survey":"helpful@2025","province":"ha-noi","answers":{"huu_ich":5},"comment":"gọi 0912 345 678","lang":"vi","widget":"0.1.0","client_time":"2026-03-14T09:05:00+07:00"}"#;

    fn stored() -> String {
        String::from_utf8(stored_form(parse_body(BODY.as_bytes()).unwrap()).to_body()).unwrap()
    }

    #[test]
    fn the_stored_form_has_no_number_and_no_device_clock() {
        let s = stored();
        assert!(s.contains("[số đã ẩn]") && !s.contains("0912") && !s.contains("client_time"), "{s}");
    }

    #[test]
    fn retries_match_whatever_the_layout_and_conflicts_do_not() {
        let s = stored();
        assert!(is_retry(&s, BODY.as_bytes()));
        assert!(is_retry(&s, s.as_bytes()));
        let v: Value = serde_json::from_str(BODY).unwrap();
        assert!(is_retry(&s, serde_json::to_string_pretty(&v).unwrap().as_bytes()));
        assert!(is_retry(&s, BODY.replace(r#","client_time":"2026-03-14T09:05:00+07:00""#, "").as_bytes()));
        assert!(!is_retry(&s, BODY.replace(r#""huu_ich":5"#, r#""huu_ich":1"#).as_bytes()));
        assert!(!is_retry(&s, BODY.replace("gọi", "nhắn").as_bytes()));
        assert!(!is_retry(&s, b"{not json"));
    }

    #[test]
    fn a_comment_stored_under_older_masking_rules_still_matches() {
        // Stored before the mask knew double spaces: the number stayed in the stored body.
        let old =
            BODY.replace("0912 345 678", "0912  345 678").replace(r#","client_time":"2026-03-14T09:05:00+07:00""#, "");
        assert!(is_retry(&old, BODY.replace("0912 345 678", "0912  345 678").as_bytes()));
    }

    #[test]
    fn ids_of_bodies_today_s_rules_refuse() {
        assert_eq!(
            body_id(br#"{"id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","x":1}"#).as_deref(),
            Some("3f2504e0-4f89-41d3-9a0c-0305e82c3301")
        );
        assert_eq!(body_id(br#"{"id":"nope"}"#), None);
        assert_eq!(body_id(b"[]"), None);
    }
}
