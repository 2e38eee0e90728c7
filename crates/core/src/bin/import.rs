//! `import`: national-format records + a province's level list → a catalogue seeds directory that
//! `catalogue check` / `catalogue build` accept. Prints a report; exits 1 on fatal problems (nothing
//! is written then), 2 on a usage error, 0 otherwise (warnings included). Guide: docs/IMPORT.md.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tthc_core::import::{self, level_list, output, records, Options};
use tthc_core::stats::date_label;

const USAGE: &str =
    "usage: import --records <national.jsonl|.json> [--levels <levels.csv> | --registry <registry.csv|.json> \
--registry-date YYYY-MM-DD] --province <slug> \
--name <name> --portal <https://…> [--portal-name <name>] [--as-of YYYY-MM-DD] [--decision <số/QĐ-…>] \
[--records-as-of YYYY-MM-DD] [--out <dir> [--force]]
  Without --out only the report is printed. --as-of defaults to today, --records-as-of to --as-of.
  --out never replaces an existing catalogue (base.json, a life-events.json with events, the
  province's file) unless --force is given.
usage: import registry --seeds <dir> --province <slug> --registry <registry.csv|.json> --date YYYY-MM-DD
[--source <text>] [--write]
  Applies the province's online-service registry to its overlay in <dir>/catalogue/provinces/:
  levels per agency and service variant, the directory of agencies, \"not in the registry\" for the
  rest. Prints what changes; writes only with --write (all or nothing).";

/// The registry's description when `--source` is not given.
const REGISTRY_SOURCE: &str = "Cổng DVC quốc gia, danh sách DVC trực tuyến theo cơ quan";

struct Args {
    records: String,
    levels: Option<String>,
    /// The province's online-service registry (instead of a level list) and its date.
    registry: Option<String>,
    registry_date: Option<String>,
    out: Option<String>,
    force: bool,
    opts: Options,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        records: String::new(),
        levels: None,
        registry: None,
        registry_date: None,
        out: None,
        force: false,
        opts: Options::default(),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--force" {
            a.force = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?.clone();
        match flag.as_str() {
            "--records" => a.records = value,
            "--levels" => a.levels = Some(value),
            "--registry" => a.registry = Some(value),
            "--registry-date" => a.registry_date = Some(value),
            "--out" => a.out = Some(value),
            "--province" => a.opts.province = value,
            "--name" => a.opts.name = value,
            "--portal" => a.opts.portal_url = value,
            "--portal-name" => a.opts.portal_name = value,
            "--as-of" => a.opts.as_of = value,
            "--decision" => a.opts.decision = value,
            "--records-as-of" => a.opts.records_as_of = value,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    for (flag, v) in [
        ("--records", &a.records),
        ("--province", &a.opts.province),
        ("--name", &a.opts.name),
        ("--portal", &a.opts.portal_url),
    ] {
        if v.is_empty() {
            return Err(format!("{flag} is required"));
        }
    }
    if a.opts.as_of.is_empty() {
        a.opts.as_of = today();
    }
    if a.opts.records_as_of.is_empty() {
        a.opts.records_as_of = a.opts.as_of.clone();
    }
    if a.levels.is_some() && a.registry.is_some() {
        return Err("give --levels or --registry, not both".into());
    }
    if a.registry.is_some() && !a.registry_date.as_deref().is_some_and(tthc_core::catalogue::rules::is_date) {
        return Err("--registry needs --registry-date YYYY-MM-DD".into());
    }
    if a.force && a.out.is_none() {
        return Err("--force only goes with --out".into());
    }
    if let Some(problem) = import::check_options(&a.opts).into_iter().next() {
        return Err(problem);
    }
    Ok(a)
}

/// Today's date (UTC) as YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    date_label((secs / 86_400) as i64)
}

/// Reads a UTF-8 file of at most `limit` bytes; the size is checked before the file is read.
fn read(path: &str, limit: usize) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let size = file.metadata().map_err(|e| format!("{path}: {e}"))?.len();
    if size > limit as u64 {
        return Err(format!("{path}: the file is {size} bytes; the limit is {limit}"));
    }
    // A file that grows, or a device that reports no size, is still read no further than the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{path}: the file is over the limit of {limit} bytes"));
    }
    String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

