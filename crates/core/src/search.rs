//! Search over procedure names, English names and aliases.
//!
//! Built once per province index. A query is folded (see [`crate::fold`]) and split into words; each
//! word is matched against the vocabulary of folded words as an exact word, a prefix (so results
//! appear while typing) or — for words of 4+ letters — with one typo (insertion, deletion,
//! substitution or swap of neighbours). Every query word must match. A query of digits (with or
//! without the dot) is a procedure code or its prefix.
//!
//! Ranking: exact code; then more whole-word matches; then more prefix matches; then typos; ties go to
//! names that contain the query as a phrase, then to the more popular procedure (its popularity
//! class from the counters' export, given to `catalogue build --popularity`; all 0 without one),
//! then to shorter names, then by code. So without a popularity file the order is as before, and
//! popularity never lifts a worse match above a better one.

use crate::catalogue::bundle::Entry;
use crate::catalogue::online::Summary;
use crate::catalogue::rules::code_number;
use crate::catalogue::schema::{LifeEvent, Tier};
use crate::fold::{fold, words};
use crate::levels::Level;
use std::collections::HashMap;

/// Results the widget shows per page; it asks for `PAGE + 1` to know whether there are more.
pub const PAGE: usize = 10;

/// How well one query word matched one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    None = 0,
    Typo = 1,
    Prefix = 2,
    Exact = 3,
}

/// Narrowing choices shown as chips.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Online level at `place` (a range that includes it counts).
    pub level: Option<Level>,
    /// The citizen's commune (agency code), when chosen: levels are read there.
    pub place: Option<String>,
    pub tier: Option<Tier>,
    pub field: Option<String>,
    /// A life-event id: only procedures that are steps of it.
    pub event: Option<String>,
}

struct Doc {
    code_digits: String,
    /// The code as a number, for ranking ties (parsed once, not per keystroke).
    code_num: u32,
    name_folded: String,
    online: Summary,
    tiers: Vec<Tier>,
    field: String,
    popularity: u8,
}

pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Folded words, sorted: exact and prefix matches are one binary search away.
    vocab: Vec<String>,
    /// Documents containing each vocabulary word (parallel to `vocab`).
    postings: Vec<Vec<u32>>,
    /// Vocabulary positions by word length, for the one-typo scan (lengths n-1..=n+1 only).
    by_len: Vec<Vec<u32>>,
    events: HashMap<String, Vec<u32>>,
}

/// Longest query searched, in characters (the search box's `maxlength`): a longer paste is cut
/// here, so a query costs at most this many words of matching per keystroke.
pub const MAX_QUERY_CHARS: usize = 120;

fn capped(query: &str) -> &str {
    query.char_indices().nth(MAX_QUERY_CHARS).map_or(query, |(i, _)| &query[..i])
}

/// Score of a candidate: compared lexicographically, larger is better.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    exact: usize,
    prefix: usize,
    phrase: bool,
    popular: u8,
    shorter: std::cmp::Reverse<usize>,
    code: std::cmp::Reverse<u32>,
}

