//! A province's online-service registry as the national portal lists it: one row per procedure ×
//! service variant × agency, with the level and the filing system. Read from the CSV export
//! (`MaTTHC, MaDVC, TenDVC, TenCQTH, MaCQTH, MucDo, TrangThai, LoaiHeThong, CitizenURL`) or the
//! portal API's JSON rows (`formalityCode, formalityCaseCode, formalityCaseName, departmentName,
//! departmentCode, implementLevel, citizenUrl`). Every row that cannot be used is kept with its
//! reason; a file that cannot be read as a whole is an `Err`.

use super::text::{clean, shorten};
use crate::catalogue::filing::normalise_link;
use crate::catalogue::rules::normalise_code;
use crate::catalogue::validate::is_agency_code;
use crate::fold::fold;
use crate::levels::Level;

/// Largest registry read: a province's full registry is ~34,000 rows, about 10 MB.
pub const MAX_REGISTRY_BYTES: usize = 48 * 1024 * 1024;
/// Most rows read; the rest of a larger file is refused as a whole.
pub const MAX_ROWS: usize = 250_000;

/// One usable row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Where it is: "line 12" (CSV) or "row 12" (JSON).
    pub place: String,
    pub code: String,
    /// The service code (`1.001193.02`, or the procedure's code when it has no suffix).
    pub variant: String,
    pub variant_name: String,
    pub agency: String,
    /// Plain text, spaces collapsed: registries list "khu vực II -  tỉnh".
    pub agency_name: String,
    pub level: Level,
    /// https, on the filing allowlist.
    pub url: String,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub rows: Vec<Row>,
    /// (place, reason) of rows not used.
    pub bad: Vec<(String, String)>,
    /// "CSV" or "JSON".
    pub format: &'static str,
}

/// One row's fields as text, whatever the format, before any check.
#[derive(Default)]
struct Fields {
    code: String,
    variant: String,
    variant_name: String,
    agency: String,
    agency_name: String,
    level: String,
    status: Option<String>,
    url: String,
}

/// Reads a registry export: JSON when it starts with `[` or `{`, else CSV.
pub fn read(text: &str) -> Result<Registry, String> {
    if text.len() > MAX_REGISTRY_BYTES {
        return Err(format!("the registry is {} bytes; the limit is {MAX_REGISTRY_BYTES}", text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (format, rows) =
        if text.trim_start().starts_with(['[', '{']) { ("JSON", json_rows(text)?) } else { ("CSV", csv_rows(text)?) };
    if rows.len() > MAX_ROWS {
        return Err(format!("the registry has {} rows; the limit is {MAX_ROWS}", rows.len()));
    }
    let mut reg = Registry { format, ..Registry::default() };
    for (place, fields) in rows {
        match fields.and_then(row) {
            Ok(mut r) => {
                r.place = place;
                reg.rows.push(r);
            }
            Err(why) => reg.bad.push((place, why)),
        }
    }
    if reg.rows.is_empty() {
        let why = reg.bad.first().map_or("it has no data rows".to_owned(), |(p, m)| format!("{p}: {m}"));
        return Err(format!("no usable row in the registry ({why})"));
    }
    Ok(reg)
}

/// CSV columns by their header names (folded): the registry export's and their plain forms.
const COLUMNS: [(&str, &[&str]); 8] = [
    ("code", &["matthc", "ma tthc", "ma thu tuc"]),
    ("variant", &["madvc", "ma dvc"]),
    ("variant_name", &["tendvc", "ten dvc"]),
    ("agency_name", &["tencqth", "ten cqth", "co quan thuc hien"]),
    ("agency", &["macqth", "ma cqth", "ma co quan"]),
    ("level", &["mucdo", "muc do"]),
    ("status", &["trangthai", "trang thai"]),
    ("url", &["citizenurl", "url", "duong dan"]),
];

type RawRows = Vec<(String, Result<Fields, String>)>;

fn csv_rows(text: &str) -> Result<RawRows, String> {
    let records = super::csv::records(text, super::csv::separator(text))?;
    let mut it = records.into_iter().filter(|(_, f)| !f.iter().all(|x| x.trim().is_empty()));
    let Some((_, header)) = it.next() else { return Err("the file is empty".into()) };
    let names: Vec<String> = header.iter().map(|h| fold(h).replace('_', " ")).collect();
    let col = |key: &str| {
        let alts = COLUMNS.iter().find(|(k, _)| *k == key).map_or(&[][..], |(_, a)| a);
        names.iter().position(|n| alts.contains(&n.as_str()))
    };
    let need = ["code", "agency", "agency_name", "level", "url"];
    let missing: Vec<&str> = need.iter().copied().filter(|k| col(k).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header row lacks the column(s) {} (expected MaTTHC, MaDVC, TenDVC, TenCQTH, MaCQTH, MucDo, TrangThai, CitizenURL)",
            missing.join(", ")
        ));
    }
    let at = |key: &str, f: &[String]| col(key).and_then(|i| f.get(i)).cloned().unwrap_or_default();
    let width = header.len();
    Ok(it
        .map(|(line, f)| {
            let place = format!("line {line}");
            if f.len() < width {
                return (place, Err(format!("has {} column(s); the header has {width}", f.len())));
            }
            let fields = Fields {
                code: at("code", &f),
                variant: at("variant", &f),
                variant_name: at("variant_name", &f),
                agency: at("agency", &f),
                agency_name: at("agency_name", &f),
                level: at("level", &f),
                status: col("status").map(|_| at("status", &f)),
                url: at("url", &f),
            };
            (place, Ok(fields))
        })
        .collect())
}

fn json_rows(text: &str) -> Result<RawRows, String> {
    use serde_json::Value;
    let v: Value = crate::json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let items = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => match ["data", "items", "content", "result"].iter().find_map(|k| o.remove(*k)) {
            Some(Value::Array(a)) => a,
            _ => return Err("a JSON object without a `data` array of rows".into()),
        },
        _ => return Err("neither a JSON array of rows nor an object with `data`".into()),
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let place = format!("row {}", i + 1);
            let Value::Object(o) = item else { return (place, Err("is not an object".into())) };
            let text = |k: &str| -> Result<String, String> {
                match o.get(k) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(s)) => Ok(s.clone()),
                    Some(Value::Number(n)) => Ok(n.to_string()),
                    Some(_) => Err(format!("{k} is not text")),
                }
            };
            let fields = (|| {
                Ok(Fields {
                    code: text("formalityCode")?,
                    variant: text("formalityCaseCode")?,
                    variant_name: text("formalityCaseName")?,
                    agency: text("departmentCode")?,
                    agency_name: text("departmentName")?,
                    level: text("implementLevel")?,
                    status: None,
                    url: text("citizenUrl")?,
                })
            })();
            (place, fields)
        })
        .collect())
}

