//! The one error type of the core: what was wrong, in which document, at which JSON path.

use std::fmt;

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
        // The widget's bundle carries the short reasons (see `why!`): say where the whole ones are.
        #[cfg(all(target_arch = "wasm32", not(feature = "playground"), not(feature = "node")))]
        f.write_str(match self.document {
            Document::Session => " (`patron render` explains each problem)",
            Document::Config => " (`patron validate` explains each problem)",
        })?;
        Ok(())
    }
}

impl std::error::Error for Error {}
