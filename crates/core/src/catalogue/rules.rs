//! Field-level rules shared by the seed checker, the build tool and the widget.

use super::problems::Problems;

/// National portal host: always allowed as a link target.
pub const NATIONAL_PORTAL: &str = "dichvucong.gov.vn";

/// Length limits of catalogue text, in characters: the seed check, the widget's check of what it
/// downloads, the importer and `synth` all use these.
pub mod limits {
    /// A procedure's name and English name.
    pub const NAME: usize = 300;
    /// A procedure's field (lĩnh vực).
    pub const FIELD: usize = 120;
    /// The agency that handles a procedure (also a province's offer).
    pub const AGENCY: usize = 300;
    /// A decision number (a procedure's, a province's level list's).
    pub const DECISION: usize = 120;
    /// Processing time (a procedure's, an offer's).
    pub const TIME: usize = 400;
    /// Fee (a procedure's, an offer's).
    pub const FEE: usize = 600;
    pub const RESULT: usize = 400;
    /// Documents of one procedure.
    pub const DOCUMENTS: usize = 60;
    pub const DOCUMENT_NAME: usize = 400;
    /// A document's note, an offer's note.
    pub const NOTE: usize = 600;
    /// One legal-basis entry.
    pub const LEGAL_BASIS: usize = 300;
    /// One alias (procedures and life events).
    pub const ALIAS: usize = 80;
    /// One source citation.
    pub const SOURCE: usize = 300;
    /// A slug (province code, life-event id).
    pub const SLUG: usize = 40;
    /// A province's name, and each unit it absorbed.
    pub const PROVINCE_NAME: usize = 80;
    pub const MERGER_BASIS: usize = 300;
    pub const PORTAL_NAME: usize = 120;
    pub const STAT_LABEL: usize = 300;
    pub const STAT_UNIT: usize = 40;
    pub const STAT_SOURCE: usize = 400;
    pub const STAT_PERIOD: usize = 120;
    pub const STAT_UNIT_NAME: usize = 120;
    /// A life event's name and English name.
    pub const EVENT_NAME: usize = 120;
    /// A life-event step's note and English note.
    pub const STEP_NOTE: usize = 300;
}

/// `N.NNNNNN`, the national procedure code.
pub fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// The code `N.NNNNNN` as the number `NNNNNNN` (for ordering and arithmetic); `None` for anything
/// that is not a national code.
pub fn code_number(s: &str) -> Option<u32> {
    if !is_code(s) {
        return None;
    }
    Some(s[..1].parse::<u32>().ok()? * 1_000_000 + s[2..].parse::<u32>().ok()?)
}

/// A national code as people write it: "1.001193" as it is, "1001193" (the dot lost) with its dot
/// back; `None` for anything else.
pub fn normalise_code(s: &str) -> Option<String> {
    if is_code(s) {
        return Some(s.to_owned());
    }
    (s.len() == 7 && s.bytes().all(|b| b.is_ascii_digit())).then(|| format!("{}.{}", &s[..1], &s[1..]))
}

/// Lower-case slug: letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= limits::SLUG
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// `YYYY-MM-DD`, a real day of the calendar (no 2025-02-31) between 1990 and 2100.
pub fn is_date(s: &str) -> bool {
    crate::stats::day_from_date(s).is_some() && s[0..4].parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y))
}

/// The host of an `https://` URL, lower-cased; `None` for anything else
/// (other schemes, user-info, ports, empty hosts).
pub fn https_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let ok = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with('.')
        && !host.ends_with('.');
    ok.then(|| host.to_ascii_lowercase())
}

/// True when `url` is https and its host is one of `allowed` or a subdomain of one.
pub fn link_allowed(url: &str, allowed: &[&str]) -> bool {
    match https_host(url) {
        Some(h) => allowed.iter().any(|a| h == *a || h.ends_with(&format!(".{a}"))),
        None => false,
    }
}

/// Checks a free-text field: no markup, no control characters, bounded length.
pub fn check_text(p: &mut Problems, item: &str, field: &str, value: &str, max: usize, required: bool) {
    if required && value.trim().is_empty() {
        p.add(item, field, "is empty");
        return;
    }
    if value.chars().count() > max {
        p.add(item, field, format!("is longer than {max} characters"));
    }
    if value.contains(['<', '>']) {
        p.add(item, field, "contains markup (< or >); catalogue text is plain text");
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        p.add(item, field, "contains control characters");
    }
}

/// Checks an optional link against the allowlist.
pub fn check_link(p: &mut Problems, item: &str, field: &str, url: &str, allowed: &[&str]) {
    if !url.is_empty() && !link_allowed(url, allowed) {
        p.add(item, field, format!("link {url:?} is not https on the allowlist ({})", allowed.join(", ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(is_code("1.001193"));
        assert!(!is_code("1001193"));
        assert!(!is_code("1.00119A"));
        assert!(!is_code("12.00119"));
        assert_eq!(code_number("1.001193"), Some(1_001_193));
        assert_eq!(code_number("9.000107"), Some(9_000_107));
        assert_eq!(code_number("1001193"), None);
        assert_eq!(normalise_code("1.001193").as_deref(), Some("1.001193"));
        assert_eq!(normalise_code("1001193").as_deref(), Some("1.001193"));
        assert_eq!(normalise_code("100119"), None);
        assert_eq!(normalise_code("10011934"), None);
        assert_eq!(normalise_code("1.00119A"), None);
    }

    #[test]
    fn links() {
        let allow = ["dichvucong.gov.vn", "dichvucong.quangtri.gov.vn"];
        assert!(link_allowed("https://dichvucong.gov.vn/p/x", &allow));
        assert!(link_allowed("https://DICHVUCONG.quangtri.gov.vn", &allow));
        assert!(!link_allowed("http://dichvucong.gov.vn/", &allow));
        assert!(!link_allowed("https://dichvucong.gov.vn.evil.com/", &allow));
        assert!(!link_allowed("https://evil.com/?dichvucong.gov.vn", &allow));
        assert!(!link_allowed("https://user@dichvucong.gov.vn/", &allow));
        assert!(!link_allowed("javascript:alert(1)", &allow));
        assert!(!link_allowed("https://dichvucong.gov.vn:8443/", &allow));
    }

    #[test]
    fn dates_and_slugs() {
        assert!(is_date("2025-07-01"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("01/07/2025"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("2025-02-31"));
        assert!(!is_date("2026-04-31"));
        assert!(!is_date("1989-12-31"));
        assert!(!is_date("2101-01-01"));
        assert!(is_slug("quang-tri"));
        assert!(!is_slug("Quang Tri"));
        assert!(!is_slug("../etc"));
    }
}
