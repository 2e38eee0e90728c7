//! The online-level badge: one look tells whether a procedure can be done online.

use crate::i18n::Lang;
use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::levels::Level;

fn class(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::ToanTrinh) => "badge b-full",
        Some(Level::MotPhan) => "badge b-part",
        Some(Level::TrucTiep) => "badge b-none",
        None => "badge b-unk",
    }
}

/// "Toàn trình · Mức 4", with a mark when the level is only the national typical value.
/// Static text: the whole view is rebuilt on a language switch. A plain function, not a
/// component: result rows are built on every keystroke and stay cheap.
pub fn level_badge(level: Option<Level>, published: bool) -> impl IntoView {
    let cx = ctx();
    let t = cx.t_untracked();
    let text = match level {
        Some(l) => {
            let i = l.info();
            match cx.lang.get_untracked() {
                Lang::Vi => format!("{} · {}", i.vi, i.old),
                Lang::En => format!("{} · {}", i.en, i.old_en),
            }
        }
        None => t.level_unknown.to_owned(),
    };
    let typical = level.is_some() && !published;
    view! {
        <span class=class(level)>
            {text}
            {typical.then(|| view! { <span class="typ" title=t.typical_note>"*"</span> })}
        </span>
    }
}
