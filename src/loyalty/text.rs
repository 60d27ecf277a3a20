//! The card's words, in German and English. Numbers, money, dates and plurals come from a
//! [`Formatter`]: the browser's `Intl` in the widget, [`crate::format::PlainFormatter`] on the command
//! line, so both say the same thing.

use super::card::{Amount, BalanceSource, Card, MemberCard, ProgrammeCard};
use crate::format::{Formatter, Plural};
use crate::language::Language;
use crate::money::Money;
use crate::words::cat;

/// The progress bar towards the next tier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressText {
    /// 0 to 99.
    pub percent: u8,
    /// The bar's accessible name: "Progress to Gold".
    pub label: String,
    /// The bar's value in words for screen readers: "62%".
    pub value_text: String,
    /// Beside the bar: "€1,240.00 to Gold".
    pub caption: String,
}

/// Every text the card shows, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    /// The programme's name.
    pub title: String,
    /// "Hello Anna!"; absent on the programme card or without a first name.
    pub greeting: Option<String>,
    /// "1,240 points" on a member card; the earn rule on the programme card.
    pub balance: String,
    /// Where the balance comes from, or the programme card's invitation.
    pub balance_note: String,
    /// The tier badge: the tier's name, or "No tier yet"; absent on the programme card.
    pub tier: Option<String>,
    /// The progress bar; absent at the top tier.
    pub progress: Option<ProgressText>,
    /// Shown instead of the bar at the top tier.
    pub top_tier: Option<String>,
    /// "150 points expire on 2 December 2026".
    pub expiring: Option<String>,
    /// "Your cart earns you 45 points."
    pub cart: Option<String>,
    /// The heading of the list below.
    pub list_heading: Option<String>,
    /// The current tier's benefits, or the programme's tiers.
    pub list: Vec<String>,
}

/// Puts a card into words.
pub fn card_text(card: &Card, language: Language, format: &dyn Formatter) -> CardText {
    match card {
        Card::Member(member) => member_text(member, language, format),
        Card::Programme(programme) => programme_text(programme, language, format),
    }
}

pub(super) fn points(count: u64, language: Language, format: &dyn Formatter) -> String {
    let number = format.number(count as f64);
    match (language, format.plural(count)) {
        (Language::De, Plural::One) => format!("{number} Punkt"),
        (Language::De, Plural::Other) => format!("{number} Punkte"),
        (Language::En, Plural::One) => format!("{number} point"),
        (Language::En, Plural::Other) => format!("{number} points"),
    }
}

fn amount(value: Amount, language: Language, format: &dyn Formatter) -> String {
    match value {
        Amount::Money(money) => format.money(money),
        Amount::Points(count) => points(count, language, format),
    }
}

