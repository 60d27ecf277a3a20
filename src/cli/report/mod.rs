//! `patron report`: whether the programme works, from the shop's own orders export: programme health
//! per month, the monthly cohorts, customer lifetime value, and, with the widget's events, each offer
//! against its control group and the recommendations' and rewards' engagement. One JSON document
//! holds it all; the text and HTML formats (`html`) are views of it; the events are read in `events`.
//!
//! The export is read line by line and folded into one record per order as it goes: memory grows with
//! the orders and customers, not with the lines.

mod events;
mod figures;
mod html;
mod text;

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Value};

use super::input::said;
use super::session::{for_each_row, read_secret};
use crate::error::Error;
use crate::report::clv::{self, Valuation};
use crate::report::health::{self, Health, Order};
use crate::time::Date;
use events::{offers, Purchases};
use figures::{quantile, sorted, top_decile_share};

/// The report's formats.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// For the terminal.
    Text,
    /// For tools: the names the book lists stay (report/figures.md, "The figures as JSON").
    Json,
    /// One self-contained page with tables and charts, for people.
    Html,
}

/// What `patron report` was asked for.
pub(crate) struct Request<'a> {
    pub(crate) orders: &'a Path,
    pub(crate) from: Option<&'a str>,
    pub(crate) to: Option<&'a str>,
    /// The IANA zone that dates the orders; without it, each order is dated at its own UTC offset.
    pub(crate) timezone: Option<&'a str>,
    pub(crate) horizon_weeks: f64,
    /// The yearly rate predicted values are discounted at; 0 for none.
    pub(crate) discount_rate: f64,
    pub(crate) format: ReportFormat,
    pub(crate) out: Option<&'a Path>,
    /// The widget's events, forwarded by the shop as JSON lines.
    pub(crate) events: Option<&'a Path>,
    /// The shop's analytics secret, to join the events to the orders.
    pub(crate) analytics_key: Option<&'a Path>,
    /// An order within this many days of an assignment converts.
    pub(crate) conversion_days: i64,
    /// The marketer's config: which offers exist, and their holdouts.
    pub(crate) config: Option<&'a Path>,
}

