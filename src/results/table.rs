//! The criterion table: the accessible alternative to the charts, with every figure.

use super::chart::value_text;
use crate::format::number;
use crate::i18n::ResultsStrings;
use leptos::prelude::*;
use tthc_core::lang::Lang;
use tthc_core::stats::{Cell, Stat};
use tthc_core::survey::Definition;

fn pct(s: &Stat, lang: Lang) -> String {
    s.top2.filter(|_| !s.suppressed).map(|p| format!("{}%", number(p, lang))).unwrap_or_else(|| "—".into())
}

fn interval(s: &Stat, lang: Lang) -> String {
    s.interval
        .filter(|_| !s.suppressed)
        .map(|[a, b]| format!("{}–{}%", number(a, lang), number(b, lang)))
        .unwrap_or_else(|| "—".into())
}

fn mean(s: &Stat, lang: Lang) -> String {
    s.mean.filter(|_| !s.suppressed).map(|m| number(m, lang)).unwrap_or_else(|| "—".into())
}

#[component]
pub fn CriteriaTable(
    def: std::sync::Arc<Definition>,
    cell: Cell,
    lang: Lang,
    r: &'static ResultsStrings,
) -> impl IntoView {
    let row = move |label: String, s: &Stat, class: &'static str| {
        let hint = if s.suppressed { value_text(s, lang, r.suppressed) } else { s.n.to_string() };
        view! {
            <tr class=class>
                <th scope="row">{label}</th>
                <td>{hint}</td><td>{pct(s, lang)}</td><td>{interval(s, lang)}</td><td>{mean(s, lang)}</td>
            </tr>
        }
    };
    view! {
        <div class="tablewrap">
            <table class="crit">
                <caption>{r.table_caption}" ("{crate::ui::bucket_label(&cell.period)}")"</caption>
                <thead><tr>
                    <th scope="col">{r.criterion}</th><th scope="col">"n"</th><th scope="col">{r.top2}</th>
                    <th scope="col">{r.interval}</th><th scope="col">{r.mean}</th>
                </tr></thead>
                <tbody>
                    {cell.elements.iter().map(|e| {
                        let el = def.elements.iter().find(|x| x.id == e.id);
                        let title = el.map(|x| x.title.get(lang).to_owned()).unwrap_or_else(|| e.id.clone());
                        view! {
                            {row(title, &e.stat, "el")}
                            {e.criteria.iter().map(|c| {
                                let text = def.criterion(&c.id).map(|x| x.text.get(lang).to_owned()).unwrap_or_else(|| c.id.clone());
                                row(text, &c.stat, "")
                            }).collect_view()}
                        }
                    }).collect_view()}
                    {cell.overall.as_ref().map(|o| row(r.overall.to_owned(), o, "el"))}
                </tbody>
            </table>
        </div>
    }
}
