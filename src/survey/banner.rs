//! "N phản hồi đang chờ gửi", and answers the collector refused, with "download my answers".

use crate::i18n::strings;
use crate::outbox::{download, run, Outbox};
use crate::state::ctx;
use leptos::prelude::*;

/// Delivery started (`crate::outbox::run`) and its banner: what each part's outbox module draws.
pub fn delivering() -> AnyView {
    run(expect_context());
    view! { <OutboxBanner/> }.into_any()
}

#[component]
pub fn OutboxBanner() -> impl IntoView {
    let cx = ctx();
    let ob = expect_context::<Outbox>();
    let s = move || &strings(cx.lang.get()).survey;
    view! {
        {move || (ob.pending.get() > 0).then(|| view! {
            <p class="banner" role="status">{ob.pending.get()}" "{s().pending}</p>
        })}
        {move || (ob.memory_only.get() && ob.pending.get() > 0).then(|| view! {
            <p class="banner warn" role="alert">{s().memory_only}</p>
        })}
        {move || ob.broken.get().map(|e| view! { <p class="banner warn" role="alert">{s().storage_broken}" "{e}</p> })}
        {move || (!ob.failed.with(Vec::is_empty)).then(|| view! {
            <div class="banner warn" role="alert">
                <p><strong>{s().failed}</strong></p>
                <ul>{ob.failed.get().into_iter().map(|item| {
                    let it = item.clone();
                    let id = item.id.clone();
                    view! { <li>
                        <span class="code">{item.receipt.clone()}</span>": "<span class="reason">{item.failed.clone().unwrap_or_default()}</span>" "
                        <button type="button" class="link" on:click=move |_| download(&it)>{s().download}</button>" · "
                        <button type="button" class="link" on:click=move |_| ob.forget(&id)>{s().remove}</button>
                    </li> }
                }).collect_view()}</ul>
            </div>
        })}
    }
}
