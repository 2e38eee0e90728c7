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