/// A level as the registry writes it: "Toàn trình", "Một phần", FULL / PARTIAL / NONE.
fn level(s: &str) -> Option<Level> {
    match s.trim() {
        "FULL" => Some(Level::ToanTrinh),
        "PARTIAL" => Some(Level::MotPhan),
        "NONE" => Some(Level::TrucTiep),
        other => super::level_list::parse_level(other),
    }
}

fn row(f: Fields) -> Result<Row, String> {
    let shown = |s: &str| shorten(&clean(s), 40);
    let code = normalise_code(f.code.trim())
        .ok_or_else(|| format!("MaTTHC {:?} is not a national code N.NNNNNN", shown(&f.code)))?;
    let variant = match f.variant.trim() {
        "" => code.clone(),
        v if v == code => code.clone(),
        v => match v.strip_prefix(code.as_str()).and_then(|r| r.strip_prefix('.')) {
            Some(n) if n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()) => v.to_owned(),
            _ => return Err(format!("MaDVC {:?} is not {code} or {code}.NN", shown(v))),
        },
    };
    let agency = f.agency.trim().to_owned();
    if !is_agency_code(&agency) {
        return Err(format!("MaCQTH {:?} is not an agency code like H50.101", shown(&agency)));
    }
    let agency_name = clean(&f.agency_name);
    if agency_name.is_empty() {
        return Err("TenCQTH (the agency's name) is empty".into());
    }
    if let Some(status) = f.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if fold(status) != "chinh thuc" {
            return Err(format!("TrangThai {:?}: only services in force (Chính thức) are listed", shown(status)));
        }
    }
    let level = level(&f.level)
        .ok_or_else(|| format!("MucDo {:?} is not Toàn trình / Một phần (FULL / PARTIAL / NONE)", shown(&f.level)))?;
    let url = normalise_link(&f.url)?;
    Ok(Row {
        place: String::new(),
        code,
        variant,
        variant_name: clean(&f.variant_name),
        agency,
        agency_name,
        level,
        url,
    })
}

#[cfg(test)]
#[path = "registry_tests.rs"]
mod tests;
