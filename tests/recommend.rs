//! Recommendations: every filter, every reason, the business rules and the model file, on a small
//! coffee-shop catalogue whose signals are set by hand.

use patron::recommend::{recommend, History, Model, Neighbour, Product, Reason, Repurchase, Rules, Weights};
use patron::{Date, Money};

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

const TODAY: &str = "2026-11-20";

/// Most popular first, as the model keeps them.
fn model() -> Model {
    let product = |sku: &str, category: u32, popularity: u32, share: f32, interval: Option<u32>| Product {
        sku: sku.to_string(),
        title: sku.to_lowercase(),
        category: Some(category),
        price: Some(Money::from_minor(990)),
        in_stock: true,
        popularity,
        repurchase: Repurchase { share, interval_days: interval },
        ..Product::default()
    };
    let mut products = vec![
        product("BEAN-HOUSE", 0, 90, 0.6, Some(30)),    // 0 coffee
        product("BEAN-ESPRESSO", 0, 80, 0.5, Some(30)), // 1 coffee
        product("FILTER-102", 1, 70, 0.4, Some(60)),    // 2 accessories
        product("GRINDER", 2, 60, 0.02, None),          // 3 equipment: a durable
        product("TEA-EARLGREY", 3, 50, 0.3, Some(45)),  // 4 tea
        product("MUG-STONE", 1, 40, 0.05, None),        // 5 accessories, out of stock
        product("TEA-GREEN", 3, 30, 0.3, Some(45)),     // 6 tea
        product("BEAN-DECAF", 0, 20, 0.4, Some(30)),    // 7 coffee
    ];
    products[5].in_stock = false;
    // The house blend is often bought with filters; Earl Grey with green tea.
    products[0].neighbours = vec![Neighbour { product: 2, weight: 0.5 }];
    products[4].neighbours = vec![Neighbour { product: 6, weight: 0.8 }];
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    Model::new(day("2026-11-19"), names(&["coffee", "accessories", "equipment", "tea"]), vec![], products)
}

fn history(purchases: &[(u32, &str)]) -> History {
    History { purchases: purchases.iter().map(|(p, d)| (*p, day(d))).collect(), cart: vec![], personal: true }
}

/// (sku, reason, detail) of the top k.
fn top(model: &Model, history: &History, k: usize, rules: &Rules) -> Vec<(String, Reason)> {
    recommend(model, history, day(TODAY), k, rules, &Weights::default())
        .into_iter()
        .map(|r| (model.product(r.product).unwrap().sku.clone(), r.reason))
        .collect()
}

fn skus(list: &[(String, Reason)]) -> Vec<&str> {
    list.iter().map(|(sku, _)| sku.as_str()).collect()
}

fn reason_of<'a>(list: &'a [(String, Reason)], sku: &str) -> Option<&'a Reason> {
    list.iter().find(|(s, _)| s == sku).map(|(_, r)| r)
}

#[test]
fn a_newcomer_gets_what_is_trending_except_what_is_out_of_stock() {
    let list = top(&model(), &History { personal: true, ..History::default() }, 5, &Rules::default());
    assert_eq!(skus(&list), ["BEAN-HOUSE", "BEAN-ESPRESSO", "FILTER-102", "GRINDER", "TEA-EARLGREY"]);
    assert!(list.iter().all(|(_, reason)| *reason == Reason::Trending));
    let all = top(&model(), &History::default(), 8, &Rules::default());
    assert!(!skus(&all).contains(&"MUG-STONE"), "out of stock: {all:?}");
}

#[test]
fn a_consumable_bought_one_interval_ago_is_due() {
    // Espresso every 30 days, the last 31 days ago: due.
    let h = history(&[(1, "2026-08-21"), (1, "2026-09-20"), (1, "2026-10-20")]);
    let list = top(&model(), &h, 4, &Rules::default());
    assert_eq!(list.first(), Some(&("BEAN-ESPRESSO".to_string(), Reason::RepurchaseDue)));
}

#[test]
fn a_consumable_bought_last_week_is_bought_again_but_not_due() {
    let h = history(&[(1, "2026-09-20"), (1, "2026-10-20"), (1, "2026-11-13")]);
    let list = top(&model(), &h, 4, &Rules::default());
    assert_eq!(list.first(), Some(&("BEAN-ESPRESSO".to_string(), Reason::BuyAgain)));
}

#[test]
fn neighbours_of_purchases_come_with_the_product_they_go_with() {
    // House blend bought; filters go with it.
    let h = history(&[(0, "2026-11-01")]);
    let list = top(&model(), &h, 5, &Rules::default());
    assert_eq!(reason_of(&list, "FILTER-102"), Some(&Reason::BoughtWith("BEAN-HOUSE".to_string())));
}

