//! The widget's configuration, read from its page's query string.
//!
//! Only a province *code* is accepted, never a URL: the widget builds every data path itself from
//! the code, so a query string cannot point it at foreign data. Unknown values are reported, not
//! silently replaced, so the portal administrator sees what to fix.

use crate::catalogue::rules::is_slug;
use crate::lang::Lang;

/// The view the widget opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Check,
    Events,
    Province,
    Survey,
    Results,
    /// The widget's reach: what citizens searched, opened and filed (counts only).
    Reach,
}

/// The two separately loaded parts of the widget: a citizen who only looks procedures up never
/// downloads the survey, results and reach code, and one who arrives by a survey link never
/// downloads the search. `public/boot.js` picks the part from `mode` by the same rule ([`Mode::part`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Search, procedure detail (with the one-tap rating), life events, province overview.
    Finder,
    /// The survey, its results and the widget's reach.
    Feedback,
}

impl Mode {
    /// The part that shows this mode's views.
    pub fn part(self) -> Part {
        match self {
            Mode::Check | Mode::Events | Mode::Province => Part::Finder,
            Mode::Survey | Mode::Results | Mode::Reach => Part::Feedback,
        }
    }

    pub const ALL: [(Mode, &'static str); 6] = [
        (Mode::Check, "check"),
        (Mode::Events, "events"),
        (Mode::Province, "province"),
        (Mode::Survey, "survey"),
        (Mode::Results, "results"),
        (Mode::Reach, "reach"),
    ];
}

/// Which view is on screen. Views are state: the widget never pushes history entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Check,
    /// A procedure's detail, by code.
    Detail(String),
    Events,
    /// A life event's steps, by id.
    Event(String),
    Province,
    /// The survey, about a procedure when one is given.
    Survey(Option<String>),
    Results,
    /// What the widget did for the province: counts only.
    Reach,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedConfig {
    /// Province slug; empty when missing or invalid (see the errors).
    pub province: String,
    pub lang: Lang,
    pub mode: Mode,
    /// Procedure to open directly.
    pub procedure: Option<String>,
    /// Origin of the embedding page, for postMessage; `None` when standalone.
    pub host: Option<String>,
    /// `device=shared`: a device many citizens use (a one-stop-centre tablet), which keeps no
    /// survey drafts. `device=personal` (the default) keeps them for a while.
    pub shared: bool,
}

impl EmbedConfig {
    /// The view the widget opens on: the mode's, except that a procedure opens its detail (in
    /// survey mode, the survey about it). Always a view of the mode's [`Part`].
    pub fn first_view(&self) -> View {
        match (self.mode, self.procedure.clone()) {
            (Mode::Survey, p) => View::Survey(p),
            (Mode::Results, _) => View::Results,
            (Mode::Reach, _) => View::Reach,
            (_, Some(p)) => View::Detail(p),
            (Mode::Check, None) => View::Check,
            (Mode::Events, None) => View::Events,
            (Mode::Province, None) => View::Province,
        }
    }

    /// The widget's query string for another province, keeping the language and the embedding
    /// page's origin (without `host` an embedded widget could no longer tell its page its height).
    pub fn link_to(&self, province: &str) -> String {
        EmbedConfig { province: province.to_owned(), mode: Mode::Check, procedure: None, ..self.clone() }.query()
    }

    /// The query string that opens `view` in `lang` with the rest of this configuration (province,
    /// host, device): how one part of the widget hands the citizen to the other. A life event's
    /// steps open on the list of life events.
    pub fn query_for(&self, view: &View, lang: Lang) -> String {
        let (mode, procedure) = match view {
            View::Check => (Mode::Check, None),
            View::Detail(code) => (Mode::Check, Some(code.clone())),
            View::Events | View::Event(_) => (Mode::Events, None),
            View::Province => (Mode::Province, None),
            View::Survey(p) => (Mode::Survey, p.clone()),
            View::Results => (Mode::Results, None),
            View::Reach => (Mode::Reach, None),
        };
        EmbedConfig { lang, mode, procedure, ..self.clone() }.query()
    }

