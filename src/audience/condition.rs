//! The audience conditions as the marketer writes them: each an object with one key, such as
//! `{"days_since_last_order_at_least": 90}` or `{"all": [ … ]}`.

use crate::session::Line;
use crate::time::Timestamp;
use crate::words::quoted;

/// Conditions nest at most this deep; deeper nesting is refused as a mistake (and a hazard).
pub const MAX_DEPTH: usize = 16;

/// What a product condition looks at.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
pub enum Product {
    /// Any product of this category.
    Category(String),
    /// This stock-keeping unit.
    Sku(String),
}

impl Product {
    pub(crate) fn matches(&self, line: &Line) -> bool {
        match self {
            Product::Category(category) => line.category.as_deref() == Some(category.as_str()),
            Product::Sku(sku) => line.sku == *sku,
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Product::Category(category) => format!("category {}", quoted(category)),
            Product::Sku(sku) => format!("SKU {}", quoted(sku)),
        }
    }
}

/// One audience condition. In JSON each is an object with exactly one key, such as
/// `{"days_since_last_order_at_least": 90}` or `{"all": [ … ]}`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
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
    /// A member for at least this many days (from `customer.member_since`); false without it.
    MemberForDaysAtLeast(u32),
    /// Products bought from at least this many different categories (lines with a category).
    CategoriesBoughtAtLeast(u32),
}

impl Condition {
    /// Whether the condition speaks of the programme: tiers, points, the distance to the next tier.
    pub fn needs_programme(&self) -> bool {
        match self {
            Condition::All(all) | Condition::Any(all) => all.iter().any(Condition::needs_programme),
            Condition::Not(inner) => inner.needs_programme(),
            Condition::TierIs(_)
            | Condition::TierAtLeast(_)
            | Condition::PointsAtLeast(_)
            | Condition::AmountToNextTierAtMost(_) => true,
            _ => false,
        }
    }
}

/// A spend threshold over a trailing window.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct SpendWindow {
    /// Currency units.
    pub amount: f64,
    /// The trailing window in days.
    pub days: u32,
}

/// A past purchase, optionally recent.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema))]
pub struct BoughtRule {
    /// What was bought: `{"category": "coffee"}` or `{"sku": "BEAN-1"}`.
    #[cfg_attr(schema, serde(flatten))]
    pub product: Product,
    /// Only purchases in the last this many days count.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub within_days: Option<u32>,
}

/// How long ago a product was last bought.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema))]
pub struct LastBought {
    /// What was bought.
    #[cfg_attr(schema, serde(flatten))]
    pub product: Product,
    /// At least this many days ago.
    pub at_least: u32,
    /// At most this many days ago.
    pub at_most: u32,
}

/// A time window with its offsets.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Window {
    /// From (inclusive), RFC 3339 with offset.
    #[cfg_attr(schema, serde(skip_serializing_if = "Option::is_none"))]
    pub start: Option<Timestamp>,
    /// Until (exclusive), RFC 3339 with offset.
    #[cfg_attr(schema, serde(skip_serializing_if = "Option::is_none"))]
    pub end: Option<Timestamp>,
}

impl Window {
    /// Whether `now` is inside the window.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.start.is_none_or(|start| now >= start) && self.end.is_none_or(|end| now < end)
    }
}

/// A stable split of customers into buckets.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct VariantRule {
    /// The experiment's name: each experiment splits customers independently.
    pub experiment: String,
    /// How many buckets.
    pub of: u32,
    /// Which bucket, from 0.
    pub is: u32,
}

impl Condition {
    /// Whether the condition reads the shopper's personal data (and so needs consent).
    pub(crate) fn is_personal(&self) -> bool {
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
}
