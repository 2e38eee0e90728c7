//! After sending: thanks, the receipt code, and whether the answer is still waiting for the network.

use crate::i18n::strings;
use crate::outbox::Outbox;
use crate::state::ctx;
use leptos::prelude::*;

#[component]
pub fn Receipt(code: String, on_again: Callback<()>) -> impl IntoView {
    let lang = ctx().lang.get_untracked();
    let s = &strings(lang).survey;
    let ob = expect_context::<Outbox>();
    view! {
        <div class="receipt" role="status">
            <h2>{s.thanks}</h2>
            <p>{s.receipt}": "<strong class="code rcode">{code}</strong></p>
            <p class="hint">{s.receipt_hint}</p>
            {move || (ob.pending.get() > 0).then(|| view! { <p class="note">{s.queued}</p> })}
            <button type="button" class="btn" on:click=move |_| on_again.run(())>{s.another}</button>
        </div>
    }
}