    /// This configuration as a query string, read back by [`parse_query`] to the same value; the
    /// defaults (mode `check`, device `personal`) are left out.
    pub fn query(&self) -> String {
        let mut q = format!("?province={}&lang={}", self.province, self.lang.code());
        if self.mode != Mode::Check {
            let id = Mode::ALL.iter().find(|(m, _)| *m == self.mode).map(|(_, id)| *id).expect("every mode is in ALL");
            q.push_str("&mode=");
            q.push_str(id);
        }
        if let Some(p) = &self.procedure {
            q.push_str("&procedure=");
            q.push_str(p);
        }
        if let Some(h) = &self.host {
            q.push_str("&host=");
            q.push_str(&percent_encode(h));
        }
        if self.shared {
            q.push_str("&device=shared");
        }
        q
    }
}

impl View {
    /// The part of the widget that shows this view.
    pub fn part(&self) -> Part {
        match self {
            View::Check | View::Detail(_) | View::Events | View::Event(_) | View::Province => Part::Finder,
            View::Survey(_) | View::Results | View::Reach => Part::Feedback,
        }
    }

    /// Whether `part`, showing this view, draws it only once the province's index has arrived: every
    /// view of its own but the survey, whose procedure's name follows the index (a survey link neither
    /// waits for nor first fetches it). A view of the other part is handed over at once.
    pub fn needs_catalogue(&self, part: Part) -> bool {
        self.part() == part && !matches!(self, View::Survey(_))
    }
}

/// Percent-encodes what a query value may not hold as it is (an origin: `:` and `/`).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A problem with one query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub param: &'static str,
    pub value: String,
}

/// The line the administrator reads: `lang: "fr"`, or `province: (missing)`.
impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}: (missing)", self.param)
        } else {
            write!(f, "{}: {:?}", self.param, self.value)
        }
    }
}

/// Parses `?province=…&lang=…&mode=…&procedure=…&host=…&device=…`. Returns the usable configuration and
/// every problem; the caller shows the problems instead of a blank page.
pub fn parse_query(query: &str) -> (EmbedConfig, Vec<ConfigError>) {
    let mut cfg = EmbedConfig::default();
    let mut errors = Vec::new();
    let mut seen_province = false;
    for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        let v = v.trim();
        match k {
            "province" => {
                seen_province = true;
                if is_slug(v) {
                    cfg.province = v.to_owned();
                } else {
                    errors.push(ConfigError { param: "province", value: v.to_owned() });
                }
            }
            "lang" => match Lang::from_code(v) {
                Some(l) => cfg.lang = l,
                None => errors.push(ConfigError { param: "lang", value: v.to_owned() }),
            },
            "mode" => match Mode::ALL.iter().find(|(_, id)| *id == v) {
                Some((m, _)) => cfg.mode = *m,
                None => errors.push(ConfigError { param: "mode", value: v.to_owned() }),
            },
            "procedure" => {
                let code = normalise_code(v);
                match code {
                    Some(c) => cfg.procedure = Some(c),
                    None => errors.push(ConfigError { param: "procedure", value: v.to_owned() }),
                }
            }
            "device" => match v {
                "shared" => cfg.shared = true,
                "personal" => cfg.shared = false,
                _ => errors.push(ConfigError { param: "device", value: v.to_owned() }),
            },
            "host" => match origin(v) {
                Some(o) => cfg.host = Some(o),
                None => errors.push(ConfigError { param: "host", value: v.to_owned() }),
            },
            _ => {}
        }
    }
    if !seen_province {
        errors.push(ConfigError { param: "province", value: String::new() });
    }
    (cfg, errors)
}

/// Accepts "1.001193" and "1001193" (one rule with the level-list reader).
pub use crate::catalogue::rules::normalise_code;

/// A web origin: `https://host[:port]`, or `http://` for localhost and 127.0.0.1 (development).
pub fn origin(v: &str) -> Option<String> {
    let (scheme, rest) = v.split_once("://")?;
    let ok_host = |h: &str| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let (host, port) = match rest.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let local = host == "localhost" || host == "127.0.0.1";
    let scheme_ok = scheme == "https" || (scheme == "http" && local);
    (scheme_ok && ok_host(host) && port_ok).then(|| v.to_ascii_lowercase())
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(x) => {
                        out.push(x);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "embed_tests.rs"]
mod tests;
