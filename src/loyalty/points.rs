//! Points: what an amount earns, and the points history rebuilt from orders when the shop sends no
//! ledger.

use super::programme::{Basis, EarnRule, Programme, Rounding};
use crate::money::Money;
use crate::session::Order;
use crate::time::{Date, Timestamp};

/// Points one purchase earns under the programme's rule and a tier's multiplier.
pub fn earned(amount: Money, rule: &EarnRule, multiplier: f64) -> u64 {
    let exact = amount.units() * rule.points_per_unit * multiplier;
    // Amounts arrive in hundredths, so 12.30 × 1 may come out as 12.299999…; a millionth of a point
    // of slack keeps floor and ceil from punishing binary fractions.
    let settled = match rule.rounding {
        Rounding::Floor => (exact + 1e-6).floor(),
        Rounding::Round => exact.round(),
        Rounding::Ceil => (exact - 1e-6).ceil(),
    };
    if settled.is_finite() && settled > 0.0 {
        settled.min(u64::MAX as f64) as u64
    } else {
        0
    }
}

/// Points earned by one order, as the programme would have booked them.
#[derive(Clone, Debug, PartialEq)]
pub struct Earning {
    /// Index of the order in the session.
    pub order: usize,
    /// When the order was placed.
    pub placed_at: Timestamp,
    /// The order's value.
    pub amount: Money,
    /// Points earned, with the multiplier of the tier held when the order was placed.
    pub points: u64,
    /// The last day the points can be used, when the programme lets points expire.
    pub last_day: Option<Date>,
}

/// Rebuilds the points history from the orders placed up to `now`, oldest first.
///
/// Each order earns at the multiplier of the tier the customer held when placing it, measured over
/// the qualification window before that order, which is how a ledger would have booked it.
pub fn history(orders: &[Order], programme: &Programme, now: Timestamp) -> Vec<Earning> {
    let due: Vec<(usize, &Order)> = orders.iter().enumerate().filter(|(_, order)| order.placed_at <= now).collect();
    let placed: Vec<(usize, &Order)> = crate::rank::ordered(&due, |(_, order)| (order.placed_at.unix_seconds(), 0));
    let window = i32::from(programme.qualification.window_months);
    let mut earnings: Vec<Earning> = Vec::with_capacity(placed.len());
    // A sliding window over the sorted orders: `start` is the oldest order still inside it and
    // `in_window` the measure (hundredths or points) of orders start..i.
    let mut start = 0;
    let mut in_window: u64 = 0;
    for (i, (index, order)) in placed.iter().enumerate() {
        let opens = order.placed_at.add_months(-window);
        while let Some(oldest) = earnings.get(start).filter(|oldest| start < i && oldest.placed_at <= opens) {
            in_window = in_window.saturating_sub(measure(oldest, programme.qualification.basis));
            start += 1;
        }
        let multiplier = tier_index(programme, in_window)
            .and_then(|t| programme.tiers.get(t))
            .map_or(1.0, |tier| tier.earn_multiplier);
        let amount = order.total();
        let earning = Earning {
            order: *index,
            placed_at: order.placed_at,
            amount,
            points: earned(amount, &programme.earn, multiplier),
            last_day: programme.points_expire_after_months.map(|months| {
                order.placed_at.at_offset(now.offset_minutes()).date().add_months(i32::from(months)).add_days(-1)
            }),
        };
        in_window = in_window.saturating_add(measure(&earning, programme.qualification.basis));
        earnings.push(earning);
    }
    earnings
}

/// What an earning adds towards tier qualification: hundredths of the currency, or points.
pub(crate) fn measure(earning: &Earning, basis: Basis) -> u64 {
    match basis {
        Basis::Spend => earning.amount.minor().max(0) as u64,
        Basis::Points => earning.points,
    }
}

/// A tier threshold in the unit of the basis: hundredths of the currency, or points.
pub(crate) fn threshold(value: f64, basis: Basis) -> u64 {
    match basis {
        Basis::Spend => Money::from_units(value).map_or(u64::MAX, |m| m.minor() as u64),
        Basis::Points => value.ceil() as u64,
    }
}

/// The highest tier whose threshold `measure` reaches (thresholds rise, as validation ensures).
pub(crate) fn tier_index(programme: &Programme, measure: u64) -> Option<usize> {
    let basis = programme.qualification.basis;
    programme.tiers.iter().rposition(|tier| measure >= threshold(tier.threshold, basis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(points_per_unit: f64, rounding: Rounding) -> EarnRule {
        EarnRule { points_per_unit, rounding }
    }

    #[test]
    fn rounding_settles_fractions_as_configured() {
        let amount = Money::from_minor(1230);
        assert_eq!(earned(amount, &rule(1.0, Rounding::Floor), 1.0), 12);
        assert_eq!(earned(amount, &rule(1.0, Rounding::Ceil), 1.0), 13);
        assert_eq!(earned(Money::from_minor(1250), &rule(1.0, Rounding::Round), 1.0), 13);
        assert_eq!(earned(amount, &rule(1.0, Rounding::Floor), 1.5), 18);
    }

    #[test]
    fn binary_fractions_do_not_lose_a_point() {
        // 0.29 × 100 × 0.1 is 2.8999999999999995 in binary floating point.
        assert_eq!(earned(Money::from_minor(2900), &rule(0.1, Rounding::Floor), 1.0), 2);
        assert_eq!(earned(Money::from_minor(3000), &rule(0.1, Rounding::Ceil), 1.0), 3);
    }
}
