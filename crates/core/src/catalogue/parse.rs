//! Tolerant parsing: a file is read item by item so that one bad procedure does not hide the others.

use super::problems::Problems;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses `text` as a JSON object no larger than `max_bytes`, reporting size and syntax problems.
pub fn object(p: &mut Problems, text: &str, max_bytes: usize) -> Option<serde_json::Map<String, Value>> {
    if text.len() > max_bytes {
        p.add("", "", format!("file is {} bytes; the limit is {max_bytes}", text.len()));
        return None;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Some(m),
        Ok(_) => {
            p.add("", "", "top level is not a JSON object");
            None
        }
        Err(e) => {
            p.add("", "", format!("not valid JSON: {e}"));
            None
        }
    }
}

/// A whole file as one typed value, after the size, syntax and schema-tag checks.
pub fn whole<T: DeserializeOwned>(p: &mut Problems, text: &str, max_bytes: usize, schema_tag: &str) -> Option<T> {
    let obj = object(p, text, max_bytes)?;
    schema(p, &obj, schema_tag);
    match serde_json::from_value(Value::Object(obj)) {
        Ok(x) => Some(x),
        Err(e) => {
            p.add("", &field_of(&e.to_string()), e.to_string());
            None
        }
    }
}

/// Checks the `schema` tag of a file.
pub fn schema(p: &mut Problems, obj: &serde_json::Map<String, Value>, expected: &str) {
    match obj.get("schema").and_then(Value::as_str) {
        Some(s) if s == expected => {}
        Some(s) => p.add("", "schema", format!("is {s:?}; this version reads {expected:?}")),
        None => p.add("", "schema", format!("is missing; expected {expected:?}")),
    }
}

/// A required string field at the top of a file.
pub fn string(p: &mut Problems, obj: &serde_json::Map<String, Value>, key: &str) -> String {
    match obj.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            p.add("", key, "is not a string");
            String::new()
        }
        None => {
            p.add("", key, "is missing");
            String::new()
        }
    }
}

/// The label an item is reported under: its `key` field when that is a string, else `#index`.
fn label(v: &Value, key: &str, i: usize) -> String {
    match v.get(key).and_then(Value::as_str) {
        Some(s) if !s.is_empty() => s.chars().take(40).collect(),
        _ => format!("#{}", i + 1),
    }
}

/// Deserializes each element of the array `key` separately; returns the good ones with their labels.
pub fn items<T: DeserializeOwned>(
    p: &mut Problems,
    obj: &mut serde_json::Map<String, Value>,
    key: &str,
    id_key: &str,
) -> Vec<(String, T)> {
    let arr = match obj.remove(key) {
        Some(Value::Array(a)) => a,
        Some(_) => {
            p.add("", key, "is not an array");
            return Vec::new();
        }
        None => {
            p.add("", key, "is missing");
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(arr.len());
    for (i, v) in arr.iter().enumerate() {
        let item = label(v, id_key, i);
        // From a borrow: the item stays whole for the error message, without a copy.
        match T::deserialize(v) {
            Ok(t) => out.push((item, t)),
            Err(e) => {
                let msg = e.to_string();
                let field = Some(field_of(&msg)).filter(|f| !f.is_empty()).or_else(|| field_with_value(v, &msg));
                p.add(&item, &field.unwrap_or_default(), msg)
            }
        }
    }
    out
}

/// For errors that quote a value but not its field ("unknown variant `muc_5`"), the top-level field
/// of the item holding that value (or an array holding it).
fn field_with_value(item: &Value, msg: &str) -> Option<String> {
    let quoted = msg.split('`').nth(1)?;
    let holds = |v: &Value| match v {
        Value::String(s) => s == quoted,
        Value::Array(a) => a.iter().any(|x| x.as_str() == Some(quoted)),
        _ => false,
    };
    item.as_object()?.iter().find(|(_, v)| holds(v)).map(|(k, _)| k.clone())
}

/// Pulls the field name out of serde's message ("missing field `name`", "unknown field `x`").
fn field_of(msg: &str) -> String {
    let mut parts = msg.split('`');
    match (parts.next(), parts.next()) {
        (Some(pre), Some(name)) if pre.contains("field") => name.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_name_their_field() {
        let mut p = Problems::new("f.json");
        let mut obj =
            object(&mut p, r#"{"items":[{"code":"1.000001","level":"muc_5"},{"code":"1.000002"}]}"#, 1000).unwrap();
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Item {
            code: String,
            level: crate::levels::Level,
        }
        let got: Vec<(String, Item)> = items(&mut p, &mut obj, "items", "code");
        assert!(got.is_empty());
        assert_eq!(p.list[0].item, "1.000001");
        assert_eq!(p.list[0].field, "level");
        assert!(p.list[0].message.contains("muc_5"));
        assert_eq!((p.list[1].item.as_str(), p.list[1].field.as_str()), ("1.000002", "level"));
    }
}
