//! The survey form's steps, and on which step each envelope field is answered (so an error found
//! on sending leads the citizen back to the right step).

use super::{Definition, FieldError};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
    /// Notice, context (procedure, channel) and the dossier code.
    Intro,
    /// One SIPAS element (yếu tố) per step.
    Element(usize),
    /// Overall satisfaction, comment, optional profile.
    Final,
    Review,
}

pub fn steps(def: &Definition) -> Vec<Step> {
    let mut s = vec![Step::Intro];
    s.extend((0..def.elements.len()).map(Step::Element));
    if def.overall.is_some() || def.comment.is_some() || !def.profile.is_empty() {
        s.push(Step::Final);
    }
    s.push(Step::Review);
    s
}

/// The step on which `field` is answered.
pub fn step_of(def: &Definition, field: &str) -> Step {
    if let Some(id) = field.strip_prefix("answers.") {
        if let Some(i) = def.elements.iter().position(|e| e.criteria.iter().any(|c| c.id == id)) {
            return Step::Element(i);
        }
    }
    match field {
        "overall" | "comment" => Step::Final,
        f if f.starts_with("profile") => Step::Final,
        _ => Step::Intro,
    }
}

/// The errors that belong to `step` (all of them on the review step).
pub fn errors_for(def: &Definition, step: Step, errors: Vec<FieldError>) -> Vec<FieldError> {
    if step == Step::Review {
        return errors;
    }
    errors.into_iter().filter(|e| step_of(def, &e.field) == step).collect()
}
