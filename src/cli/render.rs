//! `patron render`: the loyalty card for a session, as the widget shows it, in text.

use std::fmt::Write as _;
use std::path::Path;

use super::input::{clock, now_flag, read};
use super::report::report;
use crate::config::Config;
use crate::format::PlainFormatter;
use crate::language::Language;
use crate::loyalty::{self, CardText};
use crate::session::Session;

pub(crate) fn render(
    session_path: &Path,
    config_path: &Path,
    locale: Option<&str>,
    now: Option<&str>,
) -> Result<String, String> {
    let config_text = read(config_path)?;
    let config = Config::from_json(&config_text).map_err(|e| report(config_path, &config_text, &e))?;
    let session_text = read(session_path)?;
    let session = Session::from_json(&session_text).map_err(|e| report(session_path, &session_text, &e))?;
    let now = match now {
        Some(text) => now_flag(text)?,
        None => session.now.unwrap_or_else(clock),
    };
    let locale = locale.or(session.locale.as_deref()).unwrap_or(&config.default_language).to_string();
    let card = loyalty::card(&session, &config, now, &locale).map_err(|e| report(session_path, &session_text, &e))?;
    let format = PlainFormatter::new(&locale, session.currency.code());
    Ok(card_lines(&loyalty::card_text(&card, Language::for_locale(&locale), &format)))
}

/// The card as plain text, in the order the widget shows it.
fn card_lines(text: &CardText) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", text.title);
    if let Some(greeting) = &text.greeting {
        let _ = writeln!(out, "{greeting}");
    }
    let _ = writeln!(out, "{} ({})", text.balance, text.balance_note);
    if let Some(tier) = &text.tier {
        let _ = writeln!(out, "[{tier}]");
    }
    if let Some(progress) = &text.progress {
        let filled = usize::from(progress.percent) / 5;
        let _ = writeln!(
            out,
            "{}{} {} · {}",
            "█".repeat(filled),
            "░".repeat(20 - filled),
            progress.value_text,
            progress.caption
        );
    }
    for line in [&text.top_tier, &text.expiring, &text.cart].into_iter().flatten() {
        let _ = writeln!(out, "{line}");
    }
    if let Some(heading) = &text.list_heading {
        let _ = writeln!(out, "{heading}:");
        for item in &text.list {
            let _ = writeln!(out, "  • {item}");
        }
    }
    // The widget's spaces are no-break spaces from Intl; a terminal shows them as spaces anyway.
    out
}
