//! One national record → one catalogue procedure, within the catalogue's limits. Where a text is
//! longer than the catalogue allows it is shortened visibly ("…") and a warning names it; where a
//! table cannot be split its text is kept; nothing is invented.

use super::records::Raw;
use super::text::{clean, shorten};
use super::{cells, documents, ways};
use crate::catalogue::problems::Problems;
use crate::catalogue::rules::{limits as L, link_allowed, NATIONAL_PORTAL};
use crate::catalogue::schema::{Procedure, Tier};
use std::sync::LazyLock;

/// A warning text that names a limit.
type Limit = LazyLock<String>;

/// Warning kinds, as the report prints them. Those naming a limit are formatted from it once.
pub static W_NAME: Limit = LazyLock::new(|| format!("name shortened to {} characters", L::NAME));
pub static W_FIELD: Limit = LazyLock::new(|| format!("field (linh_vuc) shortened to {} characters", L::FIELD));
pub static W_AGENCY: Limit =
    LazyLock::new(|| format!("agency (co_quan_thuc_hien) shortened to {} characters", L::AGENCY));
pub static W_TIME: Limit = LazyLock::new(|| format!("time shortened to {} characters", L::TIME));
pub static W_FEE: Limit = LazyLock::new(|| format!("fee shortened to {} characters", L::FEE));
pub static W_DECISION: Limit =
    LazyLock::new(|| format!("decision (so_quyet_dinh) shortened to {} characters", L::DECISION));
pub static W_RESULT: Limit = LazyLock::new(|| format!("result (ket_qua_xu_ly) shortened to {} characters", L::RESULT));
pub static W_LEGAL_SHORT: Limit =
    LazyLock::new(|| format!("can_cu_phap_ly: entries shortened to {} characters", L::LEGAL_BASIS));
pub static W_LEGAL_MANY: Limit = LazyLock::new(|| {
    format!("can_cu_phap_ly: over {} entries, the rest summarised in a last entry", cells::MAX_LEGAL_ENTRIES)
});
pub static W_DOCS_MANY: Limit =
    LazyLock::new(|| format!("thanh_phan_ho_so: over {} documents, the rest summarised in a last entry", L::DOCUMENTS));
pub const W_WAYS_RAW: &str = "cach_thuc_thuc_hien: rows not split into time/fee, text kept in time";
pub const W_DOCS_RAW: &str = "thanh_phan_ho_so: no documents table, text kept as one document";
pub const W_DOCS_SHORT: &str = "thanh_phan_ho_so: document names or notes shortened";
pub const W_URL: &str = "detail_url left out: not an https link on dichvucong.gov.vn";
pub const W_TIER: &str = "cap_thuc_hien: unknown tier names ignored";
pub const W_NO_CHANNEL: &str = "cach_thuc_thuc_hien: no channel given";

/// Converts a record whose code has been checked. `warn` receives each warning kind.
pub fn procedure(raw: &Raw, source: &str, warn: &mut dyn FnMut(&'static str)) -> Result<Procedure, String> {
    let mut bounded = |s: String, max: usize, w: &'static str| {
        let out = shorten(&s, max);
        if out != s {
            warn(w);
        }
        out
    };
    let (mut tiers, unknown) = cells::tiers(&raw.tiers);
    // "Cơ quan khác" alone (national bodies other than ministries) counts as central.
    if tiers.is_empty() && crate::fold::fold(&raw.tiers).contains("co quan khac") {
        tiers.push(Tier::TrungUong);
    }
    let name = bounded(cells::name(&raw.name), L::NAME, W_NAME.as_str());
    let field = bounded(clean(&raw.field), L::FIELD, W_FIELD.as_str());
    let agency = bounded(clean(&raw.agency), L::AGENCY, W_AGENCY.as_str());
    let w = ways::parse(&raw.ways);
    let time = bounded(w.time, L::TIME, W_TIME.as_str());
    let fee = bounded(w.fee, L::FEE, W_FEE.as_str());
    let decision = bounded(clean(&raw.decision), L::DECISION, W_DECISION.as_str());
    let result = bounded(cells::result(&raw.result, L::RESULT), L::RESULT, W_RESULT.as_str());
    let docs = documents::parse(&raw.documents);
    let legal = cells::legal_basis(&raw.legal_basis, L::LEGAL_BASIS);
    if legal.shortened > 0 {
        warn(W_LEGAL_SHORT.as_str());
    }
    if legal.over_limit > 0 {
        warn(W_LEGAL_MANY.as_str());
    }
    if !unknown.is_empty() {
        warn(W_TIER);
    }
    if w.unsplit > 0 {
        warn(W_WAYS_RAW);
    }
    if w.channels.is_empty() {
        warn(W_NO_CHANNEL);
    }
    if docs.unsplit {
        warn(W_DOCS_RAW);
    }
    if docs.shortened > 0 {
        warn(W_DOCS_SHORT);
    }
    if docs.over_limit > 0 {
        warn(W_DOCS_MANY.as_str());
    }
    let url = raw.url.trim();
    let portal_url = if url.is_empty() || link_allowed(url, &[NATIONAL_PORTAL]) {
        url.to_owned()
    } else {
        warn(W_URL);
        String::new()
    };
    let p = Procedure {
        code: raw.code.trim().to_owned(),
        name,
        name_en: String::new(),
        field,
        tiers,
        agency,
        decision,
        channels: w.channels,
        time,
        fee,
        documents: docs.list,
        legal_basis: legal.list,
        result,
        portal_url,
        aliases: Vec::new(),
        typical_level: None,
        replaced_by: None,
        sources: vec![source.to_owned()],
    };
    // The catalogue's own rules, so that every procedure written passes `catalogue check`.
    let mut problems = Problems::new("");
    crate::catalogue::validate::procedure(&mut problems, &p);
    if problems.is_empty() {
        Ok(p)
    } else {
        let reasons: Vec<String> = problems.list.iter().map(|x| format!("{}: {}", x.field, x.message)).collect();
        Err(reasons.join("; "))
    }
}

/// True when the province handles the procedure (tỉnh or xã tier).
pub fn is_local(tiers: &[Tier]) -> bool {
    tiers.iter().any(|t| matches!(t, Tier::Tinh | Tier::Xa))
}
