//! `patron simulate`: a config on many sessions, who sees which offer and why, and each offer's
//! reach; then each reward's reach (who can afford it now) and each badge's holders.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::input::{clock, now_flag, read};
use super::problems::{report, Format};
use crate::config::Config;
use crate::format::PlainFormatter;
use crate::loyalty::{self, RewardStatus};
use crate::offers::{self, Memory, Outcome};
use crate::session::Session;
use crate::words::count;

/// One simulated session: who it is and what each offer did.
struct Simulated<'a> {
    source: String,
    customer: String,
    decisions: Vec<offers::Decision>,
    panel: loyalty::Panel<'a>,
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
        let decisions = offers::decide(&session, config.offer_config(), at, &locale, &Memory::default(), &format);
        let customer = session.customer.as_ref().map_or_else(|| "guest".to_string(), |c| c.id.clone());
        let panel = loyalty::panel(&session, &config.programme, &config.default_language, at, &locale, &[]);
        simulated.push(Simulated { source, customer, decisions, panel });
    }
    let out = match format {
        Format::Text => simulation_text(&config, &simulated),
        Format::Json => simulation_json(&config, &simulated),
    };
    if broken.is_empty() {
        Ok(out)
    } else {
        super::input::emit(&out);
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
    let sessions = count(simulated.len() as i64, "session", "sessions");
    let _ = writeln!(out, "\nreach over {sessions}:");
    let width = config.offers.iter().map(|o| o.id.chars().count()).max().unwrap_or(5).max(5);
    let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", "offer", "placement", "qualify", "shown");
    for (offer, (qualify, shown)) in config.offers.iter().zip(reach(config, simulated)) {
        let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", offer.id, offer.placement, qualify, shown);
    }
    let programme = &config.programme;
    if !programme.rewards.is_empty() {
        let _ =
            writeln!(out, "\nrewards over {sessions} (can afford now: the balance covers it, tier and limit allow):");
        let width = programme.rewards.iter().map(|r| r.id.chars().count()).max().unwrap_or(6).max(6);
        let _ = writeln!(
            out,
            "  {:<width$}  {:>6}  {:>10}  {:>6}  {:>13}",
            "reward", "points", "can afford", "locked", "limit reached"
        );
        for (reward, (afford, locked, limit)) in programme.rewards.iter().zip(reward_reach(config, simulated)) {
            let _ = writeln!(
                out,
                "  {:<width$}  {:>6}  {:>10}  {:>6}  {:>13}",
                reward.id, reward.cost_points, afford, locked, limit
            );
        }
    }
    if !programme.badges.is_empty() {
        let _ = writeln!(out, "\nbadges over {sessions}:");
        let width = programme.badges.iter().map(|b| b.id.chars().count()).max().unwrap_or(5).max(5);
        let _ = writeln!(out, "  {:<width$}  {:>7}", "badge", "holders");
        for (badge, holders) in programme.badges.iter().zip(badge_holders(config, simulated)) {
            let _ = writeln!(out, "  {:<width$}  {:>7}", badge.id, holders);
        }
    }
    out
}

/// Per reward, in the config's order: sessions that can afford it now, that it is locked for by
/// tier, and that redeemed it up to its limit.
fn reward_reach(config: &Config, simulated: &[Simulated]) -> Vec<(usize, usize, usize)> {
    config
        .programme
        .rewards
        .iter()
        .map(|reward| {
            let statuses = || {
                simulated.iter().filter_map(|s| s.panel.rewards.iter().find(|r| r.id == reward.id)).map(|r| &r.status)
            };
            (
                statuses().filter(|s| **s == RewardStatus::Affordable).count(),
                statuses().filter(|s| matches!(s, RewardStatus::TierLocked { .. })).count(),
                statuses().filter(|s| matches!(s, RewardStatus::LimitReached(_))).count(),
            )
        })
        .collect()
}

/// Per badge, in the config's order: sessions that hold it.
fn badge_holders(config: &Config, simulated: &[Simulated]) -> Vec<usize> {
    config
        .programme
        .badges
        .iter()
        .map(|badge| {
            simulated.iter().filter(|s| s.panel.badges.iter().any(|b| b.id == badge.id && b.earned.is_ok())).count()
        })
        .collect()
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
        let rewards: Vec<serde_json::Value> = session
            .panel
            .rewards
            .iter()
            .map(|r| {
                serde_json::json!({
                    "reward": r.id,
                    "can_afford": r.status == RewardStatus::Affordable,
                    "status": r.status.describe(),
                })
            })
            .collect();
        let badges: Vec<serde_json::Value> = session
            .panel
            .badges
            .iter()
            .map(|b| serde_json::json!({ "badge": b.id, "earned": b.earned.is_ok() }))
            .collect();
        let line = serde_json::json!({
            "session": session.source,
            "customer_id": session.customer,
            "offers": decisions,
            "rewards": rewards,
            "badges": badges,
        });
        let _ = writeln!(out, "{line}");
    }
    let reach: Vec<serde_json::Value> = config
        .offers
        .iter()
        .zip(reach(config, simulated))
        .map(|(offer, (qualify, shown))| serde_json::json!({ "offer": offer.id, "qualify": qualify, "shown": shown }))
        .collect();
    let rewards: Vec<serde_json::Value> = config
        .programme
        .rewards
        .iter()
        .zip(reward_reach(config, simulated))
        .map(|(reward, (afford, locked, limit))| {
            serde_json::json!({ "reward": reward.id, "can_afford": afford, "locked": locked, "limit_reached": limit })
        })
        .collect();
    let badges: Vec<serde_json::Value> = config
        .programme
        .badges
        .iter()
        .zip(badge_holders(config, simulated))
        .map(|(badge, holders)| serde_json::json!({ "badge": badge.id, "holders": holders }))
        .collect();
    let _ = writeln!(
        out,
        "{}",
        serde_json::json!({ "sessions": simulated.len(), "reach": reach, "rewards": rewards, "badges": badges })
    );
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
