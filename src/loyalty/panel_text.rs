//! The rewards panel's words, in German and English, through the same [`Formatter`] as the card:
//! the widget and `patron render` say the same thing.

use super::panel::{BadgeView, EarnView, Panel, Redeem, RewardStatus, RewardView};
use super::rewards::EarnKind;
use super::text::points;
use crate::audience::{Measure, Progress};
use crate::format::{Formatter, Plural};
use crate::language::Language;
use crate::money::Money;

/// Every text the panel shows, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelText {
    /// "Prämien" / "Rewards".
    pub title: &'static str,
    /// "412 Punkte"; absent without personal data.
    pub balance: Option<String>,
    /// Beside the balance: "zum Einlösen", or that it is estimated.
    pub balance_note: Option<&'static str>,
    /// Why rewards cannot be redeemed here, when they cannot.
    pub redeem_note: Option<&'static str>,
    /// A guest's sign-in link: its text and URL.
    pub sign_in: Option<(&'static str, String)>,
    /// "Prämien einlösen" / "Spend your points".
    pub rewards_heading: &'static str,
    /// The rewards, in display order.
    pub rewards: Vec<RewardText>,
    /// "So sammeln Sie Punkte" / "Ways to earn"; absent without ways to earn.
    pub earn_heading: Option<&'static str>,
    /// The ways to earn: what, and how many points.
    pub earn: Vec<(String, String)>,
    /// "Abzeichen" / "Badges"; absent without badges.
    pub badges_heading: Option<&'static str>,
    /// The badges.
    pub badges: Vec<BadgeText>,
    /// The redemption flow's words.
    pub flow: FlowText,
}

/// One reward in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RewardText {
    /// The config's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "500 Punkte".
    pub cost: String,
    /// The points it costs, for the redemption event.
    pub cost_points: u64,
    /// Its description, a perk's text, and its minimum order ("ab 30,00 € Bestellwert").
    pub details: Vec<String>,
    /// `affordable`, `next`, `short`, `locked`, `limit` or `programme`: for styling and tests.
    pub state: &'static str,
    /// Where the shopper stands, in words: "Noch 88 Punkte bis 5 € Rabatt", "Ab Stufe Gold".
    pub status: Option<String>,
    /// The next reward's progress, 0 to 99 %.
    pub percent: Option<u8>,
    /// The Redeem button's accessible name ("5 € Rabatt einlösen"), when it is offered.
    pub redeem: Option<String>,
    /// The confirmation's question: "500 Punkte für 5 € Rabatt einlösen?".
    pub confirm: String,
    /// After success: "Eingelöst: 5 € Rabatt."
    pub done: String,
}

/// One badge in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadgeText {
    /// The config's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What earns it.
    pub description: String,
    /// Whether it is earned.
    pub earned: bool,
    /// "Erreicht", "7 von 10 Bestellungen" or "Noch nicht erreicht".
    pub status: String,
    /// Progress in percent, for a badge not yet earned with a numeric condition.
    pub percent: Option<u8>,
}

/// The words of the redemption flow, which the element script shows as the shopper goes through it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowText {
    /// The Redeem buttons' text.
    pub redeem: &'static str,
    /// The confirmation's title.
    pub dialog_title: &'static str,
    /// The confirming button.
    pub yes: &'static str,
    /// The cancelling button.
    pub cancel: &'static str,
    /// The pending button's text.
    pub busy: &'static str,
    /// Before the code.
    pub code_label: &'static str,
    /// Before the balance after a redemption.
    pub new_balance: &'static str,
    /// The copy button.
    pub copy: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// After the backend refused, or did not answer in time.
    pub failed: &'static str,
    /// When the page handles no redemption.
    pub unavailable: &'static str,
    /// The result's close button.
    pub close: &'static str,
}

/// One of two words, by language.
fn pick(de: bool, german: &'static str, english: &'static str) -> &'static str {
    if de {
        german
    } else {
        english
    }
}

/// `template` with each `{}` replaced by the next of `values`: the widget's sentences are written
/// through this one function rather than a `format!` each, which would each add code of their own
/// to the download (README, "Checking what code costs").
fn say(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    // Split at '{' rather than at "{}": a pattern of one character needs no substring search, whose
    // code the widget would carry for this alone. Templates hold no other '{'.
    let mut parts = template.split('{');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str(values.next().copied().unwrap_or_default());
        out.push_str(part.strip_prefix('}').unwrap_or(part));
    }
    out
}

