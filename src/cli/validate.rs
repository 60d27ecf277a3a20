//! `patron validate`: every problem in a config, with its JSON path and position.

use std::fmt::Write as _;
use std::path::Path;

use super::input::read;
use super::problems::{place, problem_json, report, Format, Positions};
use crate::config::Config;
use crate::error::{Document, Error};
use crate::words::count;

pub(crate) fn validate(path: &Path, format: Format) -> Result<String, String> {
    let text = read(path)?;
    // Everything in one pass (issue 32): the parts that decode are checked across sections too, as
    // though the broken ones were left out, so that fixing one problem does not reveal the next.
    let value = crate::json::parse_text(Document::Config, &text);
    let outcome = value.as_ref().map_err(Clone::clone).and_then(Config::in_parts);
    let (errors, warnings) = match &outcome {
        Ok(usable) => (usable.problems.clone(), usable.warnings()),
        Err(error) => (error.problems.clone(), Vec::new()),
    };
    // What the widget would leave out if the file were published as it is (a strict validate still
    // fails: CI refuses the file), and what each offer's audience would see instead.
    let left_out = match (&outcome, &value) {
        (Ok(usable), Ok(value)) => usable.left_out(value),
        _ => Vec::new(),
    };
    let positions = Positions::new(&text);
    if format == Format::Json {
        let mut problems: Vec<serde_json::Value> =
            errors.iter().map(|p| problem_json(path, &positions, p, "error")).collect();
        problems.extend(warnings.iter().map(|p| problem_json(path, &positions, p, "warning")));
        let omitted: Vec<serde_json::Value> = left_out
            .iter()
            .map(|left| {
                let omitted = left.omitted;
                match &left.placement {
                    Some(placement) => serde_json::json!({ "path": omitted.path, "part": omitted.part,
                        "id": omitted.id, "placement": placement, "instead": left.instead }),
                    None => serde_json::json!({ "path": omitted.path, "part": omitted.part, "id": omitted.id }),
                }
            })
            .collect();
        let out = serde_json::json!({
            "file": path.display().to_string(),
            "valid": errors.is_empty(),
            "problems": problems,
            "omitted": omitted,
        });
        // The report goes to standard output either way, for pipelines; the exit code says which.
        super::input::emit(&format!("{out}\n"));
        return if errors.is_empty() { Ok(String::new()) } else { Err(String::new()) };
    }
    let usable = match &outcome {
        Ok(usable) if usable.problems.is_empty() => usable,
        Ok(usable) => {
            let mut out = report(path, &text, &Error::all(Document::Config, usable.problems.clone()));
            for warning in &warnings {
                let _ = writeln!(out, "{}: warning: {warning}", place(path, &positions, warning));
            }
            let _ = writeln!(out, "if published anyway, the widget would leave out:");
            for left in &left_out {
                let _ = writeln!(out, "  {}: {}", left.omitted.path, left.describe());
            }
            return Err(out);
        }
        Err(error) => return Err(report(path, &text, error)),
    };
    let config = &usable.config;
    let programme = &config.programme;
    let tiers: Vec<&str> = programme.tiers.iter().map(|t| t.id.as_str()).collect();
    let name = programme.name.get(&config.default_language, &config.default_language);
    let mut out = valid_line(path, name, &tiers, config.offers.len());
    for warning in &warnings {
        let _ = writeln!(out, "{}: warning: {warning}", place(path, &positions, warning));
    }
    Ok(out)
}

/// "FILE: valid — programme "NAME", 3 tiers (bronze, silver, gold), 8 offers".
fn valid_line(path: &Path, name: &str, tiers: &[&str], offers: usize) -> String {
    format!(
        "{}: valid — programme {}, {}{}, {}\n",
        path.display(),
        serde_json::Value::from(name),
        count(tiers.len() as i64, "tier", "tiers"),
        if tiers.is_empty() { String::new() } else { format!(" ({})", tiers.join(", ")) },
        count(offers as i64, "offer", "offers"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tiers_and_offers_in_the_singular_and_plural() {
        let line = |tiers: &[&str], offers| valid_line(Path::new("c.json"), "Club", tiers, offers);
        assert_eq!(line(&[], 0), "c.json: valid — programme \"Club\", 0 tiers, 0 offers\n");
        assert_eq!(line(&["gold"], 1), "c.json: valid — programme \"Club\", 1 tier (gold), 1 offer\n");
        assert_eq!(
            line(&["silver", "gold"], 2),
            "c.json: valid — programme \"Club\", 2 tiers (silver, gold), 2 offers\n"
        );
    }
}
