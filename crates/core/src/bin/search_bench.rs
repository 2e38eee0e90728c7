//! `search_bench <index.json>...`: native search latency over province indexes (as written by `synth`),
//! for `make bench`. Prints figures; never fails on time.
//!
//! For each index: time to load it as the widget does (`read_index`: parse and checks; a file the
//! widget refuses is reported and skipped) and to build the `SearchIndex`; then realistic typing sessions are
//! replayed character by character — each prefix is one keystroke, searched as the widget does (one
//! page of results + 1, no filter) — and the per-keystroke latency is reported per session and overall.
//! tests/bench/search.mjs replays the same sessions in the real wasm widget.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tthc_core::catalogue::bundle::read_index;
use tthc_core::catalogue::report;
use tthc_core::search::{Filter, SearchIndex, PAGE};

/// (kind, what the citizen types). Keep in step with SESSIONS in tests/bench/search.mjs.
const SESSIONS: [(&str, &str); 8] = [
    ("diacritics", "đăng ký khai sinh"),
    ("no diacritics", "dang ky khai sinh"),
    ("code with dot", "1.001193"),
    ("code without dot", "1001193"),
    ("one typo", "cap giay phep xay dnug"),
    ("multi-word", "đăng ký kết hôn có yếu tố nước ngoài"),
    ("short", "căn cước"),
    ("no diacritics 2", "ho kinh doanh"),
];
/// The widget's result page + 1 to know whether there is more.
const LIMIT: usize = PAGE + 1;
const PASSES: usize = 5;
const BUILDS: usize = 5;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Nearest-rank percentile of sorted durations, in µs.
fn pct(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1e6
}

fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Every prefix of `q` that ends on a character boundary: one per keystroke.
fn keystrokes(q: &str) -> impl Iterator<Item = &str> {
    q.char_indices().map(|(i, c)| &q[..i + c.len_utf8()])
}

fn row(label: &str, times: &mut [Duration], tail: &str) {
    times.sort();
    println!(
        "  {label:<18} {:>8.0} {:>8.0} {:>8.0}   {tail}",
        pct(times, 0.5),
        pct(times, 0.95),
        times.last().map_or(0.0, |d| d.as_secs_f64() * 1e6)
    );
}

fn bench(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let index = read_index(path, &text).map_err(|list| format!("the widget refuses this index:\n{}", report(&list)))?;
    let load = median_time(BUILDS, || drop(black_box(read_index(path, &text))));
    let build = median_time(BUILDS, || drop(black_box(SearchIndex::new(&index.procedures, &index.life_events))));
    let search = SearchIndex::new(&index.procedures, &index.life_events);
    println!("{} — {} procedures, {} KB raw", index.province.code, index.procedures.len(), text.len() / 1024);
    println!("  read_index (parse + checks, as the widget loads it) {} (median of {BUILDS})", ms(load));
    println!("  SearchIndex::new {} (median of {BUILDS})", ms(build));
    println!(
        "  per keystroke, µs   median      p95      max   (keystrokes × {PASSES} passes; hits for the full query)"
    );
    let filter = Filter::default();
    let mut all = Vec::new();
    for (kind, q) in SESSIONS {
        let mut times = Vec::new();
        for _ in 0..PASSES {
            for prefix in keystrokes(q) {
                let t = Instant::now();
                black_box(search.search(black_box(prefix), &filter, LIMIT));
                times.push(t.elapsed());
            }
        }
        let hits = search.search(q, &filter, usize::MAX).len();
        all.extend_from_slice(&times);
        row(kind, &mut times, &format!("{} × {PASSES}, {hits} hits for {q:?}", q.chars().count()));
    }
    let samples = format!("{} samples", all.len());
    row("all keystrokes", &mut all, &samples);
    Ok(())
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: search_bench <index.json>...");
        return ExitCode::from(2);
    }
    for path in &paths {
        if let Err(e) = bench(path) {
            eprintln!("search_bench: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
