//! The one error type of the core: what was wrong, in which document, at which JSON path.

use std::fmt;

use serde::de::DeserializeOwned;

/// Which document a problem was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The shopper's session, embedded by the shop's server.
    Session,
    /// The marketer's programme and offer file.
    Config,
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Document::Session => "session",
            Document::Config => "config",
        })
    }
}

/// A line and column in the JSON text, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a JSON path such as `orders[2].placed_at`; empty for the document as a whole.
    pub path: String,
    /// What is wrong, in words a marketer or a web developer can act on.
    pub message: String,
    /// Where in the text, when the JSON parser knows.
    pub position: Option<Position>,
}

impl Problem {
    /// A problem at a JSON path, with no text position.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), position: None }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A document that could not be used, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The document at fault.
    pub document: Document,
    /// What is wrong, at least one entry.
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error with a single problem.
    pub fn one(document: Document, problem: Problem) -> Error {
        Error { document, problems: vec![problem] }
    }
}

impl fmt::Display for Error {
    /// `session is invalid: orders[2].placed_at: expected …` — one line, fit for `console.warn`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is invalid: ", self.document)?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Parses a JSON document into `T`, reporting the JSON path of the first mismatch.
///
/// # Errors
/// Malformed JSON (with line and column) or a value of the wrong shape (with its path).
pub(crate) fn parse_json<T: DeserializeOwned>(document: Document, text: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        Error::one(document, describe(path, error.inner()))
    })?;
    // Trailing text after the document ("{...} x") is as broken as a missing brace.
    deserializer.end().map_err(|error| Error::one(document, describe(String::new(), &error)))?;
    Ok(value)
}

/// Turns serde_json's wording into a problem at the most precise path it can name.
fn describe(path: String, error: &serde_json::Error) -> Problem {
    let path = if path == "." { String::new() } else { path };
    let text = error.to_string();
    // serde_json appends " at line L column C"; keep the position as data, not text.
    let message = match text.rfind(" at line ") {
        Some(cut) => &text[..cut],
        None => &text,
    };
    let position = (error.line() > 0).then(|| Position { line: error.line(), column: error.column() });
    let mut problem = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            Problem::at("", format!("not valid JSON: {message}"))
        }
        _ => match unknown_field(message) {
            // serde names the containing object; the marketer wants the field itself.
            Some((field, expected)) => Problem::at(
                join(&path, field),
                format!("unknown field {field:?}{}", expected.map(|e| format!(", expected one of {e}")).unwrap_or_default()),
            ),
            None => Problem::at(path, message.replace('`', "\"")),
        },
    };
    problem.position = position;
    problem
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into the field and the list.
fn unknown_field(message: &str) -> Option<(&str, Option<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, tail) = rest.split_once('`')?;
    let expected = tail
        .strip_prefix(", expected one of ")
        .or_else(|| tail.strip_prefix(", expected "))
        .map(|list| list.replace('`', "\""));
    Some((field, expected))
}

/// Appends a field name to a JSON path.
pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}
