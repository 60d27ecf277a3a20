//! Who an offer is for: conditions over the shopper's session, composable with `all`, `any` and
//! `not`, evaluated by the pure core, each failure explained with its JSON path.

use serde::Serialize;

use crate::json::{child, index, number, quoted, Decode, Decoder, Value};
use crate::loyalty::{Amount, MemberCard};
use crate::money::Money;
use crate::session::{Line, Order, Session};
use crate::time::{Date, Timestamp};

/// Conditions nest at most this deep; deeper nesting is refused as a mistake (and a hazard).
pub const MAX_DEPTH: usize = 16;

/// What a product condition looks at.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// Any product of this category.
    Category(String),
    /// This stock-keeping unit.
    Sku(String),
}

impl Product {
    fn matches(&self, line: &Line) -> bool {
        match self {
            Product::Category(category) => line.category.as_deref() == Some(category.as_str()),
            Product::Sku(sku) => line.sku == *sku,
        }
    }

    fn describe(&self) -> String {
        match self {
            Product::Category(category) => format!("category {}", quoted(category)),
            Product::Sku(sku) => format!("SKU {}", quoted(sku)),
        }
    }
}

/// One audience condition. In JSON each is an object with exactly one key, such as
/// `{"days_since_last_order_at_least": 90}` or `{"all": [ … ]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// The shopper holds one of these tiers (ids from the programme).
    TierIs(Vec<String>),
    /// The shopper holds this tier or a higher one.
    TierAtLeast(String),
    /// The points balance is at least this.
    PointsAtLeast(f64),
    /// The next tier is at most this far away (currency units, or points for a points programme).
    AmountToNextTierAtMost(f64),
    /// At least this many orders (2 = a returning customer).
    OrdersAtLeast(u32),
    /// At most this many orders (0 = a new shopper).
    OrdersAtMost(u32),
    /// Spend in the last `days` days is at least `amount`.
    SpendAtLeast(SpendWindow),
    /// Spend in the last `days` days is at most `amount`.
    SpendAtMost(SpendWindow),
    /// Spend over all orders is at least this.
    LifetimeSpendAtLeast(f64),
    /// The last order is at least this many days ago (win-back); false without orders.
    DaysSinceLastOrderAtLeast(u32),
    /// The last order is at most this many days ago; false without orders.
    DaysSinceLastOrderAtMost(u32),
    /// The birthday is at most this many days away, before or after.
    BirthdayWithinDays(u32),
    /// The birthday falls in the current month (`true`), or not (`false`).
    BirthdayThisMonth(bool),
    /// The membership anniversary is at most this many days away, before or after.
    AnniversaryWithinDays(u32),
    /// The shopper bought this product (within the last `within_days` days, when given).
    Bought(BoughtRule),
    /// The shopper never bought this product.
    NeverBought(Product),
    /// The last purchase of this product was between `at_least` and `at_most` days ago (for
    /// replenishment reminders); false when never bought.
    LastBoughtDaysAgo(LastBought),
    /// The cart is worth at least this.
    CartTotalAtLeast(f64),
    /// The cart holds this product.
    CartContains(Product),
    /// Personalisation consent is given (`true`) or not (`false`).
    Consent(bool),
    /// The page's locale or language is one of these (`de`, `en-GB`).
    LocaleIs(Vec<String>),
    /// Now is within this window.
    DateBetween(Window),
    /// The shopper falls in this bucket of a stable A/B split of customer ids.
    Variant(VariantRule),
    /// Orders in at least this many consecutive calendar months, up to this one or the last.
    OrderStreakMonthsAtLeast(u32),
}

/// A spend threshold over a trailing window.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpendWindow {
    /// Currency units.
    pub amount: f64,
    /// The trailing window in days.
    pub days: u32,
}

/// A past purchase, optionally recent.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BoughtRule {
    /// What was bought: `{"category": "coffee"}` or `{"sku": "BEAN-1"}`.
    #[serde(flatten)]
    pub product: Product,
    /// Only purchases in the last this many days count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
}

