//! Reach counters: what the widget counts about its own use, without tracking anyone.
//!
//! A page keeps one [`Tally`] (plain counts, nothing that links two counts to one person) and
//! sends it once when it is hidden or left; the collector checks it with [`parse_batch`] and adds
//! it to daily counters per province. Counted, nothing else:
//!
//! - `searches`: searches made (one per query the citizen stopped typing, not per keystroke);
//! - `no_result`: searches that found nothing, by [`query_key`] (folded, numbers and e-mail
//!   addresses masked, at most [`MAX_QUERY_CHARS`] characters);
//! - `opened`: procedure details opened, by code;
//! - `filing`: clicks on the online filing action, by `code:level` (the level shown, see
//!   [`filing_key`]);
//! - `events`: life-event checklists looked through to the end, by event id;
//! - `started` / `finished`: survey and rating submissions, by kind (`sipas`, `dossier`,
//!   `helpful`), to see drop-off.
//!
//! Every keyed counter is a [`Capped`] map: at most [`MAX_KEYS`] distinct keys per batch, the
//! rest counted under [`OTHER`].

mod capped;
pub mod popularity;
pub mod reach;

pub use capped::{Capped, OTHER};

use crate::catalogue::online::Shown;
use crate::catalogue::rules::{is_code, is_slug};
use crate::fold::fold;
use crate::mask::{mask_free_text, EMAIL_MASK, NUMBER_MASK};
use crate::survey::FieldError;
use serde::{Deserialize, Serialize};

/// Longest no-result query kept, in characters (after folding and masking).
pub const MAX_QUERY_CHARS: usize = 60;
/// Distinct keys per counter in one batch (one page visit); the rest go to [`OTHER`].
pub const MAX_KEYS: usize = 50;
/// Largest count of one key in one batch, and largest `searches`.
pub const MAX_COUNT: u32 = 500;
/// Largest batch body accepted, in bytes.
pub const MAX_BATCH_BYTES: usize = 16 * 1024;
/// What a masked number and a masked e-mail address become in a query key.
pub const NUMBER_MARK: &str = "#";
pub const EMAIL_MARK: &str = "@";
/// The submission kinds counted as started / finished.
pub const SUBMISSION_KINDS: [&str; 3] = ["sipas", "dossier", "helpful"];
/// The level part of a filing key when the level varies by place.
pub const VARIES: &str = "varies";

/// One page's counts (the wire form of `POST /api/v1/usage`, with the province).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub searches: u32,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub no_result: Capped,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub opened: Capped,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub filing: Capped,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub events: Capped,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub started: Capped,
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub finished: Capped,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Tally {
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// Adds `other` (associative and commutative; caps hold, see [`Capped::merge`]).
    pub fn merge(&mut self, other: &Tally) {
        self.searches = self.searches.saturating_add(other.searches);
        for (mine, theirs) in self.maps_mut().into_iter().zip(other.maps()) {
            mine.1.merge(theirs.1);
        }
    }

    /// A search the citizen stopped typing; `found` says whether it had results.
    pub fn search(&mut self, query: &str, found: bool) {
        let Some(key) = query_key(query) else { return };
        self.searches = self.searches.saturating_add(1);
        if !found {
            self.no_result.add(&key, 1);
        }
    }

    /// The counters by wire name (`searches` apart).
    pub fn maps(&self) -> [(&'static str, &Capped); 6] {
        [
            ("no_result", &self.no_result),
            ("opened", &self.opened),
            ("filing", &self.filing),
            ("events", &self.events),
            ("started", &self.started),
            ("finished", &self.finished),
        ]
    }

    fn maps_mut(&mut self) -> [(&'static str, &mut Capped); 6] {
        [
            ("no_result", &mut self.no_result),
            ("opened", &mut self.opened),
            ("filing", &mut self.filing),
            ("events", &mut self.events),
            ("started", &mut self.started),
            ("finished", &mut self.finished),
        ]
    }

    /// The page's batch body: `{"province": …, <counters>}`.
    pub fn to_body(&self, province: &str) -> String {
        // Typed, not through `serde_json::Value`: the widget then carries no float formatting.
        #[derive(Serialize)]
        struct Body<'a> {
            province: &'a str,
            #[serde(flatten)]
            tally: &'a Tally,
        }
        serde_json::to_string(&Body { province, tally: self }).expect("a tally serializes")
    }
}

/// The key a submission of this kind is counted under (one of [`SUBMISSION_KINDS`]).
pub fn submission_kind(kind: crate::survey::Kind) -> &'static str {
    match kind {
        crate::survey::Kind::Sipas => SUBMISSION_KINDS[0],
        crate::survey::Kind::Dossier => SUBMISSION_KINDS[1],
        crate::survey::Kind::Helpful => SUBMISSION_KINDS[2],
    }
}

