//! Checks a survey definition file and reports every problem with file, item
//! (criterion, element or question id; empty for the definition itself) and field.

use std::collections::HashSet;

use super::{answers::is_channel, Choice, Definition, Kind, Text};
use crate::catalogue::problems::Problems;
use crate::catalogue::rules::{check_text, is_slug};
use crate::catalogue::Problem;
use crate::levels::LEVELS;

const MAX_CRITERIA: usize = 40;
const MAX_OPTIONS: usize = 20;
const MAX_COMMENT: usize = 4000;

/// `[a-z][a-z0-9_]*`, at most 32 characters: criterion, element, question and option ids.
fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 32
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

fn is_version(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.')
}

fn text(p: &mut Problems, item: &str, field: &str, t: &Text, max: usize) {
    check_text(p, item, &format!("{field}.vi"), &t.vi, max, true);
    check_text(p, item, &format!("{field}.en"), &t.en, max, true);
}

/// Records `id` in `seen`, reporting a malformed or repeated id.
fn id(p: &mut Problems, seen: &mut HashSet<String>, item: &str, field: &str, id: &str) {
    if !is_id(id) {
        p.add(item, field, format!("{id:?} is not an id ([a-z][a-z0-9_]*, at most 32 characters)"));
    } else if !seen.insert(id.to_owned()) {
        p.add(item, field, format!("{id:?} is used twice"));
    }
}

