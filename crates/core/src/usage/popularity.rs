//! The counters' CSV export (`GET /api/v1/usage.csv`) and what `catalogue build --popularity`
//! reads back from it: details opened and filing clicks per procedure code, per province.
//!
//! A procedure's popularity in the index is a small class, `⌊log2(opened + filing clicks)⌋ + 1`
//! (0 when never counted), so that noise between similar counts does not reorder results and
//! the index stays small. Search uses it only between equally good matches (see `search.rs`).

use std::collections::BTreeMap;

/// The export's columns, in order.
pub const EXPORT_COLUMNS: [&str; 5] = ["day", "province", "counter", "key", "n"];

/// Opens plus filing clicks per province, then per code.
pub type Counts = BTreeMap<String, BTreeMap<String, u64>>;

/// The popularity class of a count: 0 for none, then one more per doubling.
pub fn class(n: u64) -> u8 {
    (64 - n.leading_zeros()) as u8
}

/// Reads an export (UTF-8, optional byte-order mark, CRLF or LF). Rows of other counters are
/// skipped; a malformed `opened` or `filing` row, or a wrong header, is a problem (`line N: …`).
pub fn parse(text: &str) -> Result<Counts, Vec<String>> {
    let mut lines = text.trim_start_matches('\u{feff}').lines().enumerate();
    let header: Vec<&str> =
        lines.next().map(|(_, l)| l.trim_end_matches('\r').split(',').collect()).unwrap_or_default();
    if header != EXPORT_COLUMNS {
        return Err(vec![format!("line 1: the header must be {}", EXPORT_COLUMNS.join(","))]);
    }
    let mut counts = Counts::new();
    let mut problems = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').collect();
        let counter = cols.get(2).copied().unwrap_or("");
        if counter != "opened" && counter != "filing" {
            continue;
        }
        let (province, key, n) =
            (cols[1], cols.get(3).copied().unwrap_or(""), cols.get(4).and_then(|n| n.parse::<u64>().ok()));
        let code = key.split_once(':').map_or(key, |(c, _)| c);
        match n {
            Some(n) if cols.len() == 5 && crate::catalogue::rules::is_code(code) => {
                let slot = counts.entry(province.to_owned()).or_default().entry(code.to_owned()).or_default();
                *slot = slot.saturating_add(n);
            }
            // The capped rest ("~") names no procedure.
            Some(_) if code == super::OTHER => {}
            _ => problems.push(format!("line {}: not a {counter} row: {line:?}", i + 1)),
        }
    }
    if problems.is_empty() {
        Ok(counts)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_opens_and_clicks_per_province() {
        let text = "\u{feff}day,province,counter,key,n\r\n2026-03-01,hue,opened,1.001193,6\r\n\
                    2026-03-01,hue,filing,1.001193:toan_trinh,2\r\n2026-03-01,hue,no_result,'@ x,9\r\n\
                    2026-03-02,hue,opened,~,4\r\n2026-03-02,quang-tri,opened,1.000001,1\r\n";
        let c = parse(text).unwrap();
        assert_eq!(c["hue"]["1.001193"], 8);
        assert_eq!(c["quang-tri"]["1.000001"], 1);
        assert_eq!((class(0), class(1), class(8), class(15), class(16)), (0, 1, 4, 4, 5));
        assert!(parse("code,n\n").is_err());
        assert_eq!(parse("day,province,counter,key,n\n2026-03-01,hue,opened,x,1\n").unwrap_err().len(), 1);
    }
}
