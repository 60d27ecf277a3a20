//! Where a JSON path starts in the text, for the command line's `FILE:LINE:COLUMN`. Native only: the
//! widget reports paths, and the browser parses the text itself.

use super::decode::child;
use crate::error::Position;

/// Walks the JSON text, calling `visit` with each member's and item's path and where it starts, in
/// document order, until `visit` returns `true` (the document itself is the empty path).
fn walk(text: &str, mut visit: impl FnMut(String, Position) -> bool) {
    struct Scanner<'a> {
        bytes: &'a [u8],
        at: usize,
        line: usize,
        column: usize,
    }

    impl Scanner<'_> {
        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.at).copied()
        }

        fn bump(&mut self) {
            if let Some(byte) = self.peek() {
                self.at += 1;
                if byte == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if byte & 0xC0 != 0x80 {
                    // Columns count characters, not the continuation bytes of UTF-8.
                    self.column += 1;
                }
            }
        }

        fn space(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.bump();
            }
        }

        fn position(&self) -> Position {
            Position { line: self.line, column: self.column }
        }

        fn string(&mut self) -> String {
            let start = self.at + 1;
            self.bump();
            while let Some(byte) = self.peek() {
                match byte {
                    b'\\' => {
                        self.bump();
                        self.bump();
                    }
                    b'"' => break,
                    _ => self.bump(),
                }
            }
            let raw = self.bytes.get(start.min(self.at)..self.at).unwrap_or_default();
            self.bump();
            serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat()).unwrap_or_default()
        }

        /// Walks one value at `path`, telling `visit` where each member and item starts; stops
        /// (returning `true`) as soon as `visit` does.
        fn value(&mut self, path: &str, visit: &mut dyn FnMut(String, Position) -> bool) -> bool {
            self.space();
            match self.peek() {
                Some(b'{') => {
                    self.bump();
                    loop {
                        self.space();
                        match self.peek() {
                            Some(b'}') => {
                                self.bump();
                                return false;
                            }
                            Some(b',') => self.bump(),
                            Some(b'"') => {
                                let at = self.position();
                                let key = self.string();
                                let here = child(path, &key);
                                if visit(here.clone(), at) {
                                    return true;
                                }
                                self.space();
                                self.bump(); // the colon
                                if self.value(&here, visit) {
                                    return true;
                                }
                            }
                            _ => return true,
                        }
                    }
                }
                Some(b'[') => {
                    self.bump();
                    let mut index = 0;
                    loop {
                        self.space();
                        match self.peek() {
                            Some(b']') => {
                                self.bump();
                                return false;
                            }
                            Some(b',') => self.bump(),
                            Some(_) => {
                                let here = super::decode::index(path, index);
                                if visit(here.clone(), self.position()) || self.value(&here, visit) {
                                    return true;
                                }
                                index += 1;
                            }
                            None => return true,
                        }
                    }
                }
                Some(b'"') => {
                    self.string();
                    false
                }
                Some(_) => {
                    while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                    {
                        self.bump();
                    }
                    false
                }
                None => true,
            }
        }
    }

    let mut scanner = Scanner { bytes: text.as_bytes(), at: 0, line: 1, column: 1 };
    scanner.space();
    visit(String::new(), scanner.position());
    scanner.value("", &mut visit);
}

/// Finds where a JSON path starts in the text, for the command line's `FILE:LINE:COLUMN` (members
/// point at their key, array items at their first character).
pub fn locate(text: &str, wanted: &str) -> Option<Position> {
    let mut found = None;
    walk(text, |path, at| {
        let hit = path == wanted;
        if hit {
            found = Some(at);
        }
        hit
    });
    found
}

/// Where every JSON path in the text starts, in one pass: for reports with many problems, which
/// `locate` would each scan the document for.
pub fn positions(text: &str) -> std::collections::HashMap<String, Position> {
    let mut all = std::collections::HashMap::new();
    walk(text, |path, at| {
        all.entry(path).or_insert(at);
        false
    });
    all
}

#[cfg(test)]
mod locate_tests {
    use super::locate;
    use crate::error::Position;

    #[test]
    fn finds_keys_and_items() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"ä\": {\"c\": 2}\n}";
        assert_eq!(locate(text, "a"), Some(Position { line: 2, column: 3 }));
        assert_eq!(locate(text, "a[1]"), Some(Position { line: 2, column: 12 }));
        assert_eq!(locate(text, "a[1].b"), Some(Position { line: 2, column: 13 }));
        assert_eq!(locate(text, "ä.c"), Some(Position { line: 3, column: 9 }));
        assert_eq!(locate(text, "missing"), None);
        assert_eq!(locate(text, ""), Some(Position { line: 1, column: 1 }));
    }
}
