//! Property tests of the reach counters: merging is associative and commutative, caps hold and
//! lose no count, query keys are idempotent, short and carry no digits, and a page's batch
//! body is accepted by the collector's check.

use proptest::prelude::*;

use tthc_core::usage::{parse_batch, query_key, Capped, Tally, MAX_KEYS, MAX_QUERY_CHARS, OTHER};

/// A few keys of each counter kind, so that merges collide and caps are reached.
fn capped(keys: &'static [&'static str]) -> impl Strategy<Value = Capped> {
    prop::collection::vec((0..keys.len(), 1u32..5), 0..80).prop_map(move |adds| {
        let mut c = Capped::default();
        for (k, n) in adds {
            // Many distinct keys: the key list, suffixed, so the cap of 50 is often passed.
            c.add(&format!("{}{}", keys[k % keys.len()], n + k as u32 * 7), n);
        }
        c
    })
}

fn tally() -> impl Strategy<Value = Tally> {
    (0u32..100, capped(&["giay phep ", "ho chieu ", "karaoke "]), capped(&["1.00119"]), capped(&["su-kien-"])).prop_map(
        |(searches, no_result, opened, events)| Tally { searches, no_result, opened, events, ..Tally::default() },
    )
}

fn sum(t: &Tally) -> u64 {
    u64::from(t.searches) + t.maps().iter().map(|(_, m)| u64::from(m.total())).sum::<u64>()
}

proptest! {
    #[test]
    fn merge_is_associative_and_commutative(a in tally(), b in tally(), c in tally()) {
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ab_c = ab.clone();
        ab_c.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut a_bc = a.clone();
        a_bc.merge(&bc);
        prop_assert_eq!(&ab_c, &a_bc);
        let mut ba = b.clone();
        ba.merge(&a);
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn caps_hold_and_no_count_is_lost(a in tally(), b in tally()) {
        let mut m = a.clone();
        m.merge(&b);
        prop_assert_eq!(sum(&m), sum(&a) + sum(&b));
        for (_, map) in m.maps() {
            prop_assert!(map.distinct() <= MAX_KEYS);
            // What went to "other" sorts after every key that stayed.
            if map.iter().any(|(k, _)| k == OTHER) {
                prop_assert_eq!(map.distinct(), MAX_KEYS);
            }
        }
    }

    #[test]
    fn query_keys_are_idempotent_short_and_without_digits(q in "[a-zA-Z0-9àáảãạăâđêôơưếốớứ @._,-]{0,120}") {
        if let Some(k) = query_key(&q) {
            prop_assert!(k.len() <= MAX_QUERY_CHARS);
            prop_assert!(!k.bytes().any(|b| b.is_ascii_digit()), "{k:?}");
            prop_assert!(k.bytes().all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'#' || b == b'@'));
            prop_assert_eq!(query_key(&k), Some(k.clone()));
        }
    }

    #[test]
    fn a_page_batch_passes_the_collector_check(queries in prop::collection::vec(("[a-zđơư ]{1,30}", any::<bool>()), 1..40)) {
        let mut t = Tally::default();
        for (q, found) in &queries {
            t.search(q, *found);
        }
        prop_assume!(!t.is_empty());
        let b = parse_batch(t.to_body("hue").as_bytes()).unwrap();
        prop_assert_eq!(b.tally, t);
    }
}
