//! The smaller national cells: tier list, legal basis table, result list, name.

use super::text::{capitalise, clean, shorten};
use crate::catalogue::schema::Tier;
use crate::fold::fold;

/// "Cấp bộ, Cấp tỉnh" → [trung_uong, tinh]. "Cơ quan khác" is no tier; other unknown parts are
/// returned for the report.
pub fn tiers(cell: &str) -> (Vec<Tier>, Vec<String>) {
    let mut tiers = Vec::new();
    let mut unknown = Vec::new();
    for part in cell.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let t = match fold(part).as_str() {
            "cap bo" | "cap trung uong" | "trung uong" => Tier::TrungUong,
            "cap tinh" => Tier::Tinh,
            "cap xa" => Tier::Xa,
            "cap huyen" => Tier::Huyen,
            "co quan khac" => continue,
            _ => {
                unknown.push(shorten(&clean(part), 40));
                continue;
            }
        };
        if !tiers.contains(&t) {
            tiers.push(t);
        }
    }
    (tiers, unknown)
}

/// The official name without a leading "Thủ tục" (as the catalogue writes names).
pub fn name(cell: &str) -> String {
    let s = clean(cell);
    match s.strip_prefix("Thủ tục ") {
        Some(rest) if !rest.is_empty() => capitalise(rest),
        _ => s,
    }
}

const LEGAL_HEADER: &str = "Tên văn bản pháp lýMã văn bản";

/// Most legal-basis entries kept; the real records have at most about 20. Past it, a last entry
/// says how many more there are.
pub const MAX_LEGAL_ENTRIES: usize = 60;

/// The legal basis, and what had to change to fit the catalogue.
#[derive(Debug, Default, PartialEq)]
pub struct Legal {
    pub list: Vec<String>,
    /// Entries shortened to `max_each` characters.
    pub shortened: usize,
    /// Entries past `MAX_LEGAL_ENTRIES` summarised in the last entry.
    pub over_limit: usize,
}

/// "Tên văn bản pháp lýMã văn bản" + rows of `<title><number>`, the number glued to the title
/// ("Luật Căn cước26/2023/QH15") → ["Luật Căn cước 26/2023/QH15"]. Text that is not such a row
/// is kept as it is. Linear in the cell's length: the document numbers are found once.
pub fn legal_basis(cell: &str, max_each: usize) -> Legal {
    let body = cell.trim();
    let body = body.strip_prefix(LEGAL_HEADER).unwrap_or(body);
    let mut entries = Entries::default();
    let mut row_start = 0;
    let numbers = doc_numbers(body);
    for (k, &(start, end)) in numbers.iter().enumerate() {
        let glued = start > 0 && !body[..start].ends_with(char::is_whitespace);
        // Another number right after this one ("…QH1551/2019/QH14"): this one is the title's.
        let followed = numbers.get(k + 1).is_some_and(|&(s, _)| s == end && body.as_bytes()[s].is_ascii_digit());
        if !glued || followed || start <= row_start {
            continue;
        }
        let title = clean(&body[row_start..start]);
        let number = &body[start..end];
        let entry = if title.contains(number) || title.is_empty() { title } else { format!("{title} {number}") };
        entries.push(entry, max_each);
        row_start = end;
    }
    entries.push(clean(&body[row_start..]), max_each);
    let mut out = entries.legal;
    if out.list.len() > MAX_LEGAL_ENTRIES {
        out.over_limit = out.list.len() - (MAX_LEGAL_ENTRIES - 1);
        out.list.truncate(MAX_LEGAL_ENTRIES - 1);
        out.list.push(shorten(
            &format!("Còn {} văn bản khác: xem trang thủ tục trên Cổng Dịch vụ công quốc gia", out.over_limit),
            max_each,
        ));
    }
    out
}

/// Unique entries in order, with a set so that a cell of thousands of rows stays linear.
#[derive(Default)]
struct Entries {
    legal: Legal,
    seen: std::collections::HashSet<String>,
}

impl Entries {
    fn push(&mut self, entry: String, max_each: usize) {
        let short = shorten(&entry, max_each);
        if short.is_empty() || !self.seen.insert(short.clone()) {
            return;
        }
        if short != entry {
            self.legal.shortened += 1;
        }
        self.legal.list.push(short);
    }
}

/// Adds `s` unless it is empty or already there; its length in characters when added, else 0.
fn push_unique(out: &mut Vec<String>, s: String) -> usize {
    if s.is_empty() || out.contains(&s) {
        return 0;
    }
    let n = s.chars().count();
    out.push(s);
    n
}

/// Byte ranges of document numbers ("26/2023/QH15", "70/2024/NĐ-CP", "01/2014/QĐ-TTg",
/// "09/VBHN-VPQH") in `s`.
fn doc_numbers(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'/' || i == 0 || !b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The number before the slash; a run longer than 4 digits ends a year of the title
        // ("năm 201102/2011/QH13") and keeps only what follows it.
        let mut start = i;
        while start > 0 && b[start - 1].is_ascii_digit() {
            start -= 1;
        }
        // Never inside the previous number ("…QH13110/2015/QH13").
        start = start.max(out.last().map_or(0, |&(_, end)| end));
        if i - start > 4 {
            start += 4.min(i - start - 1);
        }
        let mut j = i + 1;
        if b[j..].len() >= 5 && b[j..j + 4].iter().all(u8::is_ascii_digit) && b[j + 4] == b'/' {
            j += 5;
        }
        match suffix_len(&s[j..]) {
            0 => i += 1,
            n => {
                out.push((start, j + n));
                i = j + n;
            }
        }
    }
    out
}

