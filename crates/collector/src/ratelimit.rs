//! A per-client token bucket. Generous by default (60 at once, 1 per second): one-stop-centre
//! tablets and carrier NAT put many citizens behind one address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::RateLimit;

/// Most clients remembered at once (about 5 MB). Past it, clients whose bucket is full again
/// are forgotten, then the least recently seen tenth: a flood of new addresses cannot grow the
/// map, and it evicts idle clients before busy ones.
pub const MAX_CLIENTS: usize = 100_000;

pub struct Limiter {
    burst: f64,
    per_second: f64,
    capacity: usize,
    buckets: Mutex<HashMap<u128, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(cfg: &RateLimit) -> Self {
        Self::with_capacity(cfg, MAX_CLIENTS)
    }

    fn with_capacity(cfg: &RateLimit, capacity: usize) -> Self {
        Limiter {
            burst: f64::from(cfg.burst),
            per_second: cfg.per_second,
            capacity,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`; `Err(wait)` when the bucket is empty.
    pub fn take(&self, key: u128, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= self.capacity && !buckets.contains_key(&key) {
            self.evict(&mut buckets, now);
        }
        let (tokens, last) = buckets.entry(key).or_insert((self.burst, now));
        *tokens = (*tokens + now.saturating_duration_since(*last).as_secs_f64() * self.per_second).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.per_second))
        }
    }

    /// Forgets clients whose bucket has refilled completely (keeps memory bounded).
    pub fn prune(&self, now: Instant) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        self.forget_full(&mut buckets, now);
    }

    fn forget_full(&self, buckets: &mut HashMap<u128, (f64, Instant)>, now: Instant) {
        let full = Duration::from_secs_f64(self.burst / self.per_second);
        buckets.retain(|_, (_, last)| now.saturating_duration_since(*last) < full);
    }

    /// Makes room below the capacity: full buckets first, then the least recently seen tenth
    /// (at least one), so the cost is spread over many inserts.
    fn evict(&self, buckets: &mut HashMap<u128, (f64, Instant)>, now: Instant) {
        self.forget_full(buckets, now);
        if buckets.len() < self.capacity {
            return;
        }
        let mut seen: Vec<Instant> = buckets.values().map(|(_, last)| *last).collect();
        let cut = (self.capacity / 10).max(1).min(seen.len() - 1);
        let (_, oldest_kept, _) = seen.select_nth_unstable(cut);
        let oldest_kept = *oldest_kept;
        buckets.retain(|_, (_, last)| *last >= oldest_kept);
        if buckets.len() >= self.capacity {
            // Many clients seen at the same instant: drop arbitrary ones down to the cut.
            let excess: Vec<u128> = buckets.keys().copied().take(buckets.len() - self.capacity + cut).collect();
            for k in excess {
                buckets.remove(&k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_empties_and_refills() {
        let l = Limiter::new(&RateLimit { enabled: true, burst: 2, per_second: 0.5 });
        let t = Instant::now();
        assert!(l.take(1, t).is_ok() && l.take(1, t).is_ok());
        let wait = l.take(1, t).unwrap_err();
        assert_eq!(wait.as_secs(), 2);
        assert!(l.take(2, t).is_ok(), "other clients have their own bucket");
        assert!(l.take(1, t + Duration::from_secs(2)).is_ok());
        l.prune(t + Duration::from_secs(10));
        assert!(l.buckets.lock().unwrap().is_empty());
    }

    #[test]
    fn a_flood_of_new_addresses_cannot_grow_the_map_and_busy_clients_keep_their_bucket() {
        let l = Limiter::with_capacity(&RateLimit { enabled: true, burst: 2, per_second: 0.001 }, 100);
        let t = Instant::now();
        // A busy client empties its bucket, then keeps being seen while new addresses pour in.
        assert!(l.take(7, t).is_ok() && l.take(7, t).is_ok());
        for i in 0..10_000u128 {
            let now = t + Duration::from_millis(i as u64 + 1);
            let _ = l.take(1_000 + i, now);
            if i % 50 == 0 {
                assert!(l.take(7, now).is_err(), "the busy client's empty bucket survived the flood");
            }
            assert!(l.buckets.lock().unwrap().len() <= 100);
        }
    }
}
