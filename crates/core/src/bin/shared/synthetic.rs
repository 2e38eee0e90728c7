//! What the bench generators (`synth`, `synth_registry`) share: a fixed-seed random source, and the
//! way a real record is varied into a new procedure (a real qualifier, a fresh unique code).

use std::collections::{BTreeSet, HashSet};
use tthc_core::catalogue::rules;
use tthc_core::catalogue::schema::Procedure;

/// xorshift64*, fixed seed: enough for a stable shuffle without a crate.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Real qualifiers from the records' names: trailing "(…)" and "đối với …" clauses, sorted; the two
/// tier qualifiers of the national database are always there.
pub fn qualifiers(records: &[Procedure]) -> Vec<String> {
    let mut set: BTreeSet<String> =
        ["(thực hiện tại cấp tỉnh)", "(thực hiện tại cấp xã)"].into_iter().map(String::from).collect();
    for r in records {
        if let Some(i) = r.name.rfind(" (") {
            set.insert(r.name[i + 1..].to_owned());
        }
        let head = r.name.rfind(" (").map_or(r.name.as_str(), |i| &r.name[..i]);
        if let Some(i) = head.find(" đối với ") {
            set.insert(head[i + 1..].to_owned());
        }
    }
    set.into_iter().filter(|q| q.chars().count() <= 60).collect()
}

/// The first code from `start` (as a number of 7 digits) that is not taken yet.
pub fn fresh_code(start: u32, used: &mut HashSet<u32>) -> String {
    let mut v = start % 10_000_000;
    while !used.insert(v) {
        v = (v + 1) % 10_000_000;
    }
    format!("{}.{:06}", v / 1_000_000, v % 1_000_000)
}

/// Every record's code was checked by the importer or the seed checker.
pub fn code_number(code: &str) -> u32 {
    rules::code_number(code).unwrap_or(0)
}

/// A record's name without its trailing "(…)", with the qualifier `q`.
pub fn varied_name(name: &str, q: &str) -> String {
    let head = name.rfind(" (").map_or(name, |j| &name[..j]);
    tthc_core::import::text::shorten(&format!("{head} {q}"), rules::limits::NAME)
}
