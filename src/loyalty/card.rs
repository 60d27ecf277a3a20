//! The loyalty card: points balance, tier and progress to the next tier, computed from the session and
//! the programme at a given moment.

use super::points::{self, earned, history};
use super::programme::{Basis, Programme, Tier};
use crate::error::{Document, Error, Problem};
use crate::money::Money;
use crate::session::Session;
use crate::time::{Date, Timestamp};

/// How far ahead the card warns about expiring points.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// What the loyalty card shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Card {
    /// A signed-in customer who consented to personalisation.
    Member(MemberCard),
    /// Everyone else: the programme itself, with nothing read from the history.
    Programme(ProgrammeCard),
}

/// The personal card.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberCard {
    /// The programme's name in the shopper's language.
    pub programme: String,
    /// For the greeting.
    pub first_name: Option<String>,
    /// Points available now.
    pub balance: u64,
    /// Where the balance comes from.
    pub balance_source: BalanceSource,
    /// Spend or points counted towards tiers in the qualification window.
    pub qualifying: Amount,
    /// The tier held now, if any.
    pub tier: Option<TierView>,
    /// The next tier and how far away it is; `None` at the top tier or without tiers.
    pub next_tier: Option<NextTier>,
    /// Points that expire within [`EXPIRY_WARNING_DAYS`].
    pub expiring: Option<Expiring>,
    /// Points the current cart would earn.
    pub cart_points: u64,
}

/// The non-personal card: what the programme offers.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeCard {
    /// The programme's name in the shopper's language.
    pub programme: String,
    /// Points per currency unit.
    pub points_per_unit: f64,
    /// The tiers, lowest first, with their thresholds.
    pub tiers: Vec<(TierView, Amount)>,
    /// The qualification window in months.
    pub window_months: u16,
    /// Points the current cart would earn a member at the base rate.
    pub cart_points: u64,
}

/// Where a balance comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BalanceSource {
    /// The shop's points ledger, sent in the session.
    Ledger,
    /// Computed from the orders by the programme's earn rules (no redemptions are known).
    Orders,
}

/// An amount in the unit tiers are measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// Spend.
    Money(Money),
    /// Points.
    Points(u64),
}

/// A tier as the shopper sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct TierView {
    /// The config's id.
    pub id: String,
    /// The name in the shopper's language.
    pub name: String,
    /// Benefit lines in the shopper's language.
    pub benefits: Vec<String>,
}

/// The distance to the next tier.
#[derive(Clone, Debug, PartialEq)]
pub struct NextTier {
    /// The config's id.
    pub id: String,
    /// The name in the shopper's language.
    pub name: String,
    /// What is still missing.
    pub remaining: Amount,
    /// How much of the next tier's threshold is reached, 0 to 99 (100 would mean the tier is held).
    pub percent: u8,
}

/// Points about to expire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expiring {
    /// How many points expire within the warning window.
    pub points: u64,
    /// The earliest last day among them.
    pub first_on: Date,
    /// Whether they expire on more than one day.
    pub several_days: bool,
}

/// Whether the session counts in the programme's currency: a session that does not cannot be
/// compared with the thresholds, so nothing personal may be computed from it (the widget then shows
/// the programme alone, everywhere on the page).
///
/// # Errors
/// The currencies, at the session's path `currency`.
pub fn same_currency(session: &Session, programme: &Programme) -> Result<(), Error> {
    if session.currency == programme.currency {
        return Ok(());
    }
    Err(Error::one(
        Document::Session,
        Problem::at(
            "currency",
            format!(
                "the programme counts in {} but the session is in {}",
                programme.currency.code(),
                session.currency.code()
            ),
        ),
    ))
}