/// A test for option ids, and the ids to name when it fails.
type Allowed<'a> = (fn(&str) -> bool, &'a [&'a str]);

fn choice(p: &mut Problems, c: &Choice, allowed: Option<Allowed>) {
    text(p, &c.id, "text", &c.text, 200);
    if c.options.len() < 2 || c.options.len() > MAX_OPTIONS {
        p.add(&c.id, "options", format!("must have 2 to {MAX_OPTIONS} options"));
    }
    let mut seen = HashSet::new();
    for (i, o) in c.options.iter().enumerate() {
        id(p, &mut seen, &c.id, &format!("options[{i}].id"), &o.id);
        if let Some((_, ids)) = allowed.filter(|(ok, _)| !ok(&o.id)) {
            p.add(&c.id, &format!("options[{i}].id"), format!("{:?} is not one of {}", o.id, ids.join(", ")));
        }
        text(p, &c.id, &format!("options[{i}].label"), &o.label, 80);
    }
}

/// Parses and checks one definition file. `file` names it in problems; when it ends in `.json`
/// its name must be the definition's `id@version`.
pub fn read_definition(file: &str, text_in: &str) -> Result<Definition, Vec<Problem>> {
    let mut p = Problems::new(file);
    let def: Definition = match crate::json::from_str(text_in) {
        Ok(d) => d,
        Err(e) => {
            p.add("", "", format!("is not a valid definition: {e}"));
            return Err(p.list);
        }
    };
    if !is_slug(&def.id) {
        p.add("", "id", "is not a lower-case slug");
    }
    if !is_version(&def.version) {
        p.add("", "version", "must be 1–16 letters, digits or dots");
    }
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if let Some(stem) = base.strip_suffix(".json") {
        if stem != def.key() {
            p.add("", "id", format!("file name {base:?} does not match {:?}", def.key()));
        }
    }
    text(&mut p, "", "title", &def.title, 120);
    text(&mut p, "", "intro", &def.intro, 600);
    text(&mut p, "", "privacy", &def.privacy, 1200);
    text(&mut p, "", "basis", &def.basis, 300);

    let values: Vec<u8> = def.scale.points.iter().map(|s| s.value).collect();
    if values.len() < 2 || values.iter().any(|v| !(1..=5).contains(v)) || values.windows(2).any(|w| w[0] >= w[1]) {
        p.add("", "scale.points", "values must be 2 to 5 distinct values in 1..=5, ascending");
    }
    for (i, s) in def.scale.points.iter().enumerate() {
        text(&mut p, "", &format!("scale.points[{i}].label"), &s.label, 40);
    }
    if let Some(na) = &def.scale.not_applicable {
        text(&mut p, "", "scale.not_applicable", na, 40);
    }

    if def.elements.is_empty() {
        p.add("", "elements", "is empty");
    }
    let (mut element_ids, mut criterion_ids) = (HashSet::new(), HashSet::new());
    for (i, e) in def.elements.iter().enumerate() {
        id(&mut p, &mut element_ids, &e.id, &format!("elements[{i}].id"), &e.id);
        text(&mut p, &e.id, "title", &e.title, 120);
        if e.criteria.is_empty() {
            p.add(&e.id, "criteria", "is empty");
        }
        for c in &e.criteria {
            id(&mut p, &mut criterion_ids, &c.id, "id", &c.id);
            text(&mut p, &c.id, "text", &c.text, 300);
            if c.na && def.scale.not_applicable.is_none() {
                p.add(&c.id, "na", "allows \"not applicable\" but the scale has no not_applicable label");
            }
        }
    }
    if criterion_ids.len() > MAX_CRITERIA {
        p.add("", "elements", format!("has more than {MAX_CRITERIA} criteria"));
    }
    if let Some(o) = &def.overall {
        text(&mut p, "overall", "text", &o.text, 300);
    }
    if let Some(c) = &def.comment {
        text(&mut p, "comment", "label", &c.label, 200);
        if c.max_chars == 0 || c.max_chars > MAX_COMMENT {
            p.add("comment", "max_chars", format!("must be 1..={MAX_COMMENT}"));
        }
    }
    if let Some(d) = &def.dossier {
        text(&mut p, "dossier", "label", &d.label, 200);
        text(&mut p, "dossier", "hint", &d.hint, 200);
    }
    let mut question_ids = HashSet::new();
    for (i, q) in def.profile.iter().enumerate() {
        id(&mut p, &mut question_ids, &q.id, &format!("profile[{i}].id"), &q.id);
        choice(&mut p, q, None);
    }
    if let Some(ch) = &def.context.channel {
        choice(&mut p, ch, Some((is_channel, &LEVELS.map(|l| l.id))));
    }
    match def.kind {
        Kind::Dossier => {
            if def.dossier.is_none() {
                p.add("", "dossier", "a dossier rating needs the dossier code field");
            }
            if !def.profile.is_empty() {
                p.add("", "profile", "a dossier rating never carries a profile (it would link a person to a dossier)");
            }
        }
        Kind::Sipas | Kind::Helpful => {
            if def.dossier.is_some() {
                p.add("", "dossier", "only dossier ratings have a dossier code field");
            }
        }
    }
    p.finish(def)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"id":"helpful","version":"2025","kind":"helpful",
      "title":{"vi":"Hữu ích?","en":"Helpful?"},"intro":{"vi":"Giới thiệu","en":"Intro"},
      "privacy":{"vi":"Ẩn danh","en":"Anonymous"},"basis":{"vi":"Tự xây dựng","en":"Our own"},
      "scale":{"points":[{"value":1,"label":{"vi":"Không","en":"No"}},{"value":5,"label":{"vi":"Có","en":"Yes"}}]},
      "elements":[{"id":"info","title":{"vi":"Thông tin","en":"Information"},
        "criteria":[{"id":"helpful","text":{"vi":"Có giúp ích không?","en":"Did it help?"},"na":false}]}],
      "context":{"procedure":"optional","tier":"absent"}}"#;

    #[test]
    fn minimal_definition_reads() {
        let d = read_definition("seeds/surveys/helpful@2025.json", MINIMAL).unwrap();
        assert_eq!(d.key(), "helpful@2025");
        assert!(d.on_scale(5) && !d.on_scale(3));
    }

    #[test]
    fn every_problem_is_reported_with_item_and_field() {
        let bad = MINIMAL
            .replace(r#""id":"info""#, r#""id":"Info""#)
            .replace(r#""en":"Did it help?"},"na":false"#, r#""en":"<b>Did</b>"}"#)
            .replace(r#""vi":"Có","en":"Yes""#, r#""vi":" ","en":"Yes""#);
        let errs = read_definition("x/helpful@2024.json", &bad).unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(has("x/helpful@2024.json: id: file name"), "{text:#?}");
        assert!(has("Info: elements[0].id: \"Info\" is not an id"), "{text:#?}");
        assert!(has("helpful: text.en: contains markup"), "{text:#?}");
        assert!(has("helpful: na: allows \"not applicable\""), "{text:#?}");
        assert!(has("scale.points[1].label.vi: is empty"), "{text:#?}");
        assert_eq!(errs.len(), 5, "{text:#?}");
    }

    #[test]
    fn syntax_and_unknown_fields_are_problems_not_panics() {
        assert!(read_definition("a.json", "{").is_err());
        let typo = MINIMAL.replace(r#""kind""#, r#""kind":"helpful","kinds""#);
        let errs = read_definition("helpful@2025.json", &typo).unwrap_err();
        assert!(errs[0].message.contains("unknown field"), "{errs:?}");
    }
}
