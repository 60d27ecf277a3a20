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
    pub title: String,
    /// "412 Punkte"; absent without personal data.
    pub balance: Option<String>,
    /// Beside the balance: "zum Einlösen", or that it is estimated.
    pub balance_note: Option<String>,
    /// Why rewards cannot be redeemed here, when they cannot.
    pub redeem_note: Option<String>,
    /// A guest's sign-in link: its text and URL.
    pub sign_in: Option<(String, String)>,
    /// "Prämien einlösen" / "Spend your points".
    pub rewards_heading: String,
    /// The rewards, in display order.
    pub rewards: Vec<RewardText>,
    /// "So sammeln Sie Punkte" / "Ways to earn"; absent without ways to earn.
    pub earn_heading: Option<String>,
    /// The ways to earn: what, and how many points.
    pub earn: Vec<(String, String)>,
    /// "Abzeichen" / "Badges"; absent without badges.
    pub badges_heading: Option<String>,
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
    pub redeem: String,
    /// The confirmation's title.
    pub dialog_title: String,
    /// The confirming button.
    pub yes: String,
    /// The cancelling button.
    pub cancel: String,
    /// The pending button's text.
    pub busy: String,
    /// Before the code.
    pub code_label: String,
    /// Before the balance after a redemption.
    pub new_balance: String,
    /// The copy button.
    pub copy: String,
    /// After copying.
    pub copied: String,
    /// After the backend refused, or did not answer in time.
    pub failed: String,
    /// When the page handles no redemption.
    pub unavailable: String,
    /// The result's close button.
    pub close: String,
}

/// Puts a panel into words.
pub fn panel_text(panel: &Panel, language: Language, format: &dyn Formatter) -> PanelText {
    let de = language == Language::De;
    let pick = |german: &str, english: &str| if de { german } else { english }.to_string();
    let offered = panel.redeem == Redeem::Offered;
    let balance = panel.member.as_ref().map(|member| member.balance);
    PanelText {
        title: pick("Prämien", "Rewards"),
        balance: balance.map(|b| points(b, language, format)),
        balance_note: panel.member.as_ref().map(|_| match panel.redeem {
            Redeem::Offered => pick("zum Einlösen", "to spend"),
            _ => pick("aus Ihren Bestellungen berechnet", "estimated from your orders"),
        }),
        redeem_note: match panel.redeem {
            Redeem::Offered => None,
            Redeem::NoLedger => Some(pick(
                "Ihr Punktestand ist aus Ihren Bestellungen berechnet; einlösen können Sie hier daher noch nicht.",
                "Your balance is estimated from your orders, so rewards cannot be redeemed here yet.",
            )),
            Redeem::NoConsent => Some(pick(
                "Stimmen Sie der Personalisierung zu, um Ihre Punkte hier zu sehen und einzulösen.",
                "Allow personalisation to see and spend your points here.",
            )),
            Redeem::Guest => Some(pick(
                "Melden Sie sich an, um Ihre Punkte zu sehen und einzulösen.",
                "Sign in to see and spend your points.",
            )),
        },
        sign_in: panel.sign_in_url.as_ref().map(|url| (pick("Anmelden", "Sign in"), url.clone())),
        rewards_heading: pick("Prämien einlösen", "Spend your points"),
        rewards: panel.rewards.iter().map(|reward| reward_text(reward, balance, offered, language, format)).collect(),
        earn_heading: (!panel.ways_to_earn.is_empty()).then(|| pick("So sammeln Sie Punkte", "Ways to earn")),
        earn: panel.ways_to_earn.iter().map(|way| earn_text(way, panel.points_per_unit, language, format)).collect(),
        badges_heading: (!panel.badges.is_empty()).then(|| pick("Abzeichen", "Badges")),
        badges: panel.badges.iter().map(|badge| badge_text(badge, language, format)).collect(),
        flow: FlowText {
            redeem: pick("Einlösen", "Redeem"),
            dialog_title: pick("Prämie einlösen", "Redeem a reward"),
            yes: pick("Ja, einlösen", "Yes, redeem"),
            cancel: pick("Abbrechen", "Cancel"),
            busy: pick("Wird eingelöst …", "Redeeming…"),
            code_label: pick("Ihr Code: ", "Your code: "),
            new_balance: pick("Ihr neuer Punktestand: ", "Your new balance: "),
            copy: pick("Code kopieren", "Copy code"),
            copied: pick("Kopiert", "Copied"),
            failed: pick(
                "Das Einlösen hat nicht geklappt. Ihre Punkte sind unverändert.",
                "The reward could not be redeemed. Your points are unchanged.",
            ),
            unavailable: pick("Einlösen ist gerade nicht möglich.", "Redeeming is not available right now."),
            close: pick("Schließen", "Close"),
        },
    }
}

