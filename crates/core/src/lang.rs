//! The interface language: the widget's (from `?lang=`), the one a citizen answered in, and the
//! rule for choosing between a Vietnamese and an English text.

/// Interface language: the widget's (from `?lang=`) and the one the citizen answered in.
/// Serialized as its [`Lang::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// The languages and their codes (`?lang=`, the envelope's `lang`): one table, read both ways.
pub const LANGS: [(Lang, &str); 2] = [(Lang::Vi, "vi"), (Lang::En, "en")];

impl Lang {
    /// `"vi"` or `"en"`: the same text the envelope body carries.
    pub fn code(self) -> &'static str {
        LANGS.iter().find(|(l, _)| *l == self).map(|(_, c)| *c).expect("every language is in LANGS")
    }

    /// The language of a code, `None` for any other text.
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGS.iter().find(|(_, c)| *c == code).map(|(l, _)| *l)
    }

    /// The text in this language: `en` when it is English and there is an English text, else `vi`.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        if self == Lang::En && !en.is_empty() {
            en
        } else {
            vi
        }
    }

    /// The other language: the one the language button switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_falls_back_to_vietnamese_only_when_english_is_missing() {
        assert_eq!(Lang::En.pick("Khai sinh", "Birth"), "Birth");
        assert_eq!(Lang::En.pick("Khai sinh", ""), "Khai sinh");
        assert_eq!(Lang::Vi.pick("Khai sinh", "Birth"), "Khai sinh");
    }

    #[test]
    fn language_codes_round_trip_with_serde() {
        for (l, code) in LANGS {
            assert_eq!(Lang::from_code(code), Some(l));
            assert_eq!(l.code(), code);
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{code}\""));
        }
        assert_eq!(Lang::from_code("VI"), None);
    }

    #[test]
    fn the_other_language_switches_back() {
        for (l, _) in LANGS {
            assert_ne!(l.other(), l);
            assert_eq!(l.other().other(), l);
        }
    }
}
