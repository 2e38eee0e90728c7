//! `synth <tthc-national.jsonl | base.json> <n> <out-dir> <province-code>` writes
//! `<out-dir>/<province-code>/index.json`: a province search index of `n` procedures synthesised from
//! real records, for `make bench` only. Deterministic (fixed seed): the same input gives the same file.
//!
//! - Names, fields and tiers are the records' own. Records a province handles (tỉnh or xã tier) come
//!   first, then the rest, each group in a fixed shuffled order, so a smaller bundle is a prefix of a
//!   larger one and the benchmark's queries find the same procedures in both.
//! - Past the number of records, names are varied by appending a real qualifier taken from another
//!   record's name ("(thực hiện tại cấp tỉnh)", "đối với doanh nghiệp", …), under a fresh unique code.
//! - Levels are spread over toàn trình / một phần / trực tiếp; aliases are the records' own (base.json)
//!   or the everyday short form of the name plus its initials ("đăng ký khai sinh", "ĐKKS").
//! - Records the index could not hold (a name over 300 characters, no valid code) are skipped.

use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::ExitCode;
use tthc_core::catalogue::bundle::{read_index, Entry, ProvinceIndex, ProvinceInfo, INDEX_SCHEMA, MAX_INDEX_BYTES};
use tthc_core::catalogue::rules::{is_code, is_slug};
use tthc_core::catalogue::schema::{Portal, Tier};
use tthc_core::levels::Level;

/// Dates are not benchmarked; one fixed value keeps the output stable.
const AS_OF: &str = "2026-07-20";
const MAX_NAME: usize = 300;
const MAX_FIELD: usize = 120;
const MAX_ALIAS: usize = 80;
/// Entries per `read_index` call when the whole file is over the widget's size limit.
const CHECK_CHUNK: usize = 4000;

struct Record {
    code: String,
    name: String,
    name_en: String,
    field: String,
    tiers: Vec<Tier>,
    aliases: Vec<String>,
}

/// xorshift64*, fixed seed: enough for a stable shuffle without a crate.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Plain single-line text: control characters and markup brackets become spaces, runs collapse.
fn clean(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_control() || c == '<' || c == '>' { ' ' } else { c }).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word boundary.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for w in s.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// "Cấp bộ, Cấp tỉnh" → [trung_uong, tinh]; "Cơ quan khác" alone counts as central.
fn tiers_of(cap: &str) -> Vec<Tier> {
    let mut tiers = Vec::new();
    for part in cap.split(',').map(str::trim) {
        let t = match part {
            "Cấp bộ" => Tier::TrungUong,
            "Cấp tỉnh" => Tier::Tinh,
            "Cấp xã" => Tier::Xa,
            "Cấp huyện" => Tier::Huyen,
            _ => continue,
        };
        if !tiers.contains(&t) {
            tiers.push(t);
        }
    }
    if tiers.is_empty() {
        tiers.push(Tier::TrungUong);
    }
    tiers
}

/// Reads the national JSONL records, or the procedures of a base.json seed file.
fn read_records(path: &Path) -> Result<Vec<Record>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw: Vec<Value> = if path.extension().is_some_and(|x| x == "jsonl") {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", path.display()))?
    } else {
        let base: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        base.get("procedures").and_then(Value::as_array).cloned().ok_or(format!("{}: no procedures", path.display()))?
    };
    let records = raw
        .iter()
        .map(|r| {
            let national = r.get("ma_thu_tuc").is_some();
            let (code, name, field) = if national {
                (str_of(r, "ma_thu_tuc"), str_of(r, "ten_thu_tuc"), str_of(r, "linh_vuc"))
            } else {
                (str_of(r, "code"), str_of(r, "name"), str_of(r, "field"))
            };
            let tiers = if national {
                tiers_of(str_of(r, "cap_thuc_hien"))
            } else {
                r.get("tiers").cloned().and_then(|t| serde_json::from_value(t).ok()).unwrap_or_default()
            };
            let aliases = r.get("aliases").and_then(Value::as_array).map_or(Vec::new(), |a| {
                a.iter().filter_map(Value::as_str).map(|s| cut(&clean(s), MAX_ALIAS)).collect()
            });
            Record {
                code: code.trim().to_owned(),
                name: clean(name),
                name_en: cut(&clean(str_of(r, "name_en")), MAX_NAME),
                field: cut(&clean(field), MAX_FIELD),
                tiers,
                aliases,
            }
        })
        .filter(|r| is_code(&r.code) && !r.name.is_empty() && r.name.chars().count() <= MAX_NAME && !r.field.is_empty())
        .collect();
    Ok(records)
}

