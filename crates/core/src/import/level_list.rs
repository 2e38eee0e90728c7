//! The province's level list: CSV with a code and a level per row, as a provincial one-stop
//! system exports it. Tolerated: a UTF-8 BOM, CRLF, `,` `;` or tab separators, quoted fields, a
//! header row (whose column names then pick the columns), extra columns. Levels are read from our
//! ids and from the ways provinces write them: "Toàn trình", "DVC trực tuyến một phần", "Mức 4",
//! "4", with or without diacritics.

use crate::catalogue::rules::normalise_code;
use crate::fold::fold;
use crate::levels::Level;

/// Largest level list read (a province lists ~2,000 procedures: well under 1 MB).
pub const MAX_LIST_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Default, PartialEq)]
pub struct LevelList {
    /// (row number, code, level), in file order.
    pub rows: Vec<(usize, String, Level)>,
    /// (row number, reason) for rows that were not used.
    pub bad: Vec<(usize, String)>,
    pub header: bool,
}

/// Reads a level list. `Err` when the file as a whole is unusable.
pub fn read(text: &str) -> Result<LevelList, String> {
    if text.len() > MAX_LIST_BYTES {
        return Err(format!("the level list is {} bytes; the limit is {MAX_LIST_BYTES}", text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = super::csv::separator(text);
    let records = super::csv::records(text, sep)?;
    let mut list = LevelList::default();
    let (mut code_col, mut level_col) = (0, 1);
    let mut first = true;
    for (row, fields) in &records {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Only the first non-blank row may be a header, and not when it starts with a code: that
        // is a data row, reported like any other if its level is unknown.
        let header = first
            && normalise_code(fields[0].trim()).is_none()
            && fields.get(1).is_none_or(|f| parse_level(f).is_none());
        first = false;
        if header {
            list.header = true;
            if let Some((c, l)) = header_columns(fields) {
                (code_col, level_col) = (c, l);
            }
            continue;
        }
        match row_of(fields, code_col, level_col) {
            Ok((code, level)) => list.rows.push((*row, code, level)),
            Err(reason) => list.bad.push((*row, reason)),
        }
    }
    if list.rows.is_empty() {
        let why = list.bad.first().map_or("it has no data rows".to_owned(), |(r, m)| format!("row {r}: {m}"));
        return Err(format!("no usable row in the level list ({why})"));
    }
    Ok(list)
}

fn row_of(fields: &[String], code_col: usize, level_col: usize) -> Result<(String, Level), String> {
    let code = fields.get(code_col).map_or("", |s| s.trim());
    let level = fields.get(level_col).map_or("", |s| s.trim());
    if fields.len() <= code_col.max(level_col) {
        return Err(format!("has {} column(s); expected code and level", fields.len()));
    }
    let shown = |s: &str| crate::import::text::shorten(&crate::import::text::clean(s), 40);
    let code = normalise_code(code).ok_or_else(|| {
        let hint = if code.contains('.') && code.len() < 8 && code.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            " (a spreadsheet may have turned it into a number: format the column as text)"
        } else {
            ""
        };
        format!("code {:?} is not a national code N.NNNNNN{hint}", shown(code))
    })?;
    let level = parse_level(level).ok_or_else(|| {
        if level.is_empty() {
            "level is empty".to_owned()
        } else {
            format!("level {:?} is not one of toàn trình / một phần / trực tiếp (or mức 4 / 3 / 2)", shown(level))
        }
    })?;
    Ok((code, level))
}

/// A level as provinces write it.
pub fn parse_level(s: &str) -> Option<Level> {
    if let Some(l) = Level::from_id(s.trim()) {
        return Some(l);
    }
    let f = fold(s);
    let mut f = f.as_str();
    for prefix in ["dich vu cong truc tuyen", "dvc truc tuyen", "dvctt", "dvc", "muc do", "muc"] {
        if let Some(rest) = f.strip_prefix(prefix) {
            f = rest.trim_start();
        }
    }
    match f {
        "toan trinh" | "toan trinh tt" | "4" => Some(Level::ToanTrinh),
        "mot phan" | "3" => Some(Level::MotPhan),
        "truc tiep" | "2" | "1" | "cung cap thong tin" | "dich vu cung cap thong tin truc tuyen" | "khong" => {
            Some(Level::TrucTiep)
        }
        _ => None,
    }
}

/// Columns named like a code ("mã", "mã TTHC", "code") and a level ("mức độ", "level"). A column
/// named "Mức độ" (or "level", "cấp độ") wins over one only named "Mức…"; a fee column ("Mức
/// phí", "Lệ phí") is never the level.
fn header_columns(fields: &[String]) -> Option<(usize, usize)> {
    let names: Vec<String> = fields.iter().map(|f| fold(f)).collect();
    let code = names.iter().position(|n| {
        n == "code" || n == "ma" || n.starts_with("ma tthc") || n.starts_with("ma thu tuc") || n.starts_with("ma so")
    })?;
    let fee = |n: &str| n.split(' ').any(|w| w == "phi");
    let level = names
        .iter()
        .position(|n| !fee(n) && (n == "level" || n.contains("muc do") || n.starts_with("cap do")))
        .or_else(|| names.iter().position(|n| !fee(n) && n.starts_with("muc")))?;
    Some((code, level))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn levels_as_provinces_write_them() {
        for (s, l) in [
            ("toan_trinh", ToanTrinh),
            ("Toàn trình", ToanTrinh),
            ("toan trinh", ToanTrinh),
            ("DVC trực tuyến toàn trình", ToanTrinh),
            ("Dịch vụ công trực tuyến một phần", MotPhan),
            ("Mức 4", ToanTrinh),
            ("mức độ 3", MotPhan),
            ("3", MotPhan),
            ("Trực tiếp", TrucTiep),
            ("Mức 2", TrucTiep),
            ("truc_tiep", TrucTiep),
        ] {
            assert_eq!(parse_level(s), Some(l), "{s}");
        }
        for s in ["", "5", "toàn", "mức 5", "online"] {
            assert_eq!(parse_level(s), None, "{s}");
        }
    }

    #[test]
    fn csv_forms() {
        let text = "\u{feff}Mã TTHC;Tên thủ tục;Mức độ\r\n1.001193;\"Đăng ký khai sinh; trẻ em\";Toàn trình\r\n\"2.000986\";\"Tên \"\"có\"\" ngoặc\";\"Một phần\"\r\n";
        let l = read(text).unwrap();
        assert!(l.header);
        assert_eq!(l.rows, vec![(2, "1.001193".into(), ToanTrinh), (3, "2.000986".into(), MotPhan)]);
        assert!(l.bad.is_empty());
        let l = read("1.001193,4\n1001194,mot phan\n").unwrap();
        assert!(!l.header);
        assert_eq!(l.rows[1], (2, "1.001194".into(), MotPhan));
    }

    #[test]
    fn bad_rows_are_reported() {
        let l = read("code,level\n1.001193,4\n1.0011,3\nabc,3\n1.001195,mức 9\n1.001196\n1.001197,\n").unwrap();
        assert_eq!(l.rows.len(), 1);
        let reasons: Vec<&str> = l.bad.iter().map(|(_, r)| r.as_str()).collect();
        assert!(reasons[0].contains("spreadsheet"), "{reasons:?}");
        assert!(reasons[1].contains("\"abc\" is not a national code"));
        assert!(reasons[2].contains("\"mức 9\" is not one of"));
        assert!(reasons[3].contains("1 column(s)"));
        assert_eq!(reasons[4], "level is empty");
        assert_eq!(l.bad[0].0, 3);
    }

    #[test]
    fn header_after_blank_lines_and_columns_by_name() {
        let l = read("\n  \nMã TTHC;Mức phí;Lệ phí;Mức độ DVC\n1.001193;50.000 đồng;0;Toàn trình\n").unwrap();
        assert!(l.header);
        assert_eq!(l.rows, vec![(4, "1.001193".into(), ToanTrinh)]);
        assert!(l.bad.is_empty());
        let l = read("code,mức phí,mức\n1.001193,10,4\n").unwrap();
        assert_eq!(l.rows, vec![(2, "1.001193".into(), ToanTrinh)]);
    }

    #[test]
    fn a_first_row_with_a_code_is_data() {
        // Its level is unknown: reported, not taken for a header.
        for text in ["1.001193,mức 9\n1.001194,4\n", "\n1001193;không rõ\n1.001194;4\n"] {
            let l = read(text).unwrap();
            assert!(!l.header, "{text:?}");
            assert_eq!(l.rows.len(), 1);
            assert_eq!(l.bad.len(), 1, "{text:?}");
            assert!(l.bad[0].1.contains("is not one of"), "{:?}", l.bad);
        }
    }

    #[test]
    fn broken_lists() {
        assert!(read("").is_err());
        assert!(read("code,level\n").unwrap_err().contains("no data rows"));
        assert!(read("x,y\nfoo,bar\n").unwrap_err().contains("row 2"));
        assert!(read(&"1.001193,4\n".repeat(400_000)).unwrap_err().contains("limit"));
    }
}
