//! Per-request log lines (refused answers, 429s) are rate-limited: a flood of bad or refused
//! requests must not flood the journal and the disk under it. Lines past the limit are counted,
//! and the next line that is written says how many were left out.

use std::sync::Mutex;
use std::time::Instant;

/// Lines written at once before the limit applies.
const BURST: f64 = 100.0;
/// Lines allowed per second after that.
const PER_SECOND: f64 = 10.0;

pub struct LogLimiter {
    /// Tokens, when they were last counted, lines left out since the last one written.
    state: Mutex<(f64, Instant, u64)>,
}

impl Default for LogLimiter {
    fn default() -> Self {
        LogLimiter { state: Mutex::new((BURST, Instant::now(), 0)) }
    }
}

impl LogLimiter {
    /// Writes the line `line()` to standard error if the limit allows (building it only then).
    pub fn log(&self, line: impl FnOnce() -> String) {
        if let Some(left_out) = self.admit(Instant::now()) {
            match left_out {
                0 => eprintln!("{}", line()),
                n => eprintln!("({n} similar lines not logged) {}", line()),
            }
        }
    }

    /// `Some(lines left out before this one)` when a line may be written at `now`.
    fn admit(&self, now: Instant) -> Option<u64> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (tokens, last, left_out) = &mut *state;
        *tokens = (*tokens + now.saturating_duration_since(*last).as_secs_f64() * PER_SECOND).min(BURST);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Some(std::mem::take(left_out))
        } else {
            *left_out += 1;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_flood_is_cut_to_the_limit_and_counted() {
        let l = LogLimiter::default();
        let t = Instant::now();
        let written = (0..10_000).filter(|_| l.admit(t).is_some()).count();
        assert_eq!(written, BURST as usize);
        // A second later, ten more lines; the first says how many were left out.
        let later = t + Duration::from_secs(1);
        assert_eq!(l.admit(later), Some(10_000 - BURST as u64));
        assert_eq!((1..20).filter(|_| l.admit(later).is_some()).count(), PER_SECOND as usize - 1);
    }
}
