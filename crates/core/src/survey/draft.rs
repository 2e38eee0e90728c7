//! How long an unfinished survey stays on the device. A draft lets a citizen reload or come back
//! after a dropped connection; on a shared one-stop-centre tablet it must not greet the next
//! citizen with the last one's answers: drafts expire, and a shared device keeps none at all.

/// A draft not touched for this long is deleted, not restored (30 minutes).
pub const DRAFT_TTL_MS: f64 = 30.0 * 60.0 * 1000.0;
/// Clock jitter tolerated on a draft that seems to come from the future.
const SKEW_MS: f64 = 60_000.0;

/// Whether a draft last saved at `saved_ms` may be restored at `now_ms` (device clock). One that
/// seems to come from the future (the clock went back since) is not: when unsure, forget it.
pub fn draft_fresh(saved_ms: f64, now_ms: f64) -> bool {
    (-SKEW_MS..=DRAFT_TTL_MS).contains(&(now_ms - saved_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_expire_after_half_an_hour() {
        let t = 1.8e12;
        assert!(draft_fresh(t, t));
        assert!(draft_fresh(t, t + DRAFT_TTL_MS));
        assert!(!draft_fresh(t, t + DRAFT_TTL_MS + 1.0));
        // Written before drafts had a time: gone.
        assert!(!draft_fresh(0.0, t));
        // From the future: a clock that went back by more than jitter.
        assert!(draft_fresh(t + 1_000.0, t));
        assert!(!draft_fresh(t + 3_600_000.0, t));
    }
}
