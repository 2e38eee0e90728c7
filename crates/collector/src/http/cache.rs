//! A small cache of summary answers: a public summary is the same for everyone, and building
//! one reads the monthly counts of all time, so repeated requests should not rebuild it.
//!
//! An answer is reused while no answer has been committed since it was built (at most
//! [`MAX_AGE`]), and for [`FRESH`] even when some have: under a steady flow of answers a
//! summary lags by at most that long, and each distinct summary is built at most once per
//! [`FRESH`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

/// Reused whatever was committed since.
pub const FRESH: Duration = Duration::from_secs(10);
/// Reused at most this long, even when nothing was committed.
pub const MAX_AGE: Duration = Duration::from_secs(300);
/// Distinct summaries kept.
const MAX_ENTRIES: usize = 64;
/// Larger answers are not kept (they are bounded anyway: see `store::read::MAX_CELLS`).
const MAX_ENTRY_BYTES: usize = 1 << 20;

struct Entry {
    body: Bytes,
    /// The writer's commit count when the answer was built.
    commits: u64,
    at: Instant,
}

#[derive(Default)]
pub struct SummaryCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl SummaryCache {
    /// The cached answer for `key`, if still valid with `commits` committed batches so far.
    pub fn get(&self, key: &str, commits: u64, now: Instant) -> Option<Bytes> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let e = entries.get(key)?;
        let age = now.saturating_duration_since(e.at);
        (age < FRESH || (e.commits == commits && age < MAX_AGE)).then(|| e.body.clone())
    }

    /// Keeps `body` for `key`, dropping the oldest entry when full.
    pub fn put(&self, key: String, body: Bytes, commits: u64, now: Instant) {
        if body.len() > MAX_ENTRY_BYTES {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            if let Some(oldest) = entries.iter().min_by_key(|(_, e)| e.at).map(|(k, _)| k.clone()) {
                entries.remove(&oldest);
            }
        }
        entries.insert(key, Entry { body, commits, at: now });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_until_a_commit_and_fresh_for_a_while_after() {
        let c = SummaryCache::default();
        let t = Instant::now();
        c.put("q".into(), Bytes::from_static(b"{}"), 5, t);
        assert!(c.get("q", 5, t + Duration::from_secs(200)).is_some(), "nothing committed since");
        assert!(c.get("q", 6, t + Duration::from_secs(9)).is_some(), "fresh enough");
        assert!(c.get("q", 6, t + FRESH).is_none(), "stale after a commit");
        assert!(c.get("q", 5, t + MAX_AGE).is_none(), "too old");
        assert!(c.get("other", 5, t).is_none());
        for i in 0..MAX_ENTRIES + 10 {
            c.put(format!("k{i}"), Bytes::from_static(b"{}"), 5, t + Duration::from_millis(i as u64));
        }
        assert_eq!(c.entries.lock().unwrap().len(), MAX_ENTRIES);
        assert!(c.get("k0", 5, t).is_none() && c.get(&format!("k{}", MAX_ENTRIES + 9), 5, t).is_some());
    }
}
