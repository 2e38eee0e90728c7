//! Search as you type, filter chips and the result list.

use crate::catalogue::badge::level_badge;
use crate::state::{ctx, Catalogue};
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::catalogue::schema::Tier;
use tthc_core::embed::View;
use tthc_core::levels::{Level, LEVELS};
use tthc_core::search::Filter;

use tthc_core::search::PAGE;

#[component]
pub fn SearchView() -> impl IntoView {
    let cx = ctx();
    let shown = RwSignal::new(PAGE);
    let cat = cx.ready().expect("SearchView is shown only when the catalogue is ready");
    let cat2 = cat.clone();
    // Recomputed on every keystroke and filter change; `limit + 1` tells whether there is more.
    let hits = Memo::new(move |_| {
        let q = cx.query.get();
        let mut f = cx.filter.get();
        f.place = cx.place.get();
        cat2.search().search(&q, &f, shown.get() + 1)
    });
    // Counted once the citizen stops typing (or leaves the search); "found nothing" means nothing
    // in the catalogue, whatever the filters.
    let cat3 = cat.clone();
    Effect::new(move |_| {
        let q = cx.query.get();
        // The filtered hits are a subset: the unfiltered search runs only when they are empty.
        let found =
            hits.with_untracked(|h| !h.is_empty()) || !cat3.search().search(&q, &Filter::default(), 1).is_empty();
        crate::usage::typed(&q, found);
    });
    on_cleanup(crate::usage::settled);
    let on_input = move |ev| {
        shown.set(PAGE);
        cx.query.set(event_target_value(&ev));
    };
    view! {
        <section class="search" aria-labelledby="q-label">
            <label id="q-label" for="q" class="lbl">{move || cx.t().search_label}</label>
            <input id="q" class="q" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search"
                maxlength=tthc_core::search::MAX_QUERY_CHARS
                aria-describedby="q-hint" aria-controls="results"
                placeholder=move || cx.t().search_placeholder
                prop:value=move || cx.query.get() on:input=on_input/>
            <p id="q-hint" class="hint">{move || cx.t().search_hint}</p>
            <crate::catalogue::place::PlacePicker/>
            <Filters cat=cat.clone()/>
            <Results cat=cat hits=hits shown=shown/>
        </section>
    }
}

