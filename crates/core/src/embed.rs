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

    /// Whether the view waits for the province's index (the survey does not: its procedure's name follows).
    pub fn needs_catalogue(&self) -> bool {
        !matches!(self, View::Survey(_))
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
mod tests {
    use super::*;

    #[test]
    fn full_query() {
        let (c, e) = parse_query(
            "?province=quang-tri&lang=en&mode=survey&procedure=1001193&host=https%3A%2F%2Fportal.gov.vn&device=shared",
        );
        assert!(e.is_empty(), "{e:?}");
        assert!(c.shared);
        assert!(!parse_query("province=quang-tri").0.shared);
        assert_eq!(c.province, "quang-tri");
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.mode, Mode::Survey);
        assert_eq!(c.procedure.as_deref(), Some("1.001193"));
        assert_eq!(c.host.as_deref(), Some("https://portal.gov.vn"));
        assert_eq!(parse_query("province=hue&mode=reach").0.mode, Mode::Reach);
    }

    #[test]
    fn links_to_another_province_keep_the_language_and_the_host() {
        let (c, _) = parse_query("?province=xyz&lang=en&host=https%3A%2F%2Fportal.gov.vn%3A8443");
        let link = c.link_to("hue");
        assert_eq!(link, "?province=hue&lang=en&host=https%3A%2F%2Fportal.gov.vn%3A8443");
        let (back, e) = parse_query(&link);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!((back.province.as_str(), back.lang, back.host), ("hue", Lang::En, c.host));
    }

    #[test]
    fn a_procedure_opens_its_detail_or_in_survey_mode_the_survey_about_it() {
        let first = |q: &str| parse_query(q).0.first_view();
        assert_eq!(first("province=hue"), View::Check);
        assert_eq!(first("province=hue&mode=reach"), View::Reach);
        assert_eq!(first("province=hue&mode=events&procedure=1.001193"), View::Detail("1.001193".into()));
        assert_eq!(first("province=hue&mode=survey&procedure=1.001193"), View::Survey(Some("1.001193".into())));
        assert_eq!(first("province=hue&mode=survey"), View::Survey(None));
        for (m, id) in Mode::ALL {
            let v = first(&format!("province=hue&mode={id}"));
            assert_eq!(matches!(v, View::Survey(_)), m == Mode::Survey, "{id}");
        }
    }

    #[test]
    fn a_query_reads_back_to_the_same_configuration() {
        for q in [
            "?province=quang-tri&lang=en&mode=survey&procedure=1.001193&host=https%3A%2F%2Fportal.gov.vn%3A8443&device=shared",
            "?province=hue&lang=vi",
            "?province=hue&lang=vi&mode=reach",
        ] {
            let (c, e) = parse_query(q);
            assert!(e.is_empty(), "{e:?}");
            assert_eq!(c.query(), q);
            assert_eq!(parse_query(&c.query()).0, c);
        }
    }

    #[test]
    fn the_other_part_opens_the_same_view_and_the_first_view_of_a_mode_is_in_its_part() {
        let (c, _) = parse_query("?province=hue&lang=vi&host=https%3A%2F%2Fportal.gov.vn&device=shared");
        let views = [
            View::Check,
            View::Detail("1.001193".into()),
            View::Events,
            View::Province,
            View::Survey(None),
            View::Survey(Some("1.001193".into())),
            View::Results,
            View::Reach,
        ];
        for v in views {
            let (back, e) = parse_query(&c.query_for(&v, Lang::En));
            assert!(e.is_empty(), "{e:?}");
            assert_eq!((back.first_view(), back.lang, back.shared, &back.host), (v.clone(), Lang::En, true, &c.host));
            assert_eq!(back.mode.part(), v.part(), "{v:?}");
        }
        assert_eq!(parse_query(&c.query_for(&View::Event("khai-sinh".into()), Lang::Vi)).0.first_view(), View::Events);
        for (m, _) in Mode::ALL {
            for procedure in [None, Some("1.001193".to_owned())] {
                let first = EmbedConfig { mode: m, procedure, ..c.clone() }.first_view();
                assert_eq!(first.part(), m.part(), "{m:?}");
            }
        }
    }

    #[test]
    fn each_problem_reads_as_a_line_naming_the_parameter() {
        let (_, e) = parse_query("province=&lang=fr");
        let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["province: (missing)", "lang: \"fr\""]);
    }

    #[test]
    fn bad_values_are_reported() {
        let (c, e) = parse_query(
            "province=https://evil.example/x.json&lang=fr&mode=x&procedure=abc&host=javascript:alert(1)&device=kiosk",
        );
        assert_eq!(c.province, "");
        let params: Vec<_> = e.iter().map(|e| e.param).collect();
        assert_eq!(params, ["province", "lang", "mode", "procedure", "host", "device"]);
    }

    #[test]
    fn missing_province() {
        let (_, e) = parse_query("lang=vi");
        assert_eq!(e, vec![ConfigError { param: "province", value: String::new() }]);
    }

    #[test]
    fn origins() {
        assert!(origin("http://127.0.0.1:8080").is_some());
        assert!(origin("http://example.com").is_none());
        assert!(origin("https://a.gov.vn/path").is_none());
        assert!(origin("https://a.gov.vn:").is_none());
    }
}
