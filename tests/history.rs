//! The compact history (issue 17): lossless for Patron. For every demo session and for 300 generated
//! households of the same shape as a grocer's (orders in any document order, several lines per
//! order, a product twice in one order, SKUs the model does not know, a SKU sold under two
//! categories, summer and winter time), the loyalty card, every offer's outcome and reason, and the
//! top 12 recommendations from the compact form equal those from the full history, at several
//! moments. And a compact history whose parts disagree is refused with its path.

use patron::format::PlainFormatter;
use patron::offers::{self, Memory};
use patron::recommend::exports::{Catalogue, Orders};
use patron::recommend::train;
use patron::recommend::{self, Model};
use patron::History;
use patron::{loyalty, Config, Session, Timestamp};
use serde_json::{json, Value};

use crate::support::*;

/// The demo catalogue's model, as `scripts/demo-model.sh` builds it.
fn model() -> Model {
    let orders = Orders::read(std::path::Path::new("www/catalogue/orders.csv")).unwrap();
    let catalogue = Catalogue::read(std::path::Path::new("www/catalogue/products.csv")).unwrap();
    train::build(&orders, &catalogue, &train::Options::default())
}

/// The same session with its orders in compact form.
fn compact(full: &Value) -> Value {
    let session = parse_session(full);
    let mut compact = full.clone();
    let object = compact.as_object_mut().unwrap();
    object.remove("orders");
    if !session.orders.is_empty() {
        object.insert("history".into(), History::from_orders(&session.orders).to_json());
    }
    compact
}

/// A reproducible household: `seed` decides everything.
fn household(seed: u64) -> Value {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut next = |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n.max(1)
    };
    let skus = [
        ("BEAN-HOUSE-1KG", "coffee"),
        ("BEAN-ESPRESSO-1KG", "coffee"),
        ("BEAN-DECAF-500", "coffee"),
        ("FILTER-102", "accessories"),
        ("MUG-STONE", "accessories"),
        ("TEA-EARLGREY", "tea"),
        ("GRINDER-HAND", "accessories"),
        ("UNKNOWN-TO-THE-MODEL", "misc"),
    ];
    let mut orders = Vec::new();
    for o in 0..next(45) {
        // Two years back from November 2026, in winter (+01:00) or summer (+02:00) time, some in UTC.
        let day = 1 + next(27);
        let month = 1 + next(12);
        let year = 2025 + next(2);
        let offset = ["+01:00", "+02:00", "Z"][next(3) as usize];
        let placed_at = format!("{year}-{month:02}-{day:02}T{:02}:{:02}:00{offset}", 6 + next(15), next(60));
        let mut lines = Vec::new();
        for _ in 0..1 + next(6) {
            let (sku, mut category) = skus[next(skus.len() as u64) as usize];
            if next(20) == 0 {
                category = "sale";
            }
            let mut line = json!({"sku": sku, "quantity": 1 + next(3), "unit_price": (50 + next(3000)) as f64 / 100.0});
            if next(10) > 0 {
                line["category"] = json!(category);
            }
            lines.push(line);
        }
        orders.push(json!({"id": format!("o{seed}-{o}"), "placed_at": placed_at, "lines": lines}));
    }
    json!({
        "customer": {"id": format!("h-{seed}"), "first_name": "Kim", "birthday": "1980-06-15", "member_since": "2024-03-01"},
        "consent": {"personalisation": true},
        "currency": "EUR",
        "locale": "de-DE",
        "orders": orders,
        "points": if next(2) == 0 { json!({"balance": next(3000)}) } else { Value::Null },
        "cart": {"lines": [{"sku": "MUG-STONE", "quantity": 1, "unit_price": 12.0}]}
    })
}

