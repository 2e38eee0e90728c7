//! "Cách thức thực hiện": the national page's table of channel, time, fee and description,
//! flattened by the export into one string with the cells run together:
//!
//! `Hình thức nộpThời gianPhí, lệ phíMô tả` + rows of
//! `<channel><time><fee><description>`, e.g. `Trực tuyến1Miễn phíTrực tiếp15 Ngày làm việc100,000
//! Việt Nam Đồng(Lệ phí …)Nộp tại …`.
//!
//! A row starts at a channel name directly followed by its time cell (a digit or "Không…"). The
//! time cell is "Không có thông tin", a number with an optional unit, or text up to the fee cell.
//! The fee cell is a list of "Miễn phí", "Không có thông tin" or "<amount> <currency>", each with an
//! optional "(note)". The description is not kept. A row that cannot be split keeps its text.

use super::text::{clean, shorten, NO_INFO};
use crate::catalogue::schema::Channel;

const HEADER: &str = "Hình thức nộpThời gianPhí, lệ phíMô tả";
const CHANNELS: [(&str, Channel); 3] =
    [("Trực tuyến", Channel::TrucTuyen), ("Trực tiếp", Channel::TrucTiep), ("Dịch vụ bưu chính", Channel::BuuChinh)];
/// Longest first, so "Ngày làm việc" wins over "Ngày".
const UNITS: [&str; 8] = ["Ngày làm việc", "Giờ làm việc", "Ngày", "Giờ", "Tháng", "Tuần", "Năm", "Phút"];
const CURRENCIES: [&str; 5] = ["Việt Nam Đồng", "VNĐ", "VND", "Đồng", "đồng"];
const FREE: &str = "Miễn phí";
/// A per-channel time or fee is not built past this many characters (the caller shortens it).
const JOINED_MAX_CHARS: usize = 1000;
/// Each unsplit row keeps at most this much of its text.
const RAW_ROW_CHARS: usize = 160;

/// What the table says, ready for the catalogue's fields.
#[derive(Debug, Default, PartialEq)]
pub struct Ways {
    /// In the catalogue's order: online, post, in person.
    pub channels: Vec<Channel>,
    pub time: String,
    pub fee: String,
    /// Rows (or leading text) that could not be split, kept as text in `time`.
    pub unsplit: usize,
}

#[derive(Debug, PartialEq)]
enum Time {
    Unknown,
    Known(String),
    /// The row's text, when its cells could not be told apart.
    Raw(String),
}

#[derive(Debug)]
struct Row {
    channel: Channel,
    time: Time,
    /// Fee items ("Miễn phí", "100.000 đồng (note)"); empty when unknown.
    fee: Vec<String>,
}

pub fn parse(cell: &str) -> Ways {
    let body = cell.trim();
    let body = body.strip_prefix(HEADER).unwrap_or(body);
    if clean(body).is_empty() {
        return Ways::default();
    }
    let starts = row_starts(body);
    let mut rows = Vec::new();
    let mut unsplit = 0;
    let lead = clean(&body[..starts.first().map_or(body.len(), |s| s.0)]);
    let mut raw_lead = String::new();
    if !lead.is_empty() {
        unsplit += 1;
        raw_lead = shorten(&lead, RAW_ROW_CHARS);
    }
    for (k, &(at, label_len, channel)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(body.len(), |s| s.0);
        let row = row(channel, &body[at + label_len..end]);
        if matches!(row.time, Time::Raw(_)) {
            unsplit += 1;
        }
        rows.push(row);
    }
    let mut ways = Ways { unsplit, ..Ways::default() };
    for c in [Channel::TrucTuyen, Channel::BuuChinh, Channel::TrucTiep] {
        if rows.iter().any(|r| r.channel == c) {
            ways.channels.push(c);
        }
    }
    ways.time = join_per_channel(&rows, |r| match &r.time {
        Time::Known(t) | Time::Raw(t) => Some(t.clone()),
        Time::Unknown => None,
    });
    if !raw_lead.is_empty() {
        ways.time = if ways.time.is_empty() { raw_lead } else { format!("{raw_lead}; {}", ways.time) };
    }
    ways.fee = join_per_channel(&rows, |r| (!r.fee.is_empty()).then(|| r.fee.join("; ")));
    ways
}

/// (byte offset, label length, channel) of every row start.
fn row_starts(body: &str) -> Vec<(usize, usize, Channel)> {
    let mut out = Vec::new();
    for (i, _) in body.char_indices() {
        for (label, channel) in CHANNELS {
            if let Some(rest) = body[i..].strip_prefix(label) {
                let rest = rest.trim_start_matches('\t');
                if rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("Không") {
                    out.push((i, label.len(), channel));
                }
            }
        }
    }
    out
}

