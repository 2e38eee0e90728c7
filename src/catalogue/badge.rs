//! The online-level badge: one look tells whether a procedure can be done online where the
//! citizen lives.

use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::catalogue::online::Shown;
use tthc_core::lang::Lang;
use tthc_core::levels::{Level, Provenance};

fn class(shown: Shown) -> &'static str {
    match shown {
        Shown::Level(Level::ToanTrinh, _) => "badge b-full",
        Shown::Level(Level::MotPhan, _) => "badge b-part",
        Shown::Level(Level::TrucTiep, _) => "badge b-none",
        Shown::Varies(..) => "badge b-vary",
        Shown::NotInRegistry => "badge b-none",
        Shown::Unknown => "badge b-unk",
    }
}

/// A level's name with its old number: "Toàn trình · Mức 4".
pub fn level_text(l: Level, lang: Lang) -> String {
    let i = l.info();
    format!("{} · {}", lang.pick(i.vi, i.en), lang.pick(i.old, i.old_en))
}

/// The badge for what the citizen is told, with a mark when the level is only the national typical
/// value. Static text: the whole view is rebuilt on a language switch. A plain function, not a
/// component: result rows are built on every keystroke and stay cheap.
pub fn level_badge(shown: Shown) -> impl IntoView {
    let cx = ctx();
    let t = cx.t_untracked();
    let lang = cx.lang.get_untracked();
    let text = match shown {
        Shown::Level(l, _) => level_text(l, lang),
        Shown::Varies(most, least) => {
            format!(
                "{}: {} – {}",
                t.level_varies,
                lang.pick(most.info().vi, most.info().en),
                lang.pick(least.info().vi, least.info().en)
            )
        }
        Shown::NotInRegistry => t.not_in_registry.to_owned(),
        Shown::Unknown => t.level_unknown.to_owned(),
    };
    let typical = matches!(shown, Shown::Level(_, Provenance::Typical));
    view! {
        <span class=class(shown)>
            {text}
            {typical.then(|| view! { <span class="typ" title=t.typical_note>"*"</span> })}
        </span>
    }
}