fn reward_text(
    reward: &RewardView,
    balance: Option<u64>,
    offered: bool,
    language: Language,
    format: &dyn Formatter,
) -> RewardText {
    let de = language == Language::De;
    let cost = points(reward.cost_points, language, format);
    let mut details: Vec<String> = reward.description.iter().chain(&reward.perk).cloned().collect();
    if let Some(min) = reward.min_order_value.filter(|min| *min > Money::ZERO) {
        let min = format.money(min);
        details.push(if de { format!("ab {min} Bestellwert") } else { format!("on orders of {min} or more") });
    }
    let name = &reward.name;
    let unlocks = |tier: &str| if de { format!("Ab Stufe {tier}") } else { format!("Unlocks at {tier}") };
    let (state, status, percent) = match &reward.status {
        RewardStatus::Affordable => ("affordable", None, None),
        // Not personal: the tier a reward needs is part of the programme.
        RewardStatus::Programme => ("programme", reward.min_tier.as_ref().map(|tier| unlocks(tier)), None),
        RewardStatus::Short { missing, next } => {
            let missing = points(*missing, language, format);
            if *next {
                let have = balance.unwrap_or(0);
                let percent = (have.saturating_mul(100) / reward.cost_points.max(1)).min(99) as u8;
                let status =
                    if de { format!("Noch {missing} bis {name}") } else { format!("{missing} more to {name}") };
                ("next", Some(status), Some(percent))
            } else {
                ("short", Some(if de { format!("Noch {missing}") } else { format!("{missing} more") }), None)
            }
        }
        RewardStatus::TierLocked { name: tier, .. } => ("locked", Some(unlocks(tier)), None),
        RewardStatus::LimitReached(limit) => {
            let status = match (de, *limit) {
                (true, 1) => "Schon eingelöst".to_string(),
                (false, 1) => "Already redeemed".to_string(),
                (true, n) => format!("Schon {n}-mal eingelöst"),
                (false, n) => format!("Already redeemed {n} times"),
            };
            ("limit", Some(status), None)
        }
    };
    RewardText {
        id: reward.id.clone(),
        name: name.clone(),
        details,
        state,
        status,
        percent,
        redeem: (offered && state == "affordable").then(|| {
            if de {
                format!("{name} einlösen")
            } else {
                format!("Redeem {name}")
            }
        }),
        confirm: if de { format!("{cost} für {name} einlösen?") } else { format!("Redeem {cost} for {name}?") },
        done: if de { format!("Eingelöst: {name}.") } else { format!("Redeemed: {name}.") },
        cost,
        cost_points: reward.cost_points,
    }
}

