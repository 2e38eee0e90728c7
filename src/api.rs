//! The only place that talks HTTP: one function per resource, each returning a value checked by
//! core or a typed error. Components never build URLs, choose size limits or parse JSON. Data paths
//! are relative to the widget page, so the widget reads data only from its own origin.

use gloo_net::http::Request;
use std::cell::RefCell;
use std::sync::Arc;
use tthc_core::catalogue::bundle::{
    read_detail, Detail, ProvinceIndex, ProvinceInfo, MAX_DETAIL_BYTES, MAX_INDEX_BYTES,
};
use tthc_core::catalogue::Problem;
use tthc_core::delivery::{parse_http_date, parse_retry_after, Attempt};
use tthc_core::first_load::{survey_definition, SURVEY_LIST};
use tthc_core::stats::{Period, Summary};
use tthc_core::survey::{newest, read_definition, Definition, Kind, Listed};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all (offline, DNS, connection reset).
    Network(String),
    /// The server answered with this status.
    Status(u16),
    /// Larger than the caller allows (size, limit); refused before parsing.
    TooLarge(usize, usize),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Network(e) => f.write_str(e),
            FetchError::Status(s) => write!(f, "HTTP {s}"),
            FetchError::TooLarge(n, limit) => write!(f, "file is {n} bytes; the limit is {limit}"),
        }
    }
}

/// Why a resource could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// Network or server trouble: worth a retry.
    Unreachable(String),
    /// The resource does not exist (an unknown province or procedure).
    NotFound,
    /// It arrived but failed the checks; one line per problem.
    Invalid(Vec<String>),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Unreachable(e) => f.write_str(e),
            ApiError::NotFound => f.write_str("HTTP 404"),
            ApiError::Invalid(lines) => f.write_str(&lines.join("\n")),
        }
    }
}

impl From<FetchError> for ApiError {
    fn from(e: FetchError) -> Self {
        match e {
            FetchError::Status(404) => ApiError::NotFound,
            FetchError::TooLarge(..) => ApiError::Invalid(vec![e.to_string()]),
            e => ApiError::Unreachable(e.to_string()),
        }
    }
}

fn problems(list: &[Problem]) -> ApiError {
    ApiError::Invalid(list.iter().take(50).map(ToString::to_string).collect())
}

/// A fetch error, a size refusal named by its path.
fn named(path: &str, e: FetchError) -> ApiError {
    match ApiError::from(e) {
        ApiError::Invalid(l) => ApiError::Invalid(l.into_iter().map(|x| format!("{path}: {x}")).collect()),
        other => other,
    }
}

/// A JSON resource read into a core type, named by its path in errors.
async fn json<T: serde::de::DeserializeOwned>(path: &str, max_bytes: usize) -> Result<T, ApiError> {
    let text = get_text(path, max_bytes).await.map_err(|e| named(path, e))?;
    tthc_core::json::from_str(&text).map_err(|e| ApiError::Invalid(vec![format!("{path}: {e}")]))
}

/// Core's reader of a province's search index (`tthc_core::catalogue::bundle::read_index`).
pub type ReadIndex = fn(&str, &str) -> Result<ProvinceIndex, Vec<Problem>>;

/// How a part gets [`ReadIndex`]: from its main module (the finder, whose search needs it at once),
/// or from a module of its own, fetched while the first view is drawn (the feedback part, whose
/// survey is drawn without the catalogue).
pub type IndexReader = fn() -> IndexReading;

/// What an [`IndexReader`] gives: the reader, once its module is there.
pub type IndexReading = std::pin::Pin<Box<dyn std::future::Future<Output = Result<ReadIndex, ApiError>>>>;

/// The province's search index, checked by core with `reader`'s [`ReadIndex`].
pub async fn index(province: &str, reader: IndexReader) -> Result<ProvinceIndex, ApiError> {
    let path = tthc_core::first_load::province_index(province);
    let read = reader().await?;
    let text = get_text(&path, MAX_INDEX_BYTES).await.map_err(|e| named(&path, e))?;
    read(&path, &text).map_err(|p| problems(&p))
}

/// One procedure's detail shard, checked against its province (`read_detail`).
pub async fn detail(province: &ProvinceInfo, code: &str) -> Result<Detail, ApiError> {
    let path = tthc_core::first_load::procedure_detail(&province.code, code);
    let text = get_text(&path, MAX_DETAIL_BYTES).await.map_err(|e| named(&path, e))?;
    read_detail(&path, &text, province).map_err(|p| problems(&p))
}

