//! `patron validate`: every problem in a config, with its JSON path and position.

use std::fmt::Write as _;
use std::path::Path;

use super::input::read;
use super::report::{place, problem_json, report, Format, Positions};
use crate::config::Config;

pub(crate) fn validate(path: &Path, format: Format) -> Result<String, String> {
    let text = read(path)?;
    let parsed = Config::from_json(&text);
    let warnings = parsed.as_ref().map(Config::warnings).unwrap_or_default();
    let positions = Positions::new(&text);
    if format == Format::Json {
        let errors = parsed.as_ref().err().map(|e| e.problems.clone()).unwrap_or_default();
        let mut problems: Vec<serde_json::Value> =
            errors.iter().map(|p| problem_json(path, &positions, p, "error")).collect();
        problems.extend(warnings.iter().map(|p| problem_json(path, &positions, p, "warning")));
        let out =
            serde_json::json!({ "file": path.display().to_string(), "valid": errors.is_empty(), "problems": problems });
        // The report goes to standard output either way, for pipelines; the exit code says which.
        println!("{out}");
        return if errors.is_empty() { Ok(String::new()) } else { Err(String::new()) };
    }
    let config = parsed.map_err(|e| report(path, &text, &e))?;
    let programme = &config.programme;
    let tiers: Vec<&str> = programme.tiers.iter().map(|t| t.id.as_str()).collect();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = format!(
        "{}: valid — programme {}, {}{}, {}\n",
        path.display(),
        serde_json::Value::from(programme.name.get(&config.default_language, &config.default_language)),
        plural(tiers.len(), "tier"),
        if tiers.is_empty() { String::new() } else { format!(" ({})", tiers.join(", ")) },
        plural(config.offers.len(), "offer"),
    );
    for warning in &warnings {
        let _ = writeln!(out, "{}: warning: {warning}", place(path, &positions, warning));
    }
    Ok(out)
}
