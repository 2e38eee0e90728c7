//! Loading survey definitions (data/surveys/, written and checked by `catalogue build`).

use crate::api::{self, ApiError, Listed};
use std::cell::RefCell;
use std::sync::Arc;
use tthc_core::survey::{Definition, Kind};

thread_local! {
    /// Definitions already read in this page: every procedure detail shows the one-tap question,
    /// and the survey and results views need the SIPAS one; fetch and check each once.
    static LOADED: RefCell<Vec<(Kind, Arc<Definition>)>> = const { RefCell::new(Vec::new()) };
    /// The list of surveys (data/surveys/index.json), read once for all kinds.
    static LISTED: RefCell<Option<Vec<Listed>>> = const { RefCell::new(None) };
}

/// The newest definition of `kind` (the index lists newest first).
pub async fn load(kind: Kind) -> Result<Arc<Definition>, Vec<String>> {
    if let Some(d) = LOADED.with_borrow(|l| l.iter().find(|(k, _)| *k == kind).map(|(_, d)| d.clone())) {
        return Ok(d);
    }
    let d = fetch(kind).await?;
    LOADED.with_borrow_mut(|l| l.push((kind, d.clone())));
    Ok(d)
}

/// The key of the newest survey of `kind`, from the list fetched once per page.
async fn newest(kind: Kind) -> Result<String, Vec<String>> {
    if LISTED.with_borrow(Option::is_none) {
        let list = api::survey_list().await.map_err(lines)?;
        LISTED.with_borrow_mut(|l| *l = Some(list));
    }
    let key = LISTED.with_borrow(|l| l.iter().flatten().find(|l| l.kind == kind).map(|l| l.key.clone()));
    key.ok_or_else(|| vec![format!("no {kind:?} survey")])
}

async fn fetch(kind: Kind) -> Result<Arc<Definition>, Vec<String>> {
    let key = newest(kind).await?;
    api::definition(&key).await.map(Arc::new).map_err(lines)
}

/// An error as the lines the survey view lists.
fn lines(e: ApiError) -> Vec<String> {
    match e {
        ApiError::Invalid(lines) => lines,
        other => vec![other.to_string()],
    }
}