pub(crate) fn report(request: &Request) -> Result<String, String> {
    let tz = request
        .timezone
        .map(|name| jiff::tz::TimeZone::get(name).map_err(|e| format!("patron: --timezone {name}: {e}\n")))
        .transpose()?;
    let day = |flag: &str, value: Option<&str>| -> Result<Option<i64>, String> {
        value
            .map(|v| Date::parse(v).map(Date::days_since_epoch).map_err(|e| format!("patron: {flag} {v}: {e}\n")))
            .transpose()
    };
    if !(request.discount_rate.is_finite() && (0.0..=1.0).contains(&request.discount_rate)) {
        return Err(format!(
            "patron: --discount-rate {}: expected a yearly rate from 0 to 1, such as 0.1 for 10 %\n",
            request.discount_rate
        ));
    }
    if !(request.horizon_weeks.is_finite() && request.horizon_weeks > 0.0 && request.horizon_weeks <= 520.0) {
        return Err(format!(
            "patron: --horizon-weeks {}: expected a number of weeks above 0 and at most 520\n",
            request.horizon_weeks
        ));
    }
    let (from, to) = (day("--from", request.from)?, day("--to", request.to)?);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(format!(
                "patron: --from {} is after --to {}\n",
                request.from.unwrap_or_default(),
                request.to.unwrap_or_default()
            ));
        }
    }
    let secret = match (request.events, request.analytics_key) {
        (Some(_), None) => {
            return Err("patron: --events needs --analytics-key FILE: the secret the sessions' analytics_id was built with, to join the events to the orders\n".to_string())
        }
        (_, key) => key.map(read_secret).transpose()?,
    };
    let configured: Option<Vec<(String, f64)>> = match request.config {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("patron: cannot read {}: {e}\n", path.display()))?;
            let config = crate::Config::from_json(&text).map_err(|e| format!("patron: {}: {e}\n", path.display()))?;
            Some(config.offers.iter().map(|offer| (offer.id.clone(), offer.holdout_percent)).collect())
        }
        None => None,
    };
    let started = std::time::Instant::now();
    // One record per order, and with events the products of each order line: 87 MB at most for The
    // Complete Journey's 100 MB export (the book, internals/figures.md); the events themselves are streamed.
    super::input::check_memory(request.orders, "patron report", if request.events.is_some() { 1.0 } else { 0.4 })?;
    let mut customers: HashMap<String, u32> = HashMap::new();
    let mut at: HashMap<(u32, String), usize> = HashMap::new();
    let mut orders: Vec<Order> = Vec::new();
    // Each order's moment, beside `orders`, for the offers' conversion windows.
    let mut moments: Vec<i64> = Vec::new();
    let mut lines = 0_u64;
    // With events: which products each order holds, for the recommendations' purchases.
    let mut skus: HashMap<String, u32> = HashMap::new();
    let mut bought: Vec<(u32, i64, u32)> = Vec::new();
    for_each_row(request.orders, |customer, row| {
        lines += 1;
        // The shop's calendar day, in whole days since 1970-01-01: the moment shifted by the UTC
        // offset the order was written with (the day the shop's system wrote down), or with
        // --timezone by the zone's offset then (daylight saving included).
        let unix = row.placed_at.unix_seconds();
        let offset = match &tz {
            Some(tz) => {
                let instant = jiff::Timestamp::from_second(unix)
                    .map_err(|e| Error::in_file(request.orders.display().to_string(), e.to_string()))?;
                i64::from(tz.to_offset(instant).seconds())
            }
            None => i64::from(row.placed_at.offset_minutes()) * 60,
        };
        let day = (unix + offset).div_euclid(86_400);
        if from.is_some_and(|from| day < from) || to.is_some_and(|to| day > to) {
            return Ok(());
        }
        let next = customers.len() as u32;
        let number = *customers.entry(customer.to_string()).or_insert(next);
        let value = row.unit_price.minor() as f64 / 100.0 * f64::from(row.quantity);
        if request.events.is_some() {
            let next = skus.len() as u32;
            let product = match skus.get(&row.sku) {
                Some(&product) => product,
                None => *skus.entry(row.sku.clone()).or_insert(next),
            };
            bought.push((number, unix, product));
        }
        // The row is ours: its order id moves into the map, one allocation per line at most.
        match at.entry((number, row.order)) {
            std::collections::hash_map::Entry::Occupied(slot) => {
                if let Some(order) = orders.get_mut(*slot.get()) {
                    order.value += value;
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(orders.len());
                let date = Date::from_days_since_epoch(day).unwrap_or_default();
                let month = date.year() * 12 + i32::from(date.month()) - 1;
                orders.push(Order { customer: number, month, day, value });
                moments.push(unix);
            }
        }
        Ok(())
    })
    .map_err(said)?;
    drop(at);
    if orders.is_empty() {
        return Err(format!("patron: {} has no order in the period\n", request.orders.display()));
    }
    let offers = match (request.events, &secret) {
        (Some(events), Some(secret)) => {
            let keys: HashMap<String, u32> =
                customers.iter().map(|(id, n)| (crate::hash::analytics_id(secret, id), *n)).collect();
            let mut purchases: Vec<Vec<(i64, f64)>> = vec![Vec::new(); customers.len()];
            for (order, at) in orders.iter().zip(&moments) {
                if let Some(list) = purchases.get_mut(order.customer as usize) {
                    list.push((*at, order.value));
                }
            }
            let mut products: Vec<Vec<(i64, u32)>> = vec![Vec::new(); customers.len()];
            for (customer, at, product) in std::mem::take(&mut bought) {
                if let Some(list) = products.get_mut(customer as usize) {
                    list.push((at, product));
                }
            }
            let purchases = Purchases { orders: &purchases, products: &products, skus: &skus };
            Some(offers(events, &keys, &purchases, request.conversion_days, configured.as_deref())?)
        }
        _ => None,
    };
    let (health, cohorts) = health::health(&orders);
    let end_day = to.unwrap_or_else(|| orders.iter().map(|o| o.day).max().unwrap_or(0));
    let start_day = from.unwrap_or_else(|| orders.iter().map(|o| o.day).min().unwrap_or(0));
    let partial = partial_months(&health, start_day, end_day);
    let valuation = clv::value(&orders, end_day, request.horizon_weeks, request.discount_rate);
    let seconds = started.elapsed().as_secs_f64();
    let document = json!({
        "period": {
            "from": health.months.first().map(|m| m.month.clone()),
            "to": health.months.last().map(|m| m.month.clone()),
            "timezone": request.timezone,
            "order_lines": lines,
            "partial_months": partial,
        },
        "health": health_json(&health),
        "cohorts": cohorts.iter().map(|c| json!({"cohort": c.month, "customers": c.customers, "retention": c.retention})).collect::<Vec<_>>(),
        "clv": match &valuation {
            Ok(v) => clv_json(v),
            Err(e) => json!({ "error": e.to_string() }),
        },
        "events": offers.as_ref().map(|o| json!({
            "lines": o.lines, "skipped": o.skipped.0, "skipped_first": o.skipped.1, "unmatched": o.unmatched,
            "anonymous": o.anonymous,
            "unknown_offers": o.unknown.iter().map(|(id, n)| json!({"id": id, "events": n})).collect::<Vec<_>>(),
            "offers_without_events": o.silent,
        })),
        "conversion_days": request.conversion_days,
        "offers": offers.as_ref().map_or_else(Vec::new, |o| o.offers.clone()),
        "recommendations": offers.as_ref().map_or_else(Vec::new, |o| o.recommendations.clone()),
        "rewards": offers.as_ref().map_or_else(Vec::new, |o| o.rewards.clone()),
    });
    let text = match request.format {
        ReportFormat::Json => format!("{}\n", serde_json::to_string_pretty(&document).unwrap_or_default()),
        ReportFormat::Html => html::html(&document),
        ReportFormat::Text => {
            let mut text = String::new();
            if let Some(o) = &offers {
                text += &text::skipped_note(o);
            }
            text += &text::text_report(&health, &cohorts, &valuation, request.timezone, lines, seconds, &partial);
            if let Some(o) = &offers {
                text += &text::offers_text(o, request.conversion_days);
                text += &text::engagement_text(o, request.conversion_days);
            }
            text
        }
    };
    match request.out {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("patron: cannot write {}: {e}\n", path.display()))?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}

