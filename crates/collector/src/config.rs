//! Command line and the TOML configuration file (see deploy/collector.example.toml and docs/ADMIN.md).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use serde::Deserialize;
use tthc_core::catalogue::rules::is_slug;
use tthc_core::stats::DEFAULT_THRESHOLD;

use crate::net::Cidr;

/// Per-client token bucket.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimit {
    pub enabled: bool,
    /// Requests a client may make at once.
    pub burst: u32,
    /// Tokens added per second.
    pub per_second: f64,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { enabled: true, burst: 60, per_second: 1.0 }
    }
}

/// The configuration file. Every field has a default, so the file is optional.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// When set, envelopes for another province are refused.
    pub province: Option<String>,
    /// Portal origins allowed to embed the widget (CSP frame-ancestors) and to call the API (CORS).
    pub allowed_origins: Vec<String>,
    /// Bearer tokens accepted by GET /api/v1/export.csv (none: export disabled).
    pub export_tokens: Vec<String>,
    /// Peers whose X-Forwarded-For header is believed: IPs or CIDR blocks.
    pub trusted_proxies: Vec<String>,
    /// Raw responses older than this are deleted (distribution counts are kept); 0 keeps them.
    pub retention_days: u32,
    /// Summary cells with fewer responses are suppressed.
    pub suppression_threshold: u64,
    /// No-result searches counted fewer times than this are not listed in the reach view.
    pub reach_threshold: u64,
    pub rate_limit: RateLimit,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            province: None,
            allowed_origins: Vec::new(),
            export_tokens: Vec::new(),
            trusted_proxies: Vec::new(),
            retention_days: 365,
            suppression_threshold: DEFAULT_THRESHOLD,
            reach_threshold: tthc_core::usage::reach::DEFAULT_REACH_THRESHOLD,
            rate_limit: RateLimit::default(),
        }
    }
}

/// Shortest export token accepted.
const MIN_TOKEN_CHARS: usize = 24;
/// Fewest different characters in an export token (a 48-hex-digit token has about 16).
const MIN_TOKEN_DISTINCT: usize = 12;
/// Smallest suppression threshold accepted.
const MIN_THRESHOLD: u64 = 5;

/// A token long and varied enough not to be guessed: printable ASCII, no spaces.
fn strong_token(t: &str) -> bool {
    let distinct: std::collections::BTreeSet<u8> = t.bytes().collect();
    t.len() >= MIN_TOKEN_CHARS && t.bytes().all(|b| b.is_ascii_graphic()) && distinct.len() >= MIN_TOKEN_DISTINCT
}

/// The widget's own origin rule (`https://host[:port]`, `http://` only for localhost), written in
/// lower case: an origin the widget would refuse as `host` is refused here too, and it is safe to
/// place in a CSP header.
fn is_origin(s: &str) -> bool {
    tthc_core::embed::origin(s).as_deref() == Some(s)
}

impl Config {
    /// Parses and checks a configuration file's text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let c: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut problems = Vec::new();
        if c.province.as_deref().is_some_and(|p| !is_slug(p)) {
            problems.push("province: not a lower-case slug".to_owned());
        }
        for o in c.allowed_origins.iter().filter(|o| !is_origin(o)) {
            problems.push(format!(
                "allowed_origins: {o:?} is not https://host[:port] (lower case, no path; http only for localhost)"
            ));
        }
        for (i, _) in c.export_tokens.iter().enumerate().filter(|(_, t)| !strong_token(t)) {
            problems.push(format!(
                "export_tokens[{i}]: use at least {MIN_TOKEN_CHARS} printable characters, no spaces, \
                 {MIN_TOKEN_DISTINCT} of them different (openssl rand -hex 24)"
            ));
        }
        for p in &c.trusted_proxies {
            match Cidr::parse(p) {
                None => problems.push(format!("trusted_proxies: {p:?} is not an IP address or CIDR block")),
                Some(c) if c.bits() == 0 => problems.push(format!(
                    "trusted_proxies: {p:?} trusts every address, so any client could forge its address; list the proxies"
                )),
                Some(_) => {}
            }
        }
        if c.suppression_threshold < MIN_THRESHOLD {
            problems.push(format!(
                "suppression_threshold: {} is too small to protect a person's answers; use at least {MIN_THRESHOLD}",
                c.suppression_threshold
            ));
        }
        // Duplicates are recognised by the stored raw row; the widget retries for up to 8 weeks, so a
        // shorter retention would let a late retry be counted a second time.
        let min_days = (tthc_core::delivery::RETENTION_MS / 86_400_000.0).ceil() as u32 + 1;
        if c.retention_days != 0 && c.retention_days < min_days {
            problems.push(format!(
                "retention_days: {} is shorter than the widget's retry window; use 0 (keep) or at least {min_days}",
                c.retention_days
            ));
        }
        let rate = c.rate_limit.per_second;
        if c.rate_limit.burst == 0 || !rate.is_finite() || rate <= 0.0 {
            problems.push("rate_limit: burst and per_second must be positive".to_owned());
        }
        if c.reach_threshold == 0 {
            problems.push("reach_threshold: must be at least 1".to_owned());
        }
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(problems.join("\n"))
        }
    }

    pub fn trusted(&self) -> Vec<Cidr> {
        self.trusted_proxies.iter().filter_map(|p| Cidr::parse(p)).collect()
    }

    /// The Content-Security-Policy sent with every HTML page.
    pub fn csp(&self) -> String {
        let mut ancestors = String::from("'self'");
        for o in &self.allowed_origins {
            ancestors.push(' ');
            ancestors.push_str(o);
        }
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
             img-src 'self' data:; base-uri 'none'; object-src 'none'; frame-ancestors {ancestors}"
        )
    }
}

