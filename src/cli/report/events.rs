//! `patron report --events`: each offer's assigned groups, treatment against holdout. The events are
//! the widget's, forwarded by the shop as JSON lines (the book, integrate/events.md):
//! `{"event": "patron:offer-assigned", "at": RFC 3339, "analytics_id", "offer_id", "group":
//! "treatment" | "holdout", "variant"?}`, and `patron:offer-impression` for exposure. Each order's
//! customer id is turned into its analytics key with the shop's secret to join the two.
//!
//! A customer counts in the group of their first assignment to the offer (intention to treat), and
//! converts with an order within `days` after it.
//!
//! The same pass counts the recommendations' events (`patron:rec-impression`, `-click`: `sku`,
//! `reason`) per reason, with the recommended products bought within `days` after their first
//! impression, and the rewards panel's (`patron:reward-impression`, `-redeemed`, `-redeem-failed`:
//! `reward_id`, `cost_points`) per reward. Events without an analytics key (no analytics consent)
//! are counted but joined to no order.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use serde_json::{json, Value};

use crate::report::uplift::{newcombe, verdict, welch, Groups, Holdout};
use crate::time::Timestamp;

/// The share of malformed event lines beyond which the report refuses the file.
const MAX_BAD_SHARE: f64 = 0.1;

/// One offer (and variant): who was assigned where, and when first.
#[derive(Default)]
struct Offer {
    /// Per customer number: the group (true: treatment) and the moment of the first assignment.
    assigned: HashMap<u32, (bool, i64)>,
    /// Treatment customers with an impression.
    exposed: std::collections::HashSet<u32>,
}

/// The recommendations shown for one reason.
#[derive(Default)]
struct Reason {
    impressions: u64,
    clicks: u64,
    /// Per customer and product: the first impression's moment, for the purchase window.
    shown: HashMap<(u32, u32), i64>,
    /// The customers and products clicked.
    clicked: std::collections::HashSet<(u32, u32)>,
}

/// One reward of the rewards panel.
#[derive(Default)]
struct Reward {
    impressions: u64,
    redemptions: u64,
    points: f64,
    failed: u64,
}

/// What the shop's customers bought, for the windows after assignments and recommendations.
pub(crate) struct Purchases<'a> {
    /// Per customer number: the orders as (Unix seconds, value).
    pub(crate) orders: &'a [Vec<(i64, f64)>],
    /// Per customer number: the products bought as (Unix seconds, product number).
    pub(crate) products: &'a [Vec<(i64, u32)>],
    /// The product numbers, by SKU.
    pub(crate) skus: &'a HashMap<String, u32>,
}

/// What the events said, and what was wrong with them.
pub(crate) struct Offers {
    /// Per offer and variant, its figures as JSON.
    pub(crate) offers: Vec<Value>,
    /// Per recommendation reason: impressions, clicks and purchases, as JSON.
    pub(crate) recommendations: Vec<Value>,
    /// Per reward: impressions and redemptions, as JSON.
    pub(crate) rewards: Vec<Value>,
    /// Events without an analytics key (the shopper did not consent to analytics): counted, not
    /// joined to orders.
    pub(crate) anonymous: u64,
    /// Event lines read.
    pub(crate) lines: u64,
    /// Malformed lines: how many, and the first few with file, line and reason.
    pub(crate) skipped: (u64, Vec<String>),
    /// Events whose analytics key matched no customer of the orders.
    pub(crate) unmatched: u64,
    /// With a config: the offers it does not have that events name, with their number of events.
    pub(crate) unknown: Vec<(String, u64)>,
    /// With a config: its offers that no event names.
    pub(crate) silent: Vec<String>,
}

