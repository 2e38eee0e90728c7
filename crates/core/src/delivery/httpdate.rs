//! HTTP dates (`Date`, `Retry-After`): the IMF-fixdate form every current server sends.

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT` into milliseconds since the epoch; anything else is `None`.
pub fn parse_http_date(v: &str) -> Option<f64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts[..] else { return None };
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let (day, year): (u32, u32) = (day.parse().ok()?, year.parse().ok()?);
    let day = crate::stats::day_from_date(&format!("{year:04}-{month:02}-{day:02}"))?;
    let hms: Vec<u32> = time.split(':').map(|x| x.parse().ok().filter(|_| x.len() == 2)).collect::<Option<_>>()?;
    let [h, m, s] = hms[..] else { return None };
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(((day * 86_400) + i64::from(h * 3600 + m * 60 + s)) as f64 * 1000.0)
}
