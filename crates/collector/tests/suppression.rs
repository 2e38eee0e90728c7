//! Small-cell suppression under differencing (issue 11): a hidden figure is never the
//! difference of shown ones, across elements, procedures or ranges; and answers stay bounded.

mod common;

use common::*;
use serde_json::Value;
use tthc_core::survey::parse_body;

const SURVEY: &str = "/api/v1/summary?survey=sipas-service-b@2026";

/// Every statistic of a cell, in a fixed order: overall, then each element and its criteria.
fn stats(cell: &Value) -> Vec<&Value> {
    let mut out = vec![&cell["overall"]];
    for e in cell["elements"].as_array().unwrap() {
        out.push(e);
        out.extend(e["criteria"].as_array().unwrap());
    }
    out
}

/// Hidden with answers: its counts are withheld but exist.
fn hidden(stat: &Value) -> bool {
    stat["suppressed"] == true && stat["n"].as_u64().unwrap() > 0
}

fn answer(seed: u64, procedure: &str, e2: Option<u8>) -> Vec<u8> {
    let procedure = procedure.to_owned();
    envelope(seed, move |o| {
        o["procedure"] = Value::from(procedure);
        o["answers"]["e3"] = Value::from(5);
        if let Some(v) = e2 {
            o["answers"]["e2"] = Value::from(v);
        }
    })
}

#[test]
fn differencing_shown_figures_never_recovers_a_hidden_one() {
    let dir = TempDir::new("difference");
    let s = start(&dir.path("db.sqlite3"), &dir.0, None, &["--no-rate-limit"]);
    let mut seed = 0;
    let mut post = |procedure: &str, e2: Option<u8>| {
        seed += 1;
        assert_eq!(s.post(&answer(seed, procedure, e2)).status, 201);
    };
    (0..3).for_each(|_| post("1.000001", None)); // too few: hidden
    (0..12).for_each(|_| post("1.000002", None));
    // e2 answered by 5 of 15 only: hidden, while e1, e3 and their element are not.
    (0..15).enumerate().for_each(|(i, _)| post("1.000003", (i < 5).then_some(4)));

    let total = &s.get(&format!("{SURVEY}&period=month"), &[]).json()["cells"][0];
    let grouped = s.get(&format!("{SURVEY}&period=month&by=procedure"), &[]).json();
    let groups = grouped["cells"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0]["suppressed"], true, "1.000001 has 3 answers");
    // Attack 1: the month's total minus the shown procedures. It isolates a hidden procedure only
    // if exactly one is hidden while the total is shown.
    for slot in 0..stats(total).len() {
        let lone = groups.iter().filter(|c| hidden(stats(c)[slot])).count() == 1;
        assert!(!lone || hidden(stats(total)[slot]), "slot {slot}: total minus shown procedures");
    }
    // Attack 2: ask for each procedure alone instead of grouped: the same figures are hidden.
    for g in groups {
        let one = s.get(&format!("{SURVEY}&period=month&procedure={}", g["group"].as_str().unwrap()), &[]).json();
        let mut alone = one["cells"][0].clone();
        alone["group"] = g["group"].clone();
        assert_eq!(&alone, g, "procedure {} alone", g["group"]);
    }
    // Attack 3: an element minus its shown criteria.
    for cell in groups.iter().chain([total]) {
        for e in cell["elements"].as_array().unwrap() {
            let criteria = e["criteria"].as_array().unwrap();
            let lone = criteria.iter().filter(|c| hidden(c)).count() == 1;
            assert!(!lone || hidden(e), "element {} minus its criteria in {}", e["id"], cell["group"]);
        }
    }
    let c3 = &groups[2]["elements"][4];
    assert_eq!((c3["id"].as_str(), hidden(&c3["criteria"][1])), (Some("gop_y"), true), "e2 has 5 answers");
    assert!(hidden(&c3["criteria"][0]) || hidden(c3), "e2's complement");
    // Attack 4: overlapping ranges. Only whole buckets of the period may be asked for, and
    // period=all has no range, so no two answers differ by part of a bucket.
    for q in [
        "&period=month&from=2026-03-02",
        "&period=month&to=2026-03-30",
        "&period=all&from=2026-03-01",
        "&period=quarter&from=2026-02-01",
        "&period=year&to=2026-06-30",
    ] {
        let r = s.get(&format!("{SURVEY}{q}"), &[]);
        assert_eq!(r.status, 400, "{q}: {}", r.text());
        assert_eq!(r.json()["errors"].as_array().unwrap().len(), 1, "{q}: {}", r.text());
    }
    assert_eq!(s.get(&format!("{SURVEY}&period=quarter&from=2026-01-01&to=2026-12-31"), &[]).status, 200);
    let both = s.get(&format!("{SURVEY}&procedure=1.000002&by=tier"), &[]);
    assert_eq!(both.status, 400, "one breakdown at a time: {}", both.text());
}

#[test]
fn an_answer_with_too_many_cells_is_refused_with_the_reason() {
    let dir = TempDir::new("cells");
    let db = dir.path("db.sqlite3");
    {
        // 60 days × 20 procedures of history, written by the collector's own storage code.
        let mut conn = collector::store::open_writer(&db).unwrap();
        let start = 1_735_664_400; // 2025-01-01T00:00:00+07:00
        let batch: Vec<_> = (0..1200u64)
            .map(|i| {
                let body = answer(i, &format!("1.{:06}", i % 20), None);
                let at = start + (i / 20) as i64 * 86_400;
                collector::store::NewResponse::new(parse_body(&body).unwrap(), collector::store::Table::Responses, at)
            })
            .collect();
        collector::store::write_batch(&mut conn, &batch).unwrap();
    }
    let s = start(&db, &dir.0, None, &["--no-rate-limit"]);
    let range = "&from=2025-01-01&to=2025-03-31";
    let days = s.get(&format!("{SURVEY}&period=day&by=procedure{range}"), &[]);
    assert_eq!(days.status, 400, "{}", days.text());
    assert_eq!(days.json()["errors"][0]["field"], "period");
    assert!(days.json()["errors"][0]["message_en"].as_str().unwrap().starts_with("Too many cells"));
    let months = s.get(&format!("{SURVEY}&period=month&by=procedure{range}"), &[]);
    assert_eq!(months.status, 200, "{}", months.text());
    assert_eq!(
        months.json()["cells"].as_array().unwrap().len(),
        2 * 20 + 20,
        "January, February and March × 20 procedures"
    );
    assert_eq!(s.get(&format!("{SURVEY}&period=day{range}"), &[]).status, 200, "60 days ungrouped");
}