#[test]
fn popular_products_of_the_shoppers_categories_are_popular_in_that_category() {
    let h = history(&[(4, "2026-11-01"), (4, "2026-10-01")]);
    let list = top(&model(), &h, 8, &Rules::default());
    // Coffee is popular but the shopper buys tea: trending. Green tea: with Earl Grey.
    assert_eq!(reason_of(&list, "BEAN-HOUSE"), Some(&Reason::Trending));
    assert_eq!(reason_of(&list, "TEA-GREEN"), Some(&Reason::BoughtWith("TEA-EARLGREY".to_string())));
    // Without the neighbour, green tea is popular in tea.
    let mut m = model();
    m.products[4].neighbours.clear();
    let list = top(&m, &h, 8, &Rules::default());
    assert_eq!(reason_of(&list, "TEA-GREEN"), Some(&Reason::PopularIn("tea".to_string())));
}

#[test]
fn products_in_the_cart_are_not_recommended() {
    let mut h = history(&[(1, "2026-10-20")]);
    h.cart = vec![1, 0];
    let list = top(&model(), &h, 8, &Rules::default());
    assert!(!skus(&list).contains(&"BEAN-ESPRESSO") && !skus(&list).contains(&"BEAN-HOUSE"), "{list:?}");
}

#[test]
fn a_durable_already_bought_is_not_recommended_unless_bought_again() {
    let once = top(&model(), &history(&[(3, "2026-06-01")]), 8, &Rules::default());
    assert!(!skus(&once).contains(&"GRINDER"), "{once:?}");
    let twice = top(&model(), &history(&[(3, "2025-06-01"), (3, "2026-06-01")]), 8, &Rules::default());
    assert!(skus(&twice).contains(&"GRINDER"), "{twice:?}");
}

#[test]
fn without_consent_the_history_is_not_read() {
    let mut h = history(&[(7, "2026-10-20"), (7, "2026-09-20"), (7, "2026-08-20")]);
    h.personal = false;
    let list = top(&model(), &h, 3, &Rules::default());
    assert_eq!(skus(&list), ["BEAN-HOUSE", "BEAN-ESPRESSO", "FILTER-102"]);
    assert!(list.iter().all(|(_, reason)| *reason == Reason::Trending));
}

#[test]
fn at_most_max_per_category_of_one_category() {
    let rules = Rules { max_per_category: 1, ..Rules::default() };
    let list = top(&model(), &History::default(), 4, &rules);
    assert_eq!(skus(&list), ["BEAN-HOUSE", "FILTER-102", "GRINDER", "TEA-EARLGREY"]);
}

#[test]
fn boosts_bury_and_hide_categories_and_pins_come_first() {
    let rules = Rules {
        boost: vec![("tea".to_string(), 3.0), ("coffee".to_string(), 0.0), ("accessories".to_string(), 0.5)],
        ..Rules::default()
    };
    let list = top(&model(), &History::default(), 4, &rules);
    assert_eq!(skus(&list), ["TEA-EARLGREY", "TEA-GREEN", "GRINDER", "FILTER-102"]);

    let rules = Rules { pin: vec!["BEAN-DECAF".to_string(), "MUG-STONE".to_string()], ..Rules::default() };
    let list = top(&model(), &History::default(), 3, &rules);
    // The out-of-stock pin is skipped.
    assert_eq!(list.first(), Some(&("BEAN-DECAF".to_string(), Reason::Pinned)));
    assert_eq!(skus(&list), ["BEAN-DECAF", "BEAN-HOUSE", "BEAN-ESPRESSO"]);
}

#[test]
fn places_are_kept_for_discovery() {
    // Bought all three coffees, the filters and Earl Grey: new to them are the grinder and green tea.
    let h = history(&[(0, "2026-11-01"), (1, "2026-11-02"), (2, "2026-11-03"), (7, "2026-11-04"), (4, "2026-11-05")]);
    let list = |share: f32, threshold: f32| {
        let weights = Weights { discovery_share: share, repeat_threshold: threshold, ..Weights::default() };
        recommend(&model(), &h, day(TODAY), 4, &Rules::default(), &weights)
            .into_iter()
            .map(|r| model().product(r.product).unwrap().sku.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(list(0.0, 0.25), ["BEAN-HOUSE", "BEAN-ESPRESSO", "FILTER-102", "TEA-EARLGREY"]);
    // Each product is in one of the five baskets, a share of 0.2: below a threshold of 0.25 they give
    // half of four places to the new ones, which come after the two best known products.
    assert_eq!(list(0.5, 0.25), ["BEAN-HOUSE", "BEAN-ESPRESSO", "GRINDER", "TEA-GREEN"]);
    // Above a threshold of 0.1 they keep their places: the shopper buys them often enough.
    assert_eq!(list(0.5, 0.1), list(0.0, 0.25));
}

#[test]
fn the_model_file_round_trips_and_refuses_other_files() {
    let m = model();
    let read = Model::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(read.products.len(), 8);
    assert_eq!(read.find("TEA-GREEN"), Some(6));
    assert_eq!(read.product(0).unwrap().neighbours, vec![Neighbour { product: 2, weight: 32.0 / 63.0 }]);
    assert_eq!(
        Model::from_bytes(&vec![0; patron::recommend::model::MAX_MODEL_BYTES + 1]).unwrap_err(),
        "the model has 33554433 bytes, over the limit of 33554432"
    );
    assert_eq!(
        Model::from_bytes(b"{\"not\": \"a model\"}").unwrap_err(),
        "not a Patron model (the file does not start with \"PTRM\")"
    );
}
