//! CSV as provinces export it: `,` `;` or tab separated, quoted fields that may hold the
//! separator, doubled quotes and line breaks; CRLF. Shared by the level list and the registry.

/// The separator of the first non-blank line: the most frequent of `,` `;` and tab.
pub fn separator(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [',', ';', '\t'].into_iter().max_by_key(|&c| first.matches(c).count()).unwrap_or(',')
}

/// CSV records: (1-based line number where the record starts, fields). `Err` when a quote is
/// never closed: the rest of the file would be one field, so nothing after it can be trusted.
pub fn records(text: &str, sep: char) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut line, mut start, mut quote_line) = (false, 1, 1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_line = line;
            }
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            '\r' if !quoted => {}
            c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    if quoted {
        return Err(format!(
            "a quote opened on line {quote_line} is never closed (broken quoting); nothing after it can be read"
        ));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let r = records("a,\"b,\"\"c\"\"\nd\"\r\ne,f\n", ',').unwrap();
        assert_eq!(r, vec![(1, vec!["a".into(), "b,\"c\"\nd".into()]), (3, vec!["e".into(), "f".into()])]);
        let e = records("a,b\nc,\"d\ne,f\n", ',').unwrap_err();
        assert!(e.contains("line 2") && e.contains("never closed"), "{e}");
        assert_eq!(separator("\n\na;b;c,d\n"), ';');
    }
}
