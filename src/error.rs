//! The one error type of the core: what was wrong, in which document, and where — at a JSON path
//! (with its line and column in the text, when known), at a line and column of a shop's CSV export,
//! or at a byte of a binary file.

use std::fmt;

/// Which document a problem was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The shopper's session, embedded by the shop's server.
    Session,
    /// The marketer's programme and offer file.
    Config,
    /// A recommendation model file (`patron model build`'s).
    Model,
    /// A shop's export or a file the command line reads or writes (`ORDERS.csv`, `PRODUCTS.csv`,
    /// `customers.csv`, scratch files), or the figures computed from one; the file is
    /// [`Error::file`], the column [`Problem::path`] and the line [`Problem::position`].
    Export,
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Document::Session => "session",
            Document::Config => "config",
            Document::Model => "model",
            Document::Export => "export",
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
    /// Where in a binary file (a model), in bytes from its start.
    pub offset: Option<usize>,
}

impl Problem {
    /// A problem at a JSON path, with no text position.
    #[inline]
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), position: None, offset: None }
    }

    /// A problem that concerns no particular place; the caller may give it one (a value's parser
    /// says what is wrong, the decoder that called it says where).
    #[inline]
    pub fn reason(message: impl Into<String>) -> Problem {
        Problem::at("", message)
    }

    /// The same problem at `path`.
    #[inline]
    pub fn within(mut self, path: impl Into<String>) -> Problem {
        self.path = path.into();
        self
    }

    /// A problem at a byte of a binary file.
    pub fn at_byte(offset: usize, message: impl Into<String>) -> Problem {
        Problem { path: String::new(), message: message.into(), position: None, offset: Some(offset) }
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
    /// The file, for documents the command line reads from disk by name ([`Document::Export`]);
    /// native builds only.
    #[cfg(not(target_arch = "wasm32"))]
    pub file: Option<String>,
}

impl Error {
    /// An error with a single problem.
    #[inline]
    pub fn one(document: Document, problem: Problem) -> Error {
        Error::all(document, vec![problem])
    }

    /// An error with every problem found.
    #[inline]
    pub fn all(document: Document, problems: Vec<Problem>) -> Error {
        Error {
            document,
            problems,
            #[cfg(not(target_arch = "wasm32"))]
            file: None,
        }
    }
}

/// The command line's exports: the widget never reads a file by name, and its bundle carries neither
/// the field nor these constructors.
#[cfg(not(target_arch = "wasm32"))]
impl Error {
    /// A problem in an export: `file:line: column: message`, with the line counted from 1 (0 when
    /// unknown) and `column` the column's name (empty for the line as a whole).
    pub fn in_export(file: impl Into<String>, line: u64, column: &str, message: impl Into<String>) -> Error {
        let position = (line > 0).then_some(Position { line: line as usize, column: 0 });
        Error {
            document: Document::Export,
            problems: vec![Problem { position, ..Problem::at(column, message) }],
            file: Some(file.into()),
        }
    }

    /// A problem with a file as a whole (`file: message`), such as an export with no order lines.
    pub fn in_file(file: impl Into<String>, message: impl Into<String>) -> Error {
        Error { file: Some(file.into()), ..Error::export(message) }
    }

    /// A problem whose message says it all, such as a file that cannot be read (the message names
    /// it) or too few customers to fit a model.
    pub fn export(message: impl Into<String>) -> Error {
        Error::one(Document::Export, Problem::reason(message))
    }
}

impl fmt::Display for Error {
    /// `session is invalid: orders[2].placed_at: expected …` — one line, fit for `console.warn`; a
    /// model's problem as `broken model at byte 812: the file ends too early`, or the reason alone
    /// where it concerns the whole file (`not a Patron model …`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the builds that read models can meet a model's error: the card and banners page does
        // not carry its wording (0.1 KB gzipped).
        #[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
        if self.document == Document::Model {
            for problem in &self.problems {
                if let Some(offset) = problem.offset {
                    write!(f, "broken model at byte {offset}: ")?;
                }
                f.write_str(&problem.message)?;
            }
            return Ok(());
        }
        // An export, as compilers and the csv tools write a place in a file: `ORDERS.csv:2: quantity: …`.
        #[cfg(not(target_arch = "wasm32"))]
        if self.document == Document::Export {
            for problem in &self.problems {
                match (&self.file, problem.position) {
                    (Some(file), Some(at)) => write!(f, "{file}:{}: ", at.line)?,
                    (Some(file), None) => write!(f, "{file}: ")?,
                    (None, _) => {}
                }
                write!(f, "{problem}")?;
            }
            return Ok(());
        }
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
            Document::Model | Document::Export => "",
        })?;
        Ok(())
    }
}

impl std::error::Error for Error {}
