//! Bounds on a library file, checked before the YAML parser sees its text, so that no file,
//! however hostile, costs more than a moment: its size, and how deeply its collections nest.
//!
//! The parser's time grows with the square of the nesting depth (100,000 nested `[` take more
//! than 30 s before it gives up), so the depth is found by a cheap scan of the text instead: one
//! pass, tracking flow collections (`[`, `{`) and block collections (indentation and `- `),
//! skipping quoted strings, comments and block scalars (`|`, `>`). The scan never counts less
//! than the parser would nest; it may count a level more here and there (a plain scalar in a
//! sequence item, say), which is why the limit is far above anything a library needs (the
//! built-in files nest 7 levels at most).

/// The largest library file tpcoach reads, in bytes: 4 MiB, about 13 times the largest file of
/// the 10,000-muscle scale benchmark (250 muscles, 300 KB) and 200 times the largest built-in
/// file. Parsing a file this size takes about a tenth of a second.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The deepest nesting of collections (lists and mappings) a library file may have.
pub const MAX_DEPTH: usize = 64;

/// Where a file first nests deeper than [`MAX_DEPTH`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column (in bytes).
    pub column: usize,
}

/// The deepest nesting of collections in `text` as the scan counts it, or where it first goes
/// past [`MAX_DEPTH`].
pub fn depth(text: &str) -> Result<usize, TooDeep> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut scan = Scan::default();
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        scan.line(line.as_bytes()).map_err(|column| TooDeep {
            line: n + 1,
            column: column + 1,
        })?;
    }
    Ok(scan.deepest)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
}

#[derive(Debug, Default)]
struct Scan {
    /// The open block collections: (column, kind), innermost last.
    stack: Vec<(usize, Kind)>,
    /// How many flow collections are open.
    flow: usize,
    /// The quote of a quoted string still open at the end of the last line.
    quote: Option<u8>,
    /// Whether the scan is where a node starts (a quote there opens a string, a `[` a list).
    start: bool,
    /// A block scalar whose content lines are being skipped: the indentation its content must
    /// pass, and the content's indentation once known.
    literal: Option<(usize, Option<usize>)>,
    /// A plain scalar that the last line ended in: lines indented more than this continue it.
    plain: Option<usize>,
    /// The deepest nesting seen.
    deepest: usize,
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Whether the byte at `i` is followed by a space, a tab or the end of the line.
fn spaced(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1).is_none_or(|&b| is_space(b))
}

impl Scan {
    /// Scans one line (without its line break); `Err` holds the 0-based column where the
    /// nesting first goes past the limit.
    fn line(&mut self, bytes: &[u8]) -> Result<(), usize> {
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = bytes[indent..].iter().all(|&b| is_space(b));
        if let Some((threshold, content)) = self.literal {
            if blank {
                return Ok(());
            }
            match content {
                None if indent > threshold => {
                    self.literal = Some((threshold, Some(indent)));
                    return Ok(());
                }
                Some(content) if indent >= content => return Ok(()),
                _ => self.literal = None,
            }
        }
        if self.quote.is_some() || self.flow > 0 {
            // Inside a string or a flow collection: line breaks and indentation mean nothing.
            return self.rest(bytes, 0, 0, -1);
        }
        if blank || bytes[indent] == b'#' {
            return Ok(());
        }
        if let Some(parent) = self.plain {
            if indent > parent {
                return Ok(());
            }
            self.plain = None;
        }
        let marker = |m: &[u8]| bytes.starts_with(m) && spaced(bytes, 2);
        if marker(b"---") || marker(b"...") {
            self.stack.clear();
            self.start = true;
            return self.rest(bytes, 3, 3, -1);
        }
        if bytes[0] == b'%' {
            return Ok(());
        }
        let dash = bytes[indent] == b'-' && spaced(bytes, indent);
        while let Some(&(column, kind)) = self.stack.last() {
            if column > indent || (column == indent && kind == Kind::Seq && !dash) {
                self.stack.pop();
            } else {
                break;
            }
        }
        self.start = true;
        let owner = self.stack.last().map_or(-1, |&(column, _)| column as isize);
        self.rest(bytes, indent, indent, owner)
    }

    /// Opens a block collection at `column`, unless it is the one already open there.
    fn open(&mut self, column: usize, kind: Kind) -> Result<(), usize> {
        if self.stack.last() != Some(&(column, kind)) {
            self.stack.push((column, kind));
            self.deeper(column)?;
        }
        Ok(())
    }

    fn deeper(&mut self, column: usize) -> Result<(), usize> {
        let depth = self.stack.len() + self.flow;
        self.deepest = self.deepest.max(depth);
        if depth > MAX_DEPTH {
            return Err(column);
        }
        Ok(())
    }

