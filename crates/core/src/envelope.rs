//! The response envelope (docs/design.md §3): what the widget sends and the collector stores.
//!
//! The body is canonical JSON ([`Envelope::to_body`]): fields in a fixed order, map keys sorted,
//! absent values omitted, no whitespace. The widget stores these exact bytes in its outbox and
//! sends them unchanged on every retry; attempt counts and send times travel in headers.

use std::collections::BTreeMap;

use crate::lang::Lang;
use serde::ser::{Serialize, Serializer};

/// One answer to a criterion: a score on the definition's scale, or "not applicable".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A scale value (1..=5; each definition lists the values it allows).
    Score(u8),
    /// "Không áp dụng" / "Not applicable", sent as `"na"`.
    NotApplicable,
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Score(v) => s.serialize_u8(*v),
            Answer::NotApplicable => s.serialize_str("na"),
        }
    }
}

/// One citizen's answers. Build it in the widget, send [`Envelope::to_body`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Envelope {
    /// Client-generated UUID v4 (lower-case, hyphenated): the idempotency key.
    pub id: String,
    /// Survey definition key, `id@version`.
    pub survey: String,
    /// Province code (lower-case slug).
    pub province: String,
    /// National procedure code `N.NNNNNN`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    /// `tinh` | `xa` | `trung_uong` | `huyen` (legacy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Channel the citizen used: `truc_tiep` | `mot_phan` | `toan_trinh`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Dossier code (dossier-rating scheme only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossier: Option<String>,
    /// Criterion id → answer.
    pub answers: BTreeMap<String, Answer>,
    /// Overall satisfaction on the definition's scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<u8>,
    /// Free-text comment (never empty: an empty comment is `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Anonymous profile: question id → option id (SIPAS scheme only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<BTreeMap<String, String>>,
    pub lang: Lang,
    /// Widget version that produced the body.
    pub widget: String,
    /// The device's clock when the citizen pressed send (information only, never trusted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_time: Option<String>,
}

impl Envelope {
    /// Canonical JSON bytes: equal envelopes always give byte-identical bodies.
    pub fn to_body(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an envelope always serializes")
    }
}

/// Formats 16 random bytes as a UUID v4 (sets the version and variant bits).
/// The caller supplies the randomness (`crypto.getRandomValues` in the browser).
pub fn uuid_v4_from_bytes(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(HEX[(byte >> 4) as usize] as char);
        s.push(HEX[(byte & 0x0f) as usize] as char);
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A fresh answer id from the browser's random bytes, or `None` when there are none to trust: the
/// random source failed, or left the buffer all zero. Such ids would all be equal, so the collector
/// would store one answer for all of them; the widget refuses to queue the answer instead.
pub fn fresh_id(random: Option<[u8; 16]>) -> Option<String> {
    random.filter(|b| b.iter().any(|&x| x != 0)).map(uuid_v4_from_bytes)
}

/// True for a lower-case hyphenated UUID version 4 with the RFC 4122 variant.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// Crockford base32 alphabet (no I, L, O, U: nothing to misread on a phone call).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The short code shown to the citizen as a receipt: the first 40 bits of the id (fully random
/// in a UUID v4) as 8 Crockford base32 characters, grouped `XXXX-XXXX`.
/// Non-hex characters in `id` are skipped; a short id is padded with zeros.
pub fn receipt_code(id: &str) -> String {
    let bits = id
        .chars()
        .filter_map(|c| c.to_digit(16))
        .chain(std::iter::repeat(0))
        .take(10)
        .fold(0u64, |acc, d| (acc << 4) | u64::from(d));
    let mut out = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            out.push('-');
        }
        let shift = 35 - 5 * i;
        out.push(CROCKFORD[((bits >> shift) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;

    fn sample() -> Envelope {
        let mut answers = BTreeMap::new();
        answers.insert("tc2".to_owned(), Answer::NotApplicable);
        answers.insert("tc1".to_owned(), Answer::Score(4));
        Envelope {
            id: uuid_v4_from_bytes([7; 16]),
            survey: "helpful@2025".into(),
            province: "ha-noi".into(),
            procedure: Some("1.001193".into()),
            tier: None,
            channel: None,
            dossier: None,
            answers,
            overall: Some(5),
            comment: Some("Cảm ơn \"cán bộ\"".into()),
            profile: None,
            lang: Lang::Vi,
            widget: "0.1.0".into(),
            client_time: None,
        }
    }

    #[test]
    fn canonical_body_is_stable_and_ordered() {
        let body = String::from_utf8(sample().to_body()).unwrap();
        assert_eq!(
            body,
            r#"{"id":"07070707-0707-4707-8707-070707070707","survey":"helpful@2025","province":"ha-noi","procedure":"1.001193","answers":{"tc1":4,"tc2":"na"},"overall":5,"comment":"Cảm ơn \"cán bộ\"","lang":"vi","widget":"0.1.0"}"#
        );
        let mut reordered = sample();
        reordered.answers = BTreeMap::new();
        reordered.answers.insert("tc1".to_owned(), Answer::Score(4));
        reordered.answers.insert("tc2".to_owned(), Answer::NotApplicable);
        assert_eq!(reordered.to_body(), sample().to_body());
    }

    #[test]
    fn uuid_bits_and_validator() {
        let id = uuid_v4_from_bytes([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid_v4(&id));
        assert!(is_uuid_v4(&uuid_v4_from_bytes([0; 16])));
        // No randomness, or a buffer the random source never filled: no id at all.
        assert_eq!(fresh_id(None), None);
        assert_eq!(fresh_id(Some([0; 16])), None);
        assert_eq!(fresh_id(Some([0xff; 16])), Some(id.clone()));
        assert!(!is_uuid_v4("FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF"));
        assert!(!is_uuid_v4("ffffffff-ffff-1fff-bfff-ffffffffffff"));
        assert!(!is_uuid_v4("ffffffff-ffff-4fff-cfff-ffffffffffff"));
        assert!(!is_uuid_v4("ffffffffffff4fffbfffffffffffffff"));
    }

    #[test]
    fn receipt_is_eight_crockford_chars() {
        assert_eq!(receipt_code("00000000-0000-4000-8000-000000000000"), "0000-0000");
        assert_eq!(receipt_code("ffffffff-ff00-4000-8000-000000000000"), "ZZZZ-ZZZZ");
        let r = receipt_code("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        assert_eq!(r.len(), 9);
        assert!(r.chars().all(|c| c == '-' || CROCKFORD.contains(&(c as u8))));
        assert_eq!(r, "7WJG-9R2F");
    }
}
