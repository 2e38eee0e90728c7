//! A keyed counter with a bound on its distinct keys.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The key that counts everything past the cap ("other"); no valid key can be it.
pub const OTHER: &str = "~";

/// Counts by key; at most `cap` distinct keys besides [`OTHER`]. Past the cap, the keys that
/// sort last go to [`OTHER`]: that choice depends on the keys only, never on arrival order, so
/// merging is associative and commutative and the total is never lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Capped(BTreeMap<String, u32>);

impl Capped {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Distinct keys, [`OTHER`] not included.
    pub fn distinct(&self) -> usize {
        self.0.len() - usize::from(self.0.contains_key(OTHER))
    }

    /// Every count, [`OTHER`] included.
    pub fn total(&self) -> u32 {
        self.0.values().fold(0u32, |a, &n| a.saturating_add(n))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &u32)> {
        self.0.iter()
    }

    /// Adds `n` under `key`, keeping at most [`super::MAX_KEYS`] distinct keys.
    pub fn add(&mut self, key: &str, n: u32) {
        if n == 0 {
            return;
        }
        let slot = self.0.entry(key.to_owned()).or_insert(0);
        *slot = slot.saturating_add(n);
        self.enforce();
    }

    /// Adds every count of `other`, keeping at most [`super::MAX_KEYS`] distinct keys.
    pub fn merge(&mut self, other: &Capped) {
        for (k, &n) in &other.0 {
            let slot = self.0.entry(k.clone()).or_insert(0);
            *slot = slot.saturating_add(n);
        }
        self.enforce();
    }

    fn enforce(&mut self) {
        while self.distinct() > super::MAX_KEYS {
            let last = self.0.keys().rev().find(|k| *k != OTHER).cloned().expect("more keys than the cap");
            let n = self.0.remove(&last).unwrap_or(0);
            let other = self.0.entry(OTHER.to_owned()).or_insert(0);
            *other = other.saturating_add(n);
        }
    }
}