/// The months the period covers only in part (it starts after their first day or ends before their
/// last): their figures are not comparable with the others'.
fn partial_months(health: &Health, start_day: i64, end_day: i64) -> Vec<String> {
    let first_day = |name: &str| -> Option<(i64, i64)> {
        let (year, month) = name.split_once('-')?;
        let (year, month): (i32, u8) = (year.parse().ok()?, month.parse().ok()?);
        let start = Date::new(year, month, 1)?.days_since_epoch();
        let next = if month == 12 { Date::new(year + 1, 1, 1) } else { Date::new(year, month + 1, 1) };
        Some((start, next?.days_since_epoch() - 1))
    };
    health
        .months
        .iter()
        .filter(|m| first_day(&m.month).is_some_and(|(first, last)| start_day > first || end_day < last))
        .map(|m| m.month.clone())
        .collect()
}

fn health_json(health: &Health) -> serde_json::Value {
    json!({
        "customers": health.customers,
        "orders": health.orders,
        "retention_rate": health.retention_rate,
        "churn_rate": health.churn_rate,
        "repurchase_rate": health.repurchase_rate,
        "months": health.months.iter().map(|m| json!({
            "month": m.month,
            "active": m.active,
            "orders": m.orders,
            "revenue": m.revenue,
            "retention_rate": m.retention_rate,
            "churn_rate": m.churn_rate,
            "repurchase_rate": m.repurchase_rate,
            "purchase_frequency": m.purchase_frequency,
            "average_order_value": m.average_order_value,
            "returning_revenue_share": m.returning_revenue_share,
        })).collect::<Vec<_>>(),
    })
}

fn distribution(values: &[f64]) -> serde_json::Value {
    json!({
        "mean": values.iter().sum::<f64>() / values.len().max(1) as f64,
        "p10": quantile(values, 0.1), "p25": quantile(values, 0.25), "median": quantile(values, 0.5),
        "p75": quantile(values, 0.75), "p90": quantile(values, 0.9),
        "top_decile_share": top_decile_share(values),
    })
}

fn clv_json(v: &Valuation) -> serde_json::Value {
    let historical = sorted(v.customers.iter().map(|c| c.historical));
    let predicted = sorted(v.customers.iter().map(|c| c.predicted));
    let alive = sorted(v.customers.iter().map(|c| c.probability_alive));
    json!({
        "bgnbd": { "r": v.bgnbd.r, "alpha": v.bgnbd.alpha, "a": v.bgnbd.a, "b": v.bgnbd.b },
        "gamma_gamma": { "p": v.gamma_gamma.p, "q": v.gamma_gamma.q, "v": v.gamma_gamma.v },
        "time_unit": "week",
        "horizon_weeks": v.horizon_weeks,
        "discount_rate": v.discount_rate,
        "customers": v.customers.len(),
        "historical": distribution(&historical),
        "predicted": distribution(&predicted),
        "probability_alive": distribution(&alive),
        "predicted_histogram": histogram(&predicted),
    })
}

/// The predicted values in 20 bins of equal width up to the 99th percentile, the last bin holding
/// everything above: `[{from, to, customers}]`, for the report's chart.
fn histogram(sorted: &[f64]) -> serde_json::Value {
    const BINS: usize = 20;
    let top = quantile(sorted, 0.99).max(f64::MIN_POSITIVE);
    let width = top / BINS as f64;
    let mut counts = [0_u64; BINS];
    for &x in sorted {
        let bin = ((x / width).floor().max(0.0) as usize).min(BINS - 1);
        if let Some(count) = counts.get_mut(bin) {
            *count += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let last = i == BINS - 1;
            json!({"from": i as f64 * width, "to": if last { Value::Null } else { json!((i + 1) as f64 * width) }, "customers": n})
        })
        .collect()
}