/// Card, offers and recommendations of both forms, at `now`.
fn assert_same(full: &Value, config: &Config, model: &Model, now: &str, label: &str) {
    let now = Timestamp::parse(now).unwrap();
    let a = parse_session(full);
    let b = Session::from_json(&compact(full).to_string()).unwrap_or_else(|e| panic!("{label}: {e}"));
    let format = PlainFormatter::new("de-DE", "EUR");
    assert_eq!(
        loyalty::card(&a, &config.programme, &config.default_language, now, "de-DE").map_err(|e| e.to_string()),
        loyalty::card(&b, &config.programme, &config.default_language, now, "de-DE").map_err(|e| e.to_string()),
        "{label}: the card"
    );
    assert_eq!(
        offers::decide(&a, config.offer_config(), now, "de-DE", &Memory::default(), &format),
        offers::decide(&b, config.offer_config(), now, "de-DE", &Memory::default(), &format),
        "{label}: the offers"
    );
    assert_eq!(
        recommend::for_session(&a, model, now, 12, &config.recommendations),
        recommend::for_session(&b, model, now, 12, &config.recommendations),
        "{label}: the recommendations"
    );
}

const NOWS: [&str; 3] = ["2026-11-20T10:00:00+01:00", "2026-03-29T12:00:00+02:00", "2027-06-01T08:00:00+02:00"];

#[test]
fn the_demo_sessions_give_the_same_card_offers_and_recommendations_in_both_forms() {
    let model = model();
    for (persona, config) in [("new", CONSUMER), ("regular", CONSUMER), ("lapsed", CONSUMER), ("partner", B2B)] {
        let config = Config::from_json(config).unwrap();
        let mut full: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("www/sessions/{persona}.json")).unwrap()).unwrap();
        // The moment is the test's: a compact history may hold no order after the session's now.
        full.as_object_mut().unwrap().remove("now");
        for now in NOWS {
            assert_same(&full, &config, &model, now, &format!("{persona} at {now}"));
        }
    }
}

#[test]
fn three_hundred_generated_households_give_the_same_in_both_forms() {
    let model = model();
    let config = consumer();
    let (mut full_bytes, mut compact_bytes) = (0, 0);
    for seed in 0..300 {
        let full = household(seed);
        full_bytes += full.to_string().len();
        compact_bytes += compact(&full).to_string().len();
        for now in NOWS {
            assert_same(&full, &config, &model, now, &format!("household {seed} at {now}"));
        }
    }
    // Not a budget (issue 17 sets one on real data): the compact form must not be the larger.
    assert!(compact_bytes * 2 < full_bytes, "compact {compact_bytes} bytes, full {full_bytes}");
}