fn member_text(card: &MemberCard, language: Language, format: &dyn Formatter) -> CardText {
    let de = language == Language::De;
    let progress = card.next_tier.as_ref().map(|next| {
        let remaining = amount(next.remaining, language, format);
        ProgressText {
            percent: next.percent,
            label: if de { format!("Fortschritt bis {}", next.name) } else { format!("Progress to {}", next.name) },
            value_text: format.percent(next.percent),
            caption: if de {
                format!("Noch {remaining} bis {}", next.name)
            } else {
                format!("{remaining} to {}", next.name)
            },
        }
    });
    let top_tier = (card.next_tier.is_none() && card.tier.is_some()).then(|| {
        if de {
            "Höchste Stufe erreicht – danke für Ihre Treue!".to_string()
        } else {
            "You have reached our top tier – thank you for your loyalty!".to_string()
        }
    });
    let expiring = card.expiring.map(|soon| {
        let count = points(soon.points, language, format);
        let date = format.date(soon.first_on);
        // The verb agrees with the count; points that expire on several days are at least two.
        let one = format.plural(soon.points) == Plural::One;
        match (de, soon.several_days) {
            (true, false) => cat(&[&count, if one { " verfällt am " } else { " verfallen am " }, &date, "."]),
            (true, true) => format!("{count} verfallen in den nächsten 30 Tagen, die ersten am {date}."),
            (false, false) => cat(&[&count, if one { " expires on " } else { " expire on " }, &date, "."]),
            (false, true) => format!("{count} expire in the next 30 days, the first on {date}."),
        }
    });
    let cart = (card.cart_points > 0).then(|| {
        let count = points(card.cart_points, language, format);
        if de {
            format!("Ihr Warenkorb bringt Ihnen {count}.")
        } else {
            format!("Your cart earns you {count}.")
        }
    });
    let benefits = card.tier.as_ref().map(|tier| tier.benefits.clone()).unwrap_or_default();
    CardText {
        title: card.programme.clone(),
        greeting: card
            .first_name
            .as_ref()
            .map(|name| if de { format!("Hallo {name}!") } else { format!("Hello {name}!") }),
        balance: points(card.balance, language, format),
        balance_note: match (card.balance_source, de) {
            (BalanceSource::Ledger, true) => "Ihr Punktestand".to_string(),
            (BalanceSource::Ledger, false) => "Your points balance".to_string(),
            (BalanceSource::Orders, true) => "aus Ihren Bestellungen berechnet".to_string(),
            (BalanceSource::Orders, false) => "estimated from your orders".to_string(),
        },
        tier: Some(match &card.tier {
            Some(tier) => tier.name.clone(),
            None if de => "Noch keine Stufe".to_string(),
            None => "No tier yet".to_string(),
        }),
        progress,
        top_tier,
        expiring,
        cart,
        list_heading: (!benefits.is_empty()).then(|| if de { "Ihre Vorteile" } else { "Your benefits" }.to_string()),
        list: benefits,
    }
}

fn programme_text(card: &ProgrammeCard, language: Language, format: &dyn Formatter) -> CardText {
    let de = language == Language::De;
    let rate = format.number(card.points_per_unit);
    let unit = format.money(Money::from_minor(100));
    let per_unit = match (de, card.points_per_unit == 1.0) {
        (true, true) => format!("1 Punkt pro {unit} Einkaufswert"),
        (true, false) => format!("{rate} Punkte pro {unit} Einkaufswert"),
        (false, true) => format!("1 point for every {unit} spent"),
        (false, false) => format!("{rate} points for every {unit} spent"),
    };
    // A window of one month reads as one of twelve does ("im Monat", "a month"), not "in 1 Monaten".
    let window = match (de, card.window_months) {
        (true, 12) => "im Jahr".to_string(),
        (false, 12) => "a year".to_string(),
        (true, 1) => "im Monat".to_string(),
        (false, 1) => "a month".to_string(),
        (true, months) => format!("in {months} Monaten"),
        (false, months) => format!("in {months} months"),
    };
    let list: Vec<String> = card
        .tiers
        .iter()
        .map(|(tier, threshold)| match threshold {
            Amount::Money(Money::ZERO) | Amount::Points(0) => {
                if de {
                    format!("{}: ab dem ersten Einkauf", tier.name)
                } else {
                    format!("{}: from your first purchase", tier.name)
                }
            }
            other => format!("{}: {} {window}", tier.name, amount(*other, language, format)),
        })
        .collect();
    let cart = (card.cart_points > 0).then(|| {
        let count = points(card.cart_points, language, format);
        if de {
            format!("Als Mitglied brächte Ihnen dieser Warenkorb {count}.")
        } else {
            format!("As a member, this cart would earn you {count}.")
        }
    });
    CardText {
        title: card.programme.clone(),
        greeting: None,
        balance: per_unit,
        balance_note: if de {
            "Sammeln Sie Punkte bei jedem Einkauf.".to_string()
        } else {
            "Collect points with every purchase.".to_string()
        },
        tier: None,
        progress: None,
        top_tier: None,
        expiring: None,
        cart,
        list_heading: (!list.is_empty()).then(|| if de { "Stufen" } else { "Tiers" }.to_string()),
        list,
    }
}
