//! Answer validation shared by the widget (before queueing) and the collector (before storing).

use serde::{Deserialize, Serialize};

use super::{Definition, Kind, Need};
use crate::catalogue::rules::{is_code, is_slug};
use crate::catalogue::schema::Tier;
use crate::envelope::{is_uuid_v4, Answer, Envelope};
use crate::levels::Level;

/// True for a tier id of [`Tier`] (`huyen` only for answers about procedures before 1/7/2025).
pub fn is_tier(id: &str) -> bool {
    Tier::from_id(id).is_some()
}

/// True for a channel a citizen may have used: a level id of [`crate::levels::LEVELS`].
pub fn is_channel(id: &str) -> bool {
    Level::from_id(id).is_some()
}

/// One problem with one field of an envelope, in both languages (the collector's 400 body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `answers.tc3`, `comment`, `overall`, `body`.
    pub field: String,
    pub message_vi: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError { field: field.into(), message_vi: vi.into(), message_en: en.into() }
    }
}

/// The definition an envelope names, or a `survey` field error.
pub fn find<'a>(defs: &'a [Definition], key: &str) -> Result<&'a Definition, FieldError> {
    defs.iter().find(|d| d.key() == key).ok_or_else(|| {
        FieldError::new("survey", format!("Không có phiếu khảo sát “{key}”."), format!("Unknown survey “{key}”."))
    })
}

fn printable(s: &str, max: usize, extra: &[u8]) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
}

/// Dossier codes as portals print them, e.g. `000.00.19.H12-240101-0001`.
fn is_dossier_code(s: &str) -> bool {
    printable(s, 40, b".-_/")
}

fn check_need(errs: &mut Vec<FieldError>, field: &str, need: Need, present: bool) {
    match (need, present) {
        (Need::Required, false) => {
            errs.push(FieldError::new(field, "Chưa có thông tin bắt buộc này.", "This field is required."))
        }
        (Need::Absent, true) => errs.push(FieldError::new(
            field,
            "Phiếu này không nhận trường này.",
            "This survey does not take this field.",
        )),
        _ => {}
    }
}

fn out_of_scale(field: String, def: &Definition) -> FieldError {
    let values: Vec<String> = def.scale.points.iter().map(|p| p.value.to_string()).collect();
    let values = values.join(", ");
    FieldError::new(
        field,
        format!("Giá trị phải là một trong: {values}."),
        format!("The value must be one of: {values}."),
    )
}

