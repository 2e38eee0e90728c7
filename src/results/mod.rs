//! "Khảo sát mức độ hài lòng (theo tiêu chí SIPAS)": overall and per-element SVG charts with n,
//! period and interval, a trend by period, and the criterion table. Filters: procedure, period.

mod chart;
mod table;

use crate::loading::Loaded;
use crate::state::ctx;
use crate::ui::LoadFailed;
use chart::{Bar, BarChart};
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::embed::View;
use tthc_core::lang::Lang;
use tthc_core::stats::{Cell, Summary};
use tthc_core::survey::{Definition, Kind};

pub fn results_view() -> impl IntoView {
    view! { <ResultsPage/> }
}

#[component]
fn ResultsPage() -> impl IntoView {
    let cx = ctx();
    let lang = cx.lang.get_untracked();
    let r = crate::i18n::results(lang);
    let (procedure, period) = (cx.kept.results_procedure, cx.kept.results_period);
    let data = cx.kept.results;
    let load = move || {
        let (p, per) = (procedure.get_untracked(), period.get_untracked());
        data.start_for(format!("{p} {}", per.name()), async move {
            let def = crate::api::newest_definition(Kind::Sipas).await?;
            let summary = crate::api::summary(&def, &p, per).await?;
            Ok((def, summary))
        });
    };
    load();
    let cat = cx.ready().expect("results need the catalogue");
    let on_proc = move |ev| {
        procedure.set(event_target_value(&ev));
        load();
    };
    view! {
        <section class="results-view">
            {move || match data.get() {
                Loaded::Ready((def, _)) => view! { <h2>{def.title.get(lang).to_owned()}</h2><p class="muted">{def.basis.get(lang).to_owned()}</p> }.into_any(),
                _ => view! { <h2>{r.title}</h2> }.into_any(),
            }}
            <div class="chips">
                <label class="sel">{r.procedure}
                    <select on:change=on_proc>
                        <option value="">{r.all_procedures}</option>
                        {cat.index.procedures.iter().map(|e| view! {
                            <option value=e.code.clone() selected=procedure.get_untracked() == e.code>{format!("{} · {}", e.code, e.name_in(lang))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <crate::ui::PeriodSelect period=period label=r.period changed=Callback::new(move |()| load())/>
            </div>
            <p class="hint">{r.intro}</p>
            <p><button type="button" class="link" on:click=move |_| cx.view.set(View::Reach)>{cx.t().reach_link}</button></p>
            {move || match data.get() {
                Loaded::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
                Loaded::Failed(e) => view! { <LoadFailed error=e retry=Callback::new(move |()| load())/> }.into_any(),
                Loaded::Ready((def, s)) => view! { <Figures def=def summary=s lang=lang/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Figures(def: Arc<Definition>, summary: Summary, lang: Lang) -> impl IntoView {
    let r = crate::i18n::results(lang);
    let Some(latest) = summary.cells.last().cloned() else {
        return view! { <p class="empty" role="status">{r.no_data}</p> }.into_any();
    };
    let trend = (summary.cells.len() > 1).then(|| {
        let bars = summary.cells.iter().filter_map(|c: &Cell| c.overall.clone().map(|stat| Bar { label: crate::ui::bucket_label(&c.period), stat })).collect::<Vec<_>>();
        view! { <h3>{r.by_period}</h3><BarChart title=r.by_period.to_owned() bars=bars lang=lang suppressed_text=r.suppressed/> }
    });
    let mut bars: Vec<Bar> =
        latest.overall.clone().map(|stat| Bar { label: r.overall.to_owned(), stat }).into_iter().collect();
    bars.extend(latest.elements.iter().map(|e| {
        Bar {
            label: def
                .elements
                .iter()
                .find(|x| x.id == e.id)
                .map(|x| x.title.get(lang).to_owned())
                .unwrap_or_else(|| e.id.clone()),
            stat: e.stat.clone(),
        }
    }));
    let heading = format!(
        "{} · {} · {} {}",
        r.by_element,
        crate::ui::bucket_label(&latest.period),
        latest.responses,
        r.responses
    );
    view! {
        {trend}
        <h3>{heading.clone()}</h3>
        <BarChart title=heading bars=bars lang=lang suppressed_text=r.suppressed/>
        <table::CriteriaTable def=def cell=latest lang=lang r=r/>
    }
    .into_any()
}