/// Puts a panel into words.
pub fn panel_text(panel: &Panel, language: Language, format: &dyn Formatter) -> PanelText {
    let de = language == Language::De;
    let offered = panel.redeem == Redeem::Offered;
    let balance = panel.member.as_ref().map(|member| member.balance);
    let mut rewards = Vec::with_capacity(panel.rewards.len());
    for reward in &panel.rewards {
        rewards.push(reward_text(reward, balance, offered, de, language, format));
    }
    let mut earn = Vec::with_capacity(panel.ways_to_earn.len());
    for way in &panel.ways_to_earn {
        earn.push(earn_text(way, panel.points_per_unit, de, language, format));
    }
    let mut badges = Vec::with_capacity(panel.badges.len());
    for badge in &panel.badges {
        badges.push(badge_text(badge, de, format));
    }
    PanelText {
        title: pick(de, "Prämien", "Rewards"),
        balance: balance.map(|b| points(b, language, format)),
        balance_note: panel.member.as_ref().map(|_| match panel.redeem {
            Redeem::Offered => pick(de, "zum Einlösen", "to spend"),
            _ => pick(de, "aus Ihren Bestellungen berechnet", "estimated from your orders"),
        }),
        redeem_note: match panel.redeem {
            Redeem::Offered => None,
            Redeem::NoLedger => Some(pick(
                de,
                "Ihr Punktestand ist aus Ihren Bestellungen berechnet; einlösen können Sie hier daher noch nicht.",
                "Your balance is estimated from your orders, so rewards cannot be redeemed here yet.",
            )),
            Redeem::NoConsent => Some(pick(
                de,
                "Stimmen Sie der Personalisierung zu, um Ihre Punkte hier zu sehen und einzulösen.",
                "Allow personalisation to see and spend your points here.",
            )),
            Redeem::Guest => Some(pick(
                de,
                "Melden Sie sich an, um Ihre Punkte zu sehen und einzulösen.",
                "Sign in to see and spend your points.",
            )),
        },
        sign_in: panel.sign_in_url.map(|url| (pick(de, "Anmelden", "Sign in"), url.to_string())),
        rewards_heading: pick(de, "Prämien einlösen", "Spend your points"),
        rewards,
        earn_heading: (!earn.is_empty()).then(|| pick(de, "So sammeln Sie Punkte", "Ways to earn")),
        earn,
        badges_heading: (!badges.is_empty()).then(|| pick(de, "Abzeichen", "Badges")),
        badges,
        flow: FlowText {
            redeem: pick(de, "Einlösen", "Redeem"),
            dialog_title: pick(de, "Prämie einlösen", "Redeem a reward"),
            yes: pick(de, "Ja, einlösen", "Yes, redeem"),
            cancel: pick(de, "Abbrechen", "Cancel"),
            busy: pick(de, "Wird eingelöst …", "Redeeming…"),
            code_label: pick(de, "Ihr Code: ", "Your code: "),
            new_balance: pick(de, "Ihr neuer Punktestand: ", "Your new balance: "),
            copy: pick(de, "Code kopieren", "Copy code"),
            copied: pick(de, "Kopiert", "Copied"),
            failed: pick(
                de,
                "Das Einlösen hat nicht geklappt. Ihre Punkte sind unverändert.",
                "The reward could not be redeemed. Your points are unchanged.",
            ),
            unavailable: pick(de, "Einlösen ist gerade nicht möglich.", "Redeeming is not available right now."),
            close: pick(de, "Schließen", "Close"),
        },
    }
}

fn reward_text(
    reward: &RewardView,
    balance: Option<u64>,
    offered: bool,
    de: bool,
    language: Language,
    format: &dyn Formatter,
) -> RewardText {
    let cost = points(reward.cost_points, language, format);
    let name = reward.name;
    let mut details: Vec<String> = Vec::new();
    details.extend(reward.description.map(str::to_string));
    details.extend(reward.perk.map(str::to_string));
    if let Some(min) = reward.min_order_value.filter(|min| *min > Money::ZERO) {
        details.push(say(pick(de, "ab {} Bestellwert", "on orders of {} or more"), &[&format.money(min)]));
    }
    let unlocks = |tier: &str| say(pick(de, "Ab Stufe {}", "Unlocks at {}"), &[tier]);
    let (state, status, percent) = match &reward.status {
        RewardStatus::Affordable => ("affordable", None, None),
        // Not personal: the tier a reward needs is part of the programme.
        RewardStatus::Programme => ("programme", reward.min_tier.map(unlocks), None),
        RewardStatus::Short { missing, next } => {
            let missing = points(*missing, language, format);
            if *next {
                let have = balance.unwrap_or(0);
                let percent = (have.saturating_mul(100) / reward.cost_points.max(1)).min(99) as u8;
                ("next", Some(say(pick(de, "Noch {} bis {}", "{} more to {}"), &[&missing, name])), Some(percent))
            } else {
                ("short", Some(say(pick(de, "Noch {}", "{} more"), &[&missing])), None)
            }
        }
        RewardStatus::TierLocked { name: tier, .. } => ("locked", Some(unlocks(tier)), None),
        RewardStatus::LimitReached(limit) => {
            let status = match *limit {
                1 => pick(de, "Schon eingelöst", "Already redeemed").to_string(),
                n => say(pick(de, "Schon {}-mal eingelöst", "Already redeemed {} times"), &[&n.to_string()]),
            };
            ("limit", Some(status), None)
        }
    };
    RewardText {
        id: reward.id.to_string(),
        name: name.to_string(),
        details,
        state,
        status,
        percent,
        redeem: (offered && state == "affordable").then(|| say(pick(de, "{} einlösen", "Redeem {}"), &[name])),
        confirm: say(pick(de, "{} für {} einlösen?", "Redeem {} for {}?"), &[&cost, name]),
        done: say(pick(de, "Eingelöst: {}.", "Redeemed: {}."), &[name]),
        cost,
        cost_points: reward.cost_points,
    }
}