/// Checks an envelope against its definition and returns every problem found.
pub fn validate(env: &Envelope, def: &Definition) -> Result<(), Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut err = |field: &str, vi: &str, en: &str| errs.push(FieldError::new(field, vi, en));
    if !is_uuid_v4(&env.id) {
        err("id", "Mã phản hồi không phải UUID v4 (chữ thường).", "The id is not a lower-case UUID v4.");
    }
    if env.survey != def.key() {
        err("survey", "Phiếu khảo sát không khớp.", "The survey does not match its definition.");
    }
    if !is_slug(&env.province) {
        err("province", "Mã tỉnh không hợp lệ.", "The province code is not a valid slug.");
    }
    if env.procedure.as_deref().is_some_and(|p| !is_code(p)) {
        err("procedure", "Mã thủ tục phải có dạng N.NNNNNN.", "The procedure code must look like N.NNNNNN.");
    }
    if env.tier.as_deref().is_some_and(|t| !is_tier(t)) {
        err("tier", "Cấp thực hiện không hợp lệ.", "Unknown tier.");
    }
    match (&def.context.channel, env.channel.as_deref()) {
        (None, Some(_)) => {
            err("channel", "Phiếu này không hỏi kênh thực hiện.", "This survey does not ask for the channel.")
        }
        (Some(q), Some(c)) if !q.options.iter().any(|o| o.id == c) => {
            err("channel", "Kênh thực hiện không hợp lệ.", "Unknown channel.")
        }
        _ => {}
    }
    if !printable(&env.widget, 32, b".-+") {
        err("widget", "Phiên bản tiện ích không hợp lệ.", "The widget version is not valid.");
    }
    if env.client_time.as_deref().is_some_and(|t| !printable(t, 40, b"-:.+")) {
        err("client_time", "Thời gian trên máy không hợp lệ.", "The client time is not valid.");
    }
    match (&def.dossier, env.dossier.as_deref()) {
        (Some(_), None) => err("dossier", "Vui lòng nhập mã hồ sơ.", "Please enter the dossier code."),
        (Some(_), Some(d)) if !is_dossier_code(d) => err(
            "dossier",
            "Mã hồ sơ chỉ gồm chữ, số và các dấu . - _ / (tối đa 40 ký tự).",
            "A dossier code has letters, digits and . - _ / only (at most 40 characters).",
        ),
        (None, Some(_)) => {
            err("dossier", "Phiếu này không nhận mã hồ sơ.", "This survey does not take a dossier code.")
        }
        _ => {}
    }
    if let Some(c) = &env.comment {
        let max = def.comment.as_ref().map_or(0, |s| s.max_chars);
        if max == 0 {
            err("comment", "Phiếu này không nhận ý kiến.", "This survey does not take a comment.");
        } else if c.chars().count() > max {
            errs.push(FieldError::new(
                "comment",
                format!("Ý kiến dài quá {max} ký tự."),
                format!("The comment is longer than {max} characters."),
            ));
        } else if c.chars().any(|ch| ch.is_control() && ch != '\n') {
            errs.push(FieldError::new(
                "comment",
                "Ý kiến có ký tự điều khiển.",
                "The comment contains control characters.",
            ));
        }
    }
    check_need(&mut errs, "procedure", def.context.procedure, env.procedure.is_some());
    check_need(&mut errs, "tier", def.context.tier, env.tier.is_some());

    for (id, answer) in &env.answers {
        let field = format!("answers.{id}");
        match (def.criterion(id), answer) {
            (None, _) => errs.push(FieldError::new(field, "Không có tiêu chí này trong phiếu.", "Unknown criterion.")),
            (Some(c), Answer::NotApplicable) if !c.na => errs.push(FieldError::new(
                field,
                "Tiêu chí này không có lựa chọn “Không áp dụng”.",
                "This criterion has no “not applicable” choice.",
            )),
            (Some(_), Answer::Score(v)) if !def.on_scale(*v) => errs.push(out_of_scale(field, def)),
            _ => {}
        }
    }
    for c in def.criteria().filter(|c| !env.answers.contains_key(&c.id)) {
        errs.push(FieldError::new(
            format!("answers.{}", c.id),
            "Vui lòng trả lời tiêu chí này (hoặc chọn “Không áp dụng”).",
            "Please answer this criterion (or choose “not applicable”).",
        ));
    }
    match (&def.overall, env.overall) {
        (None, Some(_)) => errs.push(FieldError::new(
            "overall",
            "Phiếu này không có câu hỏi chung.",
            "This survey has no overall question.",
        )),
        (Some(q), None) if q.required => errs.push(FieldError::new(
            "overall",
            "Vui lòng cho biết mức độ hài lòng chung.",
            "Please give your overall satisfaction.",
        )),
        (Some(_), Some(v)) if !def.on_scale(v) => errs.push(out_of_scale("overall".into(), def)),
        _ => {}
    }
    if let Some(profile) = &env.profile {
        if def.kind == Kind::Dossier || def.profile.is_empty() {
            errs.push(FieldError::new(
                "profile",
                "Phiếu này không nhận thông tin cá nhân.",
                "This survey does not take profile answers.",
            ));
        } else {
            for (q, option) in profile {
                let field = format!("profile.{q}");
                match def.profile.iter().find(|c| &c.id == q) {
                    None => errs.push(FieldError::new(field, "Không có câu hỏi này.", "Unknown profile question.")),
                    Some(c) if !c.options.iter().any(|o| &o.id == option) => {
                        errs.push(FieldError::new(field, "Lựa chọn không hợp lệ.", "Unknown option."))
                    }
                    _ => {}
                }
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_and_channels_come_from_their_enums() {
        for t in ["tinh", "xa", "trung_uong", "huyen"] {
            assert!(is_tier(t), "{t}");
        }
        assert!(!is_tier("quan") && !is_tier("Tinh") && !is_tier(""));
        for l in &crate::levels::LEVELS {
            assert!(is_channel(l.id), "{}", l.id);
        }
        assert!(!is_channel("buu_dien") && !is_channel(""));
    }
}
