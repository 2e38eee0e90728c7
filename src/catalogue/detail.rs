//! One procedure: level, what to prepare, how and where to apply, time, fee.

use crate::api::{self, ApiError};
use crate::loading::Loaded;
use crate::state::{ctx, AppCtx};
use crate::ui::{LoadFailed, Problems};
use leptos::prelude::*;
use std::sync::Arc;
use tthc_core::catalogue::bundle::Detail;
use tthc_core::catalogue::rules::https_host;
use tthc_core::catalogue::schema::Channel;
use tthc_core::embed::View;
use tthc_core::levels::Provenance;

fn fetch(cx: AppCtx, code: String) {
    let cat = cx.ready().expect("a detail is shown only with a catalogue");
    let request = {
        let code = code.clone();
        async move { api::detail(&cat.index.province, &code).await.map(Arc::new) }
    };
    cx.kept.detail.start_for(code, request);
}

/// One procedure's detail; `footer` (the shell's: the one-tap rating) goes under it.
#[component]
pub fn DetailView(code: String, footer: ViewFn) -> impl IntoView {
    let cx = ctx();
    let detail = cx.kept.detail;
    fetch(cx, code.clone());
    // The detail is usable once its shard is: until then the shell does not say ready (host.rs).
    detail.gate(cx.view_loading);
    let entry = cx.ready().and_then(|c| c.entry(&code).cloned());
    let back = move |_| cx.view.set(View::Check);
    view! {
        <article class="detail">
            <button type="button" class="link back" on:click=back>"← "{move || cx.t().back}</button>
            {move || match detail.get() {
                Loaded::Loading => view! {
                    <h2>{entry.as_ref().map(|e| e.name_in(cx.lang.get_untracked()).to_owned()).unwrap_or_default()}</h2>
                    <p class="status" role="status">{cx.t().loading}</p>
                }.into_any(),
                Loaded::Failed(ApiError::NotFound) => view! {
                    <Problems title=cx.t().load_failed lines=vec![format!("{code}: {}", cx.t().not_in_catalogue)]/>
                }.into_any(),
                Loaded::Failed(e) => {
                    let code = code.clone();
                    view! { <LoadFailed error=e retry=Callback::new(move |()| fetch(cx, code.clone()))/> }.into_any()
                }
                Loaded::Ready(d) => view! { <DetailBody d=d footer=footer.clone()/> }.into_any(),
            }}
        </article>
    }
}

fn or_unknown(v: &str, cx: AppCtx) -> String {
    if v.trim().is_empty() {
        cx.t().unknown_value.to_owned()
    } else {
        v.to_owned()
    }
}

#[component]
fn DetailBody(d: Arc<Detail>, footer: ViewFn) -> impl IntoView {
    let cx = ctx();
    let cat = cx.ready().expect("detail is shown only with a catalogue");
    let prov = cat.index.province.clone();
    let (agency, time, fee) = (d.agency().to_owned(), d.time().to_owned(), d.fee().to_owned());
    let p = d.procedure.clone();
    let name = cx.lang.get_untracked().pick(&p.name, &p.name_en).to_owned();
    let code = p.code.clone();
    // Where "online" happens: the registry's filing systems, none for a procedure the registry does
    // not list, else the province's portal.
    let online_where: Option<String> = match d.offer.as_ref().map(|o| o.provenance) {
        Some(Provenance::Registry) => {
            let mut hosts: Vec<String> =
                d.offer.iter().flat_map(|o| &o.variants).filter_map(|v| https_host(&v.url)).collect();
            hosts.dedup();
            Some(hosts.join(", "))
        }
        Some(Provenance::NotInRegistry) => None,
        _ => p.channels.contains(&Channel::TrucTuyen).then(|| prov.portal.name.clone()),
    };
    view! {
        <h2>{name}</h2>
        <p class="meta"><span class="code">{cx.t().code}" "{p.code.clone()}</span>" · "{p.field.clone()}</p>
        <crate::catalogue::online_box::OnlineBox d=d/>
        <section>
            <h3>{cx.t().prepare}</h3>
            {if p.documents.is_empty() {
                view! { <p class="muted">{cx.t().no_documents}</p> }.into_any()
            } else {
                view! { <ul class="docs">{p.documents.iter().map(|doc| view! {
                    <li>{doc.name.clone()}{(!doc.note.is_empty()).then(|| view! { <span class="muted">" — "{doc.note.clone()}</span> })}</li>
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section>
            <h3>{cx.t().how_to_submit}</h3>
            <ul class="channels">
                {online_where.map(|w| view! { <li><strong>{cx.t().online}</strong>": "{w}</li> })}
                {p.channels.contains(&Channel::BuuChinh).then(|| view! { <li><strong>{cx.t().by_post}</strong></li> })}
                <li><strong>{cx.t().in_person}</strong>": "{if agency.is_empty() { cx.t().in_person_where.to_owned() } else { agency.clone() }}</li>
            </ul>
        </section>
        <dl class="facts">
            <dt>{cx.t().time}</dt><dd>{or_unknown(&time, cx)}</dd>
            <dt>{cx.t().fee}</dt><dd>{or_unknown(&fee, cx)}</dd>
            <dt>{cx.t().result}</dt><dd>{or_unknown(&p.result, cx)}</dd>
            <dt>{cx.t().agency}</dt><dd>{or_unknown(&agency, cx)}</dd>
        </dl>
        {(!p.legal_basis.is_empty()).then(|| view! {
            <details><summary>{cx.t().legal_basis}</summary>
                <ul>{p.legal_basis.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            </details>
        })}
        {(!p.sources.is_empty()).then(|| view! {
            <details><summary>{cx.t().sources}</summary>
                <ul>{p.sources.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            </details>
        })}
        {footer.run()}
        <button type="button" class="btn" on:click=move |_| cx.view.set(View::Survey(Some(code.clone())))>{cx.t().rate_this}</button>
    }
}