/// The name without "Thủ tục", a trailing "(…)" and a trailing "đối với / cho / tại …" clause,
/// at most six words.
fn core_name(name: &str) -> String {
    let mut s = name.strip_prefix("Thủ tục ").unwrap_or(name).to_owned();
    if let Some(i) = s.rfind(" (") {
        s.truncate(i);
    }
    for marker in [" đối với ", " cho ", " tại "] {
        if let Some(i) = s.find(marker).filter(|&i| i > 0) {
            s.truncate(i);
        }
    }
    let short: Vec<&str> = s.split(' ').take(6).collect();
    cut(short.join(" ").trim_end_matches(','), MAX_ALIAS).to_lowercase()
}

/// What citizens type instead of the full name: its short form and the initials of that form.
fn everyday_aliases(name: &str) -> Vec<String> {
    let core = core_name(name);
    let mut out = Vec::new();
    let initials: String =
        core.split(' ').take(5).filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect();
    if core != name.to_lowercase() && !core.is_empty() {
        out.push(core);
    }
    if initials.chars().count() >= 3 {
        out.push(initials);
    }
    out
}

/// Real qualifiers from the records' names: trailing "(…)" and "đối với …" clauses, sorted; the two
/// tier qualifiers of the national database are always there.
fn qualifiers(records: &[Record]) -> Vec<String> {
    let mut set: BTreeSet<String> =
        ["(thực hiện tại cấp tỉnh)", "(thực hiện tại cấp xã)"].into_iter().map(String::from).collect();
    for r in records {
        if let Some(i) = r.name.rfind(" (") {
            set.insert(r.name[i + 1..].to_owned());
        }
        let head = r.name.rfind(" (").map_or(r.name.as_str(), |i| &r.name[..i]);
        if let Some(i) = head.find(" đối với ") {
            set.insert(head[i + 1..].to_owned());
        }
    }
    set.into_iter().filter(|q| q.chars().count() <= 60).collect()
}

/// The first code from `start` (as a number of 7 digits) that is not taken yet.
fn fresh_code(start: u32, used: &mut HashSet<u32>) -> String {
    let mut v = start % 10_000_000;
    while !used.insert(v) {
        v = (v + 1) % 10_000_000;
    }
    format!("{}.{:06}", v / 1_000_000, v % 1_000_000)
}

fn code_number(code: &str) -> u32 {
    code.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0)
}

