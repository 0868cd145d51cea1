//! Finding the line of an entry or field in a YAML file's text, so that a problem found after
//! parsing (a dangling reference, an unsafe dose) can still name its line.

/// The text after `key:` in `line`, if `line` holds that key (block or flow style).
fn key_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = line[from..].find(key) {
        let start = from + pos;
        let end = start + key.len();
        let before_ok = line[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-'));
        if before_ok && line[end..].starts_with(':') {
            return Some(line[end + 1..].trim_start());
        }
        from = end;
    }
    None
}

/// The values of every `id:` key in `line` (block or flow style), as written, without quotes.
pub fn ids(line: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let rest = key_value(&line[from..], "id")?;
        from = line.len() - rest.len();
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest
            .find(['"', '\'', ',', '}', ']', ' ', '\t', '#', '\r'])
            .unwrap_or(rest.len());
        if end > 0 {
            return Some(&rest[..end]);
        }
    })
}

/// Whether a YAML scalar written at the start of `rest` is `value` (quoted or not).
fn scalar_is(rest: &str, value: &str) -> bool {
    let rest = rest.trim_start_matches(['"', '\'']);
    rest.strip_prefix(value).is_some_and(|after| {
        after.is_empty() || after.starts_with(['"', '\'', ',', '}', ' ', '\t', '#', '\r'])
    })
}

/// The line of the entry whose `id` is `id`.
pub fn entry_line(text: &str, id: &str) -> Option<usize> {
    text.lines()
        .position(|line| key_value(line, "id").is_some_and(|rest| scalar_is(rest, id)))
        .map(|i| i + 1)
}

/// The line of the top-level `key:`.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.starts_with(key) && line[key.len()..].starts_with(':'))
        .map(|i| i + 1)
}

/// The lines that belong to the entry starting at `start` (1-based): up to the next entry at
/// the same depth or the next top-level key.
fn entry_span(text: &str, start: usize) -> std::ops::Range<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines[start - 1];
    let depth = first.len() - first.trim_start_matches([' ', '-']).len();
    let mut end = start;
    while end < lines.len() {
        let line = lines[end];
        let trimmed = line.trim_start_matches([' ', '-']);
        let indent = line.len() - trimmed.len();
        let is_sibling = indent <= depth && key_value(line, "id").is_some();
        let is_top = !line.starts_with([' ', '-', '#']) && !line.trim().is_empty();
        if is_sibling || is_top {
            break;
        }
        end += 1;
    }
    start..end + 1
}

/// The line of `field` within the entry `id` (the entry's own line when the field is not found).
pub fn field_line(text: &str, id: &str, field: &str) -> Option<usize> {
    let start = entry_line(text, id)?;
    let lines: Vec<&str> = text.lines().collect();
    entry_span(text, start)
        .find(|&n| key_value(lines[n - 1], field).is_some())
        .or(Some(start))
}

/// The line holding `value` (an id written as a list item or scalar) under `field` within the
/// entry `id`; the field's line when the value is not found.
pub fn value_line(text: &str, id: &str, field: &str, value: &str) -> Option<usize> {
    let field_at = field_line(text, id, field)?;
    let start = entry_line(text, id)?;
    let lines: Vec<&str> = text.lines().collect();
    let is_token = |line: &str| {
        line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .any(|token| token == value)
    };
    entry_span(text, start)
        .filter(|&n| n >= field_at)
        .find(|&n| is_token(lines[n - 1]))
        .or(Some(field_at))
}

/// The line a parse error most likely points at, from the entry's id, the field the error is
/// in, and the error's message.
pub fn error_line(
    text: &str,
    id: Option<&str>,
    field: Option<&str>,
    message: &str,
) -> Option<usize> {
    let quoted = |open: char, close: char| {
        let start = message.find(open)? + open.len_utf8();
        let len = message[start..].find(close)?;
        Some(message[start..start + len].to_string())
    };
    let start = match id {
        Some(id) => entry_line(text, id)?,
        None => return None,
    };
    let lines: Vec<&str> = text.lines().collect();
    let span = entry_span(text, start);
    let field_needle = field.map(|f| format!("{f}:"));
    let needle = if message.starts_with("unknown field") {
        quoted('`', '`').map(|f| format!("{f}:"))
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        quoted('"', '"').or_else(|| quoted('`', '`'))
    } else if message.starts_with("unknown variant") {
        quoted('`', '`')
    } else {
        None
    };
    let find = |needle: Option<String>| {
        needle.and_then(|needle| span.clone().find(|&n| lines[n - 1].contains(&needle)))
    };
    find(needle).or_else(|| find(field_needle)).or(Some(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "muscles:\n  - id: a\n    name: A\n    dose: {hold_seconds: 120}\n  - id: b\n    name: B\n    dose:\n      hold_seconds: 95\n";

    #[test]
    fn finds_entries_and_fields() {
        assert_eq!(entry_line(TEXT, "a"), Some(2));
        assert_eq!(entry_line(TEXT, "b"), Some(5));
        assert_eq!(field_line(TEXT, "a", "hold_seconds"), Some(4));
        assert_eq!(field_line(TEXT, "b", "hold_seconds"), Some(8));
        assert_eq!(field_line(TEXT, "a", "missing"), Some(2));
    }

    #[test]
    fn finds_the_line_of_a_listed_value() {
        let text = "muscles:\n  - id: a\n    refers_to:\n      primary: [temple]\n      spillover:\n        - jaw\n        - nowhere\n";
        assert_eq!(value_line(text, "a", "refers_to", "nowhere"), Some(7));
        assert_eq!(value_line(text, "a", "refers_to", "temple"), Some(4));
        assert_eq!(value_line(text, "a", "refers_to", "absent"), Some(3));
    }

    #[test]
    fn lists_the_ids_of_a_line() {
        let found: Vec<&str> = ids("  - {id: a, name: x}, {id: 'b'}, {id: \"c\"}").collect();
        assert_eq!(found, ["a", "b", "c"]);
        assert_eq!(ids("  - id: neck # the neck").collect::<Vec<_>>(), ["neck"]);
        assert_eq!(ids("  grid: x, id:").count(), 0);
    }

    #[test]
    fn does_not_match_a_longer_id() {
        assert_eq!(entry_line("- id: ab\n- id: a\n", "a"), Some(2));
    }

    #[test]
    fn points_parse_errors_at_the_field() {
        let message = "unknown field `name`, expected one of `id`";
        assert_eq!(error_line(TEXT, Some("b"), None, message), Some(6));
        assert_eq!(
            error_line(TEXT, Some("b"), Some("hold_seconds"), "invalid type: map"),
            Some(8)
        );
    }
}