/// Reads `events` and compares each offer's groups, then counts the recommendations' and the
/// rewards' events. `customers` maps analytics keys to customer numbers; `configured`, with a
/// config, its offers' ids and `holdout_percent`.
pub(crate) fn offers(
    events: &Path,
    customers: &HashMap<String, u32>,
    purchases: &Purchases,
    days: i64,
    configured: Option<&[(String, f64)]>,
) -> Result<Offers, String> {
    let file = std::fs::File::open(events).map_err(|e| format!("patron: cannot read {}: {e}\n", events.display()))?;
    let mut by_offer: HashMap<(String, String), Offer> = HashMap::new();
    let mut per_offer: HashMap<String, u64> = HashMap::new();
    let mut by_reason: HashMap<String, Reason> = HashMap::new();
    let mut by_reward: HashMap<String, Reward> = HashMap::new();
    let (mut lines, mut bad, mut reasons, mut unmatched, mut matched) = (0_u64, 0_u64, Vec::new(), 0_u64, 0_u64);
    let mut anonymous = 0_u64;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("patron: {}: {e}\n", events.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        let mut skip = |reason: String| {
            bad += 1;
            if reasons.len() < 5 {
                reasons.push(format!("{}:{}: {reason}", events.display(), n + 1));
            }
        };
        let event: Value = match serde_json::from_str(&line) {
            Ok(value) => value,
            Err(e) => {
                skip(format!("not JSON: {e}"));
                continue;
            }
        };
        let text = |key: &str| event.get(key).and_then(Value::as_str);
        let name = text("event").unwrap_or_default();
        // The rewards panel's events: counted per reward, whoever the shopper.
        if let Some(kind) = name.strip_prefix("patron:reward-") {
            if !matches!(kind, "impression" | "redeemed" | "redeem-failed") {
                continue;
            }
            let Some(reward) = text("reward_id") else {
                skip(format!("{name} without reward_id"));
                continue;
            };
            let entry = by_reward.entry(reward.to_string()).or_default();
            match kind {
                "impression" => entry.impressions += 1,
                "redeemed" => {
                    entry.redemptions += 1;
                    entry.points += event.get("cost_points").and_then(Value::as_f64).unwrap_or(0.0);
                }
                _ => entry.failed += 1,
            }
            continue;
        }
        let recommendation = matches!(name, "patron:rec-impression" | "patron:rec-click");
        if !recommendation && name != "patron:offer-assigned" && name != "patron:offer-impression" {
            continue;
        }
        let subject = if recommendation { text("sku").zip(text("reason")) } else { text("offer_id").zip(Some("")) };
        let (Some((subject, why)), Some(at)) = (subject, text("at")) else {
            let fields = if recommendation { "sku, reason" } else { "offer_id" };
            skip(format!("{name} without {fields} or at"));
            continue;
        };
        let Ok(at) = Timestamp::parse(at) else {
            skip(format!("at: expected an RFC 3339 timestamp, got {at:?}"));
            continue;
        };
        let at = at.unix_seconds();
        let id = match event.get("analytics_id") {
            None | Some(Value::Null) => None,
            Some(Value::String(id)) => Some(id.as_str()),
            Some(other) => {
                skip(format!("analytics_id: expected a string or null, got {other}"));
                continue;
            }
        };
        if recommendation {
            let entry = by_reason.entry(why.to_string()).or_default();
            let click = name == "patron:rec-click";
            if click {
                entry.clicks += 1;
            } else {
                entry.impressions += 1;
            }
            // Purchases are followed for the shoppers the orders name, and the products they hold.
            let known = id.and_then(|id| customers.get(id)).zip(purchases.skus.get(subject));
            if let Some((&customer, &product)) = known {
                if click {
                    entry.clicked.insert((customer, product));
                } else {
                    let first = entry.shown.entry((customer, product)).or_insert(at);
                    *first = (*first).min(at);
                }
            }
            if id.is_none() {
                anonymous += 1;
            }
            continue;
        }
        let offer = subject;
        *per_offer.entry(offer.to_string()).or_insert(0) += 1;
        // Without analytics consent the widget sends no key: nothing to join to the orders.
        let Some(id) = id else {
            anonymous += 1;
            continue;
        };
        let Some(&customer) = customers.get(id) else {
            unmatched += 1;
            continue;
        };
        matched += 1;
        let key = (offer.to_string(), text("variant").unwrap_or_default().to_string());
        let entry = by_offer.entry(key).or_default();
        if name == "patron:offer-impression" {
            entry.exposed.insert(customer);
            continue;
        }
        let treatment = match text("group") {
            Some("treatment") => true,
            Some("holdout") => false,
            other => {
                skip(format!("group: expected \"treatment\" or \"holdout\", got {other:?}"));
                continue;
            }
        };
        entry
            .assigned
            .entry(customer)
            .and_modify(|first| {
                if at < first.1 {
                    *first = (treatment, at);
                }
            })
            .or_insert((treatment, at));
    }
    if lines > 0 && bad as f64 > MAX_BAD_SHARE * lines as f64 {
        return Err(format!(
            "patron: {}: {bad} of {} {} malformed, more than {:.0} %; the first: {}\n",
            events.display(),
            crate::words::count(lines as i64, "line", "lines"),
            if bad == 1 { "is" } else { "are" },
            MAX_BAD_SHARE * 100.0,
            reasons.first().cloned().unwrap_or_default()
        ));
    }
    if matched == 0 && unmatched > 0 {
        return Err(format!(
            "patron: no event of {} matches a customer of the orders: is --analytics-key the secret the sessions were built with?\n",
            events.display()
        ));
    }
    let mut keys: Vec<&(String, String)> = by_offer.keys().collect();
    keys.sort();
    let mut out = Vec::new();
    for key in keys {
        let Some(offer) = by_offer.get(key) else { continue };
        let (mut groups, mut revenue) = (
            Groups { treatment: 0, converted_treatment: 0, holdout: 0, converted_holdout: 0 },
            (Vec::new(), Vec::new()),
        );
        let mut exposed = 0;
        for (customer, (treatment, at)) in &offer.assigned {
            let window: Vec<f64> = purchases
                .orders
                .get(*customer as usize)
                .map(|orders| {
                    orders.iter().filter(|(t, _)| *t > *at && *t <= at + days * 86_400).map(|(_, v)| *v).collect()
                })
                .unwrap_or_default();
            let converted = u64::from(!window.is_empty());
            let spent: f64 = window.iter().sum();
            if *treatment {
                groups.treatment += 1;
                groups.converted_treatment += converted;
                revenue.0.push(spent);
                exposed += usize::from(offer.exposed.contains(customer));
            } else {
                groups.holdout += 1;
                groups.converted_holdout += converted;
                revenue.1.push(spent);
            }
        }
        let rate = |x: u64, n: u64| if n == 0 { Value::Null } else { json!(x as f64 / n as f64) };
        let uplift = newcombe(groups.converted_treatment, groups.treatment, groups.converted_holdout, groups.holdout);
        let revenue = welch(&revenue.0, &revenue.1);
        let holdout_percent = configured.map(|c| c.iter().find(|(id, _)| *id == key.0).map(|(_, percent)| *percent));
        let holdout = match holdout_percent {
            None => Holdout::NoConfig,
            Some(None) => Holdout::NotInConfig,
            Some(Some(percent)) => Holdout::Percent(percent),
        };
        out.push(json!({
            "id": key.0,
            "variant": if key.1.is_empty() { Value::Null } else { json!(key.1) },
            "treatment": groups.treatment,
            "holdout": groups.holdout,
            "conversion_treatment": rate(groups.converted_treatment, groups.treatment),
            "conversion_holdout": rate(groups.converted_holdout, groups.holdout),
            "uplift": uplift.map(|u| u.estimate),
            "uplift_low": uplift.map(|u| u.low),
            "uplift_high": uplift.map(|u| u.high),
            "revenue_per_customer_difference": revenue.map(|r| json!({"estimate": r.estimate, "low": r.low, "high": r.high})),
            "exposed": exposed,
            "baseline": groups.baseline(),
            "holdout_percent": holdout_percent.flatten(),
            "verdict": verdict(&groups, holdout),
        }));
    }
    let recommendations = recommendations(by_reason, purchases, days);
    let mut rewards: Vec<(String, Reward)> = by_reward.into_iter().collect();
    rewards.sort_by(|a, b| a.0.cmp(&b.0));
    let rewards = rewards
        .into_iter()
        .map(|(id, r)| {
            json!({
                "id": id, "impressions": r.impressions, "redemptions": r.redemptions,
                "points_redeemed": r.points, "failed": r.failed,
            })
        })
        .collect();
    let (mut unknown, mut silent) = (Vec::new(), Vec::new());
    if let Some(configured) = configured {
        let known = |id: &String| configured.iter().any(|(offer, _)| offer == id);
        unknown = per_offer.iter().filter(|(id, _)| !known(id)).map(|(id, n)| (id.clone(), *n)).collect();
        unknown.sort();
        silent = configured.iter().filter(|(id, _)| !per_offer.contains_key(id)).map(|(id, _)| id.clone()).collect();
    }
    Ok(Offers {
        offers: out,
        recommendations,
        rewards,
        anonymous,
        lines,
        skipped: (bad, reasons),
        unmatched,
        unknown,
        silent,
    })
}