/// Computes the loyalty card for a session at `now`, with texts in `locale` (or, where a text lacks
/// it, in the config's `default_language`).
///
/// Without a signed-in customer or without personalisation consent, the history is not read and the
/// programme card is returned.
///
/// # Errors
/// A session in another currency than the programme's, since its amounts cannot be compared with
/// the thresholds.
pub fn card(
    session: &Session,
    programme: &Programme,
    language: &str,
    now: Timestamp,
    locale: &str,
) -> Result<Card, Error> {
    same_currency(session, programme)?;
    let cart = session.cart.total();
    let Some(customer) = session.customer.as_ref().filter(|_| session.personalised()) else {
        return Ok(Card::Programme(programme_card_with_cart(programme, language, locale, cart)));
    };

    let today = now.date();
    let earnings = history(&session.orders, programme, now);
    let opens = now.add_months(-i32::from(programme.qualification.window_months));
    let basis = programme.qualification.basis;
    let qualifying: u64 = earnings
        .iter()
        .filter(|earning| earning.placed_at > opens)
        .map(|earning| points::measure(earning, basis))
        .fold(0, u64::saturating_add);
    let tier_index = points::tier_index(programme, qualifying);
    let multiplier = tier_index.and_then(|t| programme.tiers.get(t)).map_or(1.0, |tier| tier.earn_multiplier);

    let warn_until = today.add_days(EXPIRY_WARNING_DAYS);
    let (balance, balance_source, expiring) = match &session.points {
        Some(ledger) => {
            let soon = ledger
                .expiring
                .iter()
                .filter(|batch| batch.on >= today && batch.on <= warn_until)
                .map(|batch| (batch.points, batch.on));
            (ledger.balance, BalanceSource::Ledger, expiring_summary(soon))
        }
        None => {
            let valid = || earnings.iter().filter(|earning| earning.last_day.is_none_or(|day| day >= today));
            let balance = valid().map(|earning| earning.points).fold(0, u64::saturating_add);
            let soon = valid().filter_map(|earning| {
                earning.last_day.filter(|day| *day <= warn_until).map(|day| (earning.points, day))
            });
            (balance, BalanceSource::Orders, expiring_summary(soon))
        }
    };

    let next_index = tier_index.map_or(0, |t| t + 1);
    let next_tier = programme.tiers.get(next_index).map(|next| {
        let target = points::threshold(next.threshold, basis);
        NextTier {
            id: next.id.clone(),
            name: next.name.get(locale, language).to_string(),
            remaining: amount(basis, target.saturating_sub(qualifying)),
            // Floored, so that 99.9 % never reads as a tier already reached.
            percent: (qualifying.saturating_mul(100) / target.max(1)).min(99) as u8,
        }
    });

    Ok(Card::Member(MemberCard {
        programme: programme.name.get(locale, language).to_string(),
        first_name: customer.first_name.clone().filter(|name| !name.trim().is_empty()),
        balance,
        balance_source,
        qualifying: amount(basis, qualifying),
        tier: tier_index.and_then(|t| programme.tiers.get(t)).map(|tier| tier_view(tier, locale, language)),
        next_tier,
        expiring,
        cart_points: earned(cart, &programme.earn, multiplier),
    }))
}

/// The non-personal card for the programme alone, for when there is no usable session.
pub fn programme_card(programme: &Programme, language: &str, locale: &str) -> ProgrammeCard {
    programme_card_with_cart(programme, language, locale, Money::ZERO)
}

fn programme_card_with_cart(programme: &Programme, language: &str, locale: &str, cart: Money) -> ProgrammeCard {
    let basis = programme.qualification.basis;
    ProgrammeCard {
        programme: programme.name.get(locale, language).to_string(),
        points_per_unit: programme.earn.points_per_unit,
        tiers: programme
            .tiers
            .iter()
            .map(|tier| {
                let threshold = points::threshold(tier.threshold, basis);
                (tier_view(tier, locale, language), amount(basis, threshold))
            })
            .collect(),
        window_months: programme.qualification.window_months,
        cart_points: earned(cart, &programme.earn, 1.0),
    }
}

fn tier_view(tier: &Tier, locale: &str, language: &str) -> TierView {
    TierView {
        id: tier.id.clone(),
        name: tier.name.get(locale, language).to_string(),
        benefits: tier.benefits.iter().map(|benefit| benefit.get(locale, language).to_string()).collect(),
    }
}

fn amount(basis: Basis, measure: u64) -> Amount {
    match basis {
        Basis::Spend => Amount::Money(Money::from_minor(measure.min(i64::MAX as u64) as i64)),
        Basis::Points => Amount::Points(measure),
    }
}

fn expiring_summary(batches: impl Iterator<Item = (u64, Date)>) -> Option<Expiring> {
    batches.filter(|(points, _)| *points > 0).fold(None, |summary, (points, on)| {
        Some(match summary {
            None => Expiring { points, first_on: on, several_days: false },
            Some(s) => Expiring {
                points: s.points.saturating_add(points),
                first_on: s.first_on.min(on),
                several_days: s.several_days || s.first_on != on,
            },
        })
    })
}
