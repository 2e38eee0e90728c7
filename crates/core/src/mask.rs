//! Masks personal numbers and e-mail addresses in free text before it is stored
//! (Decree 13/2023/NĐ-CP: collect no personal data the survey does not need).
//!
//! - E-mail addresses (`local@domain.tld`, internationalised domains such as `bưuđiện.vn`, a
//!   fullwidth `＠`, and a space on either side of the `@`) become [`EMAIL_MASK`].
//! - Digit runs become [`NUMBER_MASK`] when they hold 9 or more digits. Digits are ASCII or
//!   fullwidth (`０`–`９`). Between two digits a run may hold up to [`MAX_GAP`] separator
//!   characters — spaces (also doubled, no-break or thin), tabs, line breaks, `. - / _ ( )`, dashes
//!   — as people write phone and ID numbers ("0912  345 678", "(024) 3825 1234", "090 - 123 -
//!   4567", "001/203/004/567"). Phone numbers have 9–11 digits, CMND 9, CCCD 12; longer runs
//!   (tax codes of 13 digits, bank accounts, two phone numbers side by side) are masked as well,
//!   because they identify a person just as much. An opening `(` or `+` right before a masked run
//!   goes with it.
//! - Shorter numbers stay: dates, amounts ("1.500.000 đồng" has 7 digits), procedure codes.
//!
//! A hand-written scanner (no regex crate) over characters, so cut points are always
//! character boundaries.

/// Replacement for a masked number.
pub const NUMBER_MASK: &str = "[số đã ẩn]";
/// Replacement for a masked e-mail address.
pub const EMAIL_MASK: &str = "[email đã ẩn]";

/// Fewest digits in a run that is masked.
pub const MIN_DIGITS: usize = 9;
/// Most separator characters between two digits of one run (`") "`, `" - "`, `"\r\n"`).
pub const MAX_GAP: usize = 3;

/// Returns `text` with e-mail addresses and long digit runs masked.
pub fn mask_free_text(text: &str) -> String {
    mask_numbers(&mask_emails(text))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Characters people put between the digit groups of a phone or ID number.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '-' | '/' | '_' | '(' | ')' | '‐' | '‑' | '–' | '—' | '．' | '－' | '／')
}

/// A space around the `@` of an e-mail address ("an @ gmail.com").
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// Local-part characters; any letter counts ("nguyễn.văn@…"), so no part of a name leaks.
fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Domain characters, internationalised labels included ("bưuđiện.vn").
fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

fn mask_emails(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at_byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // index into `chars`
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i].1, '@' | '＠') {
            i += 1;
            continue;
        }
        let mut left = i;
        if left > copied && is_space(chars[left - 1].1) {
            left -= 1;
        }
        let mut start = left;
        while start > copied && is_local_char(chars[start - 1].1) {
            start -= 1;
        }
        let mut right = i + 1;
        if right < chars.len() && is_space(chars[right].1) {
            right += 1;
        }
        let mut end = right;
        while end < chars.len() && is_domain_char(chars[end].1) {
            end += 1;
        }
        // A sentence may end right after the address: trailing dots and dashes are not part of it.
        while end > right && matches!(chars[end - 1].1, '.' | '-') {
            end -= 1;
        }
        let domain = &text[at_byte(right)..at_byte(end)];
        let valid_domain = domain.contains('.') && domain.split('.').all(|label| !label.is_empty());
        if start < left && valid_domain {
            out.push_str(&text[at_byte(copied)..at_byte(start)]);
            out.push_str(EMAIL_MASK);
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[at_byte(copied)..]);
    out
}

