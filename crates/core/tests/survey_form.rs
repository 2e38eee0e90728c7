//! The survey form's logic, on the shipped definitions: the steps, where each field is answered,
//! and the envelope a draft becomes (what it keeps, what it drops, what the check says).

use std::fs;

use tthc_core::envelope::Answer;
use tthc_core::lang::Lang;
use tthc_core::survey::steps::{errors_for, step_of, steps, Step};
use tthc_core::survey::{read_definition, Definition, Draft, FieldError};

fn load(name: &str) -> Definition {
    let path = format!("{}/../../seeds/surveys/{name}.json", env!("CARGO_MANIFEST_DIR"));
    read_definition(&path, &fs::read_to_string(&path).unwrap()).unwrap()
}

const ID: &str = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";

fn full(def: &Definition) -> Draft {
    let mut d =
        Draft { survey: def.key(), procedure: Some("1.001193".into()), tier: Some("xa".into()), ..Draft::default() };
    for c in def.criteria() {
        d.answers.insert(c.id.clone(), "4".into());
    }
    d.overall = def.overall.as_ref().map(|_| 5);
    d.channel = def.context.channel.as_ref().and_then(|q| q.options.first()).map(|o| o.id.clone());
    d
}

#[test]
fn a_sipas_form_has_an_intro_a_step_per_element_a_final_step_and_a_review() {
    let def = load("sipas-service-b@2026");
    let s = steps(&def);
    assert_eq!(s.first(), Some(&Step::Intro));
    assert_eq!(s.last(), Some(&Step::Review));
    assert_eq!(s.iter().filter(|x| matches!(x, Step::Element(_))).count(), def.elements.len());
    assert!(s.contains(&Step::Final));
    // The one-tap question: one criterion, no overall or profile; its comment makes a final step.
    let helpful = load("helpful@2025");
    let expected_final = helpful.comment.is_some();
    assert_eq!(steps(&helpful).contains(&Step::Final), expected_final);
    assert_eq!(steps(&helpful).len(), 2 + helpful.elements.len() + usize::from(expected_final));
}

#[test]
fn every_field_leads_back_to_the_step_that_asks_it() {
    let def = load("sipas-service-a@2023");
    for (i, el) in def.elements.iter().enumerate() {
        for c in &el.criteria {
            assert_eq!(step_of(&def, &format!("answers.{}", c.id)), Step::Element(i));
        }
    }
    assert_eq!(step_of(&def, "overall"), Step::Final);
    assert_eq!(step_of(&def, "comment"), Step::Final);
    assert_eq!(step_of(&def, "profile.age"), Step::Final);
    assert_eq!(step_of(&def, "channel"), Step::Intro);
    assert_eq!(step_of(&def, "answers.no-such-criterion"), Step::Intro);
}

#[test]
fn a_step_shows_only_its_own_errors_and_the_review_shows_all() {
    let def = load("sipas-service-a@2023");
    let first = &def.elements[0].criteria[0].id;
    let errs = vec![FieldError::new(format!("answers.{first}"), "x", "x"), FieldError::new("overall", "y", "y")];
    assert_eq!(errors_for(&def, Step::Element(0), errs.clone()).len(), 1);
    assert_eq!(errors_for(&def, Step::Element(1), errs.clone()).len(), 0);
    assert_eq!(errors_for(&def, Step::Final, errs.clone())[0].field, "overall");
    assert_eq!(errors_for(&def, Step::Review, errs).len(), 2);
}

#[test]
fn a_complete_draft_passes_the_collectors_check_and_an_empty_one_names_each_missing_field() {
    let def = load("sipas-service-b@2026");
    assert_eq!(full(&def).problems(&def, "quang-tri", Lang::Vi), vec![]);
    let empty = Draft { survey: def.key(), ..Draft::default() };
    let problems = empty.problems(&def, "quang-tri", Lang::Vi);
    let first = format!("answers.{}", def.elements[0].criteria[0].id);
    assert!(problems.iter().any(|e| e.field == first), "{problems:?}");
}

#[test]
fn the_envelope_keeps_what_the_definition_asks_and_drops_the_rest() {
    let def = load("sipas-service-b@2026");
    let mut d = full(&def);
    d.answers.insert("not-a-criterion".into(), "5".into());
    let first = def.elements[0].criteria[0].id.clone();
    d.answers.insert(first.clone(), "na".into());
    d.comment = "   ".into();
    d.dossier = "  H50.12-250101-0001 ".into();
    let env = d.envelope(&def, "quang-tri", ID.into(), Lang::En, Some("2026-12-03T10:00:00Z".into()));
    assert!(!env.answers.contains_key("not-a-criterion"));
    assert_eq!(env.answers.get(&first), Some(&Answer::NotApplicable));
    assert_eq!(env.comment, None, "a blank comment is not sent");
    assert_eq!(
        env.dossier,
        def.dossier.as_ref().map(|_| "H50.12-250101-0001".to_owned()),
        "trimmed, and only when asked"
    );
    assert_eq!((env.id.as_str(), env.lang, env.survey.as_str()), (ID, Lang::En, def.key().as_str()));
    // A form that asks no channel sends none, whatever the draft holds.
    let helpful = load("helpful@2025");
    let mut h = full(&helpful);
    h.channel = Some("toan-trinh".into());
    assert!(helpful.context.channel.is_none(), "the one-tap question asks no channel");
    let env = h.envelope(&helpful, "quang-tri", ID.into(), Lang::Vi, None);
    assert_eq!(env.channel, None);
}
