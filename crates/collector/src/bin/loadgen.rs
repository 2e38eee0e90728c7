//! Collector benchmark (not a test): prints figures and never fails on time, only when a
//! request fails or nothing was acknowledged (exit status 1).
//!
//! (a) Ingest: an in-process collector on a fresh SQLite file, rate limiting OFF, driven over
//!     loopback by N keep-alive clients posting distinct valid envelopes for a fixed time;
//!     latency is request → acknowledgement (which happens after the commit).
//! (b) Summary: a fresh SQLite file filled with R stored responses through the collector's own
//!     storage code (direct bulk insert), then GET /api/v1/summary timed: the first request
//!     (built) and the median of 5 (the later ones come from the summary cache).
//!
//! usage: loadgen [--clients 32] [--seconds 10] [--rows 1000000] [--keep DIR]
//! (`--seconds 0` skips the ingest part, `--rows 0` the summary part)

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use collector::client::{request, Conn};
use collector::config::{Config, Options};
use collector::server::serve;
use collector::store::{open_writer, write_batch, NewResponse, Table};
use tthc_core::catalogue::schema::Tier;
use tthc_core::envelope::{uuid_v4_from_bytes, Answer, Envelope};
use tthc_core::lang::Lang;
use tthc_core::stats::{date_label, local_day, Period};
use tthc_core::survey::{read_definition, validate, Definition, Need};

/// The survey the synthetic answers fill in: criteria, scale, channels and tiers come from it.
static SURVEY: LazyLock<Definition> = LazyLock::new(|| {
    read_definition("sipas-service-b@2026.json", include_str!("../../../../seeds/surveys/sipas-service-b@2026.json"))
        .unwrap_or_else(|p| panic!("{}", tthc_core::catalogue::report(&p)))
});

/// xorshift64*: enough randomness for synthetic answers without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

/// A valid envelope for [`SURVEY`] with skewed, realistic-looking answers.
fn synthetic(rng: &mut Rng) -> Envelope {
    let def = &*SURVEY;
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&rng.next().to_le_bytes());
    id[8..].copy_from_slice(&rng.next().to_le_bytes());
    // The higher of two uniform draws over the scale: mostly satisfied, as real answers are.
    let score = |rng: &mut Rng| {
        let n = def.scale.points.len() as u64;
        def.scale.points[rng.below(n).max(rng.below(n)) as usize].value
    };
    let answers: BTreeMap<String, Answer> = def
        .criteria()
        .map(|c| {
            let a = if c.na && rng.below(20) == 0 { Answer::NotApplicable } else { Answer::Score(score(rng)) };
            (c.id.clone(), a)
        })
        .collect();
    // 50 procedures, the first few much more frequent (as on a real portal).
    let p = rng.below(50).min(rng.below(50));
    let channel = def.context.channel.as_ref().map(|c| pick(rng, &c.options).id.clone());
    Envelope {
        id: uuid_v4_from_bytes(id),
        survey: def.key(),
        province: "ha-noi".into(),
        procedure: (def.context.procedure != Need::Absent).then(|| format!("1.{:06}", 1000 + p)),
        tier: (def.context.tier != Need::Absent).then(|| pick(rng, &[Tier::Tinh, Tier::Xa]).id().to_owned()),
        channel,
        dossier: None,
        answers,
        overall: def.overall.is_some().then(|| score(rng)),
        comment: (def.comment.is_some() && rng.below(5) == 0)
            .then(|| "Cán bộ nhiệt tình, gọi 0912 345 678 nếu cần.".to_owned()),
        profile: None,
        lang: Lang::Vi,
        widget: collector::VERSION.into(),
        client_time: None,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Starts an in-process collector (rate limiting off); returns its address and a stop switch.
fn start(db: &Path, static_dir: &Path) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, std::thread::JoinHandle<()>) {
    let mut config = Config::default();
    config.rate_limit.enabled = false;
    config.retention_days = 0; // the filled rows span a year: keep them all
    let opts = Options {
        db: db.to_owned(),
        listen: "127.0.0.1:0".parse().unwrap(),
        static_dir: static_dir.to_owned(),
        config,
    };
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(opts.listen).await.expect("bind loopback");
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let shutdown = async move {
                let _ = stop_rx.await;
            };
            if let Err(e) = serve(listener, opts, shutdown).await {
                eprintln!("collector: {e}");
            }
        });
    });
    (addr_rx.recv().expect("collector started"), stop_tx, thread)
}