/// How long ago a product was last bought.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct LastBought {
    /// What was bought.
    #[serde(flatten)]
    pub product: Product,
    /// At least this many days ago.
    pub at_least: u32,
    /// At most this many days ago.
    pub at_most: u32,
}

/// A time window with its offsets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// From (inclusive), RFC 3339 with offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// Until (exclusive), RFC 3339 with offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
}

impl Window {
    /// Whether `now` is inside the window.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.start.is_none_or(|start| now >= start) && self.end.is_none_or(|end| now < end)
    }
}

/// A stable split of customers into buckets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VariantRule {
    /// The experiment's name: each experiment splits customers independently.
    pub experiment: String,
    /// How many buckets.
    pub of: u32,
    /// Which bucket, from 0.
    pub is: u32,
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
    /// The loyalty card, for a personal session.
    pub card: Option<MemberCard>,
    /// The tier index held, for `tier_at_least`.
    pub tier_index: Option<usize>,
    /// The programme's tier ids, lowest first.
    pub tier_ids: Vec<&'a str>,
    /// The page's locale.
    pub locale: String,
}

impl Facts<'_> {
    fn days_since(&self, at: Timestamp) -> i64 {
        at.at_offset(self.now.offset_minutes()).date().days_until(self.today)
    }

    fn spend_since(&self, days: u32) -> Money {
        self.orders
            .iter()
            .filter(|order| self.days_since(order.placed_at) < i64::from(days))
            .map(|order| order.total())
            .sum()
    }

    fn last_purchase(&self, product: &Product) -> Option<i64> {
        self.orders
            .iter()
            .rev()
            .find(|order| order.lines.iter().any(|line| product.matches(line)))
            .map(|order| self.days_since(order.placed_at))
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
fn days_to_yearly(date: Date, today: Date) -> i64 {
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

/// FNV-1a: a stable hash, the same in the browser and on the command line, for A/B buckets and
/// holdout groups. Not for secrecy.
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0x1f;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Why an audience does not include the shopper: the condition's path and what was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    /// The JSON path of the failing condition, such as `offers[2].audience.all[1]`.
    pub path: String,
    /// What the shopper has instead.
    pub reason: Reason,
}

/// What a failing condition found, kept as data: the words are built only where someone reads them
/// (the command line, the playground), so the widget carries none of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// The condition reads personal data, and there is no consenting customer.
    NeedsConsent,
    /// None of an `any`'s conditions holds.
    NoneOf(usize),
    /// A `not`'s condition holds.
    NegatedHolds,
    /// The tier held.
    TierIs(String),
    /// No tier is held.
    NoTier,
    /// The tier held is below the one wanted.
    TierBelow(String, String),
    /// The points balance.
    Balance(u64),
    /// The distance to the next tier.
    ToNextTier(f64),
    /// The top tier is held.
    NoNextTier,
    /// The number of orders.
    Orders(usize),
    /// Spend in a window of days.
    Spend(u32, f64),
    /// Spend over all orders.
    LifetimeSpend(f64),
    /// There is no order.
    NoOrders,
    /// Days since the last order.
    LastOrder(i64),
    /// Days to the birthday.
    BirthdayIn(i64),
    /// The session has no birthday.
    NoBirthday,
    /// Whether the birthday is this month.
    BirthdayMonth(bool),
    /// Days to the membership anniversary.
    AnniversaryIn(i64),
    /// The session has no `member_since`.
    NoMemberSince,
    /// The product was last bought this many days ago.
    LastBought(Product, i64),
    /// The product was never bought.
    NeverBought(Product),
    /// The product was bought this many days ago.
    BoughtAgo(Product, i64),
    /// The cart's worth.
    CartWorth(f64),
    /// The cart lacks the product.
    CartLacks(Product),
    /// Whether personalisation consent is given.
    Consent(bool),
    /// The page's locale.
    Locale(String),
    /// The moment of evaluation.
    Now(Timestamp),
    /// There is no signed-in customer.
    NeedsCustomer,
    /// The customer's bucket.
    Bucket(u64),
    /// The order streak in months.
    Streak(u32),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::NeedsConsent => f.write_str("needs a signed-in customer who consented to personalisation"),
            Reason::NoneOf(n) => write!(f, "none of its {n} conditions holds"),
            Reason::NegatedHolds => f.write_str("the negated condition holds"),
            Reason::TierIs(id) => write!(f, "tier is {}", quoted(id)),
            Reason::NoTier => f.write_str("no tier yet"),
            Reason::TierBelow(held, wanted) => write!(f, "tier {} is below {}", quoted(held), quoted(wanted)),
            Reason::Balance(points) => write!(f, "balance is {points} points"),
            Reason::ToNextTier(remaining) => write!(f, "{} to the next tier", number(*remaining)),
            Reason::NoNextTier => f.write_str("no next tier"),
            Reason::Orders(count) => write!(f, "{count} orders"),
            Reason::Spend(days, spend) => write!(f, "spend in the last {days} days is {}", number(*spend)),
            Reason::LifetimeSpend(spend) => write!(f, "lifetime spend is {}", number(*spend)),
            Reason::NoOrders => f.write_str("no orders yet"),
            Reason::LastOrder(days) => write!(f, "the last order was {days} days ago"),
            Reason::BirthdayIn(days) => write!(f, "the birthday is {days} days away"),
            Reason::NoBirthday => f.write_str("no birthday in the session"),
            Reason::BirthdayMonth(true) => f.write_str("the birthday is this month"),
            Reason::BirthdayMonth(false) => f.write_str("the birthday is in another month"),
            Reason::AnniversaryIn(days) => write!(f, "the anniversary is {days} days away"),
            Reason::NoMemberSince => f.write_str("no member_since in the session"),
            Reason::LastBought(product, days) => write!(f, "{} was last bought {days} days ago", product.describe()),
            Reason::NeverBought(product) => write!(f, "never bought {}", product.describe()),
            Reason::BoughtAgo(product, days) => write!(f, "bought {} {days} days ago", product.describe()),
            Reason::CartWorth(total) => write!(f, "the cart is worth {}", number(*total)),
            Reason::CartLacks(product) => write!(f, "the cart holds no {}", product.describe()),
            Reason::Consent(true) => f.write_str("personalisation consent is given"),
            Reason::Consent(false) => f.write_str("no personalisation consent"),
            Reason::Locale(locale) => write!(f, "the locale is {}", quoted(locale)),
            Reason::Now(now) => write!(f, "now is {now}"),
            Reason::NeedsCustomer => f.write_str("needs a signed-in customer"),
            Reason::Bucket(bucket) => write!(f, "the customer is in bucket {bucket}"),
            Reason::Streak(months) => write!(f, "the order streak is {months} months"),
        }
    }
}