fn synthesise(records: Vec<Record>, n: usize) -> Vec<Entry> {
    let mut rng = Rng(0x7468_6320_6265_6e63);
    let local = |r: &Record| r.tiers.iter().any(|t| matches!(t, Tier::Tinh | Tier::Xa));
    let (mut first, mut rest): (Vec<Record>, Vec<Record>) = records.into_iter().partition(local);
    rng.shuffle(&mut first);
    rng.shuffle(&mut rest);
    first.append(&mut rest);
    let records = first;
    let pool = qualifiers(&records);
    let mut used: HashSet<u32> = records.iter().map(|r| code_number(&r.code)).collect();
    let mut entries = Vec::with_capacity(n);
    for i in 0..n {
        let (r, round) = (&records[i % records.len()], i / records.len());
        let (code, name, aliases) = if round == 0 {
            let aliases = if r.aliases.is_empty() { everyday_aliases(&r.name) } else { r.aliases.clone() };
            (r.code.clone(), r.name.clone(), aliases)
        } else {
            let head = r.name.rfind(" (").map_or(r.name.as_str(), |j| &r.name[..j]);
            let q = &pool[(i * 31 + round) % pool.len()];
            let name = cut(&format!("{head} {q}"), MAX_NAME);
            let code = fresh_code(code_number(&r.code) + round as u32 * 104_729, &mut used);
            (code, name.clone(), everyday_aliases(&name))
        };
        let level = match rng.below(10) {
            0..=3 => Level::ToanTrinh,
            4..=7 => Level::MotPhan,
            _ => Level::TrucTiep,
        };
        entries.push(Entry {
            code,
            name,
            name_en: if round == 0 { r.name_en.clone() } else { String::new() },
            aliases,
            field: r.field.clone(),
            tiers: r.tiers.clone(),
            level: Some(level),
            published: rng.below(2) == 0,
        });
    }
    entries
}

/// Runs the widget's own checks; a file over the widget's size limit is checked in slices.
fn check(index: &ProvinceIndex, text: &str, file: &str) -> Result<(), String> {
    let report = |list: Vec<tthc_core::catalogue::Problem>| tthc_core::catalogue::report(&list);
    if text.len() <= MAX_INDEX_BYTES {
        return read_index(file, text).map(|_| ()).map_err(report);
    }
    for chunk in index.procedures.chunks(CHECK_CHUNK) {
        let part = ProvinceIndex {
            schema: index.schema.clone(),
            base_as_of: index.base_as_of.clone(),
            province: index.province.clone(),
            life_events: index.life_events.clone(),
            procedures: chunk.to_vec(),
        };
        let part_text = serde_json::to_string(&part).map_err(|e| e.to_string())?;
        read_index(file, &part_text).map_err(report)?;
    }
    Ok(())
}

fn run(args: &[String]) -> Result<(), String> {
    let [src, n, out, code] = args else {
        return Err("usage: synth <tthc-national.jsonl | base.json> <n> <out-dir> <province-code>".into());
    };
    let n: usize = n.parse().map_err(|_| format!("n: {n:?} is not a number"))?;
    if !is_slug(code) {
        return Err(format!("province code {code:?} is not a lower-case slug"));
    }
    let records = read_records(Path::new(src))?;
    if records.is_empty() {
        return Err(format!("{src}: no usable records"));
    }
    let from_records = records.len().min(n);
    let index = ProvinceIndex {
        schema: INDEX_SCHEMA.into(),
        base_as_of: AS_OF.into(),
        province: ProvinceInfo {
            code: code.clone(),
            name: format!("Tỉnh thử tải {n}"),
            absorbed: Vec::new(),
            merger_basis: String::new(),
            portal: Portal { name: "Cổng Dịch vụ công quốc gia".into(), url: "https://dichvucong.gov.vn".into() },
            link_domains: Vec::new(),
            as_of: AS_OF.into(),
            decision: String::new(),
            statistics: Vec::new(),
        },
        life_events: Vec::new(),
        procedures: synthesise(records, n),
    };
    let text = serde_json::to_string(&index).map_err(|e| e.to_string())?;
    let path = Path::new(out).join(code).join("index.json");
    check(&index, &text, &path.display().to_string())?;
    std::fs::create_dir_all(path.parent().expect("a file in a directory")).map_err(|e| e.to_string())?;
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    let over = if text.len() > MAX_INDEX_BYTES {
        format!(" — over the widget's MAX_INDEX_BYTES ({MAX_INDEX_BYTES}): it will refuse this file")
    } else {
        String::new()
    };
    println!(
        "synth: {} — {n} procedures ({from_records} real records, {} varied), {} bytes{over}",
        path.display(),
        n - from_records,
        text.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