fn earn_text(way: &EarnView, per_unit: f64, language: Language, format: &dyn Formatter) -> (String, String) {
    let de = language == Language::De;
    let label = way.label.clone().unwrap_or_else(|| {
        match (way.kind, de) {
            (EarnKind::Purchase, true) => "Einkaufen",
            (EarnKind::Purchase, false) => "Shopping",
            (EarnKind::SignUp, true) => "Kundenkonto eröffnen",
            (EarnKind::SignUp, false) => "Create an account",
            (EarnKind::Birthday, true) => "Zum Geburtstag",
            (EarnKind::Birthday, false) => "On your birthday",
            (EarnKind::Referral, true) => "Freunde werben",
            (EarnKind::Referral, false) => "Refer a friend",
            (EarnKind::Review, true) => "Ein Produkt bewerten",
            (EarnKind::Review, false) => "Review a product",
            // Validation requires a custom way's label.
            (EarnKind::Custom, _) => "",
        }
        .to_string()
    });
    let amount = match way.points {
        Some(count) => format!("+{}", points(count, language, format)),
        None => {
            let unit = format.money(Money::from_minor(100));
            let rate = format.number(per_unit);
            match (de, format.plural(if per_unit == 1.0 { 1 } else { 2 })) {
                (true, Plural::One) => format!("{rate} Punkt pro {unit}"),
                (true, Plural::Other) => format!("{rate} Punkte pro {unit}"),
                (false, Plural::One) => format!("{rate} point per {unit}"),
                (false, Plural::Other) => format!("{rate} points per {unit}"),
            }
        }
    };
    (label, amount)
}

fn badge_text(badge: &BadgeView, language: Language, format: &dyn Formatter) -> BadgeText {
    let de = language == Language::De;
    let earned = badge.earned.is_ok();
    let (status, percent) = match (&badge.progress, earned) {
        (_, true) => ((if de { "Erreicht" } else { "Earned" }).to_string(), None),
        (Some(progress), false) => (
            progress_text(progress, language, format),
            Some((progress.current.saturating_mul(100) / progress.target.max(1)).min(99) as u8),
        ),
        (None, false) => ((if de { "Noch nicht erreicht" } else { "Not earned yet" }).to_string(), None),
    };
    BadgeText {
        id: badge.id.clone(),
        name: badge.name.clone(),
        description: badge.description.clone(),
        earned,
        status,
        percent,
    }
}

/// "7 von 10 Bestellungen" / "7 of 10 orders".
fn progress_text(progress: &Progress, language: Language, format: &dyn Formatter) -> String {
    let de = language == Language::De;
    let Progress { current, target, measure } = *progress;
    if measure == Measure::Money {
        let money = |minor: u64| format.money(Money::from_minor(minor.min(i64::MAX as u64) as i64));
        let (current, target) = (money(current), money(target));
        return if de { format!("{current} von {target}") } else { format!("{current} of {target}") };
    }
    let one = format.plural(target) == Plural::One;
    let unit = match (measure, de, one) {
        (Measure::Orders, true, true) => "Bestellung",
        (Measure::Orders, true, false) => "Bestellungen",
        (Measure::Orders, false, true) => "order",
        (Measure::Orders, false, false) => "orders",
        (Measure::Months, true, true) => "Monat in Folge",
        (Measure::Months, true, false) => "Monaten in Folge",
        (Measure::Months, false, true) => "month in a row",
        (Measure::Months, false, false) => "months in a row",
        (Measure::Categories, true, true) => "Kategorie",
        (Measure::Categories, true, false) => "Kategorien",
        (Measure::Categories, false, true) => "category",
        (Measure::Categories, false, false) => "categories",
        (Measure::Days, true, true) => "Tag Mitgliedschaft",
        (Measure::Days, true, false) => "Tagen Mitgliedschaft",
        (Measure::Days, false, true) => "day of membership",
        (Measure::Days, false, false) => "days of membership",
        (Measure::Points, true, true) => "Punkt",
        (Measure::Points, true, false) => "Punkten",
        (Measure::Points, false, true) => "point",
        (Measure::Points, false, false) => "points",
        (Measure::Money, _, _) => "",
    };
    let (current, target) = (format.number(current as f64), format.number(target as f64));
    if de {
        format!("{current} von {target} {unit}")
    } else {
        format!("{current} of {target} {unit}")
    }
}
