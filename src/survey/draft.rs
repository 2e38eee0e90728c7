//! Drafts on this device: core's `Draft` saved on every answer, restored after a reload for a
//! while (`tthc_core::survey::draft_fresh`), never kept on a shared device.

use tthc_core::survey::{draft_fresh, Draft};

const PREFIX: &str = "tthc-draft-v2:";

/// One draft per province, survey and procedure: answers about one procedure never carry over to another.
fn key(province: &str, survey: &str, procedure: Option<&str>) -> String {
    format!("{PREFIX}{province}:{survey}:{}", procedure.unwrap_or("-"))
}

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Deletes every stored draft that may not be shown any more (expired, unreadable, or any at
/// all on a shared device), then returns this survey's, if one is left.
pub fn restore(province: &str, survey: &str, procedure: Option<&str>, shared: bool) -> Option<Draft> {
    let s = storage()?;
    let now = js_sys::Date::now();
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let draft = s.get_item(&k).ok().flatten().and_then(|t| tthc_core::json::from_str::<Draft>(&t).ok());
        if shared || !draft.is_some_and(|d| draft_fresh(d.saved_ms, now)) {
            let _ = s.remove_item(&k);
        }
    }
    let text = s.get_item(&key(province, survey, procedure)).ok()??;
    tthc_core::json::from_str::<Draft>(&text).ok().filter(|d| d.survey == survey)
}

pub fn save(draft: &Draft, province: &str) {
    let stamped = Draft { saved_ms: js_sys::Date::now(), ..draft.clone() };
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&stamped)) {
        let _ = s.set_item(&key(province, &draft.survey, draft.procedure.as_deref()), &text);
    }
}

pub fn clear(draft: &Draft, province: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(province, &draft.survey, draft.procedure.as_deref()));
    }
}
