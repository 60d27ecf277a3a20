//! The shopper's standing as audience conditions read it: the session digested once, with the
//! loyalty card's balance and tier. Offers and badges evaluate their conditions against it.

use super::card::{card, Amount, Card, MemberCard};
use super::programme::Programme;
use crate::audience::{Facts, Standing};
use crate::session::{Order, Session};
use crate::time::Timestamp;

/// Digests the session once for every audience condition (offers' audiences, badges): the facts the
/// conditions read, with the shopper's standing taken from the loyalty card, and the card itself,
/// which banners' placeholders read.
pub fn facts<'a>(
    session: &'a Session,
    programme: &'a Programme,
    language: &str,
    now: Timestamp,
    locale: &str,
) -> (Facts<'a>, Option<MemberCard>) {
    let personal = session.personalised();
    let card = match card(session, programme, language, now, locale) {
        Ok(Card::Member(card)) => Some(card),
        _ => None,
    };
    let standing = card.as_ref().map(|card| Standing {
        balance: card.balance,
        tier: card.tier.as_ref().and_then(|t| programme.tiers.iter().position(|x| x.id == t.id)),
        to_next_tier: card.next_tier.as_ref().map(|next| match next.remaining {
            Amount::Money(money) => money.units(),
            Amount::Points(points) => points as f64,
        }),
    });
    let due: Vec<&Order> =
        if personal { session.orders.iter().filter(|o| o.placed_at <= now).collect() } else { Vec::new() };
    let orders = crate::rank::ordered(&due, |order| (order.placed_at.unix_seconds(), 0));
    let facts = Facts {
        session,
        personal,
        now,
        today: now.date(),
        orders,
        standing,
        tier_ids: programme.tiers.iter().map(|t| t.id.as_str()).collect(),
        locale: locale.to_string(),
    };
    (facts, card)
}
