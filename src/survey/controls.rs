//! Form controls: a labelled radiogroup for ratings and choices, with its own error message.
//! Native radio inputs give arrow-key navigation and screen-reader semantics for free.

use leptos::prelude::*;

/// One option of a group: the value sent, and the label shown.
#[derive(Clone, PartialEq)]
pub struct Opt {
    pub value: String,
    pub label: String,
}

/// DOM id of the control group for a field ("answers.a1" → "f-answers-a1").
pub fn field_id(field: &str) -> String {
    format!("f-{}", field.replace('.', "-"))
}

#[component]
pub fn RadioGroup(
    /// The envelope field this group answers ("answers.a1", "overall", "profile.age").
    field: String,
    legend: String,
    options: Vec<Opt>,
    value: Signal<Option<String>>,
    on_pick: Callback<String>,
    error: Signal<Option<String>>,
    /// Ratings lay options out as a scale; choices as a list.
    #[prop(optional)]
    scale: bool,
) -> impl IntoView {
    let id = field_id(&field);
    let legend_id = format!("{id}-l");
    let legend_id2 = legend_id.clone();
    let err_id = format!("{id}-e");
    let err_id2 = err_id.clone();
    let name = id.clone();
    view! {
        <fieldset class="group" class:scale=scale class:invalid=move || error.get().is_some() id=id.clone()
            role="radiogroup" aria-labelledby=legend_id2
            aria-describedby=move || error.get().map(|_| err_id2.clone())>
            <legend id=legend_id>{legend}</legend>
            {move || error.get().map(|e| view! { <p class="ferr" id=err_id.clone()>{e}</p> })}
            <div class="opts">
                {options.into_iter().map(|o| {
                    let v = o.value.clone();
                    let v2 = o.value.clone();
                    view! {
                        <label class="opt">
                            <input type="radio" name=name.clone() value=o.value.clone()
                                prop:checked=move || value.get().as_deref() == Some(v.as_str())
                                aria-invalid=move || error.get().is_some().to_string()
                                on:change=move |_| on_pick.run(v2.clone())/>
                            <span>{o.label}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A labelled text box for one envelope field ("dossier", "comment"): its hint, its error, and with
/// `max_chars` a live count of the characters left (over the limit it turns red but keeps the text:
/// the citizen shortens it, nothing is cut).
#[component]
pub fn TextField(
    field: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
    /// A textarea of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    /// The longest text the input itself takes (a code, not prose).
    #[prop(optional)]
    max_len: Option<u32>,
    #[prop(optional)] max_chars: Option<usize>,
    /// "… characters left".
    #[prop(optional)]
    left_text: &'static str,
) -> impl IntoView {
    let id = field_id(field);
    let input_id = format!("{id}-i");
    let (err_id, count_id) = (format!("{field}-err"), format!("{field}-n"));
    let left = move || max_chars.map(|m| m as i64 - value.with(|v| v.chars().count()) as i64);
    let described = {
        let (err_id, count_id) = (err_id.clone(), count_id.clone());
        move || {
            let ids: Vec<&str> = [error.get().map(|_| err_id.as_str()), max_chars.map(|_| count_id.as_str())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().to_string();
    let input = move |ev| on_input.run(event_target_value(&ev));
    let control = match rows {
        Some(rows) => view! {
            <textarea id=input_id.clone() rows=rows aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=input></textarea>
        }
        .into_any(),
        None => view! {
            <input id=input_id.clone() class="q" type="text" autocomplete="off" maxlength=max_len
                aria-invalid=invalid aria-describedby=described prop:value=move || value.get() on:input=input/>
        }
        .into_any(),
    };
    view! {
        <div class="field" id=id>
            <label for=input_id>{label}</label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {move || error.get().map(|e| view! { <p class="ferr" id=err_id.clone()>{e}</p> })}
            {control}
            {max_chars.map(|_| view! {
                <p class="hint" id=count_id class:over=move || left().is_some_and(|n| n < 0)>{left}" "{left_text}</p>
            })}
        </div>
    }
}
