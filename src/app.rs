//! The application shell: header, navigation, and the view switch.

use crate::catalogue::{load::load_catalogue, status::FailureView};
use crate::host;
use crate::loading::{Fetch, Loaded};
use crate::state::{ctx, AppCtx, Failure};
use leptos::prelude::*;
use tthc_core::embed::{ConfigError, EmbedConfig};
use tthc_core::embed::{Part, View};
use tthc_core::search::Filter;
use wasm_bindgen::JsCast;

/// The widget's shell around one part: `views` draws the views of `part`, `outbox` the outbox's
/// banner (and starts its delivery when the part wants it), `index_reader` gives the index's
/// reader; all three are the part's binary's
/// (src/main.rs, src/bin/feedback.rs).
#[component]
pub fn App(
    part: Part,
    views: fn(View) -> AnyView,
    outbox: fn() -> AnyView,
    index_reader: crate::api::IndexReader,
    /// The page's query, read by `crate::start`, and its problems.
    config: EmbedConfig,
    errors: Vec<ConfigError>,
) -> impl IntoView {
    let cx = AppCtx {
        lang: RwSignal::new(config.lang),
        view: RwSignal::new(config.first_view()),
        catalogue: Fetch::new(),
        config: StoredValue::new(config),
        query: RwSignal::new(String::new()),
        filter: RwSignal::new(Filter::default()),
        place: RwSignal::new(None),
        view_loading: RwSignal::new(0),
        kept: crate::state::Kept::default(),
        part,
        index_reader,
    };
    provide_context(cx);
    provide_context(crate::outbox::Outbox::default());
    crate::usage::start(cx);
    Effect::new(move |_| {
        let lang = cx.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
        }
    });
    // A receipt is kept across a language switch, not across leaving the survey.
    Effect::new(move |_| {
        if !matches!(cx.view.get(), View::Survey(_)) {
            cx.kept.receipt.set(None);
        }
    });
    host::start(cx);
    if errors.is_empty() {
        load_catalogue(cx);
    } else {
        let unknown_province = errors.iter().any(|e| e.param == "province");
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        leptos::task::spawn_local(async move {
            let list = if unknown_province { crate::api::provinces().await } else { vec![] };
            cx.catalogue.set(Loaded::Failed(if unknown_province && lines.len() == 1 {
                Failure::UnknownProvince(list)
            } else {
                Failure::Config(lines)
            }));
        });
    }
    // A view drawn without the catalogue (the survey; a view of the other part, handed over) stays as
    // it is when the catalogue arrives, and when the network fails it (the survey's answers wait in the
    // outbox); not for a province that has none. A query with problems is reported before anything.
    let bad_query = !errors.is_empty();
    let shown = Memo::new(move |_| {
        let needs = cx.view_needs_catalogue();
        match cx.catalogue.get() {
            Loaded::Failed(Failure::Unreachable(_)) if !needs => Shown::Body,
            Loaded::Failed(f) => Shown::Failed(f),
            Loaded::Loading if needs || bad_query => Shown::Loading,
            _ => Shown::Body,
        }
    });
    view! {
        <div class="w">
            <Header/>
            {outbox()}
            <main class="main" id="main">
                {move || match shown.get() {
                    Shown::Loading => view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any(),
                    Shown::Failed(f) => view! { <FailureView failure=f/> }.into_any(),
                    Shown::Body => view! { <Body views=views/> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// What the shell's main area shows.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(Failure),
    Body,
}

#[component]
fn Header() -> impl IntoView {
    let cx = ctx();
    let province = move || cx.ready().map(|c| c.index.province.name.clone()).unwrap_or_default();
    let toggle = move |_| cx.lang.update(|l| *l = l.other());
    view! {
        <header class="head">
            <div class="brand">
                <h1>{move || cx.t().app_title}</h1>
                <span class="prov">{province}</span>
            </div>
            <button type="button" class="lang" on:click=toggle aria-label=move || cx.t().switch_lang_label>
                {move || cx.t().switch_lang}
            </button>
        </header>
        <Nav/>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let cx = ctx();
    let tab = move |target: View, label: fn(&crate::i18n::Strings) -> &'static str| {
        let t2 = target.clone();
        let current = Memo::new(move |_| {
            let v = cx.view.get();
            let group = |v: &View| match v {
                View::Detail(_) | View::Check => 0,
                View::Event(_) | View::Events => 1,
                View::Province => 2,
                View::Survey(_) => 3,
                View::Results | View::Reach => 4,
            };
            group(&v) == group(&t2)
        });
        view! {
            <li>
                <button type="button" class="tab" class:on=move || current.get()
                    aria-current=move || if current.get() { "page" } else { "false" }
                    on:click=move |_| cx.view.set(target.clone())>
                    {move || label(cx.t())}
                </button>
            </li>
        }
    };
    view! {
        <nav class="nav" aria-label=move || cx.t().nav_label>
            <ul>
                {tab(View::Check, |t| t.nav_check)}
                {tab(View::Events, |t| t.nav_events)}
                {tab(View::Province, |t| t.nav_province)}
                {tab(View::Survey(None), |t| t.nav_survey)}
                {tab(View::Results, |t| t.nav_results)}
            </ul>
        </nav>
    }
}

/// After a view change (not the first view: focusing inside an iframe would scroll the portal),
/// moves focus to the new view's heading so keyboard and screen-reader users land on it; back on
/// the search, to the row of the procedure they had opened.
fn follow_focus(cx: AppCtx) {
    let previous = StoredValue::new(None::<View>);
    Effect::new(move |_| {
        let view = cx.view.get();
        let before = previous.get_value();
        previous.set_value(Some(view.clone()));
        let Some(before) = before else { return };
        request_animation_frame(move || {
            let doc = document();
            let target = match (&before, &view) {
                (View::Detail(code), View::Check) => {
                    doc.query_selector(&format!("#results button[data-code='{code}']")).ok().flatten()
                }
                _ => doc.query_selector("#main h2").ok().flatten(),
            };
            if let Some(el) = target {
                if el.tag_name() == "H2" {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    });
}

/// The current view, once the catalogue is ready or the view is drawn without it (the shell's
/// `Shown`): drawn by this part's `views`, or, for a view of the other part, handed over to it.
#[component]
fn Body(views: fn(View) -> AnyView) -> impl IntoView {
    let cx = ctx();
    follow_focus(cx);
    // Re-rendered on a language switch too, so static text follows the language.
    move || {
        let view = (cx.lang.track(), cx.view.get()).1;
        // A view that needs the catalogue, chosen while it loads: the shell is about to show its state
        // instead of this body (read untracked: the catalogue arriving must not rebuild the view).
        if view.needs_catalogue(cx.part) && untrack(|| cx.ready()).is_none() {
            view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any()
        } else if view.part() == cx.part {
            views(view)
        } else {
            open_in_other_part(cx, &view);
            view! { <p class="status" role="status">{cx.t().loading}</p> }.into_any()
        }
    }
}

/// Loads the part that shows `view` in place of this page (no history entry: views are state),
/// with the citizen's language. Never this very page again: that would reload for ever.
fn open_in_other_part(cx: AppCtx, view: &View) {
    let location = window().location();
    let query = cx.config.with_value(|c| c.query_for(view, cx.lang.get_untracked()));
    if location.search().is_ok_and(|q| q == query) {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let _ = location.replace(&format!("{path}{query}"));
}
