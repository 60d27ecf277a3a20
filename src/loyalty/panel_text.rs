//! The rewards panel's words, in German and English, through the same [`Formatter`] as the card:
//! the widget and `patron render` say the same thing.
//!
//! Over 450 lines with its tests, which check every count over 0, 1 and 2 in both languages through
//! the private helpers; the words themselves are about 350.

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
/// to the download (the book: internals/architecture.md, "Checking what code costs").
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::PlainFormatter;

    fn formats() -> [(bool, Language, PlainFormatter); 2] {
        [
            (true, Language::De, PlainFormatter::new("de-DE", "EUR")),
            (false, Language::En, PlainFormatter::new("en-GB", "EUR")),
        ]
    }

    /// `text` over 0, 1 and 2, in German, then in English.
    fn over_0_1_2(text: impl Fn(u64, bool, Language, &dyn Formatter) -> String) -> [[String; 3]; 2] {
        formats().map(|(de, language, format)| [0, 1, 2].map(|n| text(n, de, language, &format)))
    }

    #[test]
    fn badge_progress_counts_by_the_target() {
        let progress = |measure| {
            over_0_1_2(move |n, de, _, format| {
                progress_text(&Progress { current: n.saturating_sub(1), target: n, measure }, de, format)
            })
        };
        assert_eq!(
            progress(Measure::Orders),
            [
                ["0 von 0 Bestellungen", "0 von 1 Bestellung", "1 von 2 Bestellungen"],
                ["0 of 0 orders", "0 of 1 order", "1 of 2 orders"],
            ]
        );
        assert_eq!(
            progress(Measure::Months),
            [
                ["0 von 0 Monaten in Folge", "0 von 1 Monat in Folge", "1 von 2 Monaten in Folge"],
                ["0 of 0 months in a row", "0 of 1 month in a row", "1 of 2 months in a row"],
            ]
        );
        assert_eq!(
            progress(Measure::Categories),
            [
                ["0 von 0 Kategorien", "0 von 1 Kategorie", "1 von 2 Kategorien"],
                ["0 of 0 categories", "0 of 1 category", "1 of 2 categories"],
            ]
        );
        assert_eq!(
            progress(Measure::Days),
            [
                ["0 von 0 Tagen Mitgliedschaft", "0 von 1 Tag Mitgliedschaft", "1 von 2 Tagen Mitgliedschaft"],
                ["0 of 0 days of membership", "0 of 1 day of membership", "1 of 2 days of membership"],
            ]
        );
        assert_eq!(
            progress(Measure::Points),
            [
                ["0 von 0 Punkten", "0 von 1 Punkt", "1 von 2 Punkten"],
                ["0 of 0 points", "0 of 1 point", "1 of 2 points"]
            ]
        );
    }

    #[test]
    fn ways_to_earn_count_points() {
        let fixed = over_0_1_2(|n, de, language, format| {
            let way = EarnView { kind: EarnKind::Review, points: Some(n), label: None };
            earn_text(&way, 1.0, de, language, format).1
        });
        assert_eq!(fixed, [["+0 Punkte", "+1 Punkt", "+2 Punkte"], ["+0 points", "+1 point", "+2 points"]]);
        let rate = over_0_1_2(|n, de, language, format| {
            let way = EarnView { kind: EarnKind::Purchase, points: None, label: None };
            earn_text(&way, n as f64, de, language, format).1
        });
        assert_eq!(
            rate,
            [
                ["0 Punkte pro 1,00\u{a0}€", "1 Punkt pro 1,00\u{a0}€", "2 Punkte pro 1,00\u{a0}€"],
                ["0 points per €1.00", "1 point per €1.00", "2 points per €1.00"],
            ]
        );
    }

    #[test]
    fn rewards_count_points_and_redemptions() {
        let reward = |cost_points, status| RewardView {
            id: "bag",
            name: "Bag",
            description: None,
            perk: None,
            cost_points,
            min_order_value: None,
            min_tier: None,
            status,
        };
        let cost = over_0_1_2(|n, de, language, format| {
            reward_text(&reward(n, RewardStatus::Affordable), Some(5), false, de, language, format).cost
        });
        assert_eq!(cost, [["0 Punkte", "1 Punkt", "2 Punkte"], ["0 points", "1 point", "2 points"]]);
        let short = over_0_1_2(|n, de, language, format| {
            let status = RewardStatus::Short { missing: n, next: false };
            reward_text(&reward(9, status), Some(5), false, de, language, format).status.unwrap_or_default()
        });
        assert_eq!(
            short,
            [["Noch 0 Punkte", "Noch 1 Punkt", "Noch 2 Punkte"], ["0 points more", "1 point more", "2 points more"]]
        );
        let next = over_0_1_2(|n, de, language, format| {
            let status = RewardStatus::Short { missing: n, next: true };
            reward_text(&reward(9, status), Some(5), false, de, language, format).status.unwrap_or_default()
        });
        assert_eq!(
            next,
            [
                ["Noch 0 Punkte bis Bag", "Noch 1 Punkt bis Bag", "Noch 2 Punkte bis Bag"],
                ["0 points more to Bag", "1 point more to Bag", "2 points more to Bag"],
            ]
        );
        let limit = over_0_1_2(|n, de, language, format| {
            let status = RewardStatus::LimitReached(n as u32);
            reward_text(&reward(9, status), Some(5), false, de, language, format).status.unwrap_or_default()
        });
        assert_eq!(
            limit,
            [
                ["Schon 0-mal eingelöst", "Schon eingelöst", "Schon 2-mal eingelöst"],
                ["Already redeemed 0 times", "Already redeemed", "Already redeemed 2 times"],
            ]
        );
    }

    /// The command line's words for a reward's standing (`patron render`, `patron simulate`).
    #[test]
    fn reward_standings_count_in_the_singular_and_plural() {
        let short = |n, next| RewardStatus::Short { missing: n, next }.describe();
        assert_eq!(
            [short(0, false), short(1, false), short(2, false)],
            ["0 points short", "1 point short", "2 points short"]
        );
        assert_eq!(short(1, true), "1 point short (the next reward)");
        let limit = |n| RewardStatus::LimitReached(n).describe();
        assert_eq!(
            [limit(0), limit(1), limit(2)],
            [
                "limit reached: redeemed 0 of 0 times",
                "limit reached: redeemed 1 of 1 time",
                "limit reached: redeemed 2 of 2 times"
            ]
        );
    }
}
