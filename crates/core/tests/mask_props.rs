//! Property tests: a phone or ID number written with any separators people use never survives masking.

use proptest::prelude::*;

use tthc_core::mask::{mask_free_text, NUMBER_MASK};

/// Separators between digit groups, as typed on phones and keyboards.
const SEPARATORS: [&str; 14] =
    [" ", "  ", "\u{a0}", ".", "-", " - ", "/", "_", "\n", "\r\n", "\t", ") ", " – ", "\u{202f}"];

/// Text around the number, without digits: words, punctuation, Vietnamese letters.
fn words() -> impl Strategy<Value = String> {
    "[a-zA-Zàáảãạăâđêôơưếốớứ,:;!?]{0,12}"
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + 0xff10).unwrap() } else { c })
        .collect()
}

proptest! {
    #[test]
    fn numbers_with_any_separators_are_masked(
        digits in "[0-9]{9,12}",
        cuts in prop::collection::vec((1usize..4, 0usize..SEPARATORS.len()), 0..5),
        wide in any::<bool>(),
        before in words(),
        after in words(),
    ) {
        let mut number = String::new();
        let mut rest = digits.as_str();
        for (len, sep) in cuts {
            if rest.len() <= len { break; }
            let (group, tail) = rest.split_at(len);
            number.push_str(group);
            number.push_str(SEPARATORS[sep]);
            rest = tail;
        }
        number.push_str(rest);
        if wide { number = fullwidth(&number); }
        let text = format!("{before} {number} {after}");
        let masked = mask_free_text(&text);
        prop_assert!(masked.contains(NUMBER_MASK), "{text:?} → {masked:?}");
        prop_assert!(!masked.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)), "{text:?} → {masked:?}");
    }

    #[test]
    fn masking_never_panics_and_is_idempotent(text in "\\PC{0,60}") {
        let once = mask_free_text(&text);
        prop_assert_eq!(mask_free_text(&once), once);
    }
}