fn row(channel: Channel, cells: &str) -> Row {
    let raw = || Time::Raw(format!("{}: {}", label_of(channel), shorten(&clean(cells), RAW_ROW_CHARS)));
    let s = cells.trim_start();
    let (time, rest) = if let Some(rest) = s.strip_prefix(NO_INFO) {
        (Time::Unknown, rest)
    } else if let Some((num, rest)) = number(s) {
        let rest_t = rest.trim_start();
        if let Some(unit) = UNITS.iter().find(|u| rest_t.starts_with(*u)) {
            (Time::Known(format!("{num} {}", unit.to_lowercase())), &rest_t[unit.len()..])
        } else if CURRENCIES.iter().any(|c| rest_t.starts_with(c)) {
            // "Trực tiếp120 VNĐ": the time and the amount ran together; which digits are which is
            // not knowable.
            return Row { channel, time: raw(), fee: Vec::new() };
        } else {
            (Time::Known(format!("{num} (bảng không ghi đơn vị)")), rest)
        }
    } else {
        // Free text in the time cell ("Không phải trả kết quả …"), up to the fee cell.
        match fee_start(s) {
            Some(i) => (Time::Known(clean(&s[..i])), &s[i..]),
            None => return Row { channel, time: raw(), fee: Vec::new() },
        }
    };
    Row { channel, time, fee: fees(rest) }
}

/// A leading number ("15", "0,5", "100,000"), and the rest.
fn number(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    let num = s[..end].trim_end_matches(['.', ',']);
    (!num.is_empty() && num.starts_with(|c: char| c.is_ascii_digit())).then(|| (num, &s[num.len()..]))
}

/// Where the fee cell starts in free text: "Miễn phí", "Không có thông tin" or an amount. Linear:
/// a run of digits that is not an amount is skipped whole (no later start inside it can be one).
fn fee_start(s: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let t = &s[i..];
        if t.starts_with(FREE) || t.starts_with(NO_INFO) {
            return Some(i);
        }
        if c.is_ascii_digit() {
            if amount(t).is_some() {
                return Some(i);
            }
            i += t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len());
        } else {
            i += c.len_utf8();
        }
    }
    None
}

/// "100,000 Việt Nam Đồng" → ("100.000 đồng", rest).
fn amount(s: &str) -> Option<(String, &str)> {
    let (num, rest) = number(s)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let cur = CURRENCIES.iter().find(|c| rest.starts_with(*c))?;
    // Vietnamese writes thousands with dots.
    Some((format!("{} đồng", num.replace(',', ".")), &rest[cur.len()..]))
}

/// The fee items at the start of `s`; stops at the description.
fn fees(mut s: &str) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let (item, rest) = if let Some(rest) = s.strip_prefix(FREE) {
            (Some(FREE.to_owned()), rest)
        } else if let Some(rest) = s.strip_prefix(NO_INFO) {
            (None, rest)
        } else if let Some((a, rest)) = amount(s) {
            (Some(a), rest)
        } else {
            return out;
        };
        let (note, rest) = parenthesised(rest);
        if let Some(mut item) = item {
            let note = clean(note);
            if !note.is_empty() && !matches!(note.as_str(), "Không" | "Không có" | "Không quy định" | "Không quy định.")
            {
                item = format!("{item} ({note})");
            }
            out.push(item);
        }
        s = rest;
    }
}

/// A leading balanced "(…)", without its brackets, and the rest; ("", s) when there is none.
fn parenthesised(s: &str) -> (&str, &str) {
    if !s.starts_with('(') {
        return ("", s);
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return (&s[1..i], &s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    ("", s)
}

fn label_of(c: Channel) -> &'static str {
    match c {
        Channel::TrucTuyen => "trực tuyến",
        Channel::TrucTiep => "trực tiếp",
        Channel::BuuChinh => "bưu chính",
    }
}

/// One value when every row with a value says the same; else "channel: value" parts in row
/// order, each distinct pair once.
fn join_per_channel(rows: &[Row], value: impl Fn(&Row) -> Option<String>) -> String {
    let pairs: Vec<(Channel, String)> = rows.iter().filter_map(|r| value(r).map(|v| (r.channel, v))).collect();
    let Some((_, first)) = pairs.first() else { return String::new() };
    if pairs.iter().all(|(_, v)| v == first) {
        return first.clone();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut chars = 0;
    for (c, v) in &pairs {
        // A Raw time already names its channel.
        let part = if v.starts_with(label_of(*c)) { v.clone() } else { format!("{}: {v}", label_of(*c)) };
        if !parts.contains(&part) {
            chars += part.chars().count() + 2;
            parts.push(part);
        }
        // Past the longest catalogue field (fee, 600) the caller shortens it anyway; stopping
        // keeps a table of thousands of distinct rows linear.
        if chars > JOINED_MAX_CHARS {
            break;
        }
    }
    parts.join("; ")
}

#[cfg(test)]
#[path = "ways_tests.rs"]
mod tests;