/// Parsed command line.
#[derive(Debug, Clone)]
pub struct Options {
    pub db: PathBuf,
    pub listen: SocketAddr,
    pub static_dir: PathBuf,
    pub config: Config,
}

pub const USAGE: &str =
    "usage: collector [--db FILE] [--listen ADDR:PORT] [--static DIR] [--config FILE.toml] [--no-rate-limit]
       collector backup --db FILE --out NEW_FILE
       collector --help
defaults: --db collector.sqlite3 --listen 127.0.0.1:8080 --static dist (no config file: every key's default)
backup: a consistent copy made with SQLite's VACUUM INTO, safe while the collector runs; never overwrites a file";

/// What the command line asks for.
#[derive(Debug, Clone)]
pub enum Command {
    Serve(Box<Options>),
    Backup { db: PathBuf, out: PathBuf },
    Help,
}

impl Command {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
        let mut args = args.into_iter().peekable();
        match args.peek().map(String::as_str) {
            Some("--help" | "-h" | "help") => Ok(Command::Help),
            Some("backup") => {
                args.next();
                let (mut db, mut out) = (None, None);
                while let Some(a) = args.next() {
                    let value = args.next().ok_or(format!("backup: {a} needs a value"));
                    match a.as_str() {
                        "--db" => db = Some(PathBuf::from(value?)),
                        "--out" => out = Some(PathBuf::from(value?)),
                        _ => return Err(format!("backup: unknown argument {a:?}")),
                    }
                }
                match (db, out) {
                    (Some(db), Some(out)) => Ok(Command::Backup { db, out }),
                    _ => Err("backup needs --db FILE and --out NEW_FILE".to_owned()),
                }
            }
            _ => Options::from_args(args).map(|o| Command::Serve(Box::new(o))),
        }
    }
}

