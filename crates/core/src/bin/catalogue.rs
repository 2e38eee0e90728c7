//! `catalogue check <seeds>` validates the seed files; `catalogue codes <seeds>` lists the base's codes; `catalogue build <seeds> <out>` also writes the
//! per-province bundles the widget downloads (out/provinces.json, out/<province>/index.json,
//! out/<province>/p/<code>.json) and the survey definitions (out/surveys/<id@version>.json and
//! out/surveys/index.json, newest first). Exits 1 with every problem listed when anything is wrong.
//!
//! `--popularity <file>` (build only) reads the collector's counters export (`usage.csv`): each
//! procedure's details opened plus filing clicks, for the province named in each row, become its
//! popularity class in that province's index, which orders equally good search matches only.
//! Without the file every class is 0 and the order is the documented one (see `search.rs`).
//!
//! `catalogue dist <dist-dir> [--popularity <usage.csv>]`, run from the repository root after
//! `trunk build`, finishes the widget's dist: the bundles of `seeds/` in `<dist-dir>/data`,
//! content-hashed names, the service worker from `public/sw.js`, precompressed copies (see `dist/`).

#[path = "dist/mod.rs"]
mod dist;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tthc_core::catalogue::{bundle, report, schema, validate, Problem};
use tthc_core::survey::{read_definition, Definition};

struct Seeds {
    base: schema::BaseFile,
    events: schema::LifeEventsFile,
    provinces: Vec<schema::ProvinceFile>,
    surveys: Vec<Definition>,
}

fn read(path: &Path) -> Result<String, Vec<Problem>> {
    std::fs::read_to_string(path).map_err(|e| {
        vec![Problem {
            file: path.display().to_string(),
            item: String::new(),
            field: String::new(),
            message: e.to_string(),
        }]
    })
}

/// The `.json` files of a directory, sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Vec<Problem>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![Problem {
            file: dir.display().to_string(),
            item: String::new(),
            field: String::new(),
            message: e.to_string(),
        }]
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

fn load(dir: &Path) -> Result<Seeds, Vec<Problem>> {
    let cat = dir.join("catalogue");
    let base_path = cat.join("base.json");
    let base = validate::base(&base_path.display().to_string(), &read(&base_path)?)?;
    let mut problems = Vec::new();
    let ev_path = cat.join("life-events.json");
    let events = read(&ev_path).and_then(|t| validate::life_events(&ev_path.display().to_string(), &t, &base));
    let mut provinces = Vec::new();
    for path in json_files(&cat.join("provinces"))? {
        let name = path.display().to_string();
        match read(&path).and_then(|t| validate::province(&name, &t, &base)) {
            Ok(p) if path.file_stem().and_then(|s| s.to_str()) != Some(p.province.as_str()) => problems.push(Problem {
                file: name,
                item: String::new(),
                field: "province".into(),
                message: format!("{:?} does not match the file name", p.province),
            }),
            Ok(p) => provinces.push(p),
            Err(list) => problems.extend(list),
        }
    }
    let mut surveys = Vec::new();
    // A seeds directory written by `import` has no surveys: none is not an error.
    let survey_dir = dir.join("surveys");
    let survey_files = if survey_dir.exists() { json_files(&survey_dir)? } else { Vec::new() };
    for path in survey_files {
        match read(&path).and_then(|t| read_definition(&path.display().to_string(), &t)) {
            Ok(d) => surveys.push(d),
            Err(list) => problems.extend(list),
        }
    }
    // Newest first: the widget offers the first definition of each kind.
    surveys.sort_by(|a, b| b.version.cmp(&a.version).then(a.id.cmp(&b.id)));
    let events = match events {
        Ok(e) => Some(e),
        Err(list) => {
            problems.extend(list);
            None
        }
    };
    match events {
        Some(events) if problems.is_empty() => Ok(Seeds { base, events, provinces, surveys }),
        _ => Err(problems),
    }
}

fn write(path: &Path, value: &impl serde::Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, serde_json::to_vec(value).expect("bundle types serialize"))
}

#[derive(serde::Serialize)]
struct ProvinceListItem<'a> {
    code: &'a str,
    name: &'a str,
    absorbed: &'a [String],
}

