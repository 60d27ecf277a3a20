//! `patron render`: the loyalty card or the rewards panel for a session, as the widget shows it, in
//! text.

use std::fmt::Write as _;
use std::path::Path;

use super::input::{clock, now_flag, read};
use super::problems::report;
use crate::config::Config;
use crate::format::PlainFormatter;
use crate::language::Language;
use crate::loyalty::{self, CardText, PanelText, Redeem};
use crate::session::Session;

pub(crate) fn render(
    session_path: &Path,
    config_path: &Path,
    locale: Option<&str>,
    now: Option<&str>,
    placement: Placement,
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
    let card = loyalty::card(&session, &config.programme, &config.default_language, now, &locale)
        .map_err(|e| report(session_path, &session_text, &e))?;
    let format = PlainFormatter::new(&locale, session.currency.code());
    let language = Language::for_locale(&locale);
    Ok(match placement {
        Placement::Loyalty => card_lines(&loyalty::card_text(&card, language, &format)),
        Placement::Rewards => {
            let panel = loyalty::panel(&session, &config.programme, &config.default_language, now, &locale, &[]);
            let mut out = panel_lines(&loyalty::panel_text(&panel, language, &format));
            let _ = writeln!(out, "\nwhy:");
            for reward in &panel.rewards {
                let _ = writeln!(out, "  reward {}: {}", reward.id, reward.status.describe());
            }
            for badge in &panel.badges {
                let state = match &badge.earned {
                    Ok(()) => "earned".to_string(),
                    Err(miss) => format!("not earned: {}: {}", miss.path, miss.reason),
                };
                let _ = writeln!(out, "  badge {}: {state}", badge.id);
            }
            if let Some(why) = panel.redeem.describe() {
                let _ = writeln!(out, "  {why}");
            } else if panel.redeem == Redeem::Offered {
                let _ = writeln!(out, "  Redeem is offered: the session carries the shop's points ledger");
            }
            out
        }
    })
}

/// What `patron render` shows, named as the widget's `placement` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Placement {
    /// The loyalty card.
    Loyalty,
    /// The rewards panel.
    Rewards,
}

/// The rewards panel as plain text, in the order the widget shows it.
fn panel_lines(text: &PanelText) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", text.title);
    if let (Some(balance), Some(note)) = (&text.balance, &text.balance_note) {
        let _ = writeln!(out, "{balance} ({note})");
    }
    if let Some(note) = &text.redeem_note {
        let _ = writeln!(out, "{note}");
    }
    if let Some((label, url)) = &text.sign_in {
        let _ = writeln!(out, "{label}: {url}");
    }
    let _ = writeln!(out, "{}:", text.rewards_heading);
    for reward in &text.rewards {
        let button = if reward.redeem.is_some() { format!(" [{}]", text.flow.redeem) } else { String::new() };
        let _ = writeln!(out, "  • {} – {}{button}", reward.name, reward.cost);
        for detail in &reward.details {
            let _ = writeln!(out, "      {detail}");
        }
        if let Some(status) = &reward.status {
            let bar = reward.percent.map_or(String::new(), |percent| {
                let filled = usize::from(percent) / 5;
                format!("{}{} ", "█".repeat(filled), "░".repeat(20 - filled))
            });
            let _ = writeln!(out, "      {bar}{status}");
        }
    }
    if let Some(heading) = &text.earn_heading {
        let _ = writeln!(out, "{heading}:");
        for (what, points) in &text.earn {
            let _ = writeln!(out, "  • {what}: {points}");
        }
    }
    if let Some(heading) = &text.badges_heading {
        let _ = writeln!(out, "{heading}:");
        for badge in &text.badges {
            let mark = if badge.earned { "★" } else { "☆" };
            let _ = writeln!(out, "  {mark} {} – {}: {}", badge.name, badge.description, badge.status);
        }
    }
    out
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