/// Per reason, in the order of most impressions: impressions, clicks, and the products bought
/// within `days` after their first impression, of those shown to customers the orders name.
fn recommendations(by_reason: HashMap<String, Reason>, purchases: &Purchases, days: i64) -> Vec<Value> {
    let mut reasons: Vec<(String, Reason)> = by_reason.into_iter().collect();
    reasons.sort_by(|a, b| b.1.impressions.cmp(&a.1.impressions).then_with(|| a.0.cmp(&b.0)));
    reasons
        .into_iter()
        .map(|(reason, r)| {
            let bought = |&(customer, product): &(u32, u32), at: i64| {
                purchases
                    .products
                    .get(customer as usize)
                    .is_some_and(|list| list.iter().any(|&(t, p)| p == product && t > at && t <= at + days * 86_400))
            };
            let followed = r.shown.len() as u64;
            let purchased = r.shown.iter().filter(|(key, at)| bought(key, **at)).count() as u64;
            let clicked_then_bought =
                r.shown.iter().filter(|(key, at)| r.clicked.contains(*key) && bought(key, **at)).count() as u64;
            let share = |x: u64, n: u64| if n == 0 { Value::Null } else { json!(x as f64 / n as f64) };
            json!({
                "reason": reason,
                "impressions": r.impressions,
                "clicks": r.clicks,
                "click_rate": share(r.clicks, r.impressions),
                "followed": followed,
                "purchased": purchased,
                "purchase_rate": share(purchased, followed),
                "purchased_after_click": clicked_then_bought,
            })
        })
        .collect()
}