fn mask_numbers(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at_byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // index into `chars`
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        // A run: digits, with at most MAX_GAP separators between two digits.
        let mut start = i;
        let mut digits = 0;
        let mut end = i;
        while end < chars.len() {
            if is_digit(chars[end].1) {
                digits += 1;
                end += 1;
                continue;
            }
            let gap = chars[end..].iter().take(MAX_GAP + 1).take_while(|(_, c)| is_separator(*c)).count();
            if (1..=MAX_GAP).contains(&gap) && chars.get(end + gap).is_some_and(|&(_, c)| is_digit(c)) {
                end += gap;
            } else {
                break;
            }
        }
        if digits >= MIN_DIGITS {
            if start > copied && matches!(chars[start - 1].1, '(' | '+') {
                start -= 1;
            }
            out.push_str(&text[at_byte(copied)..at_byte(start)]);
            out.push_str(NUMBER_MASK);
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[at_byte(copied)..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_and_id_numbers_in_vietnamese_text() {
        assert_eq!(mask_free_text("Gọi tôi số 0912345678 nhé"), "Gọi tôi số [số đã ẩn] nhé");
        assert_eq!(mask_free_text("SĐT: 0912 345 678."), "SĐT: [số đã ẩn].");
        assert_eq!(mask_free_text("CCCD 001.203.004.567, cảm ơn"), "CCCD [số đã ẩn], cảm ơn");
        assert_eq!(mask_free_text("CMND:123456789"), "CMND:[số đã ẩn]");
        assert_eq!(mask_free_text("+84 912-345-678"), "[số đã ẩn]");
        assert_eq!(mask_free_text("hai số 0912345678 0987654321"), "hai số [số đã ẩn]");
    }

    #[test]
    fn separators_people_actually_type() {
        let masked = format!("số {NUMBER_MASK} nhé");
        for s in [
            "(024) 3825 1234",
            "0912  345 678",
            "0912\u{a0}345\u{a0}678",
            "0912\u{202f}345\u{202f}678",
            "0912/345/678",
            "0912_345_678",
            "0912 - 345 - 678",
            "0912 – 345 – 678",
            "0912\n345\n678",
            "0912\r\n345 678",
            "0912\t345\t678",
            "０９１２３４５６７８",
            "０９１２ ３４５ ６７８",
            "001/203/004/567",
        ] {
            assert_eq!(mask_free_text(&format!("số {s} nhé")), masked, "{s:?}");
        }
    }

    #[test]
    fn short_numbers_stay() {
        let s = "Ngày 12/03/2024 nộp 1.500.000 đồng, thủ tục 1.001193, mã 12345678.";
        assert_eq!(mask_free_text(s), s);
        assert_eq!(mask_free_text("2 - 3 ngày"), "2 - 3 ngày");
        assert_eq!(mask_free_text("chờ 3 ngày, 15 phút, phí 50.000"), "chờ 3 ngày, 15 phút, phí 50.000");
        // Four separators are no longer one number.
        assert_eq!(mask_free_text("0912 -- - 345678"), "0912 -- - 345678");
    }

    #[test]
    fn emails() {
        assert_eq!(mask_free_text("Liên hệ nguyễn.văn-a@gmail.com."), "Liên hệ [email đã ẩn].");
        assert_eq!(mask_free_text("email: an.nguyen+dvc@ubnd.ha-noi.gov.vn!"), "email: [email đã ẩn]!");
        assert_eq!(mask_free_text("0912345678@gmail.com"), "[email đã ẩn]");
        assert_eq!(mask_free_text("gặp @cán bộ lúc 8@ sáng"), "gặp @cán bộ lúc 8@ sáng");
        assert_eq!(mask_free_text("a@b"), "a@b");
        assert_eq!(mask_free_text("a@@b.vn x@y.vn"), "a@@b.vn [email đã ẩn]");
    }

    #[test]
    fn emails_written_loosely_or_with_idn_domains() {
        assert_eq!(mask_free_text("thư an@bưuđiện.vn nhé"), "thư [email đã ẩn] nhé");
        assert_eq!(mask_free_text("thư an @ gmail.com nhé"), "thư [email đã ẩn] nhé");
        assert_eq!(mask_free_text("thư an@ gmail.com."), "thư [email đã ẩn].");
        assert_eq!(mask_free_text("thư an＠gmail.com"), "thư [email đã ẩn]");
        assert_eq!(mask_free_text("thư an\u{a0}@\u{a0}gmail.com"), "thư [email đã ẩn]");
    }

    #[test]
    fn masking_is_idempotent() {
        for s in ["SĐT 0912 345 678, thư an @ gmail.com", "(024) 3825 1234", "x"] {
            let once = mask_free_text(s);
            assert_eq!(mask_free_text(&once), once, "{s:?}");
        }
    }

    #[test]
    fn never_panics_on_edges() {
        for s in ["", "@", "9", "@.", ".@.", "đ@đ.vn", "123456789", "1 2 3 4 5 6 7 8 9", "x@y..vn", "＠", "（"] {
            let _ = mask_free_text(s);
        }
        assert_eq!(mask_free_text("1 2 3 4 5 6 7 8 9"), NUMBER_MASK);
        assert_eq!(mask_free_text("x@y..vn"), "x@y..vn");
    }
}
