use super::*;

const DAY: f64 = 86_400_000.0;

fn reply(status: Option<u16>, refusal: bool, server_ms: Option<f64>) -> Attempt {
    Attempt { status, refusal, server_ms, reason: "r".into(), ..Attempt::default() }
}

#[test]
fn status_table() {
    for s in [200, 201] {
        assert_eq!(classify(Some(s), false), Delivery::Delivered);
    }
    for s in [None, Some(408), Some(425), Some(429), Some(500), Some(502), Some(503)] {
        assert_eq!(classify(s, false), Delivery::Transient, "{s:?}");
        assert_eq!(classify(s, true), Delivery::Transient, "{s:?} with a JSON body");
    }
    // Only the collector's own JSON refusal is final.
    for s in [400, 409, 413, 422, 404] {
        assert_eq!(classify(Some(s), true), Delivery::Permanent, "{s}");
    }
    // A CDN's, firewall's or proxy's page is not: its 401/403/404 says nothing about the answer.
    for s in [400, 401, 403, 404, 405, 413] {
        assert_eq!(classify(Some(s), false), Delivery::Transient, "{s} without the collector's refusal");
    }
    assert_eq!(classify(Some(302), false), Delivery::Transient);
}

#[test]
fn backoff_grows_caps_and_jitters() {
    assert_eq!(backoff_ms(1, 1.0, None), 2_000.0);
    assert_eq!(backoff_ms(1, 0.0, None), 1_000.0);
    assert_eq!(backoff_ms(3, 1.0, None), 8_000.0);
    assert_eq!(backoff_ms(30, 1.0, None), MAX_DELAY_MS);
    assert!(backoff_ms(30, 0.0, None) >= MAX_DELAY_MS / 2.0);
    // Retry-After wins when longer, not when shorter, and never past the longest wait.
    assert_eq!(backoff_ms(1, 1.0, Some(120.0)), 120_000.0);
    assert_eq!(backoff_ms(5, 1.0, Some(1.0)), 32_000.0);
    assert_eq!(backoff_ms(1, 1.0, Some(1e9)), MAX_WAIT_MS);
}

#[test]
fn item_round_trip_and_bad_storage() {
    let item = Item::new("a".into(), "{}".into(), "R".into(), 5.0);
    assert_eq!(read_item(&write_item(&item)).unwrap(), item);
    assert!(read_item("").is_err());
    assert!(read_item("{").is_err());
    // Entries written before first_reply_ms existed still read.
    let old = r#"{"id":"a","body":"{}","receipt":"R","created_ms":5.0,"attempts":0,"next_ms":5.0}"#;
    assert_eq!(read_item(old).unwrap(), item);
    // Due from its next_ms on, not a moment before; a failed item is never due again.
    assert!(item.due(5.0) && item.due(6.0));
    assert!(!item.due(4.999));
    let waiting = Item { next_ms: 1_000.0, attempts: 1, ..item.clone() };
    assert!(!waiting.due(999.0) && waiting.due(1_000.0));
    let failed = Item { failed: Some("422".into()), ..item.clone() };
    assert!(!failed.due(5.0) && !failed.due(f64::MAX));
}

#[test]
fn a_clock_that_went_back_does_not_freeze_an_answer() {
    // Scheduled 2 s ahead by a device clock a year fast, read after the clock was corrected.
    let year = 365.0 * DAY;
    let now = 1.8e12;
    let waiting = Item { next_ms: now + year + 2_000.0, ..Item::new("a".into(), "{}".into(), "R".into(), now + year) };
    assert!(waiting.due(now));
    // The longest real wait (an hour's Retry-After) is still honoured.
    let honest = Item { next_ms: now + MAX_WAIT_MS, ..waiting };
    assert!(!honest.due(now));
}

#[test]
fn retention_runs_on_the_server_clock_only() {
    let server = 1.8e12;
    let mut item = Item::new("a".into(), "{}".into(), "R".into(), server + 400.0 * DAY);
    // A device clock far ahead or behind, and no reply yet: never expired.
    assert!(!item.expired(None));
    assert_eq!(item.record(1, &reply(Some(503), false, Some(server)), 0.0, 1.0), Delivery::Transient);
    assert_eq!(item.first_reply_ms, Some(server));
    assert!(item.failed.is_none());
    assert!(!item.expired(Some(server + 55.0 * DAY)));
    assert!(!item.expired(None));
    // A later reply keeps the first one's time; 8 weeks on, the server's clock expires it.
    item.record(2, &reply(None, false, None), 0.0, 1.0);
    assert!(item.failed.is_none());
    item.record(3, &reply(Some(503), false, Some(server + 57.0 * DAY)), 0.0, 1.0);
    assert_eq!(item.first_reply_ms, Some(server));
    assert_eq!(item.failed.as_deref(), Some(EXPIRED));
}

#[test]
fn record_applies_the_table() {
    let fresh = || Item::new("a".into(), "{}".into(), "R".into(), 0.0);
    let mut i = fresh();
    assert_eq!(i.record(1, &reply(Some(201), false, Some(1.0)), 10.0, 1.0), Delivery::Delivered);
    let mut i2 = fresh();
    assert_eq!(i2.record(4, &reply(Some(404), false, None), 10.0, 1.0), Delivery::Transient);
    assert_eq!((i2.attempts, i2.next_ms, i2.failed.as_deref()), (4, 10.0 + 16_000.0, None));
    let refused = Attempt { retry_after_secs: Some(600.0), ..reply(Some(422), true, None) };
    assert_eq!(i.record(2, &refused, 10.0, 1.0), Delivery::Permanent);
    assert_eq!(i.failed.as_deref(), Some("r"));
    let mut slow = fresh();
    slow.record(1, &Attempt { retry_after_secs: Some(600.0), ..reply(Some(503), false, None) }, 10.0, 1.0);
    assert_eq!(slow.next_ms, 10.0 + 600_000.0);
}

#[test]
fn retry_after_and_http_dates() {
    assert_eq!(parse_retry_after(" 30 ", None), Some(30.0));
    let date = parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
    assert_eq!(date, 1_445_412_480_000.0);
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
    assert_eq!(parse_http_date("Sun, 29 Feb 2032 23:59:60 GMT"), Some(1_961_711_999_000.0 + 1_000.0));
    for bad in [
        "",
        "yesterday",
        "Wed, 21 Oct 2015 07:28:00 CET",
        "Wed, 31 Feb 2015 07:28:00 GMT",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 7:28:00 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
    // An HTTP-date Retry-After is read against the same reply's Date, not the device clock.
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", Some(date)), Some(120.0));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", None), None);
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", Some(date)), Some(0.0));
}