fn earn_text(way: &EarnView, per_unit: f64, de: bool, language: Language, format: &dyn Formatter) -> (String, String) {
    let label = match (&way.label, way.kind) {
        (Some(label), _) => label.to_string(),
        (None, kind) => match kind {
            EarnKind::Purchase => pick(de, "Einkaufen", "Shopping"),
            EarnKind::SignUp => pick(de, "Kundenkonto eröffnen", "Create an account"),
            EarnKind::Birthday => pick(de, "Zum Geburtstag", "On your birthday"),
            EarnKind::Referral => pick(de, "Freunde werben", "Refer a friend"),
            EarnKind::Review => pick(de, "Ein Produkt bewerten", "Review a product"),
            // Validation requires a custom way's label.
            EarnKind::Custom => "",
        }
        .to_string(),
    };
    let amount = match way.points {
        Some(count) => say("+{}", &[&points(count, language, format)]),
        None => {
            let one = format.plural(if per_unit == 1.0 { 1 } else { 2 }) == Plural::One;
            let template = match (de, one) {
                (true, true) => "{} Punkt pro {}",
                (true, false) => "{} Punkte pro {}",
                (false, true) => "{} point per {}",
                (false, false) => "{} points per {}",
            };
            say(template, &[&format.number(per_unit), &format.money(Money::from_minor(100))])
        }
    };
    (label, amount)
}

fn badge_text(badge: &BadgeView, de: bool, format: &dyn Formatter) -> BadgeText {
    let earned = badge.earned.is_ok();
    let (status, percent) = match (&badge.progress, earned) {
        (_, true) => (pick(de, "Erreicht", "Earned").to_string(), None),
        (Some(progress), false) => (
            progress_text(progress, de, format),
            Some((progress.current.saturating_mul(100) / progress.target.max(1)).min(99) as u8),
        ),
        (None, false) => (pick(de, "Noch nicht erreicht", "Not earned yet").to_string(), None),
    };
    BadgeText {
        id: badge.id.to_string(),
        name: badge.name.to_string(),
        description: badge.description.to_string(),
        earned,
        status,
        percent,
    }
}

/// "7 von 10 Bestellungen" / "7 of 10 orders".
fn progress_text(progress: &Progress, de: bool, format: &dyn Formatter) -> String {
    let Progress { current, target, measure } = *progress;
    let of = pick(de, "{} von {} {}", "{} of {} {}");
    if measure == Measure::Money {
        let money = |minor: u64| format.money(Money::from_minor(minor.min(i64::MAX as u64) as i64));
        return say(of, &[&money(current), &money(target), ""]).trim_end().to_string();
    }
    let one = format.plural(target) == Plural::One;
    // German's dative plural after "von": "6 Monaten", "730 Tagen".
    let unit = match measure {
        Measure::Orders => {
            pick(de, if one { "Bestellung" } else { "Bestellungen" }, if one { "order" } else { "orders" })
        }
        Measure::Months => pick(
            de,
            if one { "Monat in Folge" } else { "Monaten in Folge" },
            if one { "month in a row" } else { "months in a row" },
        ),
        Measure::Categories => {
            pick(de, if one { "Kategorie" } else { "Kategorien" }, if one { "category" } else { "categories" })
        }
        Measure::Days => pick(
            de,
            if one { "Tag Mitgliedschaft" } else { "Tagen Mitgliedschaft" },
            if one { "day of membership" } else { "days of membership" },
        ),
        Measure::Points | Measure::Money => {
            pick(de, if one { "Punkt" } else { "Punkten" }, if one { "point" } else { "points" })
        }
    };
    say(of, &[&format.number(current as f64), &format.number(target as f64), unit])
}