#[test]
fn a_compact_history_whose_parts_disagree_is_refused_with_its_path() {
    let base = json!({
        "customer": {"id": "c-1"}, "consent": {"personalisation": true}, "currency": "EUR",
        "now": "2026-11-20T10:00:00+01:00",
        "history": {
            "version": 1,
            // 2025-11-03T09:00:00+01:00 (zigzag), 10 €, +60 min (zigzag); a day later, 20 €, no change.
            "orders": digits(&[2 * 1_762_160_400, 1000, 120, 86_400, 2000, 0]),
            "skus": ["A", "B"],
            "categories": ["coffee"],
            // A: coffee, bought once more, first in order 0, then the next order (distance 1, less 1).
            // B: no category, once, first in order 1 (1 after A's first).
            "products": digits(&[1, 1, 0, 0,  0, 0, 1]),
        }
    });
    let session = Session::from_json(&base.to_string()).unwrap();
    assert_eq!(session.orders.len(), 2);
    assert_eq!(session.orders[0].placed_at.to_string(), "2025-11-03T10:00:00+01:00");
    assert_eq!(session.orders[1].placed_at.to_string(), "2025-11-04T10:00:00+01:00");
    assert_eq!(session.orders[1].total().minor(), 2000);
    let lines =
        |o: usize| session.orders[o].lines.iter().map(|l| (l.sku.as_str(), l.category.as_deref())).collect::<Vec<_>>();
    assert_eq!(lines(0), [("A", Some("coffee"))]);
    assert_eq!(lines(1), [("A", Some("coffee")), ("B", None)]);
    let problems = |change: &dyn Fn(&mut Value)| {
        let mut session = base.clone();
        change(&mut session);
        match Session::from_json(&session.to_string()) {
            Ok(_) => Vec::new(),
            Err(error) => error.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }
    };
    let orders = |numbers: &[u64]| {
        let text = digits(numbers);
        move |s: &mut Value| s["history"]["orders"] = json!(text)
    };
    let products = |numbers: &[u64]| {
        let text = digits(numbers);
        move |s: &mut Value| s["history"]["products"] = json!(text)
    };
    assert_eq!(
        problems(&|s| s["history"]["version"] = json!(2)),
        ["history.version: expected version 1: this Patron reads compact histories of version 1, got 2"]
    );
    assert_eq!(
        problems(&orders(&[2 * 1_762_160_400, 1000, 120, 86_400, 2000])),
        [
            "history.orders: expected three numbers per order (moment, total, offset), got 5",
            // One problem of the products: after it their numbers would be misread.
            "history.products: product 0 (\"A\") is bought in order 1, but the history has 1",
        ]
    );
    let impossible = "is after the session's now, or its offset is beyond a day";
    assert_eq!(
        problems(&orders(&[2 * 1_762_160_400, 1000, 120, 86_400 * 400, 2000, 0])),
        [format!("history.orders: order 1 (2026-12-08T10:00:00+01:00) {impossible}")]
    );
    assert_eq!(
        problems(&orders(&[2 * 1_762_160_400, 1000, 3000, 86_400, 2000, 0])),
        [
            format!("history.orders: order 0 (2025-11-04T08:59:00+23:59) {impossible}"),
            format!("history.orders: order 1 (2025-11-05T08:59:00+23:59) {impossible}"),
        ]
    );
    assert_eq!(
        problems(&|s| s["history"]["orders"] = json!("hwq2lmxQ sgvC")),
        ["history.orders: expected the digits A-Z, a-z, 0-9, - and _, got \" \" at character 8"]
    );
    assert_eq!(
        problems(&|s| s["history"]["orders"] = json!("hwq2lmxQsgvCh")),
        ["history.orders: the text ends inside a number"]
    );
    assert_eq!(
        problems(&|s| s["history"]["orders"] = json!("__________A")),
        ["history.orders: the number ending at character 10 is over 2^53 - 1"]
    );
    assert_eq!(
        problems(&products(&[1, 1, 0, 1, 0, 0, 1])),
        ["history.products: product 0 (\"A\") is bought in order 2, but the history has 2"]
    );
    assert_eq!(
        problems(&products(&[2, 1, 0, 0, 0, 0, 1])),
        ["history.products: product 0 (\"A\") has category 2, but the history lists 1 category"]
    );
    assert_eq!(
        problems(&products(&[1, 1, 0, 0, 0])),
        ["history.products: the numbers end at product 1 (\"B\"): every SKU needs a category, a count and a first order"]
    );
    assert_eq!(problems(&products(&[1, 1, 0, 0, 0, 0, 1, 7])), ["history.products: more numbers than the 2 SKUs need"]);
    // The counts in these two messages, over 0, 1 and 2.
    let categories = |names: Value, numbers: &[u64]| {
        let text = digits(numbers);
        move |s: &mut Value| {
            s["history"]["categories"] = names.clone();
            s["history"]["products"] = json!(text);
        }
    };
    assert_eq!(
        problems(&categories(json!([]), &[1, 1, 0, 0, 0, 0, 1])),
        ["history.products: product 0 (\"A\") has category 1, but the history lists 0 categories"]
    );
    assert_eq!(
        problems(&categories(json!(["coffee", "tea"]), &[3, 1, 0, 0, 0, 0, 1])),
        ["history.products: product 0 (\"A\") has category 3, but the history lists 2 categories"]
    );
    let skus = |names: Value, numbers: &[u64]| {
        let text = digits(numbers);
        move |s: &mut Value| {
            s["history"]["skus"] = names.clone();
            s["history"]["products"] = json!(text);
        }
    };
    assert_eq!(
        problems(&skus(json!(["A"]), &[1, 1, 0, 0, 7])),
        ["history.products: more numbers than the 1 SKU needs"]
    );
    assert_eq!(problems(&skus(json!([]), &[7])), ["history.products: more numbers than the 0 SKUs need"]);
    assert_eq!(problems(&|s| s["orders"] = json!([])), ["history: expected either orders or history, not both"]);
}

