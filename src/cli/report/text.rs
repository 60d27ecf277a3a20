//! `patron report`'s text for the terminal: the same figures as the JSON document, as tables and
//! sentences.

use std::fmt::Write as _;

use serde_json::Value;

use super::events::Offers;
use super::figures::{quantile, sorted, top_decile_share};
use crate::report::clv::Valuation;
use crate::report::health::{Cohort, Health};
use crate::words::{self, count, weeks};

fn percent(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

pub(super) fn text_report(
    health: &Health,
    cohorts: &[Cohort],
    valuation: &Result<Valuation, crate::error::Error>,
    timezone: Option<&str>,
    lines: u64,
    seconds: f64,
    partial: &[String],
) -> String {
    let mut out = String::new();
    let (first, last) =
        (health.months.first().map_or("", |m| m.month.as_str()), health.months.last().map_or("", |m| m.month.as_str()));
    // Which calendar dated the orders: the zone asked for, or each order's own offset.
    let timezone = timezone.unwrap_or("each order dated at its own UTC offset");
    let _ = writeln!(
        out,
        "Programme health, {first} to {last} ({timezone}): {} of {}, from {} in {seconds:.1} s",
        count(health.orders as i64, "order", "orders"),
        count(health.customers as i64, "customer", "customers"),
        count(lines as i64, "order line", "order lines")
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<8} {:>7} {:>9} {:>7} {:>10} {:>10} {:>9} {:>9}",
        "month", "active", "retention", "churn", "repurchase", "orders per", "average", "returning"
    );
    let _ = writeln!(
        out,
        "{:<8} {:>7} {:>9} {:>7} {:>10} {:>10} {:>9} {:>9}",
        "", "", "", "", "rate", "customer", "order", "revenue"
    );
    let dash = |v: Option<f64>| v.map_or_else(|| "–".to_string(), percent);
    for m in &health.months {
        let _ = writeln!(
            out,
            "{:<8} {:>7} {:>9} {:>7} {:>10} {:>10.2} {:>9.2} {:>9}",
            m.month,
            m.active,
            dash(m.retention_rate),
            dash(m.churn_rate),
            percent(m.repurchase_rate),
            m.purchase_frequency,
            m.average_order_value,
            percent(m.returning_revenue_share)
        );
    }
    let _ = writeln!(
        out,
        "{:<16} {:>9} {:>7} {:>10}",
        "whole period",
        dash(health.retention_rate),
        dash(health.churn_rate),
        percent(health.repurchase_rate)
    );
    if health.retention_rate.is_none() {
        let _ = writeln!(out, "(one month only: retention needs a month before)");
    }
    if !partial.is_empty() {
        let _ = writeln!(
            out,
            "(the period covers {} only in part: compare {} with care, or set --from and --to to whole months)",
            partial.join(" and "),
            if partial.len() == 1 { "its figures" } else { "their figures" }
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Cohorts: of each month's new customers, the share who bought in each later month");
    let width = cohorts.first().map_or(0, |c| c.retention.len());
    let mut header = format!("{:<8} {:>9}", "cohort", "customers");
    for k in 0..width {
        let _ = write!(header, " {:>5}", format!("+{k}"));
    }
    let _ = writeln!(out, "{header}");
    for c in cohorts {
        let mut row = format!("{:<8} {:>9}", c.month, c.customers);
        for share in &c.retention {
            let _ = write!(row, " {:>4.0}%", share * 100.0);
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out);
    match valuation {
        Ok(v) => {
            let historical = sorted(v.customers.iter().map(|c| c.historical));
            let predicted = sorted(v.customers.iter().map(|c| c.predicted));
            let alive = sorted(v.customers.iter().map(|c| c.probability_alive));
            let _ = writeln!(
                out,
                "Customer lifetime value: BG/NBD (r {:.3}, α {:.3}, a {:.3}, b {:.3}) and Gamma-Gamma (p {:.2}, q {:.2}, ν {:.2}), fitted in weeks",
                v.bgnbd.r, v.bgnbd.alpha, v.bgnbd.a, v.bgnbd.b, v.gamma_gamma.p, v.gamma_gamma.q, v.gamma_gamma.v
            );
            let _ = writeln!(
                out,
                "{:<32} {:>9} {:>9} {:>9} {:>9} {:>11}",
                "per customer", "p25", "median", "p75", "p90", "top tenth"
            );
            for (name, values, money) in [
                ("spent in the period".to_string(), &historical, true),
                (format!("predicted, next {}", weeks(v.horizon_weeks)), &predicted, true),
                ("probability alive".to_string(), &alive, false),
            ] {
                let show = |x: f64| if money { format!("{x:.2}") } else { percent(x) };
                let top = if money { percent(top_decile_share(values)) } else { String::new() };
                let _ = writeln!(
                    out,
                    "{:<32} {:>9} {:>9} {:>9} {:>9} {:>11}",
                    name,
                    show(quantile(values, 0.25)),
                    show(quantile(values, 0.5)),
                    show(quantile(values, 0.75)),
                    show(quantile(values, 0.9)),
                    top
                );
            }
        }
        Err(e) => {
            let _ = writeln!(out, "Customer lifetime value: not computed ({e})");
        }
    }
    out
}

/// At the top of the report: the event lines left out, and why.
pub(super) fn skipped_note(o: &Offers) -> String {
    let mut out = String::new();
    if o.skipped.0 > 0 {
        let _ = writeln!(
            out,
            "{} of {} {} malformed and skipped:",
            o.skipped.0,
            count(o.lines as i64, "event line", "event lines"),
            if o.skipped.0 == 1 { "was" } else { "were" }
        );
        for reason in &o.skipped.1 {
            let _ = writeln!(out, "  {reason}");
        }
        let _ = writeln!(out);
    }
    out
}

pub(super) fn offers_text(o: &Offers, days: i64) -> String {
    let mut out = String::new();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Offers against their control groups (conversion: an order within {} of the first assignment)",
        count(days, "day", "days")
    );
    if o.offers.is_empty() {
        let _ = writeln!(out, "No offer was assigned in the events.");
    }
    let number = |v: &Value| v.as_f64().map_or_else(|| "–".to_string(), |x| format!("{:.1} %", x * 100.0));
    for offer in &o.offers {
        let name = match offer["variant"].as_str() {
            Some(variant) => format!("{} ({variant})", offer["id"].as_str().unwrap_or_default()),
            None => offer["id"].as_str().unwrap_or_default().to_string(),
        };
        let _ = writeln!(
            out,
            "  {name}: {} assigned ({} seen it), {} held out; conversion {} against {}: {}",
            offer["treatment"],
            offer["exposed"],
            offer["holdout"],
            number(&offer["conversion_treatment"]),
            number(&offer["conversion_holdout"]),
            offer["verdict"].as_str().unwrap_or_default()
        );
    }
    for id in &o.silent {
        let _ = writeln!(out, "  {id}: no event names it yet");
    }
    if !o.unknown.is_empty() {
        let named: Vec<String> =
            o.unknown.iter().map(|(id, n)| format!("{id} ({})", count(*n as i64, "event", "events"))).collect();
        let _ = writeln!(out, "  (events name offers the config does not have: {})", named.join(", "));
    }
    if o.unmatched > 0 {
        let _ = writeln!(
            out,
            "  ({} named customers without orders in the period)",
            count(o.unmatched as i64, "event", "events")
        );
    }
    out
}

/// The recommendations' and the rewards' events, when there are any.
pub(super) fn engagement_text(o: &Offers, days: i64) -> String {
    let mut out = String::new();
    let count = |v: &Value| v.as_u64().unwrap_or(0);
    if !o.recommendations.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Recommendations by reason (bought: the product, within {} of its first impression, by customers the orders name)",
            words::count(days, "day", "days")
        );
        let _ = writeln!(
            out,
            "{:<20} {:>11} {:>7} {:>10} {:>9} {:>9}",
            "reason", "impressions", "clicks", "click rate", "bought", "of shown"
        );
        for r in &o.recommendations {
            let share = |v: &Value| v.as_f64().map_or_else(|| "–".to_string(), percent);
            let _ = writeln!(
                out,
                "{:<20} {:>11} {:>7} {:>10} {:>9} {:>9}",
                r["reason"].as_str().unwrap_or_default(),
                count(&r["impressions"]),
                count(&r["clicks"]),
                share(&r["click_rate"]),
                count(&r["purchased"]),
                share(&r["purchase_rate"])
            );
        }
    }
    if !o.rewards.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Rewards");
        let _ = writeln!(
            out,
            "{:<20} {:>11} {:>11} {:>15} {:>7}",
            "reward", "impressions", "redemptions", "points redeemed", "failed"
        );
        for r in &o.rewards {
            let _ = writeln!(
                out,
                "{:<20} {:>11} {:>11} {:>15} {:>7}",
                r["id"].as_str().unwrap_or_default(),
                count(&r["impressions"]),
                count(&r["redemptions"]),
                r["points_redeemed"].as_f64().unwrap_or(0.0),
                count(&r["failed"])
            );
        }
    }
    if o.anonymous > 0 {
        let _ = writeln!(
            out,
            "({} {} without an analytics key, from shoppers without analytics consent: counted, not joined to orders)",
            o.anonymous,
            if o.anonymous == 1 { "event came" } else { "events came" }
        );
    }
    out
}