#[derive(serde::Deserialize)]
struct ProvinceItem {
    code: String,
    name: String,
}

/// The provinces that have data: (code, name); empty when the list cannot be had.
pub async fn provinces() -> Vec<(String, String)> {
    let list: Result<Vec<ProvinceItem>, _> = json("data/provinces.json", 64 * 1024).await;
    list.map(|v| v.into_iter().map(|p| (p.code, p.name)).collect()).unwrap_or_default()
}

async fn survey_list() -> Result<Vec<Listed>, ApiError> {
    json(SURVEY_LIST, 64 * 1024).await
}

thread_local! {
    /// Definitions already read in this page: every procedure detail shows the one-tap question,
    /// and the survey and results views need the SIPAS one; each is fetched and checked once.
    static DEFINITIONS: RefCell<Vec<(Kind, Arc<Definition>)>> = const { RefCell::new(Vec::new()) };
    /// The list of surveys (data/surveys/index.json), read once for all kinds.
    static LISTED: RefCell<Option<Vec<Listed>>> = const { RefCell::new(None) };
}

/// The newest definition of `kind` (the list is newest first), read once per page.
pub async fn newest_definition(kind: Kind) -> Result<Arc<Definition>, ApiError> {
    if let Some(d) = DEFINITIONS.with_borrow(|l| l.iter().find(|(k, _)| *k == kind).map(|(_, d)| d.clone())) {
        return Ok(d);
    }
    if LISTED.with_borrow(Option::is_none) {
        let list = survey_list().await?;
        LISTED.with_borrow_mut(|l| *l = Some(list));
    }
    let key = LISTED.with_borrow(|l| newest(l.as_deref().unwrap_or_default(), kind).map(|l| l.key.clone()));
    let key = key.ok_or_else(|| ApiError::Invalid(vec![format!("{SURVEY_LIST}: no {kind:?} survey")]))?;
    let d = Arc::new(definition(&key).await?);
    DEFINITIONS.with_borrow_mut(|l| l.push((kind, d.clone())));
    Ok(d)
}

/// A survey definition by its key (`id@version`), checked by core (`read_definition`).
async fn definition(key: &str) -> Result<Definition, ApiError> {
    let path = survey_definition(key);
    let text = get_text(&path, 256 * 1024).await.map_err(|e| named(&path, e))?;
    read_definition(&path, &text).map_err(|p| problems(&p))
}

/// The collector's summary of `def`'s answers for one procedure (or all) and period.
pub async fn summary(def: &Definition, procedure: &str, period: Period) -> Result<Summary, ApiError> {
    let mut q = format!("/api/v1/summary?survey={}&period={}", def.key(), period.name());
    if !procedure.is_empty() {
        q.push_str("&procedure=");
        q.push_str(procedure);
    }
    json(&q, 4 * 1024 * 1024).await
}

/// How long one GET may take, body included, before it is abandoned and tried again.
const GET_TIMEOUT_MS: u32 = 20_000;
/// Waits before the second and third GET when the first found no answer or a server error: a
/// dropped mobile connection or a restarting collector is usually back within seconds.
const GET_RETRY_MS: [u64; 2] = [1_000, 3_000];

/// GET a text resource no larger than `max_bytes`; no answer, a timeout or a 5xx is tried again
/// (GET is idempotent), anything else is final.
async fn get_text(path: &str, max_bytes: usize) -> Result<String, FetchError> {
    let mut outcome = get_once(path, max_bytes).await;
    for wait in GET_RETRY_MS {
        let again =
            matches!(outcome, Err(FetchError::Network(_))) || matches!(outcome, Err(FetchError::Status(s)) if s >= 500);
        if !again {
            break;
        }
        gloo_timers::future::sleep(std::time::Duration::from_millis(wait)).await;
        outcome = get_once(path, max_bytes).await;
    }
    outcome
}

async fn get_once(path: &str, max_bytes: usize) -> Result<String, FetchError> {
    let (abort, _timer) = deadline(GET_TIMEOUT_MS);
    let req = Request::get(path).abort_signal(abort.as_ref().map(|a| a.signal()).as_ref());
    let resp = req.send().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    let declared = resp.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
    if let Some(n) = declared.filter(|n| *n > max_bytes) {
        return Err(FetchError::TooLarge(n, max_bytes));
    }
    let text = resp.text().await.map_err(|e| FetchError::Network(e.to_string()))?;
    if text.len() > max_bytes {
        return Err(FetchError::TooLarge(text.len(), max_bytes));
    }
    Ok(text)
}

