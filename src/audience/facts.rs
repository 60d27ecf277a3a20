//! What the conditions are evaluated against: the session digested once, and the shopper's standing
//! in the loyalty programme, which the caller computes (the loyalty card) and passes in as a value.

use super::condition::Product;
use crate::money::Money;
use crate::session::{Order, Session};
use crate::time::{Date, Timestamp};

/// The shopper's standing in the loyalty programme, as the conditions read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    /// Points available now.
    pub balance: u64,
    /// The tier held: its position among the programme's tiers, lowest first.
    pub tier: Option<usize>,
    /// What is still missing to the next tier, in currency units (or points for a programme measured
    /// in points); `None` at the top tier or without tiers.
    pub to_next_tier: Option<f64>,
}

/// What the conditions are evaluated against: the session digested once.
pub struct Facts<'a> {
    /// The session.
    pub session: &'a Session,
    /// Whether the history may be read (a consenting, signed-in customer).
    pub personal: bool,
    /// The moment of evaluation, at the shopper's offset.
    pub now: Timestamp,
    /// The shopper's calendar day.
    pub today: Date,
    /// Orders placed up to now, oldest first.
    pub orders: Vec<&'a Order>,
    /// The shopper's standing in the loyalty programme, for a personal session.
    pub standing: Option<Standing>,
    /// The programme's tier ids, lowest first.
    pub tier_ids: Vec<&'a str>,
    /// The page's locale.
    pub locale: String,
}

impl Facts<'_> {
    pub(crate) fn days_since(&self, at: Timestamp) -> i64 {
        at.at_offset(self.now.offset_minutes()).date().days_until(self.today)
    }

    pub(crate) fn spend_since(&self, days: u32) -> Money {
        self.orders
            .iter()
            .filter(|order| self.days_since(order.placed_at) < i64::from(days))
            .map(|order| order.total())
            .sum()
    }

    pub(crate) fn last_purchase(&self, product: &Product) -> Option<i64> {
        self.orders
            .iter()
            .rev()
            .find(|order| order.lines.iter().any(|line| product.matches(line)))
            .map(|order| self.days_since(order.placed_at))
    }

    /// How many different categories the orders up to now hold.
    pub fn categories_bought(&self) -> usize {
        let mut seen: Vec<&str> = Vec::new();
        for category in self.orders.iter().flat_map(|order| &order.lines).filter_map(|line| line.category.as_deref()) {
            if !seen.contains(&category) {
                seen.push(category);
            }
        }
        seen.len()
    }

    /// Consecutive calendar months with an order, ending this month or last month.
    pub fn order_streak(&self) -> u32 {
        let month = |date: Date| i64::from(date.year()) * 12 + i64::from(date.month());
        let mut months: Vec<i64> = self
            .orders
            .iter()
            .map(|order| month(order.placed_at.at_offset(self.now.offset_minutes()).date()))
            .collect();
        months.dedup();
        let this = month(self.today);
        let mut expected = match months.last() {
            Some(last) if *last == this || *last == this - 1 => *last,
            _ => return 0,
        };
        let mut streak = 0;
        for m in months.iter().rev() {
            if *m != expected {
                break;
            }
            streak += 1;
            expected -= 1;
        }
        streak
    }
}

/// Days between `today` and the nearest yearly recurrence of `date` (birthdays, anniversaries).
pub(crate) fn days_to_yearly(date: Date, today: Date) -> i64 {
    [-1, 0, 1]
        .iter()
        .map(|shift| {
            // 29 February falls on 28 February in other years, as add_months settles it.
            let years = today.year() + shift - date.year();
            date.add_months(years.saturating_mul(12)).days_until(today).abs()
        })
        .min()
        .unwrap_or(i64::MAX)
}

impl Facts<'_> {
    pub(crate) fn tier_position(&self, id: &str) -> Option<usize> {
        self.tier_ids.iter().position(|tier| *tier == id)
    }

    /// The position among the programme's tiers of the tier held, if any.
    pub(crate) fn tier_held(&self) -> Option<usize> {
        self.standing.as_ref().and_then(|s| s.tier)
    }

    /// The id of the tier held, if any.
    pub(crate) fn tier_id(&self) -> Option<&str> {
        self.tier_held().and_then(|t| self.tier_ids.get(t)).copied()
    }
}
