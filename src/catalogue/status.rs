//! Loading-failure states: unreachable (retry), unknown province (choices), invalid data (problems).

use crate::catalogue::load::load_catalogue;
use crate::state::{ctx, Failure};
use crate::ui::Problems;
use leptos::prelude::*;

#[component]
pub fn FailureView(failure: Failure) -> impl IntoView {
    let cx = ctx();
    match failure {
        Failure::Unreachable(why) => view! {
            <div class="error" role="alert">
                <p><strong>{move || cx.t().load_failed}</strong>" "{move || cx.t().offline_hint}</p>
                <p class="muted">{why}</p>
                <button type="button" class="btn" on:click=move |_| load_catalogue(cx)>{move || cx.t().retry}</button>
            </div>
        }
        .into_any(),
        Failure::UnknownProvince(list) => {
            let code = cx.config.with_value(|c| c.province.clone());
            let config = cx.config.get_value();
            view! {
                <div class="error" role="alert">
                    <p><strong>{move || cx.t().unknown_province}" "{format!("“{code}”")}</strong></p>
                    <p>{move || cx.t().choose_province}</p>
                    <ul class="plist">
                        {list.into_iter().map(|(c, n)| view! {
                            <li><a href=config.link_to(&c)>{n}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
        Failure::Config(lines) => view! { <Problems title=cx.t().config_problem lines=lines/> }.into_any(),
        Failure::Invalid(lines) => view! { <Problems title=cx.t().bad_catalogue lines=lines/> }.into_any(),
    }
}
