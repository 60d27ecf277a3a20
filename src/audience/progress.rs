//! How far a shopper is towards a single numeric condition, for a badge's progress ("7 of 10
//! orders"). Whether the condition holds is still [`Condition::check`]'s to say: progress only
//! measures.

use super::condition::Condition;
use super::facts::Facts;
use crate::money::Money;

/// What a numeric condition counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Orders placed.
    Orders,
    /// Consecutive months with an order.
    Months,
    /// Categories bought from.
    Categories,
    /// Days of membership.
    Days,
    /// Points available.
    Points,
    /// Spend over all orders.
    Money,
}

/// How far the shopper is: `current` of `target`, in `measure` (minor units for money).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Where the shopper is, at most `target`.
    pub current: u64,
    /// What the condition asks for.
    pub target: u64,
    /// What is counted.
    pub measure: Measure,
}

impl Condition {
    /// The shopper's progress towards the condition when it is a single numeric one ("at least N"),
    /// `None` for a composite or any other condition, and for a session whose history may not be
    /// read.
    pub fn progress(&self, facts: &Facts) -> Option<Progress> {
        if !facts.personal {
            return None;
        }
        let (current, target, measure) = match self {
            Condition::OrdersAtLeast(n) => (facts.orders.len() as u64, u64::from(*n), Measure::Orders),
            Condition::OrderStreakMonthsAtLeast(n) => (u64::from(facts.order_streak()), u64::from(*n), Measure::Months),
            Condition::CategoriesBoughtAtLeast(n) => {
                (facts.categories_bought() as u64, u64::from(*n), Measure::Categories)
            }
            Condition::MemberForDaysAtLeast(n) => {
                let since = facts.session.customer.as_ref()?.member_since?;
                (since.days_until(facts.today).max(0) as u64, u64::from(*n), Measure::Days)
            }
            Condition::PointsAtLeast(n) => {
                (facts.standing.map_or(0, |s| s.balance), n.max(0.0).ceil() as u64, Measure::Points)
            }
            Condition::LifetimeSpendAtLeast(amount) => {
                let spend: Money = facts.orders.iter().map(|order| order.total()).sum();
                let target = Money::from_units(*amount).map_or(u64::MAX, |m| m.minor().max(0) as u64);
                (spend.minor().max(0) as u64, target, Measure::Money)
            }
            _ => return None,
        };
        Some(Progress { current: current.min(target), target, measure })
    }
}
