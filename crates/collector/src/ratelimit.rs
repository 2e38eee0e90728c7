//! A per-client token bucket. Generous by default (60 at once, 1 per second): one-stop-centre
//! tablets and carrier NAT put many citizens behind one address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::RateLimit;

pub struct Limiter {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<u128, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(cfg: &RateLimit) -> Self {
        Limiter { burst: f64::from(cfg.burst), per_second: cfg.per_second, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token for `key`; `Err(wait)` when the bucket is empty.
    pub fn take(&self, key: u128, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
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
        let full = Duration::from_secs_f64(self.burst / self.per_second);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.retain(|_, (_, last)| now.saturating_duration_since(*last) < full);
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
}
