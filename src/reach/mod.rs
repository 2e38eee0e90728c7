//! The reach view (`?mode=reach`): what the widget did for the province, from the collector's
//! daily counters — searches, details opened, filing clicks and their share by level, the most
//! opened procedures with their click-through, life-event checks, survey drop-off, and the
//! searches that found nothing (listed only from the configured threshold up).

mod chart;

use crate::format::number;
use crate::i18n::ReachStrings;
use crate::loading::Loaded;
use crate::state::ctx;
use crate::ui::LoadFailed;
use chart::CountChart;
use leptos::prelude::*;
use tthc_core::embed::View;
use tthc_core::lang::Lang;
use tthc_core::usage::reach::{share, Reach, ReachCell};

pub fn reach_view() -> impl IntoView {
    view! { <ReachPage/> }
}

fn pct(v: Option<f64>, lang: Lang) -> String {
    v.map(|p| format!("{}%", number(p, lang))).unwrap_or_else(|| "—".into())
}

#[component]
fn ReachPage() -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let r = crate::i18n::reach(lang);
    let period = cx.kept.reach_period;
    let data = cx.kept.reach;
    let load =
        move || data.start_for(period.get_untracked().name().to_owned(), crate::api::reach(period.get_untracked()));
    load();
    view! {
        <section class="reach-view" aria-labelledby="reach-title">
            <h2 id="reach-title">{r.title}</h2>
            <p class="hint">{r.intro}</p>
            <p><button type="button" class="link" on:click=move |_| cx.view.set(View::Results)>{r.to_results}</button></p>
            <div class="chips">
                <crate::ui::PeriodSelect period=period label=r.period changed=Callback::new(move |()| load())/>
            </div>
            {move || match data.get() {
                Loaded::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
                Loaded::Failed(e) => view! { <LoadFailed error=e retry=Callback::new(move |()| load())/> }.into_any(),
                Loaded::Ready(reach) if reach.cells.is_empty() => view! { <p class="empty" role="status">{r.none}</p> }.into_any(),
                Loaded::Ready(reach) => figures(&reach, r, lang).into_any(),
            }}
        </section>
    }
}

/// A titled group: a heading that labels its section.
fn group(id: &'static str, title: String, body: impl IntoView) -> impl IntoView {
    view! { <section class="reach-group" aria-labelledby=id><h3 id=id>{title}</h3>{body}</section> }
}

fn figures(reach: &Reach, r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let t = &reach.total;
    let n = |v: u64| number(v as f64, lang);
    let filing = t.filing.total();
    let levels = vec![
        (format!("{} · {}", r.toan_trinh, pct(share(t.filing.toan_trinh, filing), lang)), t.filing.toan_trinh),
        (format!("{} · {}", r.mot_phan, pct(share(t.filing.mot_phan, filing), lang)), t.filing.mot_phan),
        (format!("{} · {}", r.other_level, pct(share(t.filing.other, filing), lang)), t.filing.other),
    ];
    let by_period: Vec<(String, u64)> =
        reach.cells.iter().map(|c| (crate::ui::bucket_label(&c.period), c.filing.total())).collect();
    let totals = view! {
        <dl class="facts reach-totals">
            <dt>{r.searches}</dt><dd>{n(t.searches)}</dd>
            <dt>{r.no_result}</dt><dd>{n(t.no_result)}</dd>
            <dt>{r.opened}</dt><dd>{n(t.opened)}</dd>
            <dt>{r.filing}</dt><dd>{n(filing)}</dd>
        </dl>
        {(filing > 0).then(|| view! { <h4>{r.by_level}</h4><CountChart title=r.by_level.to_owned() bars=levels lang=lang/> })}
    };
    let trend = view! {
        <CountChart title=r.by_period.to_owned() bars=by_period lang=lang/>
        {period_table(&reach.cells, r, lang)}
    };
    view! {
        {group("reach-totals", r.totals.to_owned(), totals)}
        {(reach.cells.len() > 1).then(|| group("reach-periods", r.by_period.to_owned(), trend))}
        {group("reach-top", r.top.to_owned(), top_table(reach, r, lang))}
        {group("reach-events", r.events.to_owned(), events_table(reach, r, lang))}
        {group("reach-dropoff", r.dropoff.to_owned(), dropoff_table(t, r, lang))}
        {group("reach-queries", r.queries.to_owned(), queries(reach, r, lang))}
    }
}