#[component]
fn Filters(cat: Arc<Catalogue>) -> impl IntoView {
    let cx = ctx();
    let level_chip = move |level: Option<Level>| {
        let pressed = move || cx.filter.with(|f| f.level == level);
        let label = move || match level {
            None => cx.t().filter_all.to_owned(),
            Some(l) => cx.lang.get().pick(l.info().vi, l.info().en).to_owned(),
        };
        view! {
            <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                on:click=move |_| cx.filter.update(|f| f.level = level)>{label}</button>
        }
    };
    let tier_chip = move |tier: Tier, label: fn(&crate::i18n::Strings) -> &'static str| {
        let pressed = move || cx.filter.with(|f| f.tier == Some(tier));
        view! {
            <button type="button" class="chip" aria-pressed=move || pressed().to_string()
                on:click=move |_| cx.filter.update(|f| f.tier = if f.tier == Some(tier) { None } else { Some(tier) })>
                {move || label(cx.t())}
            </button>
        }
    };
    let fields = cat.fields.clone();
    let on_field = move |ev| {
        let v = event_target_value(&ev);
        cx.filter.update(|f: &mut Filter| f.field = (!v.is_empty()).then_some(v));
    };
    let on_event = move |ev| {
        let v = event_target_value(&ev);
        cx.filter.update(|f: &mut Filter| f.event = (!v.is_empty()).then_some(v));
    };
    let lang = cx.lang.get_untracked();
    let events: Vec<(String, String)> =
        cat.index.life_events.iter().map(|e| (e.id.clone(), lang.pick(&e.name, &e.name_en).to_owned())).collect();
    view! {
        <div class="filters">
            <div class="chips" role="group" aria-label=move || cx.t().filters_label>
                {level_chip(None)}
                {LEVELS.iter().map(|l| level_chip(Some(l.level))).collect_view()}
            </div>
            <div class="chips" role="group" aria-label=move || cx.t().tier_label>
                {tier_chip(Tier::Tinh, |t| t.tier_tinh)}
                {tier_chip(Tier::Xa, |t| t.tier_xa)}
                <label class="sel">
                    <span class="vh">{move || cx.t().field_label}</span>
                    <select on:change=on_field prop:value=move || cx.filter.with(|f| f.field.clone().unwrap_or_default())>
                        <option value="">{move || cx.t().field_all}</option>
                        {fields.into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="sel">
                    <span class="vh">{move || cx.t().nav_events}</span>
                    <select on:change=on_event prop:value=move || cx.filter.with(|f| f.event.clone().unwrap_or_default())>
                        <option value="">{move || cx.t().event_all}</option>
                        {events.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
        </div>
    }
}

#[component]
fn Results(cat: Arc<Catalogue>, hits: Memo<Vec<usize>>, shown: RwSignal<usize>) -> impl IntoView {
    let cx = ctx();
    let count = Memo::new(move |_| hits.with(|h| h.len().min(shown.get())));
    let more = Memo::new(move |_| hits.with(|h| h.len() > shown.get()));
    let empty = Memo::new(move |_| count.get() == 0);
    // Rows are keyed by code: a keystroke that keeps a procedure in the list keeps its row.
    let visible = move || hits.with(|h| h.iter().take(shown.get()).copied().collect::<Vec<_>>());
    let cat2 = cat.clone();
    let row = move |doc: usize| {
        let e = &cat.index.procedures[doc];
        let code = e.code.clone();
        let title = e.name_in(cx.lang.get_untracked()).to_owned();
        let online = e.online.clone();
        view! {
            <li>
                <button type="button" class="row" data-code=e.code.clone() on:click=move |_| cx.view.set(View::Detail(code.clone()))>
                    <span class="rname">{title}</span>
                    <span class="rmeta"><span class="code">{e.code.clone()}</span>" · "{e.field.clone()}</span>
                    {move || level_badge(online.at(cx.place.get().as_deref()))}
                </button>
            </li>
        }
    };
    view! {
        <Show when=move || !empty.get() fallback=move || view! { <NoResults cat=cat2.clone()/> }>
            <p class="count" role="status" aria-live="polite">
                {move || count.get()}{move || if more.get() { "+ " } else { " " }}{move || cx.t().results_count}
            </p>
        </Show>
        <ul id="results" class="results">
            <For each=visible key=|doc| *doc children=row.clone()/>
        </ul>
        <Show when=move || more.get()>
            <button type="button" class="btn ghost" on:click=move |_| shown.update(|n| *n += PAGE)>{move || cx.t().results_more}</button>
        </Show>
    }
}

#[component]
fn NoResults(cat: Arc<Catalogue>) -> impl IntoView {
    let cx = ctx();
    view! {
        <div class="empty" role="status">
            <p>{move || {
                let q = cx.query.get();
                if q.trim().is_empty() { cx.t().no_match_filter.to_owned() } else { format!("{} “{q}”.", cx.t().no_results) }
            }}</p>
            {move || {
                let suggestions = cat.search().suggest(&cx.query.get(), 5);
                (!suggestions.is_empty()).then(|| view! {
                <p>{cx.t().suggestions}</p>
                <ul class="results">
                    {suggestions.into_iter().map(|d| {
                        let e = cat.index.procedures[d].clone();
                        let code = e.code.clone();
                        view! { <li><button type="button" class="row" on:click=move |_| cx.view.set(View::Detail(code.clone()))>
                            <span class="rname">{e.name_in(cx.lang.get_untracked()).to_owned()}</span><span class="rmeta code">{e.code.clone()}</span>
                        </button></li> }
                    }).collect_view()}
                </ul>
            })}}
            <p>{cx.t().browse_hint}" "
                <button type="button" class="link" on:click=move |_| cx.view.set(View::Events)>{cx.t().nav_events}</button>
            </p>
        </div>
    }
}