    /// Scans `bytes` from `i`, where a node at column `node` starts when `self.start` is set,
    /// inside the collection at column `owner` (-1 at the top).
    fn rest(
        &mut self,
        bytes: &[u8],
        mut i: usize,
        mut node: usize,
        mut owner: isize,
    ) -> Result<(), usize> {
        let mut plain = false;
        let mut after_space = i == 0 || bytes.get(i.wrapping_sub(1)).is_some_and(|&b| is_space(b));
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(quote) = self.quote {
                match b {
                    b'\\' if quote == b'"' => i += 1,
                    b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                    _ if b == quote => {
                        self.quote = None;
                        self.start = false;
                    }
                    _ => {}
                }
                i += 1;
                after_space = false;
                continue;
            }
            if is_space(b) {
                i += 1;
                after_space = true;
                continue;
            }
            if b == b'#' && after_space {
                plain = false;
                break;
            }
            after_space = false;
            if self.flow > 0 {
                match b {
                    b'[' | b'{' => {
                        self.flow += 1;
                        self.deeper(i)?;
                        self.start = true;
                    }
                    b']' | b'}' => {
                        self.flow -= 1;
                        self.start = false;
                    }
                    b',' => self.start = true,
                    b'\'' | b'"' if self.start => self.quote = Some(b),
                    b':' if bytes
                        .get(i + 1)
                        .is_none_or(|&n| is_space(n) || b",[]{}".contains(&n)) =>
                    {
                        self.start = true
                    }
                    _ => self.start = false,
                }
                i += 1;
                continue;
            }
            if self.start {
                match b {
                    b'-' | b'?' if spaced(bytes, i) => {
                        let kind = if b == b'-' { Kind::Seq } else { Kind::Map };
                        self.open(i, kind)?;
                        owner = i as isize;
                    }
                    b':' if spaced(bytes, i) => {}
                    b'[' | b'{' => {
                        node = i;
                        self.flow = 1;
                        self.deeper(i)?;
                    }
                    b'\'' | b'"' => {
                        node = i;
                        self.quote = Some(b);
                        self.start = false;
                    }
                    b'|' | b'>' => {
                        let explicit = bytes[i + 1..]
                            .iter()
                            .take_while(|b| b"+-0123456789".contains(b))
                            .find(|b| b.is_ascii_digit())
                            .map(|b| usize::from(b - b'0'));
                        let parent = owner.max(0) as usize;
                        self.literal = match explicit {
                            Some(m) if owner >= 0 => Some((parent, Some(parent + m))),
                            Some(m) => Some((0, Some(m))),
                            None if owner >= 0 => Some((parent, None)),
                            None => Some((0, None)),
                        };
                        return Ok(());
                    }
                    b'&' | b'!' | b'*' => {
                        while i < bytes.len() && !is_space(bytes[i]) {
                            i += 1;
                        }
                        self.start = b != b'*';
                        continue;
                    }
                    _ => {
                        node = i;
                        plain = true;
                        self.start = false;
                    }
                }
                i += 1;
                continue;
            }
            if b == b':' && spaced(bytes, i) {
                // What came before was a key: its mapping starts at the key.
                self.open(node, Kind::Map)?;
                owner = node as isize;
                plain = false;
                self.start = true;
            }
            i += 1;
        }
        if plain && self.flow == 0 && self.quote.is_none() {
            self.plain = Some(owner.max(0) as usize);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep_flow(levels: usize) -> String {
        format!("muscles: {}{}\n", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn the_built_in_files_nest_well_within_the_limit() {
        for (name, text) in crate::library::EMBEDDED {
            let depth = depth(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(depth <= 12, "{name} nests {depth} levels");
        }
    }

    #[test]
    fn counts_flow_and_block_levels() {
        assert_eq!(depth("a: 1\n"), Ok(1));
        assert_eq!(depth("a:\n  b:\n    - c\n"), Ok(3));
        assert_eq!(depth("a:\n- b: [1, {c: 2}]\n"), Ok(5));
        assert_eq!(depth("- - - x\n"), Ok(3));
        assert_eq!(depth("a: {b: [c]}\n"), Ok(3));
    }

    #[test]
    fn refuses_deep_flow_nesting_at_its_place() {
        assert_eq!(depth(&deep_flow(63)), Ok(64));
        let deep = depth(&deep_flow(100_000)).unwrap_err();
        assert_eq!(
            deep,
            TooDeep {
                line: 1,
                column: 73
            }
        );
    }

    #[test]
    fn refuses_deep_block_nesting() {
        let mut text = String::new();
        for n in 0..100 {
            text.push_str(&" ".repeat(n * 2));
            text.push_str("- a:\n");
        }
        let deep = depth(&text).unwrap_err();
        assert_eq!(deep.line, 33);
    }

    #[test]
    fn brackets_in_quotes_comments_scalars_and_block_text_do_not_count() {
        let many = "[".repeat(200);
        let texts = [
            format!("a: '{many}'\n"),
            format!("a: \"{many}\\\"{many}\"\n"),
            format!("a: 'it''s {many}'\n"),
            format!("a: 1 # {many}\n"),
            format!("# {many}\n"),
            format!("a: see {many}\n"),
            format!("a: |\n  {many}\n  - {many}\nb: 1\n"),
            format!("a: >-\n    {many}\n\n    {many}\n"),
            format!("a: some\n  {many}\n"),
            format!("a: [\"{many}\", '{many}']\n"),
            format!("a: \"multi\n  {many}\n  line\"\n"),
        ];
        for text in &texts {
            assert!(
                depth(text).is_ok_and(|d| d <= 3),
                "{text:?}: {:?}",
                depth(text)
            );
        }
    }

    #[test]
    fn a_quote_inside_a_plain_scalar_opens_nothing() {
        // `don't` is plain text, so the brackets after it are real.
        let text = format!("a: [don't, {}]\n", "[".repeat(100));
        assert!(depth(&text).is_err());
        let text = format!("a: don't\nb: {}\n", "[".repeat(100));
        assert!(depth(&text).is_err());
    }

    #[test]
    fn lines_after_a_block_scalar_are_scanned() {
        let text = format!("a: |\n    text\n  b: {}\n", "[".repeat(100));
        assert!(depth(&text).is_err());
        let text = format!("a: |\nb: {}\n", "[".repeat(100));
        assert!(depth(&text).is_err());
    }
}
