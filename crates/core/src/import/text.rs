//! Text helpers for imported cells: plain single-line text, the national "no information" marker,
//! and visible shortening.

/// What the national database writes in an empty cell.
pub const NO_INFO: &str = "Không có thông tin";

/// The ellipsis that marks a shortened text.
pub const ELLIPSIS: char = '…';

/// Plain single-line text: control characters become spaces, markup brackets become the angle
/// quotation marks (so text like "< 3,5 tấn" survives the catalogue's no-markup rule), runs of
/// white space collapse. An empty cell or the "no information" marker gives "".
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '<' => '‹',
            '>' => '›',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if out == NO_INFO || out == "--" || out == "-" {
        out.clear();
    }
    out
}

/// At most `max` characters: cut at the last space before the limit (or hard at the limit when a
/// single word is longer) and end with "…". Returns the text unchanged when it fits.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let keep = max.saturating_sub(1);
    let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let cut = match head.rfind(' ') {
        Some(i) if i > end / 2 => &head[..i],
        _ => head,
    };
    let mut out = cut.trim_end_matches([' ', ',', ';', ':', '.', '-']).to_owned();
    out.push(ELLIPSIS);
    out
}

/// Drops list markers a row starts with ("- ", "+ ", "* ", "• ").
pub fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(|c: char| matches!(c, '-' | '+' | '*' | '•' | '–') || c.is_whitespace())
}

/// Upper-cases the first character.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The byte offset of the first sentence end at or before `max_chars` characters that leaves at
/// least `min_chars` before it: ". " followed by an upper-case letter, or "; ". `None` when there
/// is no such boundary.
pub fn sentence_end(s: &str, min_chars: usize, max_chars: usize) -> Option<usize> {
    let mut prev: [char; 2] = [' ', ' '];
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n > max_chars {
            break;
        }
        let boundary = (prev[0] == '.' && prev[1] == ' ' && c.is_uppercase()) || (prev[0] == ';' && prev[1] == ' ');
        if boundary && n >= min_chars {
            return Some(i - 2);
        }
        prev = [prev[1], c];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_plain_single_lines() {
        assert_eq!(clean("  a\tb\n\nc  "), "a b c");
        assert_eq!(clean("xe < 3,5 tấn <script>"), "xe ‹ 3,5 tấn ‹script›");
        assert_eq!(clean("Không có thông tin"), "");
        assert_eq!(clean(" -- "), "");
        assert_eq!(clean("a\u{0}b"), "a b");
    }

    #[test]
    fn shorten_is_visible_and_bounded() {
        assert_eq!(shorten("ngắn", 10), "ngắn");
        let s = shorten("một hai ba bốn năm sáu bảy", 12);
        assert!(s.ends_with('…') && s.chars().count() <= 12, "{s}");
        assert_eq!(s, "một hai ba…");
        let long = "x".repeat(50);
        assert_eq!(shorten(&long, 10).chars().count(), 10);
    }

    #[test]
    fn sentences_and_bullets() {
        let s = "Tờ khai theo mẫu CT01. Đối với người chưa thành niên thì ghi rõ";
        let i = sentence_end(s, 5, 100).unwrap();
        assert_eq!(&s[..i], "Tờ khai theo mẫu CT01");
        assert_eq!(sentence_end("a; b", 5, 100), None);
        assert_eq!(strip_bullet("- + Giấy tờ"), "Giấy tờ");
        assert_eq!(capitalise("cấp lại"), "Cấp lại");
    }
}
