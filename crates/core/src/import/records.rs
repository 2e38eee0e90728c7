//! Reading national-format records (the national database's JSON, as an array or one object a
//! line) with size limits, so hostile input gives a reason instead of a crash or an exhausted
//! memory. Only the fields the catalogue uses are read; other fields are ignored.

use serde_json::{Map, Value};

/// Largest records file read (the whole national database of ~2,600 records is about 21 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Largest single record (one JSON line or one array element); the largest real one is ~90 KB.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
/// Largest single field of a record; the largest real one is ~70 KB.
pub const MAX_FIELD_BYTES: usize = 256 * 1024;

/// One record's raw cells, by their national field names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Raw {
    /// Where the record was: "line 12" or "item 12".
    pub place: String,
    pub code: String,
    pub name: String,
    pub field: String,
    pub tiers: String,
    pub decision: String,
    pub agency: String,
    pub ways: String,
    pub documents: String,
    pub legal_basis: String,
    pub result: String,
    pub url: String,
    /// The ministry folder of the crawl (`bo`), when the export has one.
    pub folder: String,
}

/// A record that could not be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unusable {
    pub place: String,
    /// The record's code when it has a readable one.
    pub code: String,
    pub reason: String,
}

/// The national field each `Raw` cell comes from; the first four are required.
const FIELDS: [&str; 12] = [
    "ma_thu_tuc",
    "ten_thu_tuc",
    "linh_vuc",
    "cap_thuc_hien",
    "so_quyet_dinh",
    "co_quan_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "ket_qua_xu_ly",
    "detail_url",
    "bo",
];
const REQUIRED: usize = 4;

/// Reads every record of `text`: a JSON array of objects, JSON lines (one object a line; blank
/// lines ignored), or objects spread over several lines (pretty-printed; told apart by a first
/// line that is not a whole object). `Err` only when the file as a whole is unusable (too large, or neither form).
pub fn read(text: &str) -> Result<Vec<Result<Raw, Unusable>>, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!("the file is {} bytes; the limit is {MAX_FILE_BYTES}", text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        let items: Vec<Value> = match serde_json::from_str(text) {
            Ok(Value::Array(items)) => items,
            Ok(_) => return Err("the file starts with '[' but is not a JSON array".into()),
            Err(e) => return Err(format!("the file starts with '[' but is not valid JSON: {e}")),
        };
        return Ok(items.into_iter().enumerate().map(|(i, v)| record(format!("item {}", i + 1), v, None)).collect());
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first.starts_with('{') && serde_json::from_str::<Value>(first).is_err() {
        // A first object over several lines; when it is broken, a lone "{" still says the file is
        // pretty-printed (else it is JSON lines whose first line is broken).
        match spread_objects(text) {
            Ok(records) => return Ok(records),
            Err(e) if first == "{" => return Err(e),
            Err(_) => {}
        }
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let place = format!("line {}", i + 1);
        if line.len() > MAX_RECORD_BYTES {
            out.push(Err(Unusable {
                place,
                code: String::new(),
                reason: format!("the record is {} bytes; the limit is {MAX_RECORD_BYTES}", line.len()),
            }));
            continue;
        }
        out.push(match serde_json::from_str::<Value>(line) {
            Ok(v) => record(place, v, Some(line.len())),
            Err(e) => Err(Unusable { place, code: String::new(), reason: format!("not valid JSON: {e}") }),
        });
    }
    if out.is_empty() {
        return Err("the file holds no records (expected a JSON array or one JSON object a line)".into());
    }
    Ok(out)
}

/// Objects spread over several lines (a pretty-printed record, or several one after another): each
/// is a record, named by the line it starts on. Broken JSON stops the reading, with its line;
/// `Err` when the first object is broken.
fn spread_objects(text: &str) -> Result<Vec<Result<Raw, Unusable>>, String> {
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let (mut line, mut counted) = (1, 0);
    loop {
        // The line the next value starts on: skip white space from where the last one ended.
        let rest = &text[stream.byte_offset()..];
        let start = stream.byte_offset() + (rest.len() - rest.trim_start().len());
        line += text.as_bytes()[counted..start].iter().filter(|&&b| b == b'\n').count();
        counted = start;
        match stream.next() {
            None => break,
            Some(Ok(v)) => out.push(record(format!("line {line}"), v, None)),
            Some(Err(e)) => {
                let why = format!(
                    "the file holds JSON objects spread over several lines, and at line {} it is not valid JSON: {e}",
                    e.line()
                );
                if out.is_empty() {
                    return Err(why);
                }
                out.push(Err(Unusable {
                    place: format!("line {line}"),
                    code: String::new(),
                    reason: format!("{why}; the rest of the file is not read"),
                }));
                break;
            }
        }
    }
    Ok(out)
}

/// The cells of one parsed record; `size` is its JSON size when known.
fn record(place: String, v: Value, size: Option<usize>) -> Result<Raw, Unusable> {
    let Value::Object(obj) = v else {
        return Err(Unusable { place, code: String::new(), reason: "is not a JSON object".into() });
    };
    let code = match obj.get(FIELDS[0]) {
        Some(Value::String(s)) => crate::import::text::shorten(s.trim(), 40),
        _ => String::new(),
    };
    let fail = |reason: String| Unusable { place: place.clone(), code: code.clone(), reason };
    if size.is_none() {
        let total: usize = obj.values().map(value_size).sum();
        if total > MAX_RECORD_BYTES {
            return Err(fail(format!("the record is over {MAX_RECORD_BYTES} bytes")));
        }
    }
    let mut cells: Vec<String> = Vec::with_capacity(FIELDS.len());
    for (i, key) in FIELDS.iter().enumerate() {
        cells.push(cell(&obj, key, i < REQUIRED).map_err(|r| fail(format!("{key} {r}")))?);
    }
    let mut it = cells.into_iter();
    let mut next = || it.next().unwrap_or_default();
    Ok(Raw {
        place: place.clone(),
        code: next(),
        name: next(),
        field: next(),
        tiers: next(),
        decision: next(),
        agency: next(),
        ways: next(),
        documents: next(),
        legal_basis: next(),
        result: next(),
        url: next(),
        folder: next(),
    })
}

