//! Lines and character columns of one text, found without rereading it.
//!
//! Parsers report positions as (line, column in characters) and diagnostics need them back from
//! byte offsets. Counting from the start of the text, or of a line, for every position is
//! quadratic on a minified document of one 3 MB line; this index is built once per file (one
//! pass) and answers both ways in O(log n) plus at most one block of [`BLOCK`] bytes.

/// How many bytes apart the character counts are kept: the most a lookup rereads.
const BLOCK: usize = 64;

/// Where each line starts, and how many characters precede every [`BLOCK`]th byte.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// The byte offset of each line's first byte; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters in the first `k * BLOCK` bytes. Empty for ASCII text, where
    /// characters are bytes.
    chars_before: Vec<usize>,
    /// The text's length in bytes.
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let chars_before = if text.is_ascii() {
            Vec::new()
        } else {
            let mut sum = 0;
            let sums = text.as_bytes().chunks(BLOCK).map(|block| {
                sum += chars_in(block);
                sum
            });
            std::iter::once(0).chain(sums).collect()
        };
        LineIndex { line_starts, chars_before, len: text.len() }
    }

    /// The 0-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// The byte where 0-based `line` starts, or the text's end past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The byte where the line of `offset` ends (its `\n`, or the text's end).
    pub fn line_end(&self, offset: usize) -> usize {
        self.line_starts.get(self.line_of(offset) + 1).map_or(self.len, |next| next - 1)
    }

    /// The 0-based column of byte `offset` of `text` (the indexed text), in characters.
    pub fn column_of(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let start = self.line_start(self.line_of(offset));
        self.chars_before(text, offset) - self.chars_before(text, start)
    }

    /// The byte offset of 0-based `line` and 0-based character `column` of `text` (the indexed
    /// text), as parsers report positions. A column past the line's end runs on into the next
    /// lines, as the parser counted; past the text's end is its end.
    pub fn offset_of(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self.line_start(line);
        if self.chars_before.is_empty() {
            return start.saturating_add(column).min(self.len);
        }
        let target = self.chars_before(text, start) + column;
        // The last block that starts at or before the target character, then a walk within it.
        let block = self.chars_before.partition_point(|&before| before <= target).saturating_sub(1);
        let from = block * BLOCK;
        let mut seen = self.chars_before[block];
        for (i, &b) in text.as_bytes()[from.min(self.len)..].iter().enumerate() {
            if is_char_start(b) {
                if seen == target {
                    return from + i;
                }
                seen += 1;
            }
        }
        self.len
    }

    /// How many characters the first `offset` bytes of `text` hold.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        self.chars_before[block] + chars_in(&text.as_bytes()[block * BLOCK..offset])
    }
}

/// Characters that start in `bytes`: every byte but UTF-8's continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as counting from the start, on ASCII and on multi-byte text, across
    /// block boundaries.
    #[test]
    fn agrees_with_counting() {
        let long = format!("{}\n{}é\nlast", "aé€😀".repeat(40), "x".repeat(130));
        for text in ["", "a\nbc\n\nd", "é\nüx\n", long.as_str()] {
            let index = LineIndex::new(text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let before = &text[..offset];
                let line = before.matches('\n').count();
                let column = before.rsplit('\n').next().unwrap_or("").chars().count();
                assert_eq!(index.line_of(offset), line, "{text:?} at {offset}");
                assert_eq!(index.column_of(text, offset), column, "{text:?} at {offset}");
                assert_eq!(index.offset_of(text, line, column), offset, "{text:?} at {line}:{column}");
            }
        }
    }

    #[test]
    fn clamps_what_is_past_the_end() {
        let text = "ab\ncé";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of(text, 9, 0), text.len());
        assert_eq!(index.offset_of(text, 1, 9), text.len());
        assert_eq!(index.offset_of(text, 0, 4), 4, "a column past the line runs on");
        assert_eq!(index.line_end(0), 2);
        assert_eq!(index.line_end(4), text.len());
    }
}
