//! The detail's answer to "can I do this online here?": the level at the citizen's place, where
//! the dossier goes, and the filing action — read from the province's registry with core's rule
//! (`tthc_core::catalogue::online`), never guessed.

use crate::catalogue::badge::{level_badge, level_text};
use crate::catalogue::place::PlacePicker;
use crate::i18n::Strings;
use crate::state::ctx;
use leptos::prelude::*;
use tthc_core::catalogue::bundle::{Detail, ProvinceInfo};
use tthc_core::catalogue::online::{variant_at, Shown, Summary};
use tthc_core::catalogue::places::place_name;
use tthc_core::catalogue::schema::{Offer, Variant};
use tthc_core::lang::Lang;
use tthc_core::levels::Provenance;

/// Other offices listed under "levels at other offices", at most.
const OTHERS: usize = 12;

fn hint(shown: Shown, t: &Strings, lang: Lang) -> Option<&'static str> {
    match shown {
        Shown::Level(l, _) => Some(lang.pick(l.info().hint_vi, l.info().hint_en)),
        Shown::Varies(..) => Some(t.varies_hint),
        _ => None,
    }
}

/// The level box of a procedure's detail, redrawn when the place changes.
#[component]
pub fn OnlineBox(d: std::sync::Arc<Detail>) -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("detail is shown only with a catalogue");
    move || {
        let place = cx.place.get();
        let prov = &cat.index.province;
        let summary = cat.entry(&d.procedure.code).map(|e| e.online.clone()).unwrap_or_default();
        match d.offer.as_ref().filter(|o| o.provenance == Provenance::Registry) {
            Some(offer) => registry_box(offer, summary.at(place.as_deref()), place.as_deref(), prov).into_any(),
            None if summary.provenance == Provenance::NotInRegistry => absent_box(&d, prov).into_any(),
            None => level_box(&d, &summary, prov).into_any(),
        }
    }
}

fn source_line(prov: &ProvinceInfo, t: &Strings) -> impl IntoView {
    prov.registry
        .as_ref()
        .map(|r| view! { <p class="muted">{format!("{} {}, {}", t.registry_from, r.source, r.date)}</p> })
}

fn registry_box(offer: &Offer, shown: Shown, place: Option<&str>, prov: &ProvinceInfo) -> impl IntoView {
    let cx = ctx();
    let (t, lang) = (cx.t_untracked(), cx.lang.get_untracked());
    let several = offer.variants.len() > 1;
    view! {
        <div class="levelbox">
            {level_badge(shown)}
            {hint(shown, t, lang).map(|h| view! { <p>{h}</p> })}
            <PlacePicker/>
            {offer.variants.iter().map(|v| variant_view(v, &offer.code, several, place, prov)).collect_view()}
            {source_line(prov, t)}
        </div>
    }
}

/// Counts a click on the filing action with the level the citizen was shown.
fn filing_counter(code: &str, shown: Shown) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let key = tthc_core::usage::filing_key(code, shown);
    move |_| {
        if let Some(k) = &key {
            crate::usage::record(|t| t.filing.add(k, 1));
        }
    }
}

fn variant_view(v: &Variant, code: &str, several: bool, place: Option<&str>, prov: &ProvinceInfo) -> impl IntoView {
    let cx = ctx();
    let (t, lang) = (cx.t_untracked(), cx.lang.get_untracked());
    let at = variant_at(v, place, &prov.agencies);
    let mut offices: Vec<String> = at.offices.iter().map(|a| place_name(a)).collect();
    if at.at_commune && place.is_none() {
        offices.insert(0, t.your_commune.to_owned());
    }
    if at.branches > 0 {
        offices.push(format!("{} {}", at.branches, t.branches));
    }
    let can_file = match at.shown {
        Shown::Level(l, _) => l.is_online(),
        Shown::Varies(most, _) => most.is_online(),
        _ => false,
    };
    let not_here = place.is_some() && !at.at_commune && at.offices.is_empty();
    let filed = filing_counter(code, at.shown);
    let others: Vec<String> =
        at.others.iter().take(OTHERS).map(|(a, l)| format!("{}: {}", place_name(a), level_text(*l, lang))).collect();
    let more = at.others.len().saturating_sub(OTHERS);
    view! {
        <div class="filing">
            {several.then(|| view! { <p><strong>{v.name.clone()}</strong></p> {level_badge(at.shown)} })}
            {(!offices.is_empty()).then(|| view! { <p>{t.file_where}": "{offices.join(", ")}</p> })}
            {not_here.then(|| view! { <p>{t.not_at_place}</p> })}
            {can_file.then(|| view! {
                <a class="btn primary file" href=v.url.clone() target="_blank" rel="noopener noreferrer" on:click=filed>
                    {t.file_online}{several.then(|| format!(": {}", v.name))}" ↗"<span class="vh">" "{t.new_tab}</span>
                </a>
            })}
            {(!others.is_empty()).then(|| view! {
                <details><summary>{t.levels_elsewhere}</summary>
                    <ul class="others">
                        {others.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li>{format!("… +{more}")}</li> })}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// A procedure the province's registry does not list: no level is claimed.
fn absent_box(d: &Detail, prov: &ProvinceInfo) -> impl IntoView {
    let cx = ctx();
    let t = cx.t_untracked();
    let national = d.procedure.portal_url.clone();
    let agency = d.agency().to_owned();
    view! {
        <div class="levelbox">
            {level_badge(Shown::NotInRegistry)}
            <p>{t.not_in_registry_note}</p>
            {(!agency.is_empty()).then(|| view! { <p>{t.agency}": "{agency}</p> })}
            {(!national.is_empty()).then(|| view! {
                <a class="btn" href=national target="_blank" rel="noopener noreferrer">{t.national_page}" ↗"<span class="vh">" "{t.new_tab}</span></a>
            })}
            {source_line(prov, t)}
        </div>
    }
}

/// A published or typical level, the same everywhere (provinces without a registry).
fn level_box(d: &Detail, summary: &Summary, prov: &ProvinceInfo) -> impl IntoView {
    let cx = ctx();
    let (t, lang) = (cx.t_untracked(), cx.lang.get_untracked());
    let shown = summary.at(None);
    let published = summary.provenance == Provenance::ProvincePublished;
    let online_url = Some(d.portal_url()).filter(|u| !u.is_empty()).unwrap_or(&prov.portal.url).to_owned();
    let can_online =
        shown.is_online() || d.procedure.channels.contains(&tthc_core::catalogue::schema::Channel::TrucTuyen);
    let portal = prov.portal.url.clone();
    let filed = filing_counter(&d.procedure.code, shown);
    view! {
        <div class="levelbox">
            {level_badge(shown)}
            {hint(shown, t, lang).map(|h| view! { <p>{h}</p> })}
            <p class="muted">{if published { t.published_note } else { t.typical_note }}
                {(!published).then(|| view! { " " <a href=portal target="_blank" rel="noopener noreferrer">{t.check_portal}</a> })}
            </p>
            {can_online.then(|| view! {
                <a class="btn primary" href=online_url target="_blank" rel="noopener noreferrer" on:click=filed>{t.do_online}" ↗"<span class="vh">" "{t.new_tab}</span></a>
            })}
        </div>
    }
}
