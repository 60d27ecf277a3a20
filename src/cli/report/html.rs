//! `patron report --format html`: the report's JSON document as one self-contained page — tables,
//! and charts drawn as inline SVG (the retention curve, the cohort heatmap, the lifetime-value
//! distribution, each offer's uplift with its interval). Nothing is fetched from anywhere: no
//! script, no font, no image file. Each chart is an `<svg role="img">` with a title and a
//! description that says what it shows in words, and a table with the same figures follows it;
//! series differ by shape and dash as well as colour, and every heatmap cell prints its value.
//!
//! The SVG is written here rather than with a plotting crate: the charts are four simple shapes,
//! the text is laid out by the browser (a plotting crate measures glyphs itself, with fonts a
//! server may lack), and the accessible structure (`<title>`, `<desc>`, `aria-labelledby`) is ours
//! to write anyway.
//!
//! Over 450 lines: the page is written top to bottom, section by section, in the order it reads;
//! split, its sections would still share the table and chart writers and the page's structure.

use std::fmt::Write as _;

use serde_json::Value;

use crate::words::{count, weeks};

/// A count in a JSON value with its noun: "1 customer", "2 customers".
fn counted(v: &Value, one: &str, other: &str) -> String {
    count(v.as_i64().unwrap_or(0), one, other)
}

/// Escapes text for HTML and SVG content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A share as a percentage with one decimal, or a dash when there is none.
fn pct(v: &Value) -> String {
    v.as_f64().map_or_else(|| "–".to_string(), |x| format!("{:.1} %", x * 100.0))
}

/// Percentage points, signed.
fn points(x: f64) -> String {
    format!("{:+.1}", x * 100.0)
}

fn money(v: &Value) -> String {
    v.as_f64().map_or_else(|| "–".to_string(), |x| format!("{x:.2}"))
}

