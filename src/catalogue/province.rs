//! Province overview: who, where to go, how much is online, and dated published figures.

use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::catalogue::online::Shown;
use tthc_core::levels::LEVELS;

#[component]
pub fn ProvinceView() -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("province view needs the catalogue");
    let p = cat.index.province.clone();
    let lang = cx.lang.get_untracked();
    let total = cat.index.procedures.len();
    let place = cx.place.get_untracked();
    let shown: Vec<Shown> = cat.index.procedures.iter().map(|e| e.shown_at(place.as_deref())).collect();
    let count = |f: &dyn Fn(&Shown) -> bool| shown.iter().filter(|s| f(s)).count();
    let mut counts: Vec<(String, usize)> = vec![(cx.t().online_here.to_owned(), count(&|s| s.is_online()))];
    counts.extend(LEVELS.iter().map(|l| {
        let n = count(&|s| s.level() == Some(l.level));
        (format!("{} ({})", lang.pick(l.vi, l.en), lang.pick(l.old, l.old_en)), n)
    }));
    let varies = count(&|s| matches!(s, Shown::Varies(..)));
    if varies > 0 {
        counts.push((cx.t().level_varies.to_owned(), varies));
    }
    let absent = count(&|s| *s == Shown::NotInRegistry);
    if absent > 0 {
        counts.push((cx.t().not_in_registry.to_owned(), absent));
    }
    let registry = p.registry.clone();
    view! {
        <section class="province">
            <h2>{p.name.clone()}</h2>
            {(!p.absorbed.is_empty()).then(|| view! {
                <p>{cx.t().absorbed}": "{p.absorbed.join(", ")}{(!p.merger_basis.is_empty()).then(|| format!(" ({})", p.merger_basis))}</p>
            })}
            <p>{cx.t().portal}": " <a href=p.portal.url.clone() target="_blank" rel="noopener">{p.portal.name.clone()}" ↗"</a></p>
            <p>{cx.t().fallback_where}": "{cx.t().in_person_where}</p>
            <h3>{cx.t().levels_in_catalogue}</h3>
            <ul class="levelcounts">
                {counts.into_iter().map(|(label, n)| view! { <li><span>{label}</span><strong>{n}"/"{total}</strong></li> }).collect_view()}
            </ul>
            <crate::catalogue::place::PlacePicker/>
            <p class="muted">{match registry {
                Some(r) => format!("{} {}, {}", cx.t().registry_from, r.source, r.date),
                None => cx.t().typical_note.to_owned(),
            }}</p>
            {(!p.statistics.is_empty()).then(|| view! {
                <h3>{cx.t().statistics}</h3>
                <div class="tablewrap"><table class="stats">
                    <thead><tr>
                        <th scope="col">{cx.t().stat_value}</th><th scope="col">{cx.t().stat_unit}</th>
                        <th scope="col">{cx.t().stat_period}</th><th scope="col">{cx.t().stat_source}</th>
                    </tr></thead>
                    <tbody>{p.statistics.iter().map(|s| {
                        let label = lang.pick(&s.label, &s.label_en).to_owned();
                        view! { <tr>
                            <td><span class="statlabel">{label}</span><strong>{crate::format::number(s.value, cx.lang.get_untracked())}" "{s.unit.clone()}</strong></td>
                            <td>{s.unit_name.clone()}</td><td>{s.period.clone()}</td><td>{s.source.clone()}" ("{s.date.clone()}")"</td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div>
            })}
            <p class="muted">{cx.t().data_as_of}": "{p.as_of.clone()}</p>
        </section>
    }
}
