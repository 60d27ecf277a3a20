//! `patron validate`: every problem in a config, with its JSON path and position.

use std::fmt::Write as _;
use std::path::Path;

use super::input::read;
use super::problems::{place, problem_json, report, Format, Positions};
use crate::config::parts::Usable;
use crate::config::Config;
use crate::error::{Document, Error};
use crate::words::{count, quoted};

pub(crate) fn validate(path: &Path, format: Format) -> Result<String, String> {
    let text = read(path)?;
    // Everything in one pass: what decodes is checked across sections too, and what the widget
    // would leave out is known (issue 32).
    let outcome = crate::json::parse_text(Document::Config, &text).and_then(|value| Config::in_parts(&value));
    let (errors, warnings, omitted) = match &outcome {
        Ok(usable) => (usable.problems.clone(), usable.warnings(), usable.omitted.clone()),
        Err(error) => (error.problems.clone(), Vec::new(), Vec::new()),
    };
    let positions = Positions::new(&text);
    if format == Format::Json {
        let mut problems: Vec<serde_json::Value> =
            errors.iter().map(|p| problem_json(path, &positions, p, "error")).collect();
        problems.extend(warnings.iter().map(|p| problem_json(path, &positions, p, "warning")));
        let omitted: Vec<serde_json::Value> = omitted
            .iter()
            .map(|o| serde_json::json!({ "path": o.path, "part": o.part, "id": o.id, "consequence": o.consequence() }))
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
    let usable = match outcome {
        Ok(usable) if usable.problems.is_empty() => usable,
        Ok(usable) => {
            let mut out = report(path, &text, &Error::all(Document::Config, usable.problems.clone()));
            for warning in &warnings {
                let _ = writeln!(out, "{}: warning: {warning}", place(path, &positions, warning));
            }
            out.push_str(&if_published(&usable));
            return Err(out);
        }
        Err(error) => return Err(report(path, &text, &error)),
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

/// What the widget would leave out if the file were published anyway, and what the shoppers of
/// each left-out offer's placement would see instead: the offers still there, highest priority
/// first.
fn if_published(usable: &Usable) -> String {
    let mut out = String::from("if published anyway, the widget would show the rest:\n");
    for omitted in &usable.omitted {
        let _ = write!(out, "  {}: {}", omitted.path, omitted.consequence());
        if omitted.part == "offer" {
            let placement = usable.omitted_placement(omitted);
            let mut instead: Vec<&crate::offers::offer::Offer> =
                usable.config.offers.iter().filter(|o| Some(o.placement.as_str()) == placement.as_deref()).collect();
            instead.sort_by_key(|o| std::cmp::Reverse(o.priority));
            match (placement, instead.is_empty()) {
                (Some(placement), true) => {
                    let _ = write!(out, "; placement {} would show nothing", quoted(&placement));
                }
                (Some(placement), false) => {
                    let ids: Vec<String> = instead.iter().map(|o| quoted(&o.id)).collect();
                    let _ = write!(
                        out,
                        "; its shoppers would see {} in {} instead, as their audiences allow",
                        ids.join(", "),
                        quoted(&placement)
                    );
                }
                (None, _) => {}
            }
        }
        out.push('\n');
    }
    out
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
