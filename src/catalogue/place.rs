//! "Bạn ở xã/phường nào?": the citizen's commune, chosen from the province's directory by typing
//! (with or without diacritics), remembered on the device and easy to change. Levels in results
//! and details are then read at that place.

use crate::state::{ctx, AppCtx, Catalogue};
use leptos::prelude::*;
use tthc_core::catalogue::places::{find, place_name};

const SHOWN: usize = 8;

fn key(cx: AppCtx) -> String {
    format!("tthc-place:{}", cx.config.with_value(|c| c.province.clone()))
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The place remembered on this device, when it is still a commune of the province's directory.
pub fn restore(cx: AppCtx, cat: &Catalogue) -> Option<String> {
    let code = storage()?.get_item(&key(cx)).ok().flatten()?;
    cat.index.province.communes().any(|a| a.code == code).then_some(code)
}

/// Chooses (or forgets) the place; remembered where the browser allows storage (a refused
/// storage in a cross-site frame keeps it for this page only).
pub fn choose(cx: AppCtx, code: Option<String>) {
    if let Some(s) = storage() {
        let _ = match &code {
            Some(c) => s.set_item(&key(cx), c),
            None => s.remove_item(&key(cx)),
        };
    }
    cx.place.set(code);
}

/// Chooses from the picker and keeps the keyboard where it was: on the picker's "change" button.
fn picked(cx: AppCtx, code: String, open: RwSignal<bool>) {
    choose(cx, Some(code));
    open.set(false);
    request_animation_frame(|| {
        if let Some(el) = document().query_selector(".place .now button").ok().flatten() {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
}

/// The picker: the chosen place with a "change" button, or the question with a search box.
#[component]
pub fn PlacePicker() -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("the picker is shown with a catalogue");
    if cat.index.province.communes().next().is_none() {
        return ().into_any();
    }
    let open = RwSignal::new(cx.place.get_untracked().is_none());
    let query = RwSignal::new(String::new());
    let t = cx.t_untracked();
    let cat2 = cat.clone();
    let current =
        move || cx.place.get().and_then(|c| cat2.index.province.agency(&c).map(place_name)).unwrap_or_default();
    // Nothing is listed before the citizen types: the search below stays in view on a phone.
    let matches = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        Some(
            find(cat.index.province.communes(), &q, SHOWN)
                .into_iter()
                .map(|a| (a.code.clone(), place_name(a)))
                .collect::<Vec<_>>(),
        )
    };
    view! {
        <section class="place" aria-labelledby="place-h">
            <Show when=move || !open.get() fallback=move || { let matches = matches.clone(); view! {
                <p id="place-h" class="lbl">{t.place_question}</p>
                <p class="hint">{t.place_why}</p>
                <label for="place-q" class="vh">{t.place_label}</label>
                <input id="place-q" class="q" type="search" autocomplete="off" spellcheck="false"
                    placeholder=t.place_placeholder aria-controls="place-list"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown={
                        let matches = matches.clone();
                        move |ev: web_sys::KeyboardEvent| {
                            // Enter takes the first place found.
                            if ev.key() == "Enter" {
                                if let Some((code, _)) = matches().and_then(|l| l.into_iter().next()) {
                                    ev.prevent_default();
                                    picked(cx, code, open);
                                }
                            }
                        }
                    }/>
                // The list the search box controls is always there (empty before typing).
                <ul id="place-list" class="plist" aria-label=t.places_label>
                    {let matches = matches.clone(); move || matches().unwrap_or_default().into_iter().map(|(code, name)| view! {
                        <li><button type="button" data-place=code.clone() on:click=move |_| picked(cx, code.clone(), open)>{name}</button></li>
                    }).collect_view()}
                </ul>
                {move || matches().is_some_and(|l| l.is_empty()).then(|| view! { <p class="muted" role="status">{t.place_none_found}</p> })}
                {move || cx.place.get().is_some().then(|| view! {
                    <button type="button" class="link" on:click=move |_| open.set(false)>{t.place_close}</button>
                })}
            }}>
                <p id="place-h" class="now">
                    <span>{t.place_current}" "<strong class="placename">{current.clone()}</strong></span>
                    <button type="button" class="link" on:click=move |_| { query.set(String::new()); open.set(true); }>{t.place_change}</button>
                </p>
            </Show>
        </section>
    }
    .into_any()
}
