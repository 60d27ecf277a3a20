//! Programme health (issue 18) on a small example worked out by hand, and `patron report` on the
//! demo export.

use patron::report::health::{health, Order};

/// Three customers over three months (January to March 2026):
/// - A buys in January (twice), February and March;
/// - B buys in January and March;
/// - C buys first in February, once.
#[test]
fn the_health_of_three_customers_by_hand() {
    let jan = 2026 * 12;
    let day = |d: i64| 20_454 + d; // 2026-01-01 is day 20,454 since 1970-01-01.
    let order = |customer, month, d, value| Order { customer, month, day: day(d), value };
    let orders = [
        order(0, jan, 2, 10.0),
        order(0, jan, 20, 30.0),
        order(1, jan, 5, 20.0),
        order(0, jan + 1, 33, 40.0),
        order(2, jan + 1, 40, 50.0),
        order(0, jan + 2, 62, 10.0),
        order(1, jan + 2, 70, 30.0),
    ];
    let (h, cohorts) = health(&orders);
    let months: Vec<&str> = h.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
    let [jan, feb, mar] = [&h.months[0], &h.months[1], &h.months[2]];
    // January: A and B active, 3 orders worth 60; A's second order (30) is returning revenue.
    assert_eq!((jan.active, jan.orders, jan.revenue), (2, 3, 60.0));
    assert_eq!((jan.retention_rate, jan.churn_rate), (None, None));
    assert_eq!(jan.purchase_frequency, 1.5);
    assert_eq!(jan.average_order_value, 20.0);
    assert_eq!(jan.returning_revenue_share, 0.5);
    assert_eq!(jan.repurchase_rate, 0.5); // A of A and B.
                                          // February: A and C; of January's A and B only A came back.
    assert_eq!((feb.active, feb.retention_rate, feb.churn_rate), (2, Some(0.5), Some(0.5)));
    assert_eq!(feb.returning_revenue_share, 40.0 / 90.0);
    assert_eq!(feb.repurchase_rate, 1.0 / 3.0); // A of A, B and C.
                                                // March: A and B; of February's A and C only A.
    assert_eq!((mar.active, mar.retention_rate), (2, Some(0.5)));
    assert_eq!(mar.repurchase_rate, 2.0 / 3.0); // A and B of three.
    assert_eq!(mar.returning_revenue_share, 1.0);
    // The whole period: the mean of February's and March's retention; two of three customers repeat.
    assert_eq!((h.customers, h.orders), (3, 7));
    assert_eq!((h.retention_rate, h.churn_rate), (Some(0.5), Some(0.5)));
    assert_eq!(h.repurchase_rate, 2.0 / 3.0);
    // Cohorts: A and B from January (both in March, A in February); C from February.
    assert_eq!(cohorts.len(), 2);
    assert_eq!((cohorts[0].month.as_str(), cohorts[0].customers), ("2026-01", 2));
    assert_eq!(cohorts[0].retention, [1.0, 0.5, 1.0]);
    assert_eq!((cohorts[1].month.as_str(), cohorts[1].customers), ("2026-02", 1));
    assert_eq!(cohorts[1].retention, [1.0, 0.0]);
}

#[test]
fn an_empty_period_and_one_month_give_sentences_not_divisions_by_zero() {
    let (h, cohorts) = health(&[]);
    assert!(h.months.is_empty() && cohorts.is_empty());
    assert_eq!((h.retention_rate, h.repurchase_rate), (None, 0.0));
    let (one, _) = health(&[Order { customer: 0, month: 2026 * 12, day: 20_454, value: 0.0 }]);
    assert_eq!(one.retention_rate, None);
    assert_eq!(one.months[0].returning_revenue_share, 0.0);
}