/// `numbers` in the compact history's digits, written here from the book's description (integrate/session.md, "The compact history") rather than
/// with Patron's own encoder: base 32, most significant first, the last digit of each number from
/// `A`–`Z`, `a`–`f`, the others from `g`–`z`, `0`–`9`, `-`, `_`.
fn digits(numbers: &[u64]) -> String {
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().collect();
    let mut out = String::new();
    for &n in numbers {
        let mut base32 = vec![n % 32];
        let mut rest = n / 32;
        while rest > 0 {
            base32.push(rest % 32);
            rest /= 32;
        }
        for (i, digit) in base32.iter().rev().enumerate() {
            let more = i + 1 < base32.len();
            out.push(alphabet[*digit as usize + if more { 32 } else { 0 }]);
        }
    }
    out
}

/// The Complete Journey's first 500 households, when `scripts/session-sizes.sh` has written their
/// sessions (`target/sessions/full.jsonl`; nothing is downloaded here): the same card, offers and
/// recommendations (from a model of the data set's 10,000 most popular products) from both forms,
/// at three moments of the data set's year. `scripts/session-sizes.sh` runs it, in release mode.
#[test]
fn the_complete_journeys_households_give_the_same_in_both_forms_when_present() {
    let Ok(text) = std::fs::read_to_string("target/sessions/full.jsonl") else {
        eprintln!("skipped: target/sessions/full.jsonl is absent (scripts/session-sizes.sh writes it)");
        return;
    };
    let orders = Orders::read(std::path::Path::new("target/dunnhumby/orders.csv")).unwrap();
    let options = train::Options { max_products: Some(10_000), ..train::Options::default() };
    let model = train::build(&orders, &Catalogue::default(), &options);
    let config = consumer();
    let mut households = 0;
    for line in text.lines().take(500) {
        let full: Value = serde_json::from_str(line).unwrap();
        let id = full["customer"]["id"].as_str().unwrap_or("?").to_string();
        for now in ["2017-04-01T12:00:00+02:00", "2017-09-15T09:00:00+02:00", "2018-01-10T18:00:00+01:00"] {
            assert_same(&full, &config, &model, now, &format!("household {id} at {now}"));
        }
        households += 1;
    }
    assert_eq!(households, 500);
}

/// The book's example of the compact history (integrate/session.md) means what the book says it means.
#[test]
fn readmes_example_is_three_orders_of_coffee_and_a_mug() {
    let session = Session::from_json(
        &json!({
            "customer": {"id": "c-1"}, "consent": {"personalisation": true}, "currency": "EUR",
            "history": {
                "version": 1,
                "orders": "jphh3xAjpejYjsjsAikOAi504AkocA",
                "skus": ["BEAN-HOUSE-1KG", "MUG-STONE"],
                "categories": ["coffee", "accessories"],
                "products": "BCAAACAA"
            }
        })
        .to_string(),
    )
    .unwrap();
    let orders: Vec<(String, i64, Vec<&str>)> = session
        .orders
        .iter()
        .map(|o| (o.placed_at.to_string(), o.total().minor(), o.lines.iter().map(|l| l.sku.as_str()).collect()))
        .collect();
    assert_eq!(
        orders,
        [
            ("2025-11-03T10:00:00+01:00".to_string(), 3390, vec!["BEAN-HOUSE-1KG", "MUG-STONE"]),
            ("2025-12-14T10:00:00+01:00".to_string(), 2190, vec!["BEAN-HOUSE-1KG"]),
            ("2026-01-17T10:00:00+01:00".to_string(), 4380, vec!["BEAN-HOUSE-1KG"]),
        ]
    );
    assert_eq!(session.orders[0].lines[1].category.as_deref(), Some("accessories"));
}