/// `import registry …`: the overlay of an existing seeds directory updated from a registry.
fn registry(args: &[String]) -> Result<ExitCode, String> {
    let (mut seeds, mut province, mut file, mut date, mut source, mut write) = (None, None, None, None, None, false);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--write" {
            write = true;
            continue;
        }
        let value = Some(it.next().ok_or(format!("{flag} needs a value"))?.clone());
        match flag.as_str() {
            "--seeds" => seeds = value,
            "--province" => province = value,
            "--registry" => file = value,
            "--date" => date = value,
            "--source" => source = value,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    let need = |v: Option<String>, flag: &str| v.ok_or(format!("{flag} is required"));
    let (seeds, province, file, date) =
        (need(seeds, "--seeds")?, need(province, "--province")?, need(file, "--registry")?, need(date, "--date")?);
    if !tthc_core::catalogue::rules::is_date(&date) {
        return Err(format!("--date {date:?} is not a YYYY-MM-DD date"));
    }
    if !tthc_core::catalogue::rules::is_slug(&province) {
        return Err(format!("--province {province:?} is not a lower-case slug"));
    }
    let src = import::overlay::Source { source: source.unwrap_or_else(|| REGISTRY_SOURCE.to_owned()), date };
    let cat = Path::new(&seeds).join("catalogue");
    let fatal = |e: String| {
        eprintln!("import: FATAL — nothing written: {e}");
        Ok(ExitCode::FAILURE)
    };
    let seed = |p: &Path| read(&p.display().to_string(), tthc_core::catalogue::validate::MAX_SEED_BYTES);
    let base_path = cat.join("base.json");
    let prov_path = cat.join("provinces").join(format!("{province}.json"));
    let (base_text, prov_text) = match (seed(&base_path), seed(&prov_path)) {
        (Ok(b), Ok(p)) => (b, p),
        (Err(e), _) | (_, Err(e)) => return fatal(e),
    };
    let listing = |list: Vec<tthc_core::catalogue::Problem>| tthc_core::catalogue::report(&list);
    let base = match tthc_core::catalogue::validate::base(&base_path.display().to_string(), &base_text) {
        Ok(b) => b,
        Err(list) => return fatal(listing(list)),
    };
    let previous = match tthc_core::catalogue::validate::province(&prov_path.display().to_string(), &prov_text, &base) {
        Ok(p) => p,
        Err(list) => return fatal(listing(list)),
    };
    let reg = match read(&file, import::registry::MAX_REGISTRY_BYTES)
        .and_then(|t| import::registry::read(&t).map_err(|e| format!("{file}: {e}")))
    {
        Ok(r) => r,
        Err(e) => return fatal(e),
    };
    let (out, report) = import::overlay::apply(&base, &previous, &reg, &src);
    let text = import::pretty(&out);
    print!("{report}");
    if let Err(list) = tthc_core::catalogue::validate::province(&prov_path.display().to_string(), &text, &base) {
        return fatal(format!(
            "the new overlay fails the catalogue check (an importer bug: report it):\n{}",
            listing(list)
        ));
    }
    if !write {
        println!("nothing written (no --write)");
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(e) = output::replace(&prov_path, &text) {
        return fatal(e);
    }
    println!(
        "wrote {} ({} offers, {} agencies)\nnext: catalogue check {seeds} && catalogue build {seeds} <dist>/data",
        prov_path.display(),
        out.offers.len(),
        out.agencies.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "registry") {
        return registry(&args[1..]).unwrap_or_else(|e| {
            eprintln!("import registry: {e}\n{USAGE}");
            ExitCode::from(2)
        });
    }
    let a = match parse_args(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("import: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(out) = &a.out {
        let existing = output::would_replace(Path::new(out), &a.opts.province);
        if !a.force && !existing.is_empty() {
            eprintln!("import: nothing written: {}", output::refusal(&existing));
            return ExitCode::FAILURE;
        }
    }
    let t = Instant::now();
    let records = read(&a.records, records::MAX_FILE_BYTES);
    let levels = a.levels.as_deref().map(|p| read(p, level_list::MAX_LIST_BYTES)).transpose();
    let (records, levels) = match (records, levels) {
        (Ok(r), Ok(l)) => (r, l),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("import: FATAL — nothing written: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut outcome = import::run(&records, levels.as_deref(), &a.opts);
    let mut registry_report = None;
    if let (Some(file), false) = (&a.registry, outcome.report.is_fatal()) {
        let reg = match read(file, import::registry::MAX_REGISTRY_BYTES)
            .and_then(|t| import::registry::read(&t).map_err(|e| format!("{file}: {e}")))
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("import: FATAL — nothing written: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The change report compares with the overlay already at --out, when there is one.
        let mut previous = outcome.province.clone();
        let old = a.out.as_ref().map(|o| output::paths(Path::new(o), &a.opts.province)[2].clone());
        if let Some(old) = old.and_then(|p| std::fs::read_to_string(p).ok()) {
            if let Ok(old) = tthc_core::catalogue::validate::province("previous", &old, &outcome.base) {
                (previous.offers, previous.agencies, previous.registry) = (old.offers, old.agencies, old.registry);
            }
        }
        let src = import::overlay::Source {
            source: REGISTRY_SOURCE.to_owned(),
            date: a.registry_date.clone().unwrap_or_default(),
        };
        let (province, rep) = import::overlay::apply(&outcome.base, &previous, &reg, &src);
        outcome.province = province;
        registry_report = Some(rep);
    }
    let files = import::files(&outcome);
    if !outcome.report.is_fatal() {
        let file = format!("provinces/{}.json", a.opts.province);
        for problem in import::verify(&files.0, &files.1, &files.2, &file) {
            outcome
                .report
                .fatal
                .push(format!("output fails the catalogue check (an importer bug: report it): {problem}"));
        }
    }
    // The report goes through a locked stdout; when its reader goes away (`| head`) the import
    // stops quietly, and writes nothing if the report was not complete.
    let mut stdout = std::io::stdout().lock();
    let registry_text = registry_report.map(|r| r.to_string()).unwrap_or_default();
    if write!(stdout, "{}{registry_text}", outcome.report).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    if outcome.report.is_fatal() {
        return ExitCode::FAILURE;
    }
    // The files are written: a reader gone before the last line changes nothing.
    let _ = match &a.out {
        Some(out) => {
            if let Err(e) = output::write(Path::new(out), &a.opts.province, [&files.0, &files.1, &files.2]) {
                eprintln!("import: writing {out}: {e}; nothing replaced");
                return ExitCode::FAILURE;
            }
            writeln!(
                stdout,
                "wrote {out}/catalogue/base.json ({} procedures), life-events.json (none), provinces/{}.json ({} levels) in {:.2} s\n\
                 next: catalogue check {out} && catalogue build {out} <dist>/data",
                outcome.base.procedures.len(),
                a.opts.province,
                outcome.province.offers.len(),
                t.elapsed().as_secs_f64()
            )
        }
        None => writeln!(stdout, "nothing written (no --out); took {:.2} s", t.elapsed().as_secs_f64()),
    };
    ExitCode::SUCCESS
}