const STYLE: &str = "
:root { color-scheme: light; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.75rem 0 1.5rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.25rem 0.6rem; text-align: right; border-bottom: 1px solid #e2e2e2; }
th:first-child, td:first-child { text-align: left; white-space: nowrap; } td { white-space: nowrap; } td.words { white-space: normal; text-align: left; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
figure { margin: 1rem 0; } figcaption { font-size: 0.9rem; color: #444; }
svg { max-width: 100%; height: auto; } svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
.note { background: #fff7e0; border-left: 4px solid #b07800; padding: 0.5rem 0.75rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; }
dl.figures div { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.75rem; }
dl.figures dt { font-size: 0.85rem; color: #444; } dl.figures dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
";

/// The report as one HTML page.
pub(crate) fn html(doc: &Value) -> String {
    let period = &doc["period"];
    let (from, to) = (str_of(&period["from"]), str_of(&period["to"]));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Patron report, {} to {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Loyalty programme report, {} to {}</h1>\n",
        esc(from),
        esc(to),
        esc(from),
        esc(to)
    );
    // Which calendar dated the orders: the zone asked for, or each order's own UTC offset.
    let calendar = match period["timezone"].as_str() {
        Some(zone) => format!("Calendar days and months in {}", esc(zone)),
        None => "Each order dated at its own UTC offset, as the shop's system wrote it".to_string(),
    };
    let _ = writeln!(
        out,
        "<p>{calendar}; {}. Computed by <code>patron report</code> on the shop's own machine.</p>",
        counted(&period["order_lines"], "order line", "order lines")
    );
    if let Some(events) = doc["events"].as_object() {
        if events.get("skipped").and_then(Value::as_u64).unwrap_or(0) > 0 {
            let _ = write!(
                out,
                "<div class=\"note\" role=\"note\"><p>{} of {} {} malformed and skipped:</p><ul>",
                events["skipped"],
                counted(&events["lines"], "event line", "event lines"),
                if events["skipped"].as_u64() == Some(1) { "was" } else { "were" }
            );
            for reason in events["skipped_first"].as_array().into_iter().flatten() {
                let _ = write!(out, "<li>{}</li>", esc(str_of(reason)));
            }
            out.push_str("</ul></div>\n");
        }
    }
    health(&mut out, doc);
    cohorts(&mut out, doc);
    clv(&mut out, &doc["clv"]);
    offers(&mut out, doc);
    engagement(&mut out, doc);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Opens a chart: an `<svg role="img">` named by its title and described by `desc`.
fn open_chart(out: &mut String, id: &str, width: u32, height: u32, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        esc(title),
        esc(desc)
    );
}

fn close_chart(out: &mut String, caption: &str) {
    let _ = write!(out, "</svg>\n<figcaption>{}</figcaption>\n</figure>\n", esc(caption));
}

fn health(out: &mut String, doc: &Value) {
    let h = &doc["health"];
    out.push_str("<h2 id=\"health\">Programme health</h2>\n<dl class=\"figures\">\n");
    for (name, value) in [
        ("Customers", h["customers"].to_string()),
        ("Orders", h["orders"].to_string()),
        ("Retention, mean per month", pct(&h["retention_rate"])),
        ("Churn, mean per month", pct(&h["churn_rate"])),
        ("Repurchase rate", pct(&h["repurchase_rate"])),
    ] {
        let _ = writeln!(out, "<div><dt>{name}</dt><dd>{}</dd></div>", esc(&value));
    }
    out.push_str("</dl>\n");
    let months: Vec<&Value> = h["months"].as_array().map(|m| m.iter().collect()).unwrap_or_default();
    let rated: Vec<(usize, f64, f64)> = months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m["retention_rate"].as_f64()?, m["churn_rate"].as_f64()?)))
        .collect();
    if rated.is_empty() {
        out.push_str("<p>One month only: retention needs a month before, so there is no retention curve.</p>\n");
    } else {
        retention_chart(out, &months, &rated);
    }
    if let Some(partial) = doc.pointer("/period/partial_months").and_then(Value::as_array).filter(|p| !p.is_empty()) {
        let names: Vec<String> = partial.iter().map(|p| esc(str_of(p))).collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">The period covers {} only in part: compare with care, or set <code>--from</code> and <code>--to</code> to whole months.</p>",
            names.join(" and ")
        );
    }
    out.push_str("<table>\n<caption>Per month</caption>\n<thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Active customers</th><th scope=\"col\">Retention</th><th scope=\"col\">Churn</th><th scope=\"col\">Repurchase rate</th><th scope=\"col\">Orders per customer</th><th scope=\"col\">Average order</th><th scope=\"col\">Returning customers' revenue</th></tr></thead>\n<tbody>\n");
    for m in &months {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td></tr>",
            esc(str_of(&m["month"])),
            m["active"],
            pct(&m["retention_rate"]),
            pct(&m["churn_rate"]),
            pct(&m["repurchase_rate"]),
            m["purchase_frequency"].as_f64().unwrap_or(0.0),
            money(&m["average_order_value"]),
            pct(&m["returning_revenue_share"])
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Retention (solid line, circles) and churn (dashed line, squares) per month, 0 to 100 %.
fn retention_chart(out: &mut String, months: &[&Value], rated: &[(usize, f64, f64)]) {
    let (w, h, left, right, top, bottom) = (720.0, 330.0, 56.0, 16.0, 16.0, 90.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let x = |i: usize| left + plot_w * (i as f64 + 0.5) / months.len().max(1) as f64;
    let y = |share: f64| top + plot_h * (1.0 - share);
    let mean = rated.iter().map(|r| r.1).sum::<f64>() / rated.len() as f64;
    let month = |r: Option<&(usize, f64, f64)>| r.and_then(|r| months.get(r.0)).map_or("", |m| str_of(&m["month"]));
    let (lowest, highest) = rated.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| (lo.min(r.1), hi.max(r.1)));
    let desc = format!(
        "Monthly retention from {} to {}: between {:.1} % and {:.1} %, {:.1} % on average. Churn is its complement. The table below has every month's figures.",
        month(rated.first()),
        month(rated.last()),
        lowest * 100.0,
        highest * 100.0,
        mean * 100.0
    );
    open_chart(out, "retention", w as u32, h as u32, "Retention and churn per month", &desc);
    for tick in 0..=4 {
        let share = f64::from(tick) / 4.0;
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{:.0} %</text>",
            w - right,
            y(share),
            y(share),
            left - 6.0,
            y(share) + 4.0,
            share * 100.0
        );
    }
    let step = months.len().div_ceil(12).max(1);
    for (i, m) in months.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" transform=\"rotate(-40 {:.1} {:.1})\">{}</text>",
            x(i),
            h - bottom + 16.0,
            x(i),
            h - bottom + 16.0,
            esc(str_of(&m["month"]))
        );
    }
    let path = |pick: &dyn Fn(&(usize, f64, f64)) -> f64| -> String {
        rated.iter().map(|r| format!("{:.1},{:.1}", x(r.0), y(pick(r)))).collect::<Vec<_>>().join(" ")
    };
    let _ =
        writeln!(out, "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>", path(&|r| r.1));
    let _ = writeln!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#a8431f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        path(&|r| r.2)
    );
    for r in rated {
        let _ = writeln!(out, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#1f5fa8\"/>", x(r.0), y(r.1));
        let _ = writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"#a8431f\"/>",
            x(r.0) - 3.5,
            y(r.2) - 3.5
        );
    }
    // The legend names each series beside its marker and line style.
    let ly = h - 12.0;
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#1f5fa8\" stroke-width=\"2\"/><circle cx=\"{}\" cy=\"{ly}\" r=\"3.5\" fill=\"#1f5fa8\"/><text x=\"{}\" y=\"{}\">retention (solid, circles)</text>",
        left + 28.0,
        left + 14.0,
        left + 34.0,
        ly + 4.0
    );
    let _ = writeln!(
        out,
        "<line x1=\"{}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#a8431f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#a8431f\"/><text x=\"{}\" y=\"{}\">churn (dashed, squares)</text>",
        left + 230.0,
        left + 258.0,
        left + 240.5,
        ly - 3.5,
        left + 264.0,
        ly + 4.0
    );
    close_chart(
        out,
        "Retention: of the customers active in the month before, the share who bought again. Churn: the share who did not.",
    );
}

