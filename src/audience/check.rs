//! Deciding whether the shopper is in an audience, and if not, which condition leaves them out.

use super::condition::Condition;
use super::facts::{days_to_yearly, Facts};
use super::reason::{Miss, Reason};
use crate::hash::stable_hash;
use crate::json::{child, index};
use crate::money::Money;

impl Condition {
    /// Evaluates the condition.
    ///
    /// # Errors
    /// The first condition that excludes the shopper, with its path and the reason.
    pub fn check(&self, facts: &Facts, path: &str) -> Result<(), Miss> {
        let miss = |reason: Reason| Err(Miss { path: path.to_string(), reason });
        if self.is_personal() && !facts.personal {
            return miss(Reason::NeedsConsent);
        }
        let standing = facts.standing.as_ref();
        match self {
            Condition::All(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.check(facts, &index(&child(path, "all"), i))?;
                }
                Ok(())
            }
            Condition::Any(items) => {
                if items.iter().enumerate().any(|(i, item)| item.check(facts, &index(&child(path, "any"), i)).is_ok()) {
                    Ok(())
                } else {
                    miss(Reason::NoneOf(items.len()))
                }
            }
            Condition::Not(inner) => match inner.check(facts, &child(path, "not")) {
                Ok(()) => miss(Reason::NegatedHolds),
                Err(_) => Ok(()),
            },
            Condition::TierIs(ids) => {
                let held = facts.tier_id();
                match held {
                    Some(id) if ids.iter().any(|wanted| wanted == id) => Ok(()),
                    Some(id) => miss(Reason::TierIs(id.to_string())),
                    None => miss(Reason::NoTier),
                }
            }
            Condition::TierAtLeast(id) => {
                let wanted = facts.tier_position(id);
                match (facts.tier_held(), wanted) {
                    (Some(held), Some(wanted)) if held >= wanted => Ok(()),
                    (Some(_), _) => {
                        miss(Reason::TierBelow(facts.tier_id().unwrap_or_default().to_string(), id.clone()))
                    }
                    (None, _) => miss(Reason::NoTier),
                }
            }
            Condition::PointsAtLeast(points) => {
                let balance = standing.map_or(0, |s| s.balance);
                if balance as f64 >= *points {
                    Ok(())
                } else {
                    miss(Reason::Balance(balance))
                }
            }
            Condition::AmountToNextTierAtMost(limit) => match standing.and_then(|s| s.to_next_tier) {
                Some(remaining) => {
                    if remaining <= *limit + 1e-9 {
                        Ok(())
                    } else {
                        miss(Reason::ToNextTier(remaining))
                    }
                }
                None => miss(Reason::NoNextTier),
            },
            Condition::OrdersAtLeast(n) | Condition::OrdersAtMost(n) => {
                let count = facts.orders.len();
                let holds = if matches!(self, Condition::OrdersAtLeast(_)) {
                    count >= *n as usize
                } else {
                    count <= *n as usize
                };
                if holds {
                    Ok(())
                } else {
                    miss(Reason::Orders(count))
                }
            }
            Condition::SpendAtLeast(window) | Condition::SpendAtMost(window) => {
                let spend = facts.spend_since(window.days).units();
                let holds = if matches!(self, Condition::SpendAtLeast(_)) {
                    spend + 1e-9 >= window.amount
                } else {
                    spend <= window.amount + 1e-9
                };
                if holds {
                    Ok(())
                } else {
                    miss(Reason::Spend(window.days, spend))
                }
            }
            Condition::LifetimeSpendAtLeast(amount) => {
                let spend: Money = facts.orders.iter().map(|order| order.total()).sum();
                if spend.units() + 1e-9 >= *amount {
                    Ok(())
                } else {
                    miss(Reason::LifetimeSpend(spend.units()))
                }
            }
            Condition::DaysSinceLastOrderAtLeast(days) | Condition::DaysSinceLastOrderAtMost(days) => {
                let Some(last) = facts.orders.last() else {
                    return miss(Reason::NoOrders);
                };
                let since = facts.days_since(last.placed_at);
                let holds = if matches!(self, Condition::DaysSinceLastOrderAtLeast(_)) {
                    since >= i64::from(*days)
                } else {
                    since <= i64::from(*days)
                };
                if holds {
                    Ok(())
                } else {
                    miss(Reason::LastOrder(since))
                }
            }
            Condition::BirthdayWithinDays(days) => match facts.session.customer.as_ref().and_then(|c| c.birthday) {
                Some(birthday) if days_to_yearly(birthday, facts.today) <= i64::from(*days) => Ok(()),
                Some(birthday) => miss(Reason::BirthdayIn(days_to_yearly(birthday, facts.today))),
                None => miss(Reason::NoBirthday),
            },
            Condition::BirthdayThisMonth(wanted) => match facts.session.customer.as_ref().and_then(|c| c.birthday) {
                Some(birthday) if (birthday.month() == facts.today.month()) == *wanted => Ok(()),
                Some(_) => miss(Reason::BirthdayMonth(!*wanted)),
                None => miss(Reason::NoBirthday),
            },
            Condition::AnniversaryWithinDays(days) => {
                match facts.session.customer.as_ref().and_then(|c| c.member_since) {
                    Some(since) if since < facts.today && days_to_yearly(since, facts.today) <= i64::from(*days) => {
                        Ok(())
                    }
                    Some(since) => miss(Reason::AnniversaryIn(days_to_yearly(since, facts.today))),
                    None => miss(Reason::NoMemberSince),
                }
            }
            Condition::Bought(rule) => match facts.last_purchase(&rule.product) {
                Some(ago) if rule.within_days.is_none_or(|within| ago < i64::from(within)) => Ok(()),
                Some(ago) => miss(Reason::LastBought(rule.product.clone(), ago)),
                None => miss(Reason::NeverBought(rule.product.clone())),
            },
            Condition::NeverBought(product) => match facts.last_purchase(product) {
                None => Ok(()),
                Some(ago) => miss(Reason::BoughtAgo(product.clone(), ago)),
            },
            Condition::LastBoughtDaysAgo(rule) => match facts.last_purchase(&rule.product) {
                Some(ago) if ago >= i64::from(rule.at_least) && ago <= i64::from(rule.at_most) => Ok(()),
                Some(ago) => miss(Reason::LastBought(rule.product.clone(), ago)),
                None => miss(Reason::NeverBought(rule.product.clone())),
            },
            Condition::CartTotalAtLeast(amount) => {
                let total = facts.session.cart.total().units();
                if total + 1e-9 >= *amount {
                    Ok(())
                } else {
                    miss(Reason::CartWorth(total))
                }
            }
            Condition::CartContains(product) => {
                if facts.session.cart.lines.iter().any(|line| product.matches(line)) {
                    Ok(())
                } else {
                    miss(Reason::CartLacks(product.clone()))
                }
            }
            Condition::Consent(wanted) => {
                if facts.personal == *wanted {
                    Ok(())
                } else {
                    miss(Reason::Consent(facts.personal))
                }
            }
            Condition::LocaleIs(locales) => {
                let language = facts.locale.split(['-', '_']).next().unwrap_or_default();
                let holds = locales
                    .iter()
                    .any(|wanted| wanted.eq_ignore_ascii_case(&facts.locale) || wanted.eq_ignore_ascii_case(language));
                if holds {
                    Ok(())
                } else {
                    miss(Reason::Locale(facts.locale.clone()))
                }
            }
            Condition::DateBetween(window) => {
                if window.contains(facts.now) {
                    Ok(())
                } else {
                    miss(Reason::Now(facts.now))
                }
            }
            Condition::Variant(rule) => {
                let Some(customer) = facts.session.customer.as_ref() else {
                    return miss(Reason::NeedsCustomer);
                };
                let bucket = stable_hash(&["variant", &rule.experiment, &customer.id]) % u64::from(rule.of.max(1));
                if bucket == u64::from(rule.is) {
                    Ok(())
                } else {
                    miss(Reason::Bucket(bucket))
                }
            }
            Condition::MemberForDaysAtLeast(days) => match facts.session.customer.as_ref().and_then(|c| c.member_since)
            {
                Some(since) if since.days_until(facts.today) >= i64::from(*days) => Ok(()),
                Some(since) => miss(Reason::MemberFor(since.days_until(facts.today))),
                None => miss(Reason::NoMemberSince),
            },
            Condition::CategoriesBoughtAtLeast(wanted) => {
                let bought = facts.categories_bought();
                if bought >= *wanted as usize {
                    Ok(())
                } else {
                    miss(Reason::Categories(bought))
                }
            }
            Condition::OrderStreakMonthsAtLeast(months) => {
                let streak = facts.order_streak();
                if streak >= *months {
                    Ok(())
                } else {
                    miss(Reason::Streak(streak))
                }
            }
        }
    }
}