impl Condition {
    /// Whether the condition reads the shopper's personal data (and so needs consent).
    fn is_personal(&self) -> bool {
        !matches!(
            self,
            Condition::All(_)
                | Condition::Any(_)
                | Condition::Not(_)
                | Condition::CartTotalAtLeast(_)
                | Condition::CartContains(_)
                | Condition::Consent(_)
                | Condition::LocaleIs(_)
                | Condition::DateBetween(_)
        )
    }

    /// How many leaf conditions: more conditions make a more specific offer, which wins ties.
    pub fn specificity(&self) -> usize {
        match self {
            Condition::All(items) | Condition::Any(items) => items.iter().map(Condition::specificity).sum(),
            Condition::Not(inner) => inner.specificity(),
            _ => 1,
        }
    }

    /// Evaluates the condition.
    ///
    /// # Errors
    /// The first condition that excludes the shopper, with its path and the reason.
    pub fn check(&self, facts: &Facts, path: &str) -> Result<(), Miss> {
        let miss = |reason: Reason| Err(Miss { path: path.to_string(), reason });
        if self.is_personal() && !facts.personal {
            return miss(Reason::NeedsConsent);
        }
        let card = facts.card.as_ref();
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
                let held = card.and_then(|c| c.tier.as_ref()).map(|t| t.id.as_str());
                match held {
                    Some(id) if ids.iter().any(|wanted| wanted == id) => Ok(()),
                    Some(id) => miss(Reason::TierIs(id.to_string())),
                    None => miss(Reason::NoTier),
                }
            }
            Condition::TierAtLeast(id) => {
                let wanted = facts.session_tier_position(id);
                match (facts.tier_index, wanted) {
                    (Some(held), Some(wanted)) if held >= wanted => Ok(()),
                    (Some(_), _) => miss(Reason::TierBelow(facts.tier_name(), id.clone())),
                    (None, _) => miss(Reason::NoTier),
                }
            }
            Condition::PointsAtLeast(points) => {
                let balance = card.map_or(0, |c| c.balance);
                if balance as f64 >= *points {
                    Ok(())
                } else {
                    miss(Reason::Balance(balance))
                }
            }
            Condition::AmountToNextTierAtMost(limit) => match card.and_then(|c| c.next_tier.as_ref()) {
                Some(next) => {
                    let remaining = match next.remaining {
                        Amount::Money(money) => money.units(),
                        Amount::Points(points) => points as f64,
                    };
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

impl Facts<'_> {
    fn session_tier_position(&self, id: &str) -> Option<usize> {
        self.tier_ids.iter().position(|tier| *tier == id)
    }

    fn tier_name(&self) -> String {
        self.card.as_ref().and_then(|c| c.tier.as_ref()).map(|t| t.id.clone()).unwrap_or_default()
    }
}

const NAMES: [&str; 27] = [
    "all",
    "any",
    "not",
    "tier_is",
    "tier_at_least",
    "points_at_least",
    "amount_to_next_tier_at_most",
    "orders_at_least",
    "orders_at_most",
    "spend_at_least",
    "spend_at_most",
    "lifetime_spend_at_least",
    "days_since_last_order_at_least",
    "days_since_last_order_at_most",
    "birthday_within_days",
    "birthday_this_month",
    "anniversary_within_days",
    "bought",
    "never_bought",
    "last_bought_days_ago",
    "cart_total_at_least",
    "cart_contains",
    "consent",
    "locale_is",
    "date_between",
    "variant",
    "order_streak_months_at_least",
];

/// Decodes a condition, checking its tier ids against the programme's.
pub(crate) fn decode_condition(
    value: &Value,
    path: &str,
    d: &mut Decoder,
    tiers: &[String],
    depth: usize,
) -> Option<Condition> {
    if depth > MAX_DEPTH {
        d.report(path, why!("conditions nest too deep"; "conditions nest deeper than {MAX_DEPTH} levels"));
        return None;
    }
    let Value::Object(fields) = value else {
        return d.expected(path, "a condition object such as {\"orders_at_least\": 2}", value);
    };
    let [(key, inner)] = fields.as_slice() else {
        d.report(
            path,
            if fields.is_empty() {
                "expected exactly one condition, got an empty object".to_string()
            } else {
                why!(
                    "expected exactly one condition per object; combine them with \"all\" or \"any\"";
                    "expected exactly one condition per object, got {}; combine them with \"all\" or \"any\"",
                    crate::json::list(fields.iter().map(|(key, _)| quoted(key)))
                )
            },
        );
        return None;
    };
    // Reuses the decoder's unknown-field report, with its "did you mean".
    let fields_ok = d.object(value, path, &NAMES).is_some();
    let here = child(path, key);
    let list = |d: &mut Decoder, name: &str| -> Option<Vec<Condition>> {
        let Value::Array(items) = inner else {
            return d.expected(&here, "an array of conditions", inner);
        };
        if items.is_empty() {
            d.report(&here, why!(crate::json::cat(&["\"", name, "\" needs at least one condition"]); "\"{name}\" needs at least one condition"));
            return None;
        }
        let decoded: Vec<Option<Condition>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| decode_condition(item, &index(&here, i), d, tiers, depth + 1))
            .collect();
        decoded.into_iter().collect()
    };
    let tier = |d: &mut Decoder, id: String, at: &str| -> Option<String> {
        if tiers.contains(&id) {
            Some(id)
        } else {
            d.report(
                at,
                why!(
                    "unknown tier";
                    "unknown tier {}; the programme has {}",
                    quoted(&id),
                    crate::json::list(tiers.iter().map(|t| quoted(t)))
                ),
            );
            None
        }
    };
    let condition = match key.as_str() {
        "all" => Condition::All(list(d, "all")?),
        "any" => Condition::Any(list(d, "any")?),
        "not" => Condition::Not(Box::new(decode_condition(inner, &here, d, tiers, depth + 1)?)),
        "tier_is" => {
            let ids = Vec::<String>::decode(inner, &here, d)?;
            let checked: Vec<Option<String>> =
                ids.into_iter().enumerate().map(|(i, id)| tier(d, id, &index(&here, i))).collect();
            Condition::TierIs(checked.into_iter().collect::<Option<_>>()?)
        }
        "tier_at_least" => {
            let id = String::decode(inner, &here, d)?;
            Condition::TierAtLeast(tier(d, id, &here)?)
        }
        "points_at_least" => Condition::PointsAtLeast(non_negative(inner, &here, d)?),
        "amount_to_next_tier_at_most" => Condition::AmountToNextTierAtMost(non_negative(inner, &here, d)?),
        "orders_at_least" => Condition::OrdersAtLeast(u32::decode(inner, &here, d)?),
        "orders_at_most" => Condition::OrdersAtMost(u32::decode(inner, &here, d)?),
        "spend_at_least" => Condition::SpendAtLeast(SpendWindow::decode(inner, &here, d)?),
        "spend_at_most" => Condition::SpendAtMost(SpendWindow::decode(inner, &here, d)?),
        "lifetime_spend_at_least" => Condition::LifetimeSpendAtLeast(non_negative(inner, &here, d)?),
        "days_since_last_order_at_least" => Condition::DaysSinceLastOrderAtLeast(u32::decode(inner, &here, d)?),
        "days_since_last_order_at_most" => Condition::DaysSinceLastOrderAtMost(u32::decode(inner, &here, d)?),
        "birthday_within_days" => Condition::BirthdayWithinDays(days(inner, &here, d, 183)?),
        "birthday_this_month" => Condition::BirthdayThisMonth(bool::decode(inner, &here, d)?),
        "anniversary_within_days" => Condition::AnniversaryWithinDays(days(inner, &here, d, 183)?),
        "bought" => Condition::Bought(BoughtRule::decode(inner, &here, d)?),
        "never_bought" => Condition::NeverBought(decode_product(inner, &here, d, &[])?.0),
        "last_bought_days_ago" => Condition::LastBoughtDaysAgo(LastBought::decode(inner, &here, d)?),
        "cart_total_at_least" => Condition::CartTotalAtLeast(non_negative(inner, &here, d)?),
        "cart_contains" => Condition::CartContains(decode_product(inner, &here, d, &[])?.0),
        "consent" => Condition::Consent(bool::decode(inner, &here, d)?),
        "locale_is" => Condition::LocaleIs(Vec::<String>::decode(inner, &here, d)?),
        "date_between" => Condition::DateBetween(Window::decode(inner, &here, d)?),
        "variant" => Condition::Variant(VariantRule::decode(inner, &here, d)?),
        "order_streak_months_at_least" => Condition::OrderStreakMonthsAtLeast(u32::decode(inner, &here, d)?),
        _ => return None,
    };
    fields_ok.then_some(condition)
}

fn non_negative(value: &Value, path: &str, d: &mut Decoder) -> Option<f64> {
    let n = f64::decode(value, path, d)?;
    if n < 0.0 {
        d.report(path, why!("expected zero or more"; "expected zero or more, got {}", number(n)));
        return None;
    }
    Some(n)
}

fn days(value: &Value, path: &str, d: &mut Decoder, max: u64) -> Option<u32> {
    crate::json::whole(value, path, d, max).map(|n| n as u32)
}

/// Reads `{"category": …}` or `{"sku": …}` (exactly one), allowing the `extra` fields beside it.
fn decode_product<'a>(value: &'a Value, path: &str, d: &mut Decoder, extra: &[&str]) -> Option<(Product, &'a Value)> {
    let mut known = vec!["category", "sku"];
    known.extend_from_slice(extra);
    d.object(value, path, &known)?;
    match (value.get("category"), value.get("sku")) {
        (Some(category), None) => {
            Some((Product::Category(String::decode(category, &child(path, "category"), d)?), value))
        }
        (None, Some(sku)) => Some((Product::Sku(String::decode(sku, &child(path, "sku"), d)?), value)),
        (Some(_), Some(_)) => {
            d.report(path, "expected \"category\" or \"sku\", not both".to_string());
            None
        }
        (None, None) => {
            d.report(path, "expected \"category\" or \"sku\"".to_string());
            None
        }
    }
}

