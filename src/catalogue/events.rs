//! Life-event self-check: "Bạn cần làm gì?" → a checklist of procedures, each online or not.

use crate::catalogue::badge::level_badge;
use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::embed::View;

#[component]
pub fn EventsView() -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("events need the catalogue");
    let lang = cx.lang.get_untracked();
    view! {
        <section class="events">
            <h2>{cx.t().events_title}</h2>
            <p>{cx.t().events_intro}</p>
            <ul class="tiles">
                {cat.index.life_events.iter().map(|ev| {
                    let id = ev.id.clone();
                    let name = lang.pick(&ev.name, &ev.name_en).to_owned();
                    let n = ev.steps.len();
                    view! { <li><button type="button" class="tile" on:click=move |_| cx.view.set(View::Event(id.clone()))>
                        <span class="rname">{name}</span><span class="muted">{n}" "{cx.t().results_count}</span>
                    </button></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn EventView(id: String) -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("events need the catalogue");
    let lang = cx.lang.get_untracked();
    let Some(ev) = cat.index.life_events.iter().find(|e| e.id == id).cloned() else {
        return view! { <p class="error" role="alert">{format!("{id}?")}</p> }.into_any();
    };
    let place = cx.place.get_untracked();
    let place = place.as_deref();
    let online = ev.steps.iter().filter(|s| cat.entry(&s.code).is_some_and(|e| e.shown_at(place).is_online())).count();
    let total = ev.steps.len();
    view! {
        <section class="event">
            <button type="button" class="link back" on:click=move |_| cx.view.set(View::Events)>"← "{cx.t().back}</button>
            <h2>{lang.pick(&ev.name, &ev.name_en).to_owned()}</h2>
            <crate::catalogue::place::PlacePicker/>
            <p class="summary"><strong>{online}"/"{total}</strong>" "{cx.t().steps_summary}</p>
            <ol class="steps">
                {ev.steps.iter().map(|s| {
                    let e = cat.entry(&s.code).cloned();
                    let code = s.code.clone();
                    let shown = e.as_ref().map_or(tthc_core::catalogue::online::Shown::Unknown, |e| e.shown_at(place));
                    let name = e.as_ref().map(|e| e.name_in(lang).to_owned()).unwrap_or_else(|| s.code.clone());
                    let note = lang.pick(&s.note, &s.note_en).to_owned();
                    let is_online = shown.is_online();
                    view! {
                        <li class:online=is_online>
                            <span class="mark" aria-hidden="true">{if is_online { "✓" } else { "●" }}</span>
                            <div>
                                <button type="button" class="link rname" on:click=move |_| cx.view.set(View::Detail(code.clone()))>{name}</button>
                                <span class="rmeta"><span class="code">{s.code.clone()}</span>
                                    {s.optional.then(|| view! { " · " <em>{cx.t().step_optional}</em> })}</span>
                                {level_badge(shown)}
                                <span class="vh">{if is_online { cx.t().step_online } else { cx.t().step_offline }}</span>
                                {(!note.is_empty()).then(|| view! { <p class="muted">{note}</p> })}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
