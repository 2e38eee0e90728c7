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
//! - National records are read by the importer (crates/core/src/import), the one place that parses
//!   them: records it cannot use are skipped, over-long names come shortened ("…").

#[path = "shared/synthetic.rs"]
mod synthetic;

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;
use synthetic::{code_number, fresh_code, qualifiers, varied_name, Rng};
use tthc_core::catalogue::bundle::{read_index, Entry, ProvinceIndex, ProvinceInfo, INDEX_SCHEMA, MAX_INDEX_BYTES};
use tthc_core::catalogue::rules::{is_slug, limits};
use tthc_core::catalogue::schema::{Portal, Procedure};
use tthc_core::catalogue::{report, validate};
use tthc_core::import::{self, convert::is_local, text::shorten};
use tthc_core::levels::{Level, Provenance};

/// Dates are not benchmarked; one fixed value keeps the output stable.
const AS_OF: &str = "2026-07-20";
/// Entries per `read_index` call when the whole file is over the widget's size limit.
const CHECK_CHUNK: usize = 4000;

/// The national records (read by the importer, every tier), or the procedures of a base.json
/// seed file (read by the seed checker).
fn read_records(path: &Path) -> Result<Vec<Procedure>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.display().to_string();
    if path.extension().is_some_and(|x| x == "jsonl") {
        let mut rep = import::report::Report::default();
        let all = import::national_procedures(&text, &mut rep).map_err(|e| format!("{name}: {e}"))?;
        Ok(all.into_iter().map(|x| x.procedure).collect())
    } else {
        validate::base(&name, &text).map(|b| b.procedures).map_err(|list| report(&list))
    }
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
    shorten(short.join(" ").trim_end_matches(','), limits::ALIAS).to_lowercase()
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

fn synthesise(records: Vec<Procedure>, n: usize) -> Vec<Entry> {
    let mut rng = Rng(0x7468_6320_6265_6e63);
    let (mut first, mut rest): (Vec<Procedure>, Vec<Procedure>) = records.into_iter().partition(|r| is_local(&r.tiers));
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
            let name = varied_name(&r.name, &pool[(i * 31 + round) % pool.len()]);
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
            online: tthc_core::catalogue::online::Summary {
                level: Some(level),
                provenance: if rng.below(2) == 0 { Provenance::ProvincePublished } else { Provenance::Typical },
                ..Default::default()
            },
            popularity: 0,
        });
    }
    entries
}

/// Runs the widget's own checks; a file over the widget's size limit is checked in slices.
fn check(index: &ProvinceIndex, text: &str, file: &str) -> Result<(), String> {
    let report = |list: Vec<tthc_core::catalogue::Problem>| report(&list);
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
            portal: Portal {
                name: "Cổng Dịch vụ công quốc gia".into(), url: "https://dichvucong.gov.vn".into()
            },
            link_domains: Vec::new(),
            as_of: AS_OF.into(),
            decision: String::new(),
            registry: None,
            agencies: Vec::new(),
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