fn period_table(cells: &[ReachCell], r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let n = move |v: u64| number(v as f64, lang);
    view! {
        <div class="tablewrap"><table>
            <caption>{r.per_period_caption}</caption>
            <thead><tr><th scope="col">{r.period_col}</th><th scope="col">{r.searches}</th>
                <th scope="col">{r.col_opened}</th><th scope="col">{r.col_filing}</th></tr></thead>
            <tbody>{cells.iter().map(|c| view! {
                <tr><th scope="row">{crate::ui::bucket_label(&c.period)}</th><td>{n(c.searches)}</td><td>{n(c.opened)}</td><td>{n(c.filing.total())}</td></tr>
            }).collect_view()}</tbody>
        </table></div>
    }
}

fn top_table(reach: &Reach, r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready();
    let n = move |v: u64| number(v as f64, lang);
    if reach.top.is_empty() {
        return view! { <p class="muted">{r.none}</p> }.into_any();
    }
    view! {
        <div class="tablewrap"><table>
            <caption class="vh">{r.top}</caption>
            <thead><tr><th scope="col">{r.procedure}</th><th scope="col">{r.col_opened}</th>
                <th scope="col">{r.col_filing}</th><th scope="col">{r.click_through}</th></tr></thead>
            <tbody>{reach.top.iter().map(|p| {
                let name = cat.as_ref().and_then(|c| c.entry(&p.code).map(|e| e.name_in(lang).to_owned()));
                let code = p.code.clone();
                view! {
                    <tr>
                        <th scope="row"><button type="button" class="link" on:click=move |_| cx.view.set(View::Detail(code.clone()))>
                            {name.unwrap_or_else(|| p.code.clone())}</button>" "<span class="code">{p.code.clone()}</span></th>
                        <td>{n(p.opened)}</td><td>{n(p.filing)}</td><td>{pct(share(p.filing, p.opened), lang)}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}

fn events_table(reach: &Reach, r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let cat = ctx().ready();
    if reach.events.is_empty() {
        return view! { <p class="muted">{r.none}</p> }.into_any();
    }
    let name = move |id: &str| {
        let ev = cat.as_ref().and_then(|c| c.index.life_events.iter().find(|e| e.id == id).cloned());
        ev.map(|e| lang.pick(&e.name, &e.name_en).to_owned()).unwrap_or_else(|| id.to_owned())
    };
    view! {
        <div class="tablewrap"><table>
            <caption class="vh">{r.events}</caption>
            <thead><tr><th scope="col">{r.event}</th><th scope="col">{r.finished_checks}</th></tr></thead>
            <tbody>{reach.events.iter().map(|e| view! {
                <tr><th scope="row">{name(&e.key)}</th><td>{number(e.n as f64, lang)}</td></tr>
            }).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}

fn dropoff_table(t: &ReachCell, r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let n = move |v: u64| number(v as f64, lang);
    view! {
        <div class="tablewrap"><table>
            <caption class="vh">{r.dropoff}</caption>
            <thead><tr><th scope="col">{r.kind}</th><th scope="col">{r.started}</th>
                <th scope="col">{r.finished}</th><th scope="col">{r.dropoff_col}</th></tr></thead>
            <tbody>{r.kinds.iter().map(|(id, label)| {
                let f = t.submissions.get(*id).cloned().unwrap_or_default();
                // A one-tap rating has no separate start: only what was sent.
                let (started, dropped) = if *id == "helpful" {
                    ("—".to_owned(), "—".to_owned())
                } else {
                    (n(f.started), pct(share(f.started.saturating_sub(f.finished), f.started), lang))
                };
                view! { <tr><th scope="row">{*label}</th><td>{started}</td><td>{n(f.finished)}</td><td>{dropped}</td></tr> }
            }).collect_view()}</tbody>
        </table></div>
    }
}

fn queries(reach: &Reach, r: &'static ReachStrings, lang: Lang) -> impl IntoView {
    let intro = r.queries_intro.replace("{n}", &reach.threshold.to_string());
    let unlisted = (reach.no_result_unlisted > 0)
        .then(|| view! { <p class="muted">{number(reach.no_result_unlisted as f64, lang)}" "{r.unlisted}</p> });
    view! {
        <p class="hint">{intro}</p>
        {if reach.no_result.is_empty() {
            view! { <p class="muted">{r.none}</p> }.into_any()
        } else {
            view! {
                <div class="tablewrap"><table class="queries">
                    <caption class="vh">{r.queries}</caption>
                    <thead><tr><th scope="col">{r.query}</th><th scope="col">{r.times}</th></tr></thead>
                    <tbody>{reach.no_result.iter().map(|q| view! {
                        <tr><th scope="row" lang="vi">{q.key.clone()}</th><td>{number(q.n as f64, lang)}</td></tr>
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
        {unlisted}
    }
}