fn patron(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn patron_report_prints_health_cohorts_and_why_lifetime_value_is_missing() {
    let (code, out, err) = patron(&["report", "--orders", "www/catalogue/orders.csv", "--timezone", "Europe/Berlin"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with(
            "Programme health, 2025-11 to 2026-05 (Europe/Berlin): 94 orders of 24 customers, from 225 order lines in "
        ),
        "{out}"
    );
    assert!(out.contains("\nwhole period        67.1 %  32.9 %     91.7 %\n"), "{out}");
    // The export starts on 3 November: that month is observed in part.
    assert!(out.contains("\n(the period covers 2025-11 only in part: compare its figures with care, or set --from and --to to whole months)\n"), "{out}");
    assert!(out.contains("\n2025-11         18  100%   72%   72%   56%   56%   39%   39%\n"), "{out}");
    assert!(out.ends_with(
        "Customer lifetime value: not computed (the models need at least 100 customers to be fitted, and the period has 24)\n"
    ), "{out}");

    let (code, out, _) =
        patron(&["report", "--orders", "www/catalogue/orders.csv", "--format", "json", "--from", "2026-01-01"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["period"]["from"], "2026-01");
    assert_eq!(report["period"]["partial_months"], serde_json::json!([]));
    for key in ["retention_rate", "churn_rate", "repurchase_rate"] {
        assert!(report["health"][key].is_number(), "{key}: {out}");
    }
    assert!(report["cohorts"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(report["clv"]["error"].as_str().is_some_and(|e| e.contains("at least 100 customers")));

    let (code, _, err) = patron(&["report", "--orders", "www/catalogue/orders.csv", "--timezone", "Mars/Olympus"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("patron: --timezone Mars/Olympus: "), "{err}");
    let (_, _, err) =
        patron(&["report", "--orders", "www/catalogue/orders.csv", "--from", "2026-03-01", "--to", "2026-01-01"]);
    assert_eq!(err, "patron: --from 2026-03-01 is after --to 2026-01-01\n");
    let (_, _, err) = patron(&["report", "--orders", "www/catalogue/orders.csv", "--from", "2030-01-01"]);
    assert_eq!(err, "patron: www/catalogue/orders.csv has no order in the period\n");
    let (_, _, err) = patron(&["report", "--orders", "www/catalogue/orders.csv", "--discount-rate", "10"]);
    assert_eq!(err, "patron: --discount-rate 10: expected a yearly rate from 0 to 1, such as 0.1 for 10 %\n");
    let (_, _, err) = patron(&["report", "--orders", "www/catalogue/orders.csv", "--horizon-weeks", "0"]);
    assert_eq!(err, "patron: --horizon-weeks 0: expected a number of weeks above 0 and at most 520\n");
}

/// Issue 29: without --timezone each order is dated at the offset it was written with, as the
/// shop's system wrote it down; --timezone dates every order in the zone given, and --from and --to
/// follow the same rule. 00:30 on 1 December at +01:00 is 23:30 on 30 November in UTC.
#[test]
fn each_order_is_dated_at_its_own_offset_unless_a_timezone_is_given() {
    let dir = std::env::temp_dir().join(format!("patron-report-offsets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let orders = dir.join("orders.csv");
    std::fs::write(
        &orders,
        "customer_id,order_id,placed_at,sku,quantity,unit_price\n\
         anna,a1,2026-11-15T10:00:00+01:00,BEAN,1,10.00\n\
         ben,b1,2026-12-01T00:30:00+01:00,BEAN,1,12.00\n",
    )
    .unwrap();
    let orders = orders.to_str().unwrap();
    let months = |extra: &[&str]| {
        let (code, out, err) = patron(&[&["report", "--orders", orders, "--format", "json"], extra].concat());
        assert_eq!((code, err.as_str()), (0, ""));
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let months: Vec<(String, u64)> = report["health"]["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["month"].as_str().unwrap().to_string(), m["orders"].as_u64().unwrap()))
            .collect();
        (months, report["period"]["timezone"].clone())
    };
    let month = |name: &str, orders: u64| (name.to_string(), orders);
    // By default: Ben's order is on 1 December, in 2026-12.
    assert_eq!(months(&[]), (vec![month("2026-11", 1), month("2026-12", 1)], serde_json::Value::Null));
    assert_eq!(months(&["--from", "2026-12-01", "--to", "2026-12-01"]).0, [month("2026-12", 1)]);
    // In UTC it is on 30 November, in 2026-11.
    assert_eq!(months(&["--timezone", "UTC"]), (vec![month("2026-11", 2)], serde_json::json!("UTC")));
    assert_eq!(months(&["--timezone", "UTC", "--from", "2026-11-30", "--to", "2026-11-30"]).0, [month("2026-11", 1)]);
    let (_, _, err) = patron(&["report", "--orders", orders, "--timezone", "UTC", "--from", "2026-12-01"]);
    assert_eq!(err, format!("patron: {orders} has no order in the period\n"));
    // The text and the page say which rule dated the orders.
    let (_, text, _) = patron(&["report", "--orders", orders]);
    assert!(
        text.starts_with("Programme health, 2026-11 to 2026-12 (each order dated at its own UTC offset): 2 orders of 2 customers, from 2 order lines in "),
        "{text}"
    );
    let (_, text, _) = patron(&["report", "--orders", orders, "--timezone", "UTC"]);
    assert!(text.starts_with("Programme health, 2026-11 to 2026-11 (UTC): 2 orders of 2 customers, "), "{text}");
    let (_, html, _) = patron(&["report", "--orders", orders, "--format", "html"]);
    assert!(
        html.contains("<p>Each order dated at its own UTC offset, as the shop's system wrote it; 2 order lines. "),
        "{html}"
    );
    let (_, html, _) = patron(&["report", "--orders", orders, "--format", "html", "--timezone", "Europe/Berlin"]);
    assert!(html.contains("<p>Calendar days and months in Europe/Berlin; 2 order lines. "), "{html}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The report's counts take the singular for 1 (issue 29): its header, and the page's sentence
/// about the order lines, over one and two orders.
#[test]
fn the_reports_counts_take_their_singular_and_plural() {
    let dir = std::env::temp_dir().join(format!("patron-report-counts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = |lines: &str| {
        let orders = dir.join("orders.csv");
        std::fs::write(&orders, format!("customer_id,order_id,placed_at,sku,quantity,unit_price\n{lines}")).unwrap();
        let orders = orders.to_str().unwrap();
        let (code, out, err) = patron(&["report", "--orders", orders]);
        assert_eq!((code, err.as_str()), (0, ""));
        let first = out.lines().next().unwrap().to_string();
        let (_, page, _) = patron(&["report", "--orders", orders, "--format", "html"]);
        let sentence = page.lines().find(|l| l.starts_with("<p>Each order dated")).unwrap().to_string();
        (first.split(": ").nth(1).unwrap().split(" in ").next().unwrap().to_string(), sentence)
    };
    let one = header("anna,a1,2026-11-15T10:00:00+01:00,BEAN,1,10.00\n");
    assert_eq!(one.0, "1 order of 1 customer, from 1 order line");
    assert_eq!(
        one.1,
        "<p>Each order dated at its own UTC offset, as the shop's system wrote it; 1 order line. Computed by <code>patron report</code> on the shop's own machine.</p>"
    );
    let two = header("anna,a1,2026-11-15T10:00:00+01:00,BEAN,1,10.00\nben,b1,2026-11-16T10:00:00+01:00,BEAN,1,10.00\n");
    assert_eq!(two.0, "2 orders of 2 customers, from 2 order lines");
    assert!(two.1.contains("; 2 order lines."), "{}", two.1);
}