/// `patron eval` scores every household twice, from its orders and through a session's compact
/// history, and the two agree to the last digit on the demo catalogue.
#[test]
fn the_evaluation_finds_the_same_figures_through_compact_sessions() {
    use patron::recommend::eval::{evaluate, Holdout};
    let orders = Orders::read(std::path::Path::new("www/catalogue/orders.csv")).unwrap();
    let catalogue = Catalogue::read(std::path::Path::new("www/catalogue/products.csv")).unwrap();
    let report = evaluate(
        &orders,
        &catalogue,
        &train::Options::default(),
        &[4, 10],
        &recommend::Weights::default(),
        Holdout::Test,
        None,
        &[recommend::tifu::Params::default()],
        &[],
    );
    let (full, compact) = (&report.methods[0], &report.methods[1]);
    assert_eq!((full.0.as_str(), compact.0.as_str()), ("Patron", "Patron, compact sessions"));
    assert!(report.households > 10 && full.1[1].recall > 0.0, "{report:?}");
    assert_eq!(full.1, compact.1);
}

/// The lossy cap keeps the products bought in the most orders, and every order with its total: the
/// card is the same, the recommendations lose what was left out.
#[test]
fn a_capped_history_keeps_the_most_bought_products_and_every_order() {
    let full = json!({
        "customer": {"id": "c-1"}, "consent": {"personalisation": true}, "currency": "EUR",
        "now": "2026-11-20T10:00:00+01:00",
        "orders": [
            {"id": "a", "placed_at": "2026-01-10T10:00:00+01:00", "lines": [
                {"sku": "ONCE-OLD", "quantity": 1, "unit_price": 5.0, "category": "misc"},
                {"sku": "OFTEN", "quantity": 1, "unit_price": 10.0, "category": "coffee"}]},
            {"id": "b", "placed_at": "2026-05-10T10:00:00+02:00", "lines": [
                {"sku": "OFTEN", "quantity": 2, "unit_price": 10.0, "category": "coffee"},
                {"sku": "TWICE", "quantity": 1, "unit_price": 3.0, "category": "tea"}]},
            {"id": "c", "placed_at": "2026-09-10T10:00:00+02:00", "lines": [
                {"sku": "TWICE", "quantity": 1, "unit_price": 3.0, "category": "tea"},
                {"sku": "OFTEN", "quantity": 1, "unit_price": 10.0, "category": "coffee"},
                {"sku": "ONCE-NEW", "quantity": 4, "unit_price": 1.0}]}
        ]
    });
    let session = parse_session(&full);
    let capped = History::from_orders_keeping(&session.orders, 2);
    // In order of first purchase, as uncapped; the one-off products left out, and their category.
    assert_eq!(
        (capped.skus.as_slice(), capped.categories.as_slice()),
        (&["OFTEN".to_string(), "TWICE".to_string()][..], &["coffee".to_string(), "tea".to_string()][..])
    );
    let mut document = full.clone();
    let object = document.as_object_mut().unwrap();
    object.remove("orders");
    object.insert("history".into(), capped.to_json());
    let decoded = parse_session(&document);
    let totals = |s: &Session| s.orders.iter().map(|o| o.total().minor()).collect::<Vec<_>>();
    assert_eq!(totals(&decoded), totals(&session));
    assert_eq!(totals(&decoded), [1500, 2300, 1700]);
    let config = consumer();
    let now = Timestamp::parse("2026-11-20T10:00:00+01:00").unwrap();
    let card = |s: &Session| {
        format!("{:?}", loyalty::card(s, &config.programme, &config.default_language, now, "de-DE").unwrap())
    };
    assert_eq!(card(&decoded), card(&session));
    // The most recently bought first among equals: of the two one-offs, the newer stays.
    let three = History::from_orders_keeping(&session.orders, 3);
    assert_eq!(three.skus, ["OFTEN", "TWICE", "ONCE-NEW"]);
    assert_eq!(History::from_orders_keeping(&session.orders, 9), History::from_orders(&session.orders));
}