/// Length of an issuer suffix: upper-case letters (Đ too), hyphens, two digits after "QH"
/// ("QH15", "NĐ-CP", "TTLT-BTC-BCA", "QĐ-TTg"); stops before the capital that starts the next
/// title ("…TT-BCALuật" → "TT-BCA") and before a glued number ("…TT-BTC47/2019…").
fn suffix_len(s: &str) -> usize {
    let mut len = 0;
    let mut digits = 0;
    let chars: Vec<(usize, char)> = s.char_indices().take(40).collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        if s[i..].starts_with("TTg") {
            return i + 3;
        }
        let ok = if c.is_ascii_digit() {
            digits += 1;
            // Only the National Assembly's term takes digits ("QH15"); others are glued numbers.
            digits <= 2 && (digits > 1 || s[..i].ends_with("QH"))
        } else if c.is_uppercase() {
            digits == 0 && !next.is_some_and(char::is_lowercase)
        } else {
            c == '-' && digits == 0 && len > 0
        };
        if !ok {
            break;
        }
        len = i + c.len_utf8();
    }
    s[..len].trim_end_matches('-').len()
}

/// "Giấy khai sinhMã: KQ.G15.000031Từ khóa…Mô tả…" → "Giấy khai sinh (KQ.G15.000031)"; several
/// results are joined with "; ". Reading stops once the text is past `max` characters: the caller
/// shortens it (and says so).
pub fn result(cell: &str, max: usize) -> String {
    let body = cell.split("Từ khóa").next().unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    let mut chars = 0;
    let mut pieces = body.split("Mã: ");
    let mut name = clean(pieces.next().unwrap_or(""));
    for piece in pieces {
        if chars > max {
            break;
        }
        // Result codes end in digits ("KQ.G15.000031"); the next name follows without a space.
        let code_len = piece.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(piece.len());
        let code = piece[..code_len].trim_end_matches(|c: char| !c.is_ascii_digit());
        let entry = match (name.is_empty(), code.is_empty()) {
            (false, false) => format!("{name} ({code})"),
            (false, true) => name.clone(),
            (true, _) => code.to_owned(),
        };
        let added = push_unique(&mut parts, entry);
        if added > 0 {
            chars += added + 2;
        }
        name = clean(&piece[code.len()..]);
    }
    if chars <= max {
        push_unique(&mut parts, name);
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_lists() {
        assert_eq!(tiers("Cấp bộ, Cấp tỉnh, Cấp xã").0, vec![Tier::TrungUong, Tier::Tinh, Tier::Xa]);
        assert_eq!(tiers("Cấp xã, Cơ quan khác"), (vec![Tier::Xa], vec![]));
        assert_eq!(tiers("cap tinh; Cấp phường"), (vec![Tier::Tinh], vec!["Cấp phường".to_owned()]));
        assert_eq!(tiers("Cơ quan khác").0, vec![]);
    }

    #[test]
    fn names_drop_thu_tuc() {
        assert_eq!(name("Thủ tục cấp lại  giấy phép"), "Cấp lại giấy phép");
        assert_eq!(name("Đăng ký khai sinh"), "Đăng ký khai sinh");
    }

    #[test]
    fn legal_rows() {
        let cell = "Tên văn bản pháp lýMã văn bảnLuật Căn cước26/2023/QH15Nghị định của Chính phủ: Quy định chi tiết70/2024/NĐ-CPThông tư 16/2024/TT-BCA quy định về mẫu thẻ16/2024/TT-BCALuật 51/2019/QH1451/2019/QH14Quyết định 12/2020/QĐ-TTg12/2020/QĐ-TTgLuật Khiếu nại năm 201102/2011/QH13Thông tư 47/2019/TT-BTC47/2019/TT-BTCNghị quyết 110/2015/QH13110/2015/QH13";
        assert_eq!(
            legal_basis(cell, 300).list,
            vec![
                "Luật Căn cước 26/2023/QH15",
                "Nghị định của Chính phủ: Quy định chi tiết 70/2024/NĐ-CP",
                "Thông tư 16/2024/TT-BCA quy định về mẫu thẻ",
                "Luật 51/2019/QH14",
                "Quyết định 12/2020/QĐ-TTg",
                "Luật Khiếu nại năm 2011 02/2011/QH13",
                "Thông tư 47/2019/TT-BTC",
                "Nghị quyết 110/2015/QH13",
            ]
        );
        assert_eq!(legal_basis("Không có thông tin", 300), Legal::default());
        assert_eq!(legal_basis("Văn bản không có số", 300).list, vec!["Văn bản không có số"]);
    }

    #[test]
    fn results() {
        assert_eq!(
            result("Giấy khai sinhMã: KQ.G15.000031Trích lụcMã: KQ.G15.000033Từ khóaKhông có thông tinMô tả", 400),
            "Giấy khai sinh (KQ.G15.000031); Trích lục (KQ.G15.000033)"
        );
        assert_eq!(result("Không có thông tin", 400), "");
        assert_eq!(result("Văn bản trả lời", 400), "Văn bản trả lời");
    }
}
