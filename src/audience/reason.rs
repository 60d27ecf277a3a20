//! Why an audience leaves the shopper out, kept as data, and the words for it.

use super::condition::Product;
use crate::time::Timestamp;
use crate::words::{number, quoted};

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
    /// Days since `member_since`.
    MemberFor(i64),
    /// How many different categories were bought from.
    Categories(usize),
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
            Reason::MemberFor(days) => write!(f, "a member for {days} days"),
            Reason::Categories(1) => f.write_str("bought from 1 category"),
            Reason::Categories(count) => write!(f, "bought from {count} categories"),
        }
    }
}