/// The key a filing click is counted under: `code:level`, the level as shown to the citizen
/// (`varies` for a range); `None` when no level is shown (the action is not offered then).
pub fn filing_key(code: &str, shown: Shown) -> Option<String> {
    let level = match shown {
        Shown::Level(l, _) => l.id(),
        Shown::Varies(..) => VARIES,
        Shown::NotInRegistry | Shown::Unknown => return None,
    };
    Some(format!("{code}:{level}"))
}

/// The no-result form of a query: e-mail addresses and long numbers masked (core `mask`), then
/// folded (no diacritics, lower case), every remaining digit run masked too, and cut to
/// [`MAX_QUERY_CHARS`]. `None` for a query with nothing left. Idempotent.
pub fn query_key(q: &str) -> Option<String> {
    let masked = mask_free_text(q);
    let mut out: Vec<String> = Vec::new();
    let mut rest = masked.as_str();
    while !rest.is_empty() {
        let next = [NUMBER_MASK, EMAIL_MASK, NUMBER_MARK, EMAIL_MARK]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min_by_key(|(i, m)| (*i, std::cmp::Reverse(m.len())));
        let (text, mark, after) = match next {
            Some((i, m)) => {
                let mark = if m == EMAIL_MASK || m == EMAIL_MARK { EMAIL_MARK } else { NUMBER_MARK };
                (&rest[..i], Some(mark), &rest[i + m.len()..])
            }
            None => (rest, None, ""),
        };
        for w in fold(text).split(' ').filter(|w| !w.is_empty()) {
            // Digits inside a word mask the whole run: "so12a" → "so # a".
            let mut word = String::new();
            let mut in_digits = false;
            for c in w.chars() {
                if c.is_ascii_digit() {
                    if !in_digits {
                        if !word.is_empty() {
                            out.push(std::mem::take(&mut word));
                        }
                        out.push(NUMBER_MARK.into());
                    }
                    in_digits = true;
                } else {
                    in_digits = false;
                    word.push(c);
                }
            }
            if !word.is_empty() {
                out.push(word);
            }
        }
        out.extend(mark.map(str::to_owned));
        rest = after;
    }
    // Neighbouring marks of one kind are one mark: "# #" says no more than "#".
    out.dedup_by(|a, b| a == b && (a == NUMBER_MARK || a == EMAIL_MARK));
    let mut key = out.join(" ");
    if key.len() > MAX_QUERY_CHARS {
        key.truncate(MAX_QUERY_CHARS);
        key.truncate(key.trim_end().len());
    }
    (!key.is_empty() && key.bytes().any(|b| b.is_ascii_alphabetic())).then_some(key)
}

/// A checked batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub province: String,
    pub tally: Tally,
}