/// An abort signal that fires after `ms`, for a request and the reading of its body; dropping
/// the timer cancels it.
fn deadline(ms: u32) -> (Option<web_sys::AbortController>, Option<gloo_timers::callback::Timeout>) {
    let abort = web_sys::AbortController::new().ok();
    let timer = abort.as_ref().map(|a| {
        let a = a.clone();
        gloo_timers::callback::Timeout::new(ms, move || a.abort())
    });
    (abort, timer)
}

const POST_TIMEOUT_MS: u32 = 30_000;

#[derive(serde::Deserialize)]
struct Receipt {
    id: String,
}

#[derive(serde::Deserialize)]
struct Refusal {
    errors: Vec<tthc_core::survey::FieldError>,
}

/// The collector's reasons, one line per field, when the body is its own refusal.
fn refusal(text: &str) -> Option<String> {
    let r = tthc_core::json::from_str::<Refusal>(text).ok().filter(|r| !r.errors.is_empty())?;
    Some(r.errors.iter().map(|e| format!("{} / {}", e.message_vi, e.message_en)).collect::<Vec<_>>().join("; "))
}

/// POSTs a JSON body unchanged; the attempt number travels in a header, never in the body.
/// A 200/201 counts only when it is the collector's receipt for this very id: a proxy's or a
/// firewall's 200 page (or a redirect to a login page) must not delete the answer. Likewise only
/// the collector's JSON refusal is marked as one (`tthc_core::delivery` decides what follows).
pub async fn post_response(body: &str, id: &str, attempt: u32) -> Attempt {
    const PATH: &str = "/api/v1/responses";
    // A stalled mobile connection must not hold the outbox (and its lock) for minutes: give up after
    // POST_TIMEOUT and let the backoff retry. The body is unchanged, so a late commit is deduplicated.
    let (abort, timer) = deadline(POST_TIMEOUT_MS);
    let req = Request::post(PATH)
        .header("Content-Type", "application/json")
        .header("X-Attempt", &attempt.to_string())
        .abort_signal(abort.as_ref().map(|a| a.signal()).as_ref())
        .body(body.to_owned());
    let resp = match req {
        Ok(r) => r.send().await,
        Err(e) => return Attempt { reason: e.to_string(), ..Attempt::default() },
    };
    let r = match resp {
        Ok(r) => r,
        Err(e) => return Attempt { reason: e.to_string(), ..Attempt::default() },
    };
    let status = r.status();
    let server_ms = r.headers().get("date").and_then(|v| parse_http_date(&v));
    let retry_after_secs = r.headers().get("retry-after").and_then(|v| parse_retry_after(&v, server_ms));
    // The timer runs until the body is read too: a body that stalls is aborted like a silent server.
    let text = r.text().await;
    drop(timer);
    let Ok(text) = text else {
        return Attempt { reason: format!("HTTP {status}: the body did not arrive"), ..Attempt::default() };
    };
    if r.ok() {
        let ours = !r.redirected() && tthc_core::json::from_str::<Receipt>(&text).is_ok_and(|x| x.id == id);
        let reason = if ours { String::new() } else { format!("HTTP {status} without a receipt") };
        return Attempt { status: ours.then_some(status), retry_after_secs, server_ms, reason, ..Attempt::default() };
    }
    let refused = refusal(&text);
    let reason = refused.clone().unwrap_or_else(|| format!("HTTP {status}"));
    Attempt { status: Some(status), refusal: refused.is_some(), retry_after_secs, server_ms, reason }
}

/// Hands a page's reach counts to the browser to send, even as the page goes away; the answer
/// is never read (a lost batch is a lost count, see `usage.rs`).
pub fn send_usage(body: &str) {
    let _ = web_sys::window().map(|w| w.navigator().send_beacon_with_opt_str("/api/v1/usage", Some(body)));
}

/// The reach figures per `period`, checked by core's types.
pub async fn reach(period: Period) -> Result<Arc<tthc_core::usage::reach::Reach>, ApiError> {
    json(&format!("/api/v1/reach?period={}", period.name()), 4 * 1024 * 1024).await.map(Arc::new)
}