fn build(seeds: &Seeds, out: &Path, popularity: &tthc_core::usage::popularity::Counts) -> std::io::Result<()> {
    let list: Vec<ProvinceListItem> = seeds
        .provinces
        .iter()
        .map(|p| ProvinceListItem { code: &p.province, name: &p.name, absorbed: &p.absorbed })
        .collect();
    write(&out.join("provinces.json"), &list)?;
    let list: Vec<tthc_core::survey::Listed> =
        seeds.surveys.iter().map(|d| tthc_core::survey::Listed { key: d.key(), kind: d.kind }).collect();
    write(&out.join("surveys").join("index.json"), &list)?;
    for d in &seeds.surveys {
        write(&out.join("surveys").join(format!("{}.json", d.key())), d)?;
    }
    for prov in &seeds.provinces {
        let (mut index, details) = bundle::build(&seeds.base, prov, &seeds.events);
        if let Some(counts) = popularity.get(&prov.province) {
            bundle::apply_popularity(&mut index, counts);
        }
        let dir = out.join(&prov.province);
        write(&dir.join("index.json"), &index)?;
        for d in &details {
            write(&dir.join("p").join(format!("{}.json", d.procedure.code)), d)?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, seeds, out, popularity) = match args.as_slice() {
        [c, s] if c == "check" || c == "codes" => (c, s.as_str(), None, None),
        [c, s, o] if c == "build" => (c, s.as_str(), Some(o), None),
        [c, s, o, f, p] if c == "build" && f == "--popularity" => (c, s.as_str(), Some(o), Some(p)),
        [c, d] if c == "dist" => (c, "seeds", Some(d), None),
        [c, d, f, p] if c == "dist" && f == "--popularity" => (c, "seeds", Some(d), Some(p)),
        _ => {
            eprintln!(
                "usage: catalogue check <seeds-dir> | catalogue codes <seeds-dir> | catalogue build <seeds-dir> <out-dir> [--popularity <usage.csv>] | catalogue dist <dist-dir> [--popularity <usage.csv>]"
            );
            return ExitCode::from(2);
        }
    };
    let popularity = match popularity.map(|p| (p, std::fs::read_to_string(p))) {
        None => Default::default(),
        Some((p, Err(e))) => {
            eprintln!("{p}: {e}");
            return ExitCode::FAILURE;
        }
        Some((p, Ok(text))) => match tthc_core::usage::popularity::parse(&text) {
            Ok(c) => c,
            Err(problems) => {
                eprintln!("{p}: {} problem(s):\n{}", problems.len(), problems.join("\n"));
                return ExitCode::FAILURE;
            }
        },
    };
    if cmd == "dist" {
        let dir = Path::new(out.expect("dist has a directory"));
        // The workspace version (`version.workspace = true`): Cargo.toml is the one place it is written.
        let version = env!("CARGO_PKG_VERSION");
        let data = |data: &Path| {
            let seeds = load(Path::new(seeds))
                .map_err(|p| format!("{} problem(s) in the catalogue seeds:\n{}", p.len(), report(&p)))?;
            build(&seeds, data, &popularity).map_err(|e| format!("writing {}: {e}", data.display()))?;
            println!("{}", summary("build", &seeds));
            Ok(())
        };
        return match dist::finish(dir, version, Path::new("public/sw.js"), data) {
            Ok(done) => {
                println!("dist: build {}, {} data files", done.build, done.data_files);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("catalogue dist: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let seeds_data = match load(Path::new(seeds)) {
        Ok(s) => s,
        Err(problems) => {
            eprintln!("{} problem(s) in the catalogue seeds:\n{}", problems.len(), report(&problems));
            return ExitCode::FAILURE;
        }
    };
    if cmd == "codes" {
        // The base's codes, one a line, for scripts (read as JSON here, never by text patterns).
        for p in &seeds_data.base.procedures {
            println!("{}", p.code);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(out) = out {
        if let Err(e) = build(&seeds_data, Path::new(out), &popularity) {
            eprintln!("writing {out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("{}", summary(cmd, &seeds_data));
    ExitCode::SUCCESS
}

fn summary(cmd: &str, seeds: &Seeds) -> String {
    format!(
        "{cmd}: {} procedures, {} life events, {} provinces, {} surveys: ok",
        seeds.base.procedures.len(),
        seeds.events.events.len(),
        seeds.provinces.len(),
        seeds.surveys.len()
    )
}
