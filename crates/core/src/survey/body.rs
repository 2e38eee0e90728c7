//! Parses a request body into an [`Envelope`], reporting every malformed field. Never panics:
//! the nesting depth is checked before parsing, and every value is type-checked by hand so a
//! wrong type in one field still lets the others be reported.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::answers::FieldError;
use crate::envelope::{Answer, Envelope};
use crate::lang::Lang;

/// Deepest nesting of arrays and objects a body may have (the envelope needs 2).
const MAX_DEPTH: usize = 4;
/// Errors reported for one body at most: the rest are summarised in one line.
const MAX_ERRORS: usize = 30;

/// Depth of `[`/`{` nesting outside strings.
fn depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, vi: &str, en: &str) {
        self.0.push(FieldError::new(field, vi, en));
    }

    fn wrong_type(&mut self, field: &str, vi: &str, en: &str) {
        self.0.push(FieldError::new(field, format!("Phải là {vi}."), format!("Must be {en}.")));
    }

    fn string(&mut self, field: &str, v: Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(field, "một chuỗi ký tự", "a string");
                None
            }
        }
    }

    fn object(&mut self, field: &str, v: Value) -> Option<Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            _ => {
                self.wrong_type(field, "một đối tượng JSON", "a JSON object");
                None
            }
        }
    }

    /// A scale value: an integer 0..=255 (the range is checked against the definition later).
    fn score(&mut self, field: &str, v: &Value) -> Option<u8> {
        match v.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.wrong_type(field, "một số nguyên từ 1 đến 5", "an integer from 1 to 5");
                None
            }
        }
    }
}

fn body_error(vi: impl Into<String>, en: impl Into<String>) -> Vec<FieldError> {
    vec![FieldError::new("body", vi, en)]
}

/// Parses a request body. Errors name the field (`id`, `answers.tc3`, …) or `body` for
/// problems with the document as a whole.
pub fn parse_body(bytes: &[u8]) -> Result<Envelope, Vec<FieldError>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(body_error("Nội dung trống.", "The body is empty."));
    }
    if depth(bytes) > MAX_DEPTH {
        return Err(body_error("JSON lồng nhau quá sâu.", "The JSON is nested too deeply."));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        body_error(
            format!("JSON không hợp lệ (dòng {}, cột {}).", e.line(), e.column()),
            format!("Invalid JSON (line {}, column {}): {e}", e.line(), e.column()),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err(body_error("Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."));
    };
    let mut e = Errors(Vec::new());
    let (mut id, mut survey, mut province, mut answers, mut lang, mut widget) = (None, None, None, None, None, None);
    let mut env = Envelope {
        id: String::new(),
        survey: String::new(),
        province: String::new(),
        procedure: None,
        tier: None,
        channel: None,
        dossier: None,
        answers: BTreeMap::new(),
        overall: None,
        comment: None,
        profile: None,
        lang: Lang::Vi,
        widget: String::new(),
        client_time: None,
    };
    for (key, v) in obj {
        let k = key.as_str();
        let optional = matches!(v, Value::Null);
        match k {
            "id" => id = e.string(k, v),
            "survey" => survey = e.string(k, v),
            "province" => province = e.string(k, v),
            "widget" => widget = e.string(k, v),
            "procedure" | "tier" | "channel" | "dossier" | "client_time" | "comment" if optional => {}
            "procedure" => env.procedure = e.string(k, v),
            "tier" => env.tier = e.string(k, v),
            "channel" => env.channel = e.string(k, v),
            "dossier" => env.dossier = e.string(k, v),
            "client_time" => env.client_time = e.string(k, v),
            "comment" => env.comment = e.string(k, v).filter(|c| !c.trim().is_empty()),
            "overall" if optional => {}
            "overall" => env.overall = e.score(k, &v),
            "lang" => match v.as_str().and_then(Lang::from_code) {
                Some(l) => lang = Some(l),
                None => e.add(k, "Ngôn ngữ phải là \"vi\" hoặc \"en\".", "The language must be \"vi\" or \"en\"."),
            },
            "answers" => {
                let mut map = BTreeMap::new();
                for (cid, a) in e.object(k, v).unwrap_or_default() {
                    let field = format!("answers.{cid}");
                    let answer = match &a {
                        Value::String(s) if s == "na" => Some(Answer::NotApplicable),
                        _ => e.score(&field, &a).map(Answer::Score),
                    };
                    if let Some(answer) = answer {
                        map.insert(cid, answer);
                    }
                }
                answers = Some(map);
            }
            "profile" if optional => {}
            "profile" => {
                let mut map = BTreeMap::new();
                for (q, o) in e.object(k, v).unwrap_or_default() {
                    if let Some(o) = e.string(&format!("profile.{q}"), o) {
                        map.insert(q, o);
                    }
                }
                env.profile = Some(map);
            }
            _ => e.add(k, "Trường không được hỗ trợ.", "Unknown field."),
        }
    }
    let missing = |e: &mut Errors, field: &str| e.add(field, "Thiếu trường bắt buộc.", "This field is missing.");
    match (id, survey, province, answers, lang, widget) {
        (Some(id), Some(survey), Some(province), Some(answers), Some(lang), Some(widget)) if e.0.is_empty() => {
            Ok(Envelope { id, survey, province, answers, lang, widget, ..env })
        }
        (id, survey, province, answers, lang, widget) => {
            let present = [
                id.is_some(),
                survey.is_some(),
                province.is_some(),
                answers.is_some(),
                lang.is_some(),
                widget.is_some(),
            ];
            for (name, here) in ["id", "survey", "province", "answers", "lang", "widget"].into_iter().zip(present) {
                if !here && !e.0.iter().any(|x| x.field == name) {
                    missing(&mut e, name);
                }
            }
            let mut errs = e.0;
            if errs.len() > MAX_ERRORS {
                let more = errs.len() - MAX_ERRORS;
                errs.truncate(MAX_ERRORS);
                errs.push(FieldError::new("body", format!("Còn {more} lỗi khác."), format!("{more} more errors.")));
            }
            Err(errs)
        }
    }
}