/// The cohort matrix as a heatmap (darker: more of the cohort bought) with every value printed in
/// its cell, then as a table.
fn cohorts(out: &mut String, doc: &Value) {
    out.push_str("<h2 id=\"cohorts\">Cohorts</h2>\n");
    let cohorts: Vec<&Value> = doc["cohorts"].as_array().map(|c| c.iter().collect()).unwrap_or_default();
    if cohorts.is_empty() {
        out.push_str("<p>No cohort in the period.</p>\n");
        return;
    }
    let width = cohorts.iter().map(|c| c["retention"].as_array().map_or(0, Vec::len)).max().unwrap_or(0);
    let (cell_w, cell_h, left, top) = (48.0, 24.0, 150.0, 40.0);
    let w = left + cell_w * width as f64 + 16.0;
    let h = top + cell_h * cohorts.len() as f64 + 16.0;
    let second: Vec<f64> = cohorts.iter().filter_map(|c| c["retention"].get(1).and_then(Value::as_f64)).collect();
    let desc = if second.is_empty() {
        format!(
            "{} of new customers by month of first order; none has a later month yet.",
            count(cohorts.len() as i64, "cohort", "cohorts")
        )
    } else {
        format!(
            "{} of new customers by month of first order. In the month after their first, between {:.0} % and {:.0} % of a cohort bought again. Each cell prints its share; the table below has the same figures.",
            count(cohorts.len() as i64, "cohort", "cohorts"),
            second.iter().copied().fold(f64::MAX, f64::min) * 100.0,
            second.iter().copied().fold(f64::MIN, f64::max) * 100.0
        )
    };
    open_chart(out, "cohorts", w as u32, h as u32, "Cohort retention heatmap", &desc);
    for k in 0..width {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">+{k}</text>",
            left + cell_w * (k as f64 + 0.5),
            top - 10.0
        );
    }
    for (row, c) in cohorts.iter().enumerate() {
        let y = top + cell_h * row as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{} ({})</text>",
            left - 8.0,
            y + cell_h / 2.0 + 4.0,
            esc(str_of(&c["cohort"])),
            c["customers"]
        );
        for (k, share) in c["retention"].as_array().into_iter().flatten().enumerate() {
            let share = share.as_f64().unwrap_or(0.0);
            // Light to mid blue: dark text stays readable on every shade (contrast above 4.5:1).
            let lightness = 96.0 - 40.0 * share.clamp(0.0, 1.0);
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"hsl(212 70% {lightness:.0}%)\" stroke=\"#fff\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.0}%</text>",
                left + cell_w * k as f64,
                left + cell_w * (k as f64 + 0.5),
                y + cell_h / 2.0 + 4.0,
                share * 100.0
            );
        }
    }
    close_chart(out, "Of each month's new customers (their number in brackets), the share who bought in each later month: +0 is the month of the first order.");
    out.push_str("<table>\n<caption>Cohort retention</caption>\n<thead><tr><th scope=\"col\">Cohort</th><th scope=\"col\">Customers</th>");
    for k in 0..width {
        let _ = write!(out, "<th scope=\"col\">+{k}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for c in &cohorts {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th><td>{}</td>", esc(str_of(&c["cohort"])), c["customers"]);
        for share in c["retention"].as_array().into_iter().flatten() {
            let _ = write!(out, "<td>{:.0} %</td>", share.as_f64().unwrap_or(0.0) * 100.0);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn clv(out: &mut String, clv: &Value) {
    out.push_str("<h2 id=\"clv\">Customer lifetime value</h2>\n");
    if let Some(error) = clv["error"].as_str() {
        let _ = writeln!(out, "<p>Not computed: {}.</p>", esc(error));
        return;
    }
    let (b, g) = (&clv["bgnbd"], &clv["gamma_gamma"]);
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let discount = clv["discount_rate"].as_f64().unwrap_or(0.0);
    let _ = writeln!(
        out,
        "<p>BG/NBD (r {:.3}, α {:.3}, a {:.3}, b {:.3}) for the number of future purchases and Gamma-Gamma (p {:.2}, q {:.2}, ν {:.2}) for their value, fitted by maximum likelihood in weeks, over {}. Predicted over the next {}{}.</p>",
        f(&b["r"]), f(&b["alpha"]), f(&b["a"]), f(&b["b"]), f(&g["p"]), f(&g["q"]), f(&g["v"]),
        counted(&clv["customers"], "customer", "customers"),
        weeks(clv["horizon_weeks"].as_f64().unwrap_or(0.0)),
        if discount > 0.0 { format!(", discounted at {:.1} % a year", discount * 100.0) } else { String::new() }
    );
    let bins: Vec<&Value> = clv["predicted_histogram"].as_array().map(|b| b.iter().collect()).unwrap_or_default();
    if !bins.is_empty() {
        let (w, h, left, bottom, top) = (720.0, 280.0, 64.0, 56.0, 16.0);
        let most = bins.iter().filter_map(|b| b["customers"].as_u64()).max().unwrap_or(1).max(1) as f64;
        let bar_w = (w - left - 16.0) / bins.len() as f64;
        let plot_h = h - top - bottom;
        let p = &clv["predicted"];
        let desc = format!(
            "The distribution of the value predicted per customer over the next {}: median {}, 90th percentile {}; the top tenth of customers holds {} of the total. Bars count customers per range of value; the last bar holds everyone above.",
            weeks(clv["horizon_weeks"].as_f64().unwrap_or(0.0)),
            money(&p["median"]),
            money(&p["p90"]),
            pct(&p["top_decile_share"])
        );
        open_chart(out, "clv", w as u32, h as u32, "Predicted lifetime value per customer", &desc);
        for tick in 0..=4 {
            let n = most * f64::from(tick) / 4.0;
            let y = top + plot_h * (1.0 - f64::from(tick) / 4.0);
            let _ = writeln!(
                out,
                "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{n:.0}</text>",
                w - 16.0,
                left - 6.0,
                y + 4.0
            );
        }
        for (i, bin) in bins.iter().enumerate() {
            let n = bin["customers"].as_f64().unwrap_or(0.0);
            let bar_h = plot_h * n / most;
            let x = left + bar_w * i as f64;
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" fill=\"#1f5fa8\"><title>{} to {}: {}</title></rect>",
                x + 1.0,
                top + plot_h - bar_h,
                bar_w - 2.0,
                money(&bin["from"]),
                if bin["to"].is_null() { "more".to_string() } else { money(&bin["to"]) },
                count(n as i64, "customer", "customers")
            );
            if i % 4 == 0 {
                let _ = writeln!(
                    out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.0}</text>",
                    h - bottom + 16.0,
                    bin["from"].as_f64().unwrap_or(0.0)
                );
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">predicted value over the horizon (currency units)</text><text x=\"14\" y=\"{:.1}\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">customers</text>",
            left + (w - left) / 2.0,
            h - 12.0,
            top + plot_h / 2.0,
            top + plot_h / 2.0
        );
        close_chart(out, "Customers by predicted value; the last bar holds everyone above the 99th percentile.");
    }
    out.push_str("<table>\n<caption>Per customer</caption>\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">25th percentile</th><th scope=\"col\">Median</th><th scope=\"col\">75th percentile</th><th scope=\"col\">90th percentile</th><th scope=\"col\">Top tenth's share</th></tr></thead>\n<tbody>\n");
    for (name, key, is_money) in [
        ("Spent in the period".to_string(), "historical", true),
        (format!("Predicted, next {}", weeks(clv["horizon_weeks"].as_f64().unwrap_or(0.0))), "predicted", true),
        ("Probability alive".to_string(), "probability_alive", false),
    ] {
        let d = &clv[key];
        let show = |v: &Value| if is_money { money(v) } else { pct(v) };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&name),
            show(&d["p25"]),
            show(&d["median"]),
            show(&d["p75"]),
            show(&d["p90"]),
            if is_money { pct(&d["top_decile_share"]) } else { String::new() }
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn offer_name(offer: &Value) -> String {
    match offer["variant"].as_str() {
        Some(variant) => format!("{} ({variant})", str_of(&offer["id"])),
        None => str_of(&offer["id"]).to_string(),
    }
}

/// Each offer's uplift with its 95 % interval: a dot between whiskers, around a zero line.
fn offers(out: &mut String, doc: &Value) {
    if doc["events"].is_null() {
        return;
    }
    let days = doc["conversion_days"].as_i64().unwrap_or(14);
    let _ = writeln!(
        out,
        "<h2 id=\"offers\">Offers against their control groups</h2>\n<p>Conversion: an order within {} of the customer's first assignment to the offer. Everyone assigned counts, whether they saw the banner or not (intention to treat).</p>",
        count(days, "day", "days")
    );
    let list: Vec<&Value> = doc["offers"].as_array().map(|o| o.iter().collect()).unwrap_or_default();
    if list.is_empty() {
        out.push_str("<p>No offer was assigned in the events.</p>\n");
        return;
    }
    let with_interval: Vec<(&Value, f64, f64, f64)> = list
        .iter()
        .filter_map(|o| Some((*o, o["uplift"].as_f64()?, o["uplift_low"].as_f64()?, o["uplift_high"].as_f64()?)))
        .collect();
    if !with_interval.is_empty() {
        let (w, left, right, top, row_h) = (720.0, 220.0, 24.0, 28.0, 32.0);
        let h = top + row_h * with_interval.len() as f64 + 40.0;
        let reach = with_interval.iter().fold(0.01_f64, |m, (_, _, lo, hi)| m.max(lo.abs()).max(hi.abs()));
        let reach = (reach * 100.0).ceil() / 100.0;
        let x = |v: f64| left + (w - left - right) * (v + reach) / (2.0 * reach);
        let desc: Vec<String> = with_interval
            .iter()
            .map(|(o, u, lo, hi)| {
                format!("{}: {} points ({} to {})", offer_name(o), points(*u), points(*lo), points(*hi))
            })
            .collect();
        let desc = format!(
            "Uplift in conversion, treatment minus holdout, in percentage points with 95 % intervals. {}. An interval that crosses zero is no evidence of an effect.",
            desc.join("; ")
        );
        open_chart(out, "uplift", w as u32, h as u32, "Uplift per offer with its 95 % interval", &desc);
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{}\" y2=\"{:.1}\" stroke=\"#1a1a1a\" stroke-dasharray=\"3 3\"/><text x=\"{:.1}\" y=\"16\" text-anchor=\"middle\">no effect</text>",
            x(0.0),
            x(0.0),
            top - 6.0,
            h - 36.0,
            x(0.0)
        );
        for tick in [-reach, -reach / 2.0, reach / 2.0, reach] {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(tick),
                h - 20.0,
                points(tick)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">uplift in conversion (percentage points)</text>",
            x(0.0),
            h - 4.0
        );
        for (i, (o, u, lo, hi)) in with_interval.iter().enumerate() {
            let y = top + row_h * (i as f64 + 0.5);
            // A filled dot where the interval excludes zero, a hollow one where it does not: the
            // verdict without relying on colour.
            let evidence = *lo > 0.0 || *hi < 0.0;
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1a1a1a\" stroke-width=\"2\"/><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1a1a1a\" stroke-width=\"2\"/><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1a1a1a\" stroke-width=\"2\"/><circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"{}\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>",
                left - 10.0,
                y + 4.0,
                esc(&offer_name(o)),
                x(*lo),
                x(*hi),
                x(*lo),
                x(*lo),
                y - 6.0,
                y + 6.0,
                x(*hi),
                x(*hi),
                y - 6.0,
                y + 6.0,
                x(*u),
                if evidence { "#1f5fa8" } else { "#fff" }
            );
        }
        close_chart(
            out,
            "Each offer's uplift (dot) and 95 % interval (whiskers, Newcombe's method). A filled dot: the interval excludes zero; a hollow one: no evidence yet.",
        );
    }
    out.push_str("<table>\n<caption>Offers</caption>\n<thead><tr><th scope=\"col\">Offer</th><th scope=\"col\">Treatment</th><th scope=\"col\">Saw it</th><th scope=\"col\">Holdout</th><th scope=\"col\">Conversion, treatment</th><th scope=\"col\">Conversion, holdout</th><th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n");
    for o in &list {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"words\">{}</td></tr>",
            esc(&offer_name(o)),
            o["treatment"],
            o["exposed"],
            o["holdout"],
            pct(&o["conversion_treatment"]),
            pct(&o["conversion_holdout"]),
            esc(str_of(&o["verdict"]))
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let events = &doc["events"];
    for id in events["offers_without_events"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "<p>{}: no event names it yet.</p>", esc(str_of(id)));
    }
    let unknown: Vec<String> = events["unknown_offers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| format!("{} ({})", esc(str_of(&u["id"])), counted(&u["events"], "event", "events")))
        .collect();
    if !unknown.is_empty() {
        let _ = writeln!(out, "<p>Events name offers the config does not have: {}.</p>", unknown.join(", "));
    }
}

fn engagement(out: &mut String, doc: &Value) {
    let days = doc["conversion_days"].as_i64().unwrap_or(14);
    if let Some(reasons) = doc["recommendations"].as_array().filter(|r| !r.is_empty()) {
        let _ = writeln!(
            out,
            "<h2 id=\"recommendations\">Recommendations</h2>\n<table>\n<caption>By reason; bought: the recommended product within {} of its first impression, by customers the orders name</caption>\n<thead><tr><th scope=\"col\">Reason</th><th scope=\"col\">Impressions</th><th scope=\"col\">Clicks</th><th scope=\"col\">Click rate</th><th scope=\"col\">Bought</th><th scope=\"col\">Of those shown</th></tr></thead>\n<tbody>",
            count(days, "day", "days")
        );
        for r in reasons {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(str_of(&r["reason"])),
                r["impressions"],
                r["clicks"],
                pct(&r["click_rate"]),
                r["purchased"],
                pct(&r["purchase_rate"])
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if let Some(rewards) = doc["rewards"].as_array().filter(|r| !r.is_empty()) {
        out.push_str("<h2 id=\"rewards\">Rewards</h2>\n<table>\n<caption>Per reward</caption>\n<thead><tr><th scope=\"col\">Reward</th><th scope=\"col\">Impressions</th><th scope=\"col\">Redemptions</th><th scope=\"col\">Points redeemed</th><th scope=\"col\">Failed</th></tr></thead>\n<tbody>\n");
        for r in rewards {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(str_of(&r["id"])),
                r["impressions"],
                r["redemptions"],
                r["points_redeemed"].as_f64().unwrap_or(0.0),
                r["failed"]
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}
