//! "Thành phần hồ sơ": the documents table, flattened by the export:
//!
//! `[group heading]Tên giấy tờMẫu đơn, tờ khaiSố lượng` + rows of `<name>[<form file>]<count>`,
//! where the count is "1 bản chính", "1 bản sao" or "0 bản chính,1 bản sao"; another heading and
//! header start the next group ("a) Đối với …:"), "--" means no heading. A row whose name ends with
//! ":" and whose count is zero is a sub-heading ("- Giấy tờ phải xuất trình:").
//!
//! Each document becomes `{ name, note }`: the name is the row's first sentence; the note holds the
//! group, the count, the form file and the rest of the text.

use super::text::{capitalise, clean, sentence_end, shorten, strip_bullet};
use crate::catalogue::rules::limits::{DOCUMENTS as MAX_DOCUMENTS, DOCUMENT_NAME as MAX_NAME, NOTE as MAX_NOTE};
use crate::catalogue::schema::Document;

const HEADER: &str = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
const MAX_HEADING: usize = 150;
const MAX_FORM: usize = 80;
const FORM_EXTENSIONS: [&str; 5] = [".docx", ".doc", ".pdf", ".xlsx", ".xls"];

#[derive(Debug, Default, PartialEq)]
pub struct Documents {
    pub list: Vec<Document>,
    /// No table header was found: the text was kept as one document.
    pub unsplit: bool,
    /// Names or notes shortened to the catalogue's limits.
    pub shortened: usize,
    /// Documents past the limit, summarised in a last entry.
    pub over_limit: usize,
}

pub fn parse(cell: &str) -> Documents {
    let mut out = Documents::default();
    let mut parts = cell.split(HEADER);
    let lead = parts.next().unwrap_or("");
    let groups: Vec<&str> = parts.collect();
    if groups.is_empty() {
        let text = clean(strip_bullet(lead));
        if !text.is_empty() {
            out.unsplit = true;
            push(&mut out, &text, "", "");
        }
        return out;
    }
    let mut heading = heading_of(lead);
    for (g, group) in groups.iter().enumerate() {
        let mut sub = String::new();
        let mut rest = *group;
        while let Some((start, end, count)) = next_count(rest) {
            let text = clean(&rest[..start]);
            rest = &rest[end..];
            if count.is_empty() && text.ends_with(':') {
                sub = heading_of(&text);
                continue;
            }
            let context = [heading.as_str(), sub.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" — ");
            push(&mut out, &text, &count, &context);
        }
        let tail = clean(rest);
        if g + 1 < groups.len() {
            heading = heading_of(&tail);
        } else if !tail.is_empty() && !tail.ends_with(':') {
            push(&mut out, &tail, "", &heading);
        }
    }
    if out.list.len() > MAX_DOCUMENTS {
        out.over_limit = out.list.len() - (MAX_DOCUMENTS - 1);
        out.list.truncate(MAX_DOCUMENTS - 1);
        out.list.push(Document {
            name: format!("Còn {} giấy tờ khác", out.over_limit),
            note: "xem đủ danh sách trên trang thủ tục của Cổng Dịch vụ công quốc gia".into(),
        });
    }
    out
}

/// A group heading without its bullet and trailing colon, bounded.
fn heading_of(s: &str) -> String {
    let s = clean(strip_bullet(s));
    shorten(s.trim_end_matches(':').trim(), MAX_HEADING)
}

/// Adds one document from a row's text.
fn push(out: &mut Documents, text: &str, count: &str, context: &str) {
    let text = strip_bullet(text);
    let (text, form) = split_form(text);
    let (name, rest) = match sentence_end(text, 10, MAX_NAME) {
        Some(i) if text.chars().count() > 120 => (&text[..i], text[i + 1..].trim()),
        _ => (text, ""),
    };
    let name = capitalise(name.trim().trim_end_matches(['.', ';', ',']));
    if name.is_empty() {
        return;
    }
    let form = if form.is_empty() { String::new() } else { format!("mẫu: {form}") };
    let note: Vec<&str> = [context, count, form.as_str(), rest].into_iter().filter(|s| !s.is_empty()).collect();
    let note = note.join("; ");
    let (n, t) = (shorten(&name, MAX_NAME), shorten(&note, MAX_NOTE));
    out.shortened += usize::from(n != name) + usize::from(t != note);
    out.list.push(Document { name: n, note: t });
}

/// Splits a trailing form file name ("…hợp lệ.Mẫu số 05.docx") off a row's text. The file name
/// starts after the last ". ) ; :" before its extension; without such a boundary within
/// `MAX_FORM` characters the text is left whole.
fn split_form(text: &str) -> (&str, &str) {
    let lower = text.to_lowercase();
    let Some(ext) = FORM_EXTENSIONS.iter().find(|e| lower.ends_with(*e)) else { return (text, "") };
    let stem_end = text.len() - ext.len();
    let stem = &text[..stem_end];
    let Some(b) = stem.rfind(['.', ')', ';', ':']) else { return (text, "") };
    let form = text[b + 1..].trim();
    if form.is_empty() || form.chars().count() > MAX_FORM || b == 0 {
        return (text, "");
    }
    (&text[..b + usize::from(&text[b..b + 1] == ")")], form)
}

/// The next count ("1 bản chính,1 bản sao") in `s`: (start, end, count without zero parts).
fn next_count(s: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(k) = s[from..].find(" bản ") {
        let at = from + k;
        // Digits right before " bản ".
        let start = s[..at].trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if start < at {
            let mut end = start;
            let mut parts = Vec::new();
            while let Some((n, kind, next)) = count_part(&s[end..]) {
                if n != "0" && n.chars().any(|c| c != '0') {
                    parts.push(format!("{} bản {kind}", n.trim_start_matches('0')));
                }
                end += next;
                match s[end..].strip_prefix(',') {
                    Some(r) if count_part(r).is_some() => end += 1,
                    _ => break,
                }
            }
            // A count directly followed by another belongs to the name ("mẫu số 10 bản chính1 bản chính").
            if end > start && count_part(&s[end..]).is_none() {
                return Some((start, end, parts.join(", ")));
            }
        }
        from = at + 1;
    }
    None
}

/// "12 bản chính…" → ("12", "chính", bytes used).
fn count_part(s: &str) -> Option<(&str, &'static str, usize)> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = s[digits..].strip_prefix(" bản ")?;
    let kind = ["chính", "sao"].into_iter().find(|k| rest.starts_with(k))?;
    Some((&s[..digits], kind, digits + " bản ".len() + kind.len()))
}

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;
