//! Masks personal numbers and e-mail addresses in free text before it is stored
//! (Decree 13/2023/NĐ-CP: collect no personal data the survey does not need).
//!
//! - E-mail addresses (`local@domain.tld`) become [`EMAIL_MASK`].
//! - Digit runs become [`NUMBER_MASK`] when they hold 9 or more digits. A run may contain single
//!   spaces, dots or dashes between digits, as people write phone and ID numbers
//!   ("0912 345 678", "001.203.004.567", "090-123-4567"). Phone numbers have 9–11 digits, CMND 9,
//!   CCCD 12; longer runs (tax codes of 13 digits, bank accounts, two phone numbers separated by a
//!   space) are masked as well, because they identify a person just as much.
//! - Shorter numbers stay: dates, amounts ("1.500.000 đồng" has 7 digits), procedure codes.
//!
//! A hand-written scanner (no regex crate). Every scan stops next to an ASCII byte, so the cut
//! points are always character boundaries in UTF-8 text.

/// Replacement for a masked number.
pub const NUMBER_MASK: &str = "[số đã ẩn]";
/// Replacement for a masked e-mail address.
pub const EMAIL_MASK: &str = "[email đã ẩn]";

/// Fewest digits in a run that is masked.
pub const MIN_DIGITS: usize = 9;

/// Returns `text` with e-mail addresses and long digit runs masked.
pub fn mask_free_text(text: &str) -> String {
    mask_numbers(&mask_emails(text))
}

/// Local-part bytes; non-ASCII letters count too ("nguyễn.văn@…"), so no part of a name leaks.
fn is_local_char(b: u8) -> bool {
    b >= 0x80 || b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

fn mask_emails(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'@' {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > copied && is_local_char(b[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < b.len() && is_domain_char(b[end]) {
            end += 1;
        }
        // A sentence may end right after the address: trailing dots and dashes are not part of it.
        while end > i + 1 && matches!(b[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[i + 1..end];
        let valid_domain = domain.contains('.') && domain.split('.').all(|label| !label.is_empty());
        if start < i && valid_domain {
            out.push_str(&text[copied..start]);
            out.push_str(EMAIL_MASK);
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn mask_numbers(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A run: digits, with single separators allowed between two digits.
        let start = i;
        let mut digits = 0;
        let mut end = i;
        while end < b.len() {
            if b[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if matches!(b[end], b' ' | b'.' | b'-') && end + 1 < b.len() && b[end + 1].is_ascii_digit() {
                end += 1;
            } else {
                break;
            }
        }
        if digits >= MIN_DIGITS {
            out.push_str(&text[copied..start]);
            out.push_str(NUMBER_MASK);
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
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
        assert_eq!(mask_free_text("+84 912-345-678"), "+[số đã ẩn]");
        assert_eq!(mask_free_text("hai số 0912345678 0987654321"), "hai số [số đã ẩn]");
    }

    #[test]
    fn short_numbers_stay() {
        let s = "Ngày 12/03/2024 nộp 1.500.000 đồng, thủ tục 1.001193, mã 12345678.";
        assert_eq!(mask_free_text(s), s);
        assert_eq!(mask_free_text("2 - 3 ngày"), "2 - 3 ngày");
        assert_eq!(mask_free_text("số 0912  345 678"), "số 0912  345 678");
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
    fn never_panics_on_edges() {
        for s in ["", "@", "9", "@.", ".@.", "đ@đ.vn", "123456789", "1 2 3 4 5 6 7 8 9", "x@y..vn"] {
            let _ = mask_free_text(s);
        }
        assert_eq!(mask_free_text("1 2 3 4 5 6 7 8 9"), NUMBER_MASK);
        assert_eq!(mask_free_text("x@y..vn"), "x@y..vn");
    }
}
