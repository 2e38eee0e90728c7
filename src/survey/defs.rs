//! Loading survey definitions (data/surveys/, written and checked by `catalogue build`).

use crate::api::get_text;
use crate::catalogue::load::lines;
use std::sync::Arc;
use tthc_core::survey::{read_definition, Definition, Kind};

#[derive(serde::Deserialize)]
struct Listed {
    key: String,
    kind: Kind,
}

/// The newest definition of `kind` (the index lists newest first).
pub async fn load(kind: Kind) -> Result<Arc<Definition>, Vec<String>> {
    let index = get_text("data/surveys/index.json", 64 * 1024).await.map_err(|e| vec![format!("data/surveys/index.json: {e:?}")])?;
    let list: Vec<Listed> = tthc_core::json::from_str(&index).map_err(|e| vec![format!("data/surveys/index.json: {e}")])?;
    let key = list.into_iter().find(|l| l.kind == kind).map(|l| l.key).ok_or_else(|| vec![format!("no {kind:?} survey")])?;
    let path = format!("data/surveys/{key}.json");
    let text = get_text(&path, 256 * 1024).await.map_err(|e| vec![format!("{path}: {e:?}")])?;
    read_definition(&path, &text).map(Arc::new).map_err(|p| lines(&p))
}
