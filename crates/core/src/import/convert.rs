//! One national record → one catalogue procedure, within the catalogue's limits. Where a text is
//! longer than the catalogue allows it is shortened visibly ("…") and a warning names it; where a
//! table cannot be split its text is kept; nothing is invented.

use super::records::Raw;
use super::text::{clean, shorten};
use super::{cells, documents, ways};
use crate::catalogue::problems::Problems;
use crate::catalogue::rules::{link_allowed, NATIONAL_PORTAL};
use crate::catalogue::schema::{Procedure, Tier};

/// Catalogue limits (catalogue::validate::procedure), in characters.
const MAX_NAME: usize = 300;
const MAX_FIELD: usize = 120;
const MAX_AGENCY: usize = 300;
const MAX_DECISION: usize = 120;
const MAX_TIME: usize = 400;
const MAX_FEE: usize = 600;
const MAX_RESULT: usize = 400;
const MAX_LEGAL: usize = 300;

/// Warning kinds, as the report prints them.
pub const W_NAME: &str = "name shortened to 300 characters";
pub const W_FIELD: &str = "field (linh_vuc) shortened to 120 characters";
pub const W_AGENCY: &str = "agency (co_quan_thuc_hien) shortened to 300 characters";
pub const W_TIME: &str = "time shortened to 400 characters";
pub const W_FEE: &str = "fee shortened to 600 characters";
pub const W_DECISION: &str = "decision (so_quyet_dinh) shortened to 120 characters";
pub const W_RESULT: &str = "result (ket_qua_xu_ly) shortened to 400 characters";
pub const W_LEGAL_SHORT: &str = "can_cu_phap_ly: entries shortened to 300 characters";
pub const W_LEGAL_MANY: &str = "can_cu_phap_ly: over 60 entries, the rest summarised in a last entry";
pub const W_WAYS_RAW: &str = "cach_thuc_thuc_hien: rows not split into time/fee, text kept in time";
pub const W_DOCS_RAW: &str = "thanh_phan_ho_so: no documents table, text kept as one document";
pub const W_DOCS_SHORT: &str = "thanh_phan_ho_so: document names or notes shortened";
pub const W_DOCS_MANY: &str = "thanh_phan_ho_so: over 60 documents, the rest summarised in a last entry";
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
    let name = bounded(cells::name(&raw.name), MAX_NAME, W_NAME);
    let field = bounded(clean(&raw.field), MAX_FIELD, W_FIELD);
    let agency = bounded(clean(&raw.agency), MAX_AGENCY, W_AGENCY);
    let w = ways::parse(&raw.ways);
    let time = bounded(w.time, MAX_TIME, W_TIME);
    let fee = bounded(w.fee, MAX_FEE, W_FEE);
    let decision = bounded(clean(&raw.decision), MAX_DECISION, W_DECISION);
    let result = bounded(cells::result(&raw.result, MAX_RESULT), MAX_RESULT, W_RESULT);
    let docs = documents::parse(&raw.documents);
    let legal = cells::legal_basis(&raw.legal_basis, MAX_LEGAL);
    if legal.shortened > 0 {
        warn(W_LEGAL_SHORT);
    }
    if legal.over_limit > 0 {
        warn(W_LEGAL_MANY);
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
        warn(W_DOCS_MANY);
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
