//! The place picker's rules: how a commune is named to citizens and found as they type, with or
//! without diacritics.

use super::schema::Agency;
use crate::fold::fold;

/// "UBND phường Đồng Hới" → "Phường Đồng Hới": the name without the people's committee, capitalised.
pub fn place_name(a: &Agency) -> String {
    let n = a.name.trim();
    let n = n.strip_prefix("UBND ").or_else(|| n.strip_prefix("Ủy ban nhân dân ")).unwrap_or(n);
    let mut c = n.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The places whose name holds every word of `query` as the start of one of its words (folded:
/// "dong ha" finds "Phường Đông Hà" and "Phường Nam Đông Hà"), at most `limit`, exact name first.
pub fn find<'a>(places: impl Iterator<Item = &'a Agency>, query: &str, limit: usize) -> Vec<&'a Agency> {
    let q = fold(query);
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut hits: Vec<(bool, &Agency)> = places
        .filter_map(|a| {
            let name = fold(&place_name(a));
            let mine: Vec<&str> = name.split_whitespace().collect();
            let all = words.iter().all(|w| mine.iter().any(|m| m.starts_with(w)));
            all.then(|| (mine.iter().skip(1).copied().collect::<Vec<_>>().join(" ") == words.join(" "), a))
        })
        .collect();
    hits.sort_by_key(|(exact, _)| !*exact);
    hits.into_iter().take(limit).map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::schema::AgencyKind;

    fn a(code: &str, name: &str) -> Agency {
        Agency { code: code.into(), name: name.into(), kind: AgencyKind::Commune }
    }

    #[test]
    fn names_and_finding() {
        let list = [
            a("H50.142", "UBND Phường Đông Hà"),
            a("H50.143", "UBND Phường Nam Đông Hà"),
            a("H50.101", "UBND phường Đồng Hới"),
            a("H50.178", "UBND đặc khu Cồn Cỏ"),
        ];
        assert_eq!(place_name(&list[2]), "Phường Đồng Hới");
        assert_eq!(place_name(&list[3]), "Đặc khu Cồn Cỏ");
        let codes = |q: &str| find(list.iter(), q, 5).iter().map(|x| x.code.as_str()).collect::<Vec<_>>();
        assert_eq!(codes("dong ha"), ["H50.142", "H50.143"]);
        assert_eq!(codes("Nam Đông"), ["H50.143"]);
        assert_eq!(codes("dong hoi"), ["H50.101"]);
        assert_eq!(codes("con co"), ["H50.178"]);
        assert_eq!(codes("phuong").len(), 3);
        assert!(codes("hue").is_empty());
        assert_eq!(codes("").len(), 4, "an empty query lists them all");
    }
}
