//! Reading audience conditions from the config, each problem with its JSON path.

use super::condition::{BoughtRule, Condition, LastBought, Product, SpendWindow, VariantRule, Window, MAX_DEPTH};
use crate::json::{child, index, whole, Decode, Decoder, Value};
use crate::time::Timestamp;
use crate::words::{number, quoted};

const NAMES: [&str; 29] = [
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
    "member_for_days_at_least",
    "categories_bought_at_least",
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
                    crate::words::list(fields.iter().map(|(key, _)| quoted(key)))
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
            d.report(&here, why!(crate::words::cat(&["\"", name, "\" needs at least one condition"]); "\"{name}\" needs at least one condition"));
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
                    "unknown tier {}; {}",
                    quoted(&id),
                    crate::words::tiers_listed(tiers.iter())
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
        // A century of membership, and a thousand categories, are past any shop's.
        "member_for_days_at_least" => Condition::MemberForDaysAtLeast(days(inner, &here, d, 36_500)?),
        "categories_bought_at_least" => {
            Condition::CategoriesBoughtAtLeast(whole(inner, &here, d, 1_000).map(|n| n as u32)?)
        }
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
    whole(value, path, d, max).map(|n| n as u32)
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
                d.report(path, why!(crate::words::cat(&["missing field ", key]); "missing field {}", quoted(key)));
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