impl Decode for SpendWindow {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<SpendWindow> {
        let fields = d.object(value, path, &["amount", "days"])?;
        let amount = fields.required::<f64>(d, "amount");
        let days = fields.required::<u32>(d, "days");
        Some(SpendWindow { amount: amount?, days: days? })
    }
}

impl Decode for BoughtRule {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<BoughtRule> {
        let (product, fields) = decode_product(value, path, d, &["within_days"])?;
        let within_days = match fields.get("within_days") {
            Some(days) => Some(u32::decode(days, &child(path, "within_days"), d)?),
            None => None,
        };
        Some(BoughtRule { product, within_days })
    }
}

impl Decode for LastBought {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<LastBought> {
        let (product, fields) = decode_product(value, path, d, &["at_least", "at_most"])?;
        let read = |d: &mut Decoder, key: &str| match fields.get(key) {
            Some(days) => u32::decode(days, &child(path, key), d),
            None => {
                d.report(path, why!(crate::json::cat(&["missing field ", key]); "missing field {}", quoted(key)));
                None
            }
        };
        let (at_least, at_most) = (read(d, "at_least"), read(d, "at_most"));
        let (at_least, at_most) = (at_least?, at_most?);
        if at_most < at_least {
            d.report(
                &child(path, "at_most"),
                why!("at_most is below at_least"; "{at_most} is below at_least ({at_least})"),
            );
            return None;
        }
        Some(LastBought { product, at_least, at_most })
    }
}

impl Decode for Window {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Window> {
        let fields = d.object(value, path, &["start", "end"])?;
        let start: Option<Option<Timestamp>> = fields.optional(d, "start");
        let end: Option<Option<Timestamp>> = fields.optional(d, "end");
        let (start, end) = (start?, end?);
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                d.report(
                    &child(path, "end"),
                    why!("the end is not after the start"; "the end {end} is not after the start {start}"),
                );
                return None;
            }
        }
        Some(Window { start, end })
    }
}

impl Decode for VariantRule {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<VariantRule> {
        let fields = d.object(value, path, &["experiment", "of", "is"])?;
        let experiment = fields.required::<String>(d, "experiment");
        let of = fields.required::<u32>(d, "of");
        let is = fields.required::<u32>(d, "is");
        let (experiment, of, is) = (experiment?, of?, is?);
        if of < 2 {
            d.report(&child(path, "of"), why!("expected at least 2 buckets"; "expected at least 2 buckets, got {of}"));
            return None;
        }
        if is >= of {
            d.report(
                &child(path, "is"),
                why!("the bucket is out of range"; "buckets are numbered 0 to {}, got {is}", of - 1),
            );
            return None;
        }
        Some(VariantRule { experiment, of, is })
    }
}