/// One string cell: missing optional cells and `null` are empty.
fn cell(obj: &Map<String, Value>, key: &str, required: bool) -> Result<String, String> {
    match obj.get(key) {
        Some(Value::String(s)) if s.len() > MAX_FIELD_BYTES => {
            Err(format!("is {} bytes; the limit is {MAX_FIELD_BYTES}", s.len()))
        }
        Some(Value::String(s)) if required && s.trim().is_empty() => Err("is empty".into()),
        Some(Value::String(s)) => Ok(s.clone()),
        None | Some(Value::Null) if required => Err("is missing".into()),
        None | Some(Value::Null) => Ok(String::new()),
        Some(other) => Err(format!("is {}, not a string", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Approximate JSON size of a value, for array elements (whose text size is not at hand).
fn value_size(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len() + 2,
        Value::Array(a) => a.iter().map(value_size).sum::<usize>() + 2,
        Value::Object(o) => o.iter().map(|(k, v)| k.len() + 3 + value_size(v)).sum::<usize>() + 2,
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        r#"{"ma_thu_tuc":"1.000001","ten_thu_tuc":"Cấp A","linh_vuc":"Hộ tịch","cap_thuc_hien":"Cấp xã","khac":1}"#;

    #[test]
    fn lines_and_arrays_read_alike() {
        let lines = read(&format!("{GOOD}\n\n{GOOD}\r\n")).unwrap();
        let array = read(&format!("\u{feff}[{GOOD},{GOOD}]")).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(array.len(), 2);
        let a = lines[0].as_ref().unwrap();
        assert_eq!((a.code.as_str(), a.name.as_str(), a.place.as_str()), ("1.000001", "Cấp A", "line 1"));
        assert_eq!(array[1].as_ref().unwrap().place, "item 2");
    }

    #[test]
    fn bad_records_give_reasons() {
        let text = [
            GOOD,
            r#"{"ma_thu_tuc":"1.000002","ten_thu_tuc":"x""#,
            r#"{"ma_thu_tuc":"1.000003","ten_thu_tuc":5,"linh_vuc":"a","cap_thuc_hien":"Cấp xã"}"#,
            r#"{"ma_thu_tuc":"1.000004","linh_vuc":"a","cap_thuc_hien":"Cấp xã"}"#,
            "[1,2]",
            r#""chuỗi""#,
        ]
        .join("\n");
        let got = read(&text).unwrap();
        assert!(got[0].is_ok());
        let reasons: Vec<String> = got[1..].iter().map(|r| r.clone().unwrap_err().reason).collect();
        assert!(reasons[0].starts_with("not valid JSON"), "{reasons:?}");
        assert_eq!(reasons[1], "ten_thu_tuc is a number, not a string");
        assert_eq!(reasons[2], "ten_thu_tuc is missing");
        assert_eq!(reasons[3], "is not a JSON object");
        assert_eq!(got[2].clone().unwrap_err().code, "1.000003");
    }

    #[test]
    fn oversize_is_refused_not_truncated() {
        let huge = "x".repeat(MAX_FIELD_BYTES + 1);
        let text = format!(
            r#"{{"ma_thu_tuc":"1.000001","ten_thu_tuc":"a","linh_vuc":"b","cap_thuc_hien":"Cấp xã","thanh_phan_ho_so":"{huge}"}}"#
        );
        let got = read(&text).unwrap();
        assert!(got[0].clone().unwrap_err().reason.starts_with("thanh_phan_ho_so is 262145 bytes"));
        let line = format!(r#"{{"a":"{}"}}"#, "y".repeat(MAX_RECORD_BYTES));
        assert!(read(&line).unwrap()[0].clone().unwrap_err().reason.contains("the limit is"));
    }

    #[test]
    fn pretty_printed_objects_are_records_not_lines() {
        let one = r#"{
  "ma_thu_tuc": "1.000001",
  "ten_thu_tuc": "Cấp A",
  "linh_vuc": "Hộ tịch",
  "cap_thuc_hien": "Cấp xã"
}"#;
        let got = read(&format!("\n{one}\n")).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap().place, "line 2");
        let two = read(&format!("{one}\n{}\n", one.replace("1.000001", "1.000002"))).unwrap();
        assert_eq!(two.iter().map(|r| r.as_ref().unwrap().place.as_str()).collect::<Vec<_>>(), ["line 1", "line 7"]);
        let broken = read(&one.replace("\"Cấp A\",", "\"Cấp A\"")).unwrap_err();
        assert!(broken.contains("spread over several lines, and at line 4"), "{broken}");
        let tail = read(&format!("{one}\n{{\n  \"x\": \n")).unwrap();
        assert!(tail[1].clone().unwrap_err().reason.contains("the rest of the file is not read"), "{tail:?}");
        // JSON lines whose first line is cut short are still JSON lines.
        let lines = read(&format!("{}\n{GOOD}\n", &GOOD[..30])).unwrap();
        assert!(lines[0].is_err() && lines[1].as_ref().unwrap().place == "line 2");
    }

    #[test]
    fn unusable_files() {
        assert!(read("").is_err());
        assert!(read("[1,").unwrap_err().contains("not valid JSON"));
        assert!(read("  \n \n").is_err());
    }
}