impl SearchIndex {
    pub fn new(entries: &[Entry], events: &[LifeEvent]) -> Self {
        let mut vocab_ids: HashMap<String, u32> = HashMap::new();
        let mut vocab = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut docs = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let doc = i as u32;
            let texts = std::iter::once(&e.name).chain(std::iter::once(&e.name_en)).chain(e.aliases.iter());
            for t in texts {
                for w in words(t) {
                    let id = *vocab_ids.entry(w.clone()).or_insert_with(|| {
                        vocab.push(w);
                        postings.push(Vec::new());
                        (vocab.len() - 1) as u32
                    });
                    let list = &mut postings[id as usize];
                    if list.last() != Some(&doc) {
                        list.push(doc);
                    }
                }
            }
            let code_digits: String = e.code.chars().filter(char::is_ascii_digit).collect();
            docs.push(Doc {
                code_num: code_number(&e.code).unwrap_or(u32::MAX),
                code_digits,
                name_folded: fold(&e.name),
                online: e.online.clone(),
                tiers: e.tiers.clone(),
                field: e.field.clone(),
                popularity: e.popularity,
            });
        }
        let by_code: HashMap<&str, u32> =
            entries.iter().enumerate().map(|(i, e)| (e.code.as_str(), i as u32)).collect();
        let events = events
            .iter()
            .map(|ev| (ev.id.clone(), ev.steps.iter().filter_map(|s| by_code.get(s.code.as_str()).copied()).collect()))
            .collect();
        let mut order: Vec<usize> = (0..vocab.len()).collect();
        order.sort_unstable_by(|&a, &b| vocab[a].cmp(&vocab[b]));
        let vocab: Vec<String> = order.iter().map(|&i| std::mem::take(&mut vocab[i])).collect();
        let postings: Vec<Vec<u32>> = order.iter().map(|&i| std::mem::take(&mut postings[i])).collect();
        let mut by_len: Vec<Vec<u32>> = Vec::new();
        for (i, w) in vocab.iter().enumerate() {
            if by_len.len() <= w.len() {
                by_len.resize(w.len() + 1, Vec::new());
            }
            by_len[w.len()].push(i as u32);
        }
        SearchIndex { docs, vocab, postings, by_len, events }
    }

    fn passes(&self, doc: usize, f: &Filter, event: Option<&Vec<u32>>) -> bool {
        let d = &self.docs[doc];
        f.level.is_none_or(|l| d.online.at(f.place.as_deref()).has(l))
            && f.tier.is_none_or(|t| d.tiers.contains(&t))
            && f.field.as_deref().is_none_or(|x| d.field == x)
            && event.is_none_or(|ids| ids.contains(&(doc as u32)))
    }

    /// Ranked results for `query` under `filter`, at most `limit`. An empty query lists every
    /// procedure that passes the filter, by name.
    /// Returns positions of entries in the index, best first.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Vec<usize> {
        let query = capped(query);
        let event = filter.event.as_ref().and_then(|e| self.events.get(e));
        if let Some(digits) = code_query(query) {
            return self.by_code(&digits, filter, event, limit);
        }
        let tokens = words(query);
        if tokens.is_empty() {
            // Browsing: everything that passes the filter, alphabetically.
            let mut all: Vec<(std::cmp::Reverse<&str>, usize)> = (0..self.docs.len())
                .filter(|&d| self.passes(d, filter, event))
                .map(|d| (std::cmp::Reverse(self.docs[d].name_folded.as_str()), d))
                .collect();
            return top(&mut all, limit);
        }
        let scored = self.score(&tokens);
        // The folded query is its words joined by single spaces: no second fold per keystroke.
        let phrase = tokens.join(" ");
        // Every query word must match; cheap checks first, the filter and the ranking only for matches.
        let mut ranked: Vec<(Rank, usize)> = (0..self.docs.len())
            .filter(|&d| scored.iter().all(|s| s[d] != Kind::None) && self.passes(d, filter, event))
            .map(|d| (self.rank(d, &scored, &phrase), d))
            .collect();
        top(&mut ranked, limit)
    }

    /// Near misses for a query with no results: documents matching as many query words as possible.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<usize> {
        let tokens = words(capped(query));
        let scored = self.score(&tokens);
        let mut ranked: Vec<((usize, usize), usize)> = (0..self.docs.len())
            .filter_map(|d| {
                let hits = scored.iter().filter(|s| s[d] != Kind::None).count();
                let best = scored.iter().map(|s| s[d] as usize).sum::<usize>();
                (hits > 0).then_some(((hits, best), d))
            })
            .collect();
        top(&mut ranked, limit)
    }

    fn rank(&self, d: usize, scored: &[Vec<Kind>], phrase: &str) -> Rank {
        let doc = &self.docs[d];
        let count = |kind: Kind| scored.iter().filter(|s| s[d] == kind).count();
        Rank {
            exact: count(Kind::Exact),
            prefix: count(Kind::Prefix),
            phrase: !phrase.is_empty() && doc.name_folded.contains(phrase),
            popular: doc.popularity,
            shorter: std::cmp::Reverse(doc.name_folded.len()),
            code: std::cmp::Reverse(doc.code_num),
        }
    }

    /// For each query word, the best match kind per document.
    fn score(&self, tokens: &[String]) -> Vec<Vec<Kind>> {
        tokens
            .iter()
            .map(|t| {
                let mut best = vec![Kind::None; self.docs.len()];
                let mut mark = |i: usize, k: Kind| {
                    for &d in &self.postings[i] {
                        let slot = &mut best[d as usize];
                        if k > *slot {
                            *slot = k;
                        }
                    }
                };
                // Exact and prefix: the sorted run of words starting with `t`.
                let start = self.vocab.partition_point(|w| w.as_str() < t.as_str());
                for i in (start..self.vocab.len()).take_while(|&i| self.vocab[i].starts_with(t.as_str())) {
                    mark(i, if self.vocab[i] == *t { Kind::Exact } else { Kind::Prefix });
                }
                // One typo: only words one letter shorter, as long, or one longer.
                if t.len() >= MIN_TYPO_LEN {
                    for len in t.len() - 1..=t.len() + 1 {
                        for &i in self.by_len.get(len).map(Vec::as_slice).unwrap_or(&[]) {
                            let w = &self.vocab[i as usize];
                            if !w.starts_with(t.as_str()) && within_one(t.as_bytes(), w.as_bytes()) {
                                mark(i as usize, Kind::Typo);
                            }
                        }
                    }
                }
                best
            })
            .collect()
    }

    fn by_code(&self, digits: &str, filter: &Filter, event: Option<&Vec<u32>>, limit: usize) -> Vec<usize> {
        let mut ranked: Vec<(std::cmp::Reverse<u32>, usize)> = (0..self.docs.len())
            .filter(|&d| self.docs[d].code_digits.starts_with(digits) && self.passes(d, filter, event))
            .map(|d| (std::cmp::Reverse(self.docs[d].code_num), d))
            .collect();
        top(&mut ranked, limit)
    }
}

/// The best `limit` items, best first.
fn top<R: Ord>(ranked: &mut Vec<(R, usize)>, limit: usize) -> Vec<usize> {
    let by_best = |a: &(R, usize), b: &(R, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if ranked.len() > limit && limit > 0 {
        ranked.select_nth_unstable_by(limit - 1, by_best);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(by_best);
    ranked.iter().map(|(_, d)| *d).collect()
}

/// `Some(digits)` when the query is a code or a code prefix: digits, optionally one dot after the first.
fn code_query(q: &str) -> Option<String> {
    let q = q.trim();
    if q.is_empty() || !q.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let dots = q.bytes().filter(|&b| b == b'.').count();
    if dots > 1 || (dots == 1 && q.as_bytes().get(1) != Some(&b'.')) {
        return None;
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    (digits.len() <= 7).then_some(digits)
}

/// Words shorter than this must be typed right (a typo in "xa" matches everything).
const MIN_TYPO_LEN: usize = 4;

/// Damerau distance ≤ 1 on ASCII bytes (folded words are ASCII).
fn within_one(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let n = a.len().min(b.len());
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if i == n {
        return true;
    }
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a[i + 1..] == b[i + 1..] || (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
        }
        std::cmp::Ordering::Greater => a[i + 1..] == b[i..],
        std::cmp::Ordering::Less => a[i..] == b[i + 1..],
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
