//! `patron simulate`: a config on many sessions, who sees which offer and why, and each offer's
//! reach.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::input::{clock, now_flag, read};
use super::report::{report, Format};
use crate::config::Config;
use crate::format::PlainFormatter;
use crate::offers::{self, Memory, Outcome};
use crate::session::Session;

/// One simulated session: who it is and what each offer did.
struct Simulated {
    source: String,
    customer: String,
    decisions: Vec<offers::Decision>,
}

pub(crate) fn simulate(
    config_path: &Path,
    sessions_paths: &[PathBuf],
    now: Option<&str>,
    locale: Option<&str>,
    format: Format,
) -> Result<String, String> {
    let config_text = read(config_path)?;
    let config = Config::from_json(&config_text).map_err(|e| report(config_path, &config_text, &e))?;
    let now = match now {
        Some(text) => Some(now_flag(text)?),
        None => None,
    };
    let mut documents: Vec<(String, String)> = Vec::new();
    for path in sessions_paths {
        let text = read(path)?;
        if path.extension().is_some_and(|e| e == "jsonl") {
            for (i, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
                documents.push((format!("{}:{}", path.display(), i + 1), line.to_string()));
            }
        } else {
            documents.push((path.display().to_string(), text));
        }
    }
    let mut simulated = Vec::new();
    let mut broken = String::new();
    for (source, text) in documents {
        let session = match Session::from_json(&text) {
            Ok(session) => session,
            Err(error) => {
                let _ = writeln!(broken, "{source}: {error}");
                continue;
            }
        };
        let at = now.or(session.now).unwrap_or_else(clock);
        let locale = locale.or(session.locale.as_deref()).unwrap_or(&config.default_language).to_string();
        let format = PlainFormatter::new(&locale, session.currency.code());
        let decisions = offers::decide(&session, &config, at, &locale, &Memory::default(), &format);
        let customer = session.customer.as_ref().map_or_else(|| "guest".to_string(), |c| c.id.clone());
        simulated.push(Simulated { source, customer, decisions });
    }
    let out = match format {
        Format::Text => simulation_text(&config, &simulated),
        Format::Json => simulation_json(&config, &simulated),
    };
    if broken.is_empty() {
        Ok(out)
    } else {
        print!("{out}");
        Err(broken)
    }
}

fn simulation_text(config: &Config, simulated: &[Simulated]) -> String {
    let mut out = String::new();
    for session in simulated {
        let _ = writeln!(out, "{} ({}):", session.source, session.customer);
        for decision in &session.decisions {
            let mark = if decision.outcome == Outcome::Shown { "shown " } else { "hidden" };
            let _ = writeln!(out, "  {mark} {} [{}]: {}", decision.id, decision.placement, decision.outcome.describe());
        }
    }
    let _ = writeln!(out, "\nreach over {} sessions:", simulated.len());
    let width = config.offers.iter().map(|o| o.id.chars().count()).max().unwrap_or(5).max(5);
    let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", "offer", "placement", "qualify", "shown");
    for (offer, (qualify, shown)) in config.offers.iter().zip(reach(config, simulated)) {
        let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", offer.id, offer.placement, qualify, shown);
    }
    out
}

fn simulation_json(config: &Config, simulated: &[Simulated]) -> String {
    let mut out = String::new();
    for session in simulated {
        let decisions: Vec<serde_json::Value> = session
            .decisions
            .iter()
            .map(|d| {
                serde_json::json!({
                    "offer": d.id,
                    "placement": d.placement,
                    "shown": d.outcome == Outcome::Shown,
                    "qualifies": d.outcome.qualifies(),
                    "reason": d.outcome.describe(),
                    "headline": d.banner.as_ref().map(|b| b.headline.clone()),
                })
            })
            .collect();
        let line =
            serde_json::json!({ "session": session.source, "customer_id": session.customer, "offers": decisions });
        let _ = writeln!(out, "{line}");
    }
    let reach: Vec<serde_json::Value> = config
        .offers
        .iter()
        .zip(reach(config, simulated))
        .map(|(offer, (qualify, shown))| serde_json::json!({ "offer": offer.id, "qualify": qualify, "shown": shown }))
        .collect();
    let _ = writeln!(out, "{}", serde_json::json!({ "sessions": simulated.len(), "reach": reach }));
    out
}

/// Per offer: sessions that qualify, and sessions that see it after arbitration.
fn reach(config: &Config, simulated: &[Simulated]) -> Vec<(usize, usize)> {
    (0..config.offers.len())
        .map(|i| {
            let outcomes = || simulated.iter().filter_map(|s| s.decisions.get(i)).map(|d| &d.outcome);
            (outcomes().filter(|o| o.qualifies()).count(), outcomes().filter(|o| **o == Outcome::Shown).count())
        })
        .collect()
}
