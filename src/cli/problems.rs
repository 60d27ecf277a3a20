//! Problems in a document as the command line reports them: `FILE:LINE:COLUMN: PATH: MESSAGE`, or
//! JSON for pipelines.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Position, Problem};
use crate::json::positions;
use crate::words::count;

/// How a report is written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// One line per problem, `FILE:LINE:COLUMN: PATH: MESSAGE` where the position is known.
pub(crate) fn report(path: &Path, text: &str, error: &Error) -> String {
    let positions = Positions::new(text);
    let mut out = String::new();
    let problems = count(error.problems.len() as i64, "problem", "problems");
    let _ = writeln!(out, "{}: {problems} found", path.display());
    for problem in &error.problems {
        let _ = writeln!(out, "{}: {problem}", place(path, &positions, problem));
    }
    out
}

/// Where problems are in a document's text: every path's position, found in one pass over the
/// text the first time one is asked for (a report of 500 problems must not scan it 500 times).
pub(crate) struct Positions<'a> {
    text: &'a str,
    all: std::cell::OnceCell<std::collections::HashMap<String, Position>>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str) -> Positions<'a> {
        Positions { text, all: std::cell::OnceCell::new() }
    }

    fn of(&self, problem: &Problem) -> Option<Position> {
        problem.position.or_else(|| self.all.get_or_init(|| positions(self.text)).get(&problem.path).copied())
    }
}

/// `FILE:LINE:COLUMN`, or `FILE` when the position cannot be found.
pub(crate) fn place(path: &Path, positions: &Positions, problem: &Problem) -> String {
    match positions.of(problem) {
        Some(p) => format!("{}:{}:{}", path.display(), p.line, p.column),
        None => path.display().to_string(),
    }
}

pub(crate) fn problem_json(path: &Path, positions: &Positions, problem: &Problem, severity: &str) -> serde_json::Value {
    let position = positions.of(problem);
    serde_json::json!({
        "severity": severity,
        "path": problem.path,
        "message": problem.message,
        "file": path.display().to_string(),
        "line": position.map(|p| p.line),
        "column": position.map(|p| p.column),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Document;

    #[test]
    fn counts_problems_in_the_singular_and_plural() {
        let first_line = |n: usize| {
            let problems = (0..n).map(|i| Problem::at(format!("offers[{i}].id"), "expected an id")).collect();
            let text = report(Path::new("c.json"), "{}", &Error::all(Document::Config, problems));
            text.lines().next().unwrap().to_string()
        };
        assert_eq!(first_line(0), "c.json: 0 problems found");
        assert_eq!(first_line(1), "c.json: 1 problem found");
        assert_eq!(first_line(2), "c.json: 2 problems found");
    }
}