fn problem(field: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> FieldError {
    FieldError::new(field, vi, en)
}

/// Is `key` a valid key of counter `name`?
fn valid_key(name: &str, key: &str) -> bool {
    if key == OTHER {
        return true;
    }
    match name {
        "no_result" => query_key(key).as_deref() == Some(key),
        "opened" => is_code(key),
        "filing" => key.split_once(':').is_some_and(|(code, level)| {
            is_code(code) && (level == VARIES || crate::levels::Level::from_id(level).is_some())
        }),
        "events" => is_slug(key),
        _ => SUBMISSION_KINDS.contains(&key),
    }
}

/// Parses and checks a batch body: every problem, with its field, in Vietnamese and English.
pub fn parse_batch(bytes: &[u8]) -> Result<Batch, Vec<FieldError>> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| vec![problem("body", format!("JSON không hợp lệ: {e}"), format!("Invalid JSON: {e}"))])?;
    let serde_json::Value::Object(mut obj) = value else {
        return Err(vec![problem("body", "Nội dung phải là một đối tượng JSON.", "The body must be a JSON object.")]);
    };
    let mut errs = Vec::new();
    let province = match obj.remove("province") {
        Some(serde_json::Value::String(p)) if is_slug(&p) => p,
        _ => {
            errs.push(problem("province", "Thiếu mã tỉnh hợp lệ.", "A valid province code is required."));
            String::new()
        }
    };
    let tally: Tally = match serde_json::from_value(serde_json::Value::Object(obj)) {
        Ok(t) => t,
        Err(e) => {
            errs.push(problem("body", format!("Sai cấu trúc: {e}"), format!("Wrong shape: {e}")));
            return Err(errs);
        }
    };
    if tally.searches > MAX_COUNT {
        errs.push(problem("searches", format!("Tối đa {MAX_COUNT}."), format!("At most {MAX_COUNT}.")));
    }
    for (name, map) in tally.maps() {
        if map.distinct() > MAX_KEYS {
            errs.push(problem(
                name,
                format!("Tối đa {MAX_KEYS} mục khác nhau."),
                format!("At most {MAX_KEYS} distinct keys."),
            ));
        }
        for (key, &n) in map.iter() {
            let field = format!("{name}.{key}");
            if !valid_key(name, key) {
                errs.push(problem(&field, "Khoá không hợp lệ cho bộ đếm này.", "Not a valid key for this counter."));
            }
            if n == 0 || n > MAX_COUNT {
                errs.push(problem(
                    &field,
                    format!("Số đếm phải từ 1 đến {MAX_COUNT}."),
                    format!("A count is between 1 and {MAX_COUNT}."),
                ));
            }
        }
    }
    if u64::from(tally.no_result.total()) > u64::from(tally.searches) {
        errs.push(problem(
            "no_result",
            "Số tìm kiếm không có kết quả vượt quá số tìm kiếm.",
            "More searches without results than searches.",
        ));
    }
    if tally.is_empty() {
        errs.push(problem("body", "Không có gì để đếm.", "Nothing to count."));
    }
    if errs.is_empty() {
        Ok(Batch { province, tally })
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_keys_are_folded_masked_and_short() {
        assert_eq!(query_key("Giấy phép  XÂY DỰNG").as_deref(), Some("giay phep xay dung"));
        assert_eq!(query_key("gọi 0912 345 678 giúp").as_deref(), Some("goi # giup"));
        assert_eq!(query_key("hộ chiếu an@buudien.vn").as_deref(), Some("ho chieu @"));
        assert_eq!(query_key("số nhà 12a đường 3/2").as_deref(), Some("so nha # a duong #"));
        assert_eq!(query_key("   "), None);
        assert_eq!(query_key("1.001193"), None, "a bare number says nothing a province can act on");
        let long = query_key(&"thủ tục ".repeat(20)).unwrap();
        assert!(long.len() <= MAX_QUERY_CHARS && !long.ends_with(' '), "{long:?}");
        for q in ["goi # giup", "ho chieu @", "so nha # a duong #", long.as_str()] {
            assert_eq!(query_key(q).as_deref(), Some(q), "idempotent");
        }
    }

    #[test]
    fn batches_are_checked_with_reasons() {
        let mut t = Tally::default();
        t.search("giấy phép karaoke", false);
        t.opened.add("1.001193", 2);
        t.filing.add("1.001193:toan_trinh", 1);
        t.started.add("sipas", 1);
        let body = t.to_body("quang-tri");
        let b = parse_batch(body.as_bytes()).unwrap();
        assert_eq!((b.province.as_str(), &b.tally), ("quang-tri", &t));

        let bad = r#"{"province":"Q T","searches":1,"no_result":{"Giấy":1,"a":2},"opened":{"x":1},"filing":{"1.001193:mức 4":1},"started":{"sipas":0}}"#;
        let fields: Vec<String> = parse_batch(bad.as_bytes()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["province", "no_result.Giấy", "opened.x", "filing.1.001193:mức 4", "started.sipas", "no_result"]
        );
        assert_eq!(parse_batch(br#"{"province":"hue","ip":"1.2.3.4"}"#).unwrap_err()[0].field, "body");
        assert_eq!(parse_batch(br#"{"province":"hue"}"#).unwrap_err()[0].field, "body");
        assert_eq!(parse_batch(b"[]").unwrap_err()[0].field, "body");
    }

    #[test]
    fn filing_keys_name_the_level_shown() {
        use crate::levels::{Level, Provenance};
        assert_eq!(
            filing_key("1.001193", Shown::Level(Level::ToanTrinh, Provenance::Registry)).as_deref(),
            Some("1.001193:toan_trinh")
        );
        assert_eq!(
            filing_key("1.001193", Shown::Varies(Level::ToanTrinh, Level::MotPhan)).as_deref(),
            Some("1.001193:varies")
        );
        assert_eq!(filing_key("1.001193", Shown::Unknown), None);
    }
}