impl Options {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
        let mut o = Options {
            db: PathBuf::from("collector.sqlite3"),
            listen: SocketAddr::new(IpAddr::from([127, 0, 0, 1]), 8080),
            static_dir: PathBuf::from("dist"),
            config: Config::default(),
        };
        let mut no_rate_limit = false;
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            let mut value = || args.next().ok_or(format!("{a} needs a value"));
            match a.as_str() {
                "--db" => o.db = value()?.into(),
                "--listen" => o.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?,
                "--static" => o.static_dir = value()?.into(),
                "--config" => {
                    let path = value()?;
                    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                    o.config = Config::parse(&text).map_err(|e| format!("{path}:\n{e}"))?;
                }
                "--no-rate-limit" => no_rate_limit = true,
                _ => return Err(format!("unknown argument {a:?}")),
            }
        }
        if no_rate_limit {
            o.config.rate_limit.enabled = false;
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_checks() {
        let c = Config::parse("").unwrap();
        assert!(c.rate_limit.enabled && c.rate_limit.burst == 60 && c.suppression_threshold == 10);
        let short = Config::parse("retention_days = 30").unwrap_err();
        assert!(short.contains("retention_days"), "{short}");
        assert!(Config::parse("retention_days = 57").is_ok());
        assert!(c.csp().ends_with("frame-ancestors 'self'"));
        let c = Config::parse("allowed_origins = [\"https://dichvucong.hanoi.gov.vn\", \"http://localhost:8000\"]")
            .unwrap();
        assert!(c.csp().ends_with("frame-ancestors 'self' https://dichvucong.hanoi.gov.vn http://localhost:8000"));
        let bad = Config::parse("allowed_origins = [\"https://a.vn; script-src *\"]\nexport_tokens = [\"short\"]")
            .unwrap_err();
        assert_eq!(bad.lines().count(), 2, "{bad}");
        assert!(Config::parse("provnce = \"x\"").is_err());
        // The widget's rule: a plain-http portal (other than localhost) is refused here as it is there.
        let e = Config::parse("allowed_origins = [\"http://dichvucong.hanoi.gov.vn\"]").unwrap_err();
        assert!(e.contains("http only for localhost"), "{e}");
        assert_eq!(tthc_core::embed::origin("http://dichvucong.hanoi.gov.vn"), None);
    }

    #[test]
    fn weak_settings_are_refused() {
        for (text, key) in [
            ("trusted_proxies = [\"0.0.0.0/0\"]", "trusted_proxies"),
            ("trusted_proxies = [\"::/0\"]", "trusted_proxies"),
            ("suppression_threshold = 3", "suppression_threshold"),
            ("export_tokens = [\"0123456789abcdef\"]", "export_tokens"),
            ("export_tokens = [\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]", "export_tokens"),
        ] {
            let e = Config::parse(text).unwrap_err();
            assert!(e.starts_with(key), "{text}: {e}");
        }
        let ok = "trusted_proxies = [\"10.0.0.0/8\"]\nsuppression_threshold = 5\n\
                  export_tokens = [\"9f1c2e0b7a4d6c8e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b9c\"]";
        assert!(Config::parse(ok).is_ok());
    }

    /// The field names serde knows for a struct (so the checks below follow the structs).
    fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Probe(std::cell::Cell<&'static [&'static str]>);
        #[derive(Debug)]
        struct Stop;
        impl std::fmt::Display for Stop {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("stop")
            }
        }
        impl std::error::Error for Stop {}
        impl serde::de::Error for Stop {
            fn custom<M: std::fmt::Display>(_: M) -> Stop {
                Stop
            }
        }
        impl<'de> serde::Deserializer<'de> for &Probe {
            type Error = Stop;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
                Err(Stop)
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Stop> {
                self.0.set(fields);
                Err(Stop)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
                unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let probe = Probe(std::cell::Cell::new(&[]));
        let _ = T::deserialize(&probe);
        probe.0.get()
    }

    const EXAMPLE: &str = include_str!("../../../deploy/collector.example.toml");

    #[test]
    fn the_example_file_is_valid_and_sets_every_key() {
        let c = Config::parse(EXAMPLE).unwrap();
        assert_eq!(c.province.as_deref(), Some("quang-tri"));
        assert_eq!(c.trusted().len(), 2);
        let table: toml::Table = toml::from_str(EXAMPLE).unwrap();
        let rate = table["rate_limit"].as_table().unwrap();
        let (top, nested) = (fields::<Config>(), fields::<RateLimit>());
        assert!(top.len() == 8 && nested.len() == 3, "{top:?} {nested:?}");
        for key in top {
            assert!(table.contains_key(*key), "deploy/collector.example.toml does not show `{key}`");
        }
        for key in nested {
            assert!(rate.contains_key(*key), "deploy/collector.example.toml does not show `rate_limit.{key}`");
        }
        // Where the example's value is the default, it says so.
        let d = Config::default();
        assert_eq!((c.retention_days, c.suppression_threshold), (d.retention_days, d.suppression_threshold));
        assert_eq!(c.rate_limit.burst, d.rate_limit.burst);
        assert!(EXAMPLE.contains(&format!("# Default: {}\nretention_days", d.retention_days)));
        assert!(EXAMPLE.contains(&format!("# Default: {}\nsuppression_threshold", d.suppression_threshold)));
        assert!(EXAMPLE.contains(&format!("# Default: {}\nreach_threshold", d.reach_threshold)));
    }

    #[test]
    fn the_admin_guide_documents_every_key_and_flag() {
        let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ADMIN.md")).unwrap();
        for key in fields::<Config>().iter().chain(fields::<RateLimit>()) {
            assert!(guide.contains(&format!("`{key}`")), "docs/ADMIN.md does not document `{key}`");
        }
        for flag in USAGE.split_whitespace().filter(|w| w.starts_with("--")) {
            let flag = flag.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
            assert!(guide.contains(&format!("`{flag}")), "docs/ADMIN.md does not document {flag}");
        }
    }

    #[test]
    fn args() {
        let args = ["--db", "x.db", "--listen", "127.0.0.1:9", "--no-rate-limit"].map(String::from);
        let o = Options::from_args(args).unwrap();
        assert_eq!(o.db, PathBuf::from("x.db"));
        assert_eq!(o.listen.port(), 9);
        assert!(!o.config.rate_limit.enabled);
        assert!(Options::from_args(["--db".to_owned()]).is_err());
        assert!(Options::from_args(["--nope".to_owned()]).is_err());

        let cmd = |a: &[&str]| Command::from_args(a.iter().map(|s| s.to_string()));
        assert!(matches!(cmd(&[]), Ok(Command::Serve(_))));
        assert!(matches!(cmd(&["--help"]), Ok(Command::Help)));
        match cmd(&["backup", "--db", "a.sqlite3", "--out", "b.sqlite3"]) {
            Ok(Command::Backup { db, out }) => {
                assert_eq!((db.to_str(), out.to_str()), (Some("a.sqlite3"), Some("b.sqlite3")))
            }
            other => panic!("{other:?}"),
        }
        assert!(cmd(&["backup", "--db", "a.sqlite3"]).is_err(), "--out is required");
        assert!(cmd(&["backup", "--out", "b.sqlite3"]).is_err(), "--db is required");
        assert!(cmd(&["backup", "--db", "a", "--out", "b", "--listen", "x"]).is_err());
    }
}
