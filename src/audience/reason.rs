//! Why an audience leaves the shopper out, kept as data, and the words for it.

use super::condition::Product;
use crate::time::Timestamp;
use crate::words::{count, number, quoted};

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
            Reason::NoneOf(n) => write!(f, "none of its {} holds", count(*n as i64, "condition", "conditions")),
            Reason::NegatedHolds => f.write_str("the negated condition holds"),
            Reason::TierIs(id) => write!(f, "tier is {}", quoted(id)),
            Reason::NoTier => f.write_str("no tier yet"),
            Reason::TierBelow(held, wanted) => write!(f, "tier {} is below {}", quoted(held), quoted(wanted)),
            Reason::Balance(points) => write!(f, "balance is {}", count(*points as i64, "point", "points")),
            Reason::ToNextTier(remaining) => write!(f, "{} to the next tier", number(*remaining)),
            Reason::NoNextTier => f.write_str("no next tier"),
            Reason::Orders(orders) => f.write_str(&count(*orders as i64, "order", "orders")),
            Reason::Spend(days, spend) => {
                write!(f, "spend in the last {} is {}", count(i64::from(*days), "day", "days"), number(*spend))
            }
            Reason::LifetimeSpend(spend) => write!(f, "lifetime spend is {}", number(*spend)),
            Reason::NoOrders => f.write_str("no orders yet"),
            Reason::LastOrder(days) => write!(f, "the last order was {} ago", days_count(*days)),
            Reason::BirthdayIn(days) => write!(f, "the birthday is {} away", days_count(*days)),
            Reason::NoBirthday => f.write_str("no birthday in the session"),
            Reason::BirthdayMonth(true) => f.write_str("the birthday is this month"),
            Reason::BirthdayMonth(false) => f.write_str("the birthday is in another month"),
            Reason::AnniversaryIn(days) => write!(f, "the anniversary is {} away", days_count(*days)),
            Reason::NoMemberSince => f.write_str("no member_since in the session"),
            Reason::LastBought(product, days) => {
                write!(f, "{} was last bought {} ago", product.describe(), days_count(*days))
            }
            Reason::NeverBought(product) => write!(f, "never bought {}", product.describe()),
            Reason::BoughtAgo(product, days) => write!(f, "bought {} {} ago", product.describe(), days_count(*days)),
            Reason::CartWorth(total) => write!(f, "the cart is worth {}", number(*total)),
            Reason::CartLacks(product) => write!(f, "the cart holds no {}", product.describe()),
            Reason::Consent(true) => f.write_str("personalisation consent is given"),
            Reason::Consent(false) => f.write_str("no personalisation consent"),
            Reason::Locale(locale) => write!(f, "the locale is {}", quoted(locale)),
            Reason::Now(now) => write!(f, "now is {now}"),
            Reason::NeedsCustomer => f.write_str("needs a signed-in customer"),
            Reason::Bucket(bucket) => write!(f, "the customer is in bucket {bucket}"),
            Reason::Streak(months) => write!(f, "the order streak is {}", count(i64::from(*months), "month", "months")),
            Reason::MemberFor(days) => write!(f, "a member for {}", days_count(*days)),
            Reason::Categories(n) => write!(f, "bought from {}", count(*n as i64, "category", "categories")),
        }
    }
}

fn days_count(days: i64) -> String {
    count(days, "day", "days")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reason that counts, over 0, 1 and 2.
    fn over_0_1_2(reason: impl Fn(u32) -> Reason, expected: [&str; 3]) {
        assert_eq!([0, 1, 2].map(|n| reason(n).to_string()), expected);
    }

    #[test]
    fn counts_take_their_singular_and_plural() {
        over_0_1_2(
            |n| Reason::NoneOf(n as usize),
            ["none of its 0 conditions holds", "none of its 1 condition holds", "none of its 2 conditions holds"],
        );
        over_0_1_2(
            |n| Reason::Balance(u64::from(n)),
            ["balance is 0 points", "balance is 1 point", "balance is 2 points"],
        );
        over_0_1_2(|n| Reason::Orders(n as usize), ["0 orders", "1 order", "2 orders"]);
        over_0_1_2(
            |n| Reason::Spend(n, 30.0),
            ["spend in the last 0 days is 30", "spend in the last 1 day is 30", "spend in the last 2 days is 30"],
        );
        over_0_1_2(
            |n| Reason::LastOrder(i64::from(n)),
            ["the last order was 0 days ago", "the last order was 1 day ago", "the last order was 2 days ago"],
        );
        over_0_1_2(
            |n| Reason::BirthdayIn(i64::from(n)),
            ["the birthday is 0 days away", "the birthday is 1 day away", "the birthday is 2 days away"],
        );
        over_0_1_2(
            |n| Reason::AnniversaryIn(i64::from(n)),
            ["the anniversary is 0 days away", "the anniversary is 1 day away", "the anniversary is 2 days away"],
        );
        over_0_1_2(
            |n| Reason::LastBought(Product::Category("coffee".to_string()), i64::from(n)),
            [
                "category \"coffee\" was last bought 0 days ago",
                "category \"coffee\" was last bought 1 day ago",
                "category \"coffee\" was last bought 2 days ago",
            ],
        );
        over_0_1_2(
            |n| Reason::BoughtAgo(Product::Sku("MUG".to_string()), i64::from(n)),
            ["bought SKU \"MUG\" 0 days ago", "bought SKU \"MUG\" 1 day ago", "bought SKU \"MUG\" 2 days ago"],
        );
        over_0_1_2(
            Reason::Streak,
            ["the order streak is 0 months", "the order streak is 1 month", "the order streak is 2 months"],
        );
        over_0_1_2(
            |n| Reason::MemberFor(i64::from(n)),
            ["a member for 0 days", "a member for 1 day", "a member for 2 days"],
        );
        over_0_1_2(
            |n| Reason::Categories(n as usize),
            ["bought from 0 categories", "bought from 1 category", "bought from 2 categories"],
        );
    }
}
