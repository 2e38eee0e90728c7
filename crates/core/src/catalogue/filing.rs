//! Where citizens are sent: the deployment's allowlist of filing systems and portals, and the
//! registry's filing links made safe. The allowlist is part of the build, never of the data it
//! checks: a registry row, a seed, a province's `link_domains` or a downloaded shard cannot widen it
//! (every link host must already be on it). A province adding its registry or portal adds its hosts
//! here (docs/IMPORT.md) and the widget is rebuilt.

use super::rules::{https_host, link_allowed, NATIONAL_PORTAL};

/// Filing systems a registry link may point to (and their subdomains), https only.
pub const FILING_HOSTS: &[&str] = &[
    NATIONAL_PORTAL,
    // Ministry systems seen in Quảng Trị's registry (Cổng DVC quốc gia, 10/2026).
    "dichvucongnganhtuphap.moj.gov.vn",
    "dvc.moc.gov.vn",
    "dichvucongnnmt.mae.gov.vn",
    "dichvucongbnv.moha.gov.vn",
    "sso.mof.gov.vn",
    "dichvucongbyt.moh.gov.vn",
    "dvc.moet.gov.vn",
    // The provinces' own portals (the shipped catalogue's provinces).
    "dichvucong.quangtri.gov.vn",
    "dichvucong.quangninh.gov.vn",
    "dichvucong.thuathienhue.gov.vn",
    "dichvucong.quangngai.gov.vn",
    "dichvucong.khanhhoa.gov.vn",
];

/// True when `url` is an https link to an allowlisted filing system, or to a province's one-stop
/// portal named the way every province names it: `dichvucong.<province>.gov.vn` (one word of
/// letters; no other host under gov.vn passes).
pub fn is_filing_link(url: &str) -> bool {
    let provincial = |h: &str| {
        h.strip_prefix("dichvucong.")
            .and_then(|r| r.strip_suffix(".gov.vn"))
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
    };
    link_allowed(url, FILING_HOSTS) || https_host(url).is_some_and(|h| provincial(&h))
}

/// A filing link as registries write it ("dvc.moc.gov.vn/vi/nps/apply", "https://…/x?",
/// "http://…") made https, without a dangling `?` and surrounding spaces; `Err` with the reason when
/// it is not a link to an allowlisted filing system.
pub fn normalise_link(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("the filing link is empty".into());
    }
    let lower = s.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://").map(|_| &s[8..]) {
        r
    } else if lower.starts_with("http://") {
        &s[7..]
    } else if lower.contains("://") || lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Err(format!("the filing link {:?} is not a web address", short(s)));
    } else {
        s
    };
    let mut url = format!("https://{rest}");
    while url.ends_with('?') || url.ends_with('&') {
        url.pop();
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\')) {
        return Err(format!("the filing link {:?} holds spaces or markup", short(s)));
    }
    match https_host(&url) {
        None => Err(format!("the filing link {:?} has no plain host name", short(s))),
        Some(h) if !is_filing_link(&url) => {
            Err(format!("the filing host {h:?} is not on the filing allowlist (https gov.vn systems)"))
        }
        Some(_) => Ok(url),
    }
}

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_links_made_https() {
        for (raw, want) in [
            (
                "dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc?",
                "https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc",
            ),
            ("https://dvc.moc.gov.vn/vi/nps/apply", "https://dvc.moc.gov.vn/vi/nps/apply"),
            (" http://dvc.moc.gov.vn/vi/nps/apply ", "https://dvc.moc.gov.vn/vi/nps/apply"),
            ("HTTPS://dichvucong.quangtri.gov.vn/nps/apply", "https://dichvucong.quangtri.gov.vn/nps/apply"),
            ("dichvucong.tinhthu.gov.vn/nps/apply", "https://dichvucong.tinhthu.gov.vn/nps/apply"),
            (
                "sso.mof.gov.vn/vneid/authorize?client_id=dntn-66666131",
                "https://sso.mof.gov.vn/vneid/authorize?client_id=dntn-66666131",
            ),
        ] {
            assert_eq!(normalise_link(raw).as_deref(), Ok(want), "{raw}");
        }
    }

    #[test]
    fn hostile_links_are_refused_with_a_reason() {
        for (raw, why) in [
            ("", "empty"),
            ("javascript:alert(1)", "not a web address"),
            ("ftp://dvc.moc.gov.vn/x", "not a web address"),
            ("evil.com/apply", "not on the filing allowlist"),
            ("dvc.moc.gov.vn.evil.com/x", "not on the filing allowlist"),
            ("vn/x", "not on the filing allowlist"),
            ("dichvucong.evil.com/x", "not on the filing allowlist"),
            ("dichvucong.a.b.gov.vn/x", "not on the filing allowlist"),
            ("gov.vn/x", "not on the filing allowlist"),
            ("user@dvc.moc.gov.vn/x", "no plain host"),
            ("dvc.moc.gov.vn:8443/x", "no plain host"),
            ("dvc.moc.gov.vn/a b", "spaces or markup"),
            ("dvc.moc.gov.vn/<script>", "spaces or markup"),
        ] {
            let e = normalise_link(raw).expect_err(raw);
            assert!(e.contains(why), "{raw}: {e}");
        }
    }
}