/// Returns false when a request failed or none was acknowledged.
fn ingest(dir: &Path, clients: usize, seconds: u64) -> bool {
    println!("== ingest: {clients} keep-alive clients, {seconds} s, loopback, in-process collector");
    println!("   rate limiting: OFF (benchmark only; production keeps the per-IP bucket on)");
    let (addr, stop, server) = start(&dir.join("ingest.sqlite3"), dir);
    let done = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|w| {
            let done = done.clone();
            std::thread::spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (w as u64 + 1).wrapping_mul(0x1000_0001));
                let mut latencies = Vec::new();
                let mut errors = 0u64;
                let mut conn = Conn::open(addr).expect("connect");
                while !done.load(Ordering::Relaxed) {
                    let body = synthetic(&mut rng).to_body();
                    let t = Instant::now();
                    match conn.send("POST", "/api/v1/responses", &[("content-type", "application/json")], &body) {
                        Ok(r) if r.status == 201 => latencies.push(t.elapsed()),
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    done.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.join().unwrap();
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    println!(
        "   {} acknowledged (201) in {elapsed:.1} s = {:.0} responses/s; {errors} errors",
        latencies.len(),
        latencies.len() as f64 / elapsed
    );
    println!(
        "   latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}   (goals: >= 5000/s, p99 < 50 ms)",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    // One line for the final table of `make bench` (tools/bench.sh).
    println!(
        "SUMMARY\tcollector ingest, {clients} clients, rate limit off (responses/s, p99)\t{:.0}/s, p99 {:.1} ms",
        latencies.len() as f64 / elapsed,
        percentile(&latencies, 0.99)
    );
    let _ = stop.send(());
    server.join().unwrap();
    errors == 0 && !latencies.is_empty()
}

fn fill(db: &Path, rows: u64) {
    println!("== summary: filling a fresh database with {rows} responses (direct bulk insert via the collector's storage code)");
    let started = Instant::now();
    let mut conn = open_writer(db).expect("open database");
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let mut done = 0;
    while done < rows {
        let n = (rows - done).min(20_000);
        let batch: Vec<NewResponse> = (0..n)
            .map(|_| {
                let at = now - rng.below(365 * 86_400) as i64;
                NewResponse::new(synthetic(&mut rng), Table::Responses, at)
            })
            .collect();
        write_batch(&mut conn, &batch).expect("write batch");
        done += n;
    }
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0) / (1 << 20);
    println!("   filled in {:.1} s ({size} MiB)", started.elapsed().as_secs_f64());
}

fn summary(dir: &Path, rows: u64) {
    let db = dir.join("summary.sqlite3");
    fill(&db, rows);
    let (addr, stop, server) = start(&db, dir);
    // Public ranges are whole buckets: the last complete month, for the summary by day.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let last = Period::Month.start(local_day(now)) - 1;
    let month = format!("&from={}&to={}", date_label(Period::Month.start(last)), date_label(last));
    for (label, query) in [
        ("whole year, one cell", String::new()),
        ("by month", "&period=month".to_owned()),
        ("by procedure", "&by=procedure".to_owned()),
        ("one procedure by day, one month", format!("&procedure=1.001000&period=day{month}")),
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let url = format!("/api/v1/summary?survey={}{query}", SURVEY.key());
            let r = request(addr, "GET", &url, &[], b"").expect("summary");
            times.push(t.elapsed());
            assert_eq!(r.status, 200, "{}", r.text());
            size = r.body.len();
        }
        // The first request builds the summary; the later ones are answered from its cache.
        let built = times[0];
        times.sort();
        println!(
            "   GET summary ({label}): built in {:.0} ms, then median {:.0} ms over 5 runs (cached), {size} bytes   (goal <= 1000 ms)",
            built.as_secs_f64() * 1000.0,
            times[2].as_secs_f64() * 1000.0
        );
        println!(
            "SUMMARY\tcollector summary over {rows} responses: {label} (built, uncached)\t{:.0} ms",
            built.as_secs_f64() * 1000.0
        );
    }
    let _ = stop.send(());
    server.join().unwrap();
}

fn main() {
    let mut clients = 32;
    let mut seconds = 10;
    let mut rows = 1_000_000;
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--clients" => clients = value().parse().expect("--clients N"),
            "--seconds" => seconds = value().parse().expect("--seconds N"),
            "--rows" => rows = value().parse().expect("--rows N"),
            "--keep" => keep = Some(value().into()),
            _ => panic!(
                "unknown argument {a}; usage: loadgen [--clients 32] [--seconds 10] [--rows 1000000] [--keep DIR]"
            ),
        }
    }
    let dir =
        keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("collector-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).expect("bench directory");
    println!(
        "collector benchmark: {} cores; figures only, never a pass/fail",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let sample = synthetic(&mut Rng(1));
    if let Err(e) = validate(&sample, &SURVEY) {
        panic!("the synthetic answers do not fit {}: {e:?}", SURVEY.key());
    }
    let mut ok = true;
    if seconds > 0 {
        ok = ingest(&dir, clients, seconds);
    }
    if rows > 0 {
        summary(&dir, rows);
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if !ok {
        eprintln!("loadgen: ingest had errors or acknowledged nothing");
        std::process::exit(1);
    }
}
