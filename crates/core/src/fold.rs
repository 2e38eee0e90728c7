//! Vietnamese folding: one canonical, accent-free, lower-case form for matching.
//!
//! Handles precomposed (NFC) and decomposed (NFD) input alike: combining marks are dropped,
//! precomposed letters map to their base letter through two small hand-written tables
//! (no Unicode database is linked into the wasm), `đ`/`Đ` become `d`, everything that is not
//! a letter or digit becomes a single space, and runs of spaces collapse.

/// Base letters for U+00C0..=U+01B0 (Latin-1 Supplement + Latin Extended-A/B up to `ư`);
/// `0` means "not a letter we fold".
const LATIN: &[u8; 241] = b"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0yaaaaaaccccccccddddeeeeeeeeeegggggggghh\0\0iiiiiiiii\0\0\0jjkk\0llllll\0\0\0\0nnnnnn\0\0\0oooooo\0\0rrrrrrsssssssstttt\0\0uuuuuuuuuuuuwwyyyzzzzzz\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0oo\0\0\0\0\0\0\0\0\0\0\0\0\0uu";
/// Base letters for the Vietnamese block U+1EA0..=U+1EF9 (ạ … ỹ).
const VIET: &[u8; 90] = b"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy";

/// What one input character contributes to the folded form.
enum Folded {
    Char(char),
    Skip,
    Space,
}

fn fold_char(c: char) -> Folded {
    let u = c as u32;
    match u {
        0x30..=0x39 | 0x61..=0x7A => Folded::Char(c),
        0x41..=0x5A => Folded::Char(c.to_ascii_lowercase()),
        // Combining diacritics (NFD input): drop, the base letter came before.
        0x0300..=0x036F => Folded::Skip,
        0xC0..=0x1B0 => match LATIN[(u - 0xC0) as usize] {
            0 => Folded::Space,
            b => Folded::Char(b as char),
        },
        0x1EA0..=0x1EF9 => Folded::Char(VIET[(u - 0x1EA0) as usize] as char),
        _ => Folded::Space,
    }
}

/// Folds `s` into lower-case ASCII words separated by single spaces.
///
/// `fold(fold(x)) == fold(x)` for every input (property-tested).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match fold_char(c) {
            Folded::Char(f) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(f);
            }
            Folded::Skip => {}
            Folded::Space => pending_space = true,
        }
    }
    out
}

/// The folded words of `s`.
pub fn words(s: &str) -> Vec<String> {
    fold(s).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_case_and_d() {
        assert_eq!(fold("Đăng ký KHAI SINH"), "dang ky khai sinh");
        assert_eq!(fold("Giấy phép lái xe"), "giay phep lai xe");
        assert_eq!(fold("Lý lịch tư pháp"), "ly lich tu phap");
        assert_eq!(fold("ỹ Ỹ ự Ự ở"), "y y u u o");
    }

    #[test]
    fn nfd_input_equals_nfc_input() {
        // "Đăng ký" typed with combining marks (as some Android keyboards send it).
        let nfd = "\u{0110}a\u{0306}ng ky\u{0301} khai sinh";
        assert_eq!(fold(nfd), "dang ky khai sinh");
        let nfd2 = "thu\u{031B}o\u{031B}\u{0300}ng tru\u{0301}";
        assert_eq!(fold(nfd2), "thuong tru");
    }

    #[test]
    fn punctuation_and_spacing_collapse() {
        assert_eq!(fold("  1.001193 —  Khai   sinh!! "), "1 001193 khai sinh");
        assert_eq!(fold(""), "");
        assert_eq!(fold("---"), "");
    }

    #[test]
    fn words_splits() {
        assert_eq!(words("Cấp  lại GPLX"), vec!["cap", "lai", "gplx"]);
    }
}
