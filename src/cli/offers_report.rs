//! `patron report --events`: each offer's assigned groups, treatment against holdout. The events are
//! the widget's, forwarded by the shop as JSON lines (README, "Measuring success"):
//! `{"event": "patron:offer-assigned", "at": RFC 3339, "analytics_id", "offer_id", "group":
//! "treatment" | "holdout", "variant"?}`, and `patron:offer-impression` for exposure. Each order's
//! customer id is turned into its analytics key with the shop's secret to join the two.
//!
//! A customer counts in the group of their first assignment to the offer (intention to treat), and
//! converts with an order within `days` after it.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use serde_json::{json, Value};

use crate::report::uplift::{newcombe, verdict, welch, Groups};
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

/// What the events said, and what was wrong with them.
pub(crate) struct Offers {
    /// Per offer and variant, its figures as JSON.
    pub(crate) offers: Vec<Value>,
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

/// Reads `events` and compares each offer's groups. `customers` maps analytics keys to customer
/// numbers; `purchases` holds each customer's orders as (Unix seconds, value).
pub(crate) fn offers(
    events: &Path,
    customers: &HashMap<String, u32>,
    purchases: &[Vec<(i64, f64)>],
    days: i64,
    configured: Option<&[String]>,
) -> Result<Offers, String> {
    let file = std::fs::File::open(events).map_err(|e| format!("patron: cannot read {}: {e}\n", events.display()))?;
    let mut by_offer: HashMap<(String, String), Offer> = HashMap::new();
    let mut per_offer: HashMap<String, u64> = HashMap::new();
    let (mut lines, mut bad, mut reasons, mut unmatched, mut matched) = (0_u64, 0_u64, Vec::new(), 0_u64, 0_u64);
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
        if name != "patron:offer-assigned" && name != "patron:offer-impression" {
            continue;
        }
        let (Some(id), Some(offer), Some(at)) = (text("analytics_id"), text("offer_id"), text("at")) else {
            skip(format!("{name} without analytics_id, offer_id or at"));
            continue;
        };
        let Ok(at) = Timestamp::parse(at) else {
            skip(format!("at: expected an RFC 3339 timestamp, got {at:?}"));
            continue;
        };
        *per_offer.entry(offer.to_string()).or_insert(0) += 1;
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
        let at = at.unix_seconds();
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
            "patron: {}: {bad} of {lines} lines are malformed, more than {:.0} %; the first: {}\n",
            events.display(),
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
            "verdict": verdict(&groups),
        }));
    }
    let (mut unknown, mut silent) = (Vec::new(), Vec::new());
    if let Some(configured) = configured {
        unknown = per_offer.iter().filter(|(id, _)| !configured.contains(id)).map(|(id, n)| (id.clone(), *n)).collect();
        unknown.sort();
        silent = configured.iter().filter(|id| !per_offer.contains_key(*id)).cloned().collect();
    }
    Ok(Offers { offers: out, lines, skipped: (bad, reasons), unmatched, unknown, silent })
}
