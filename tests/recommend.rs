//! Recommendations: every filter, every reason, the business rules and the model file, on a small
//! coffee-shop catalogue whose signals are set by hand.

use patron::recommend::model::PeerGroup;
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
        Model::from_bytes(&vec![0; patron::recommend::model::MAX_MODEL_BYTES + 1]).unwrap_err().to_string(),
        "the model has 33554433 bytes, over the limit of 33554432"
    );
    assert_eq!(
        Model::from_bytes(b"{\"not\": \"a model\"}").unwrap_err().to_string(),
        "not a Patron model (the file does not start with \"PTRM\")"
    );
}

/// Two kinds of shoppers: coffee drinkers, who also buy filters, and tea drinkers, who also buy
/// green tea. As `patron model build` would group them.
fn model_with_peers() -> Model {
    let mut m = model();
    m.peer_groups = vec![
        PeerGroup { products: vec![(0, 0.8), (1, 0.5), (2, 0.6)] },
        PeerGroup { products: vec![(4, 0.9), (6, 0.7)] },
    ];
    m
}

#[test]
fn shoppers_like_this_one_name_what_they_buy_and_say_so() {
    // An Earl Grey drinker, in four baskets: the tea group is the nearest, so green tea (new to
    // them) is what shoppers like them buy; the coffee group shares nothing with them.
    let h = history(&[(4, "2026-10-01"), (4, "2026-10-15"), (4, "2026-11-01"), (4, "2026-11-15")]);
    let list = top(&model_with_peers(), &h, 3, &Rules::default());
    assert_eq!(list[0], ("TEA-EARLGREY".to_string(), Reason::BuyAgain));
    assert_eq!(reason_of(&list, "TEA-GREEN"), Some(&Reason::SimilarShoppers));
    let peers = model_with_peers();
    let words = |language| patron::recommend::text::reason(&Reason::SimilarShoppers, language, &peers);
    assert_eq!(words(patron::Language::De), "Beliebt bei Kunden mit ähnlichem Einkauf");
    assert_eq!(words(patron::Language::En), "Popular with shoppers who buy like you");
    assert_eq!(Reason::SimilarShoppers.code(), "similar_shoppers");
    // Without the peer groups, green tea comes further down, as the co-purchase of Earl Grey.
    let without = top(&model(), &h, 8, &Rules::default());
    assert_eq!(reason_of(&without, "TEA-GREEN"), Some(&Reason::BoughtWith("TEA-EARLGREY".into())));
}

#[test]
fn the_shoppers_vector_weighs_recent_groups_of_baskets_more() {
    use patron::recommend::peers::basket_weights;
    // Up to seven baskets are one group: each holds an equal share.
    assert_eq!(basket_weights(4), vec![0.25; 4]);
    // Eight: the oldest basket is a group of its own, worth 0.6 of the newest seven's group.
    let weights = basket_weights(8);
    assert!((weights[0] - 0.6 / 1.6).abs() < 1e-6, "{weights:?}");
    assert!(weights[1..].iter().all(|w| (w - 1.0 / 1.6 / 7.0).abs() < 1e-6), "{weights:?}");
    // A product in every basket has a share of 1.
    assert!((weights.iter().sum::<f32>() - 1.0).abs() < 1e-6);
    assert!(basket_weights(0).is_empty());
}

#[test]
fn the_peer_groups_round_trip_through_the_file_and_version_1_still_loads() {
    let m = model_with_peers();
    let bytes = m.to_bytes();
    let read = Model::from_bytes(&bytes).unwrap();
    assert_eq!(read.peer_groups.len(), 2);
    // Shares in 255ths of the group's largest.
    assert_eq!(read.peer_groups[0].products.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [0, 1, 2]);
    for (read, written) in read.peer_groups.iter().zip(&m.peer_groups) {
        for ((_, r), (_, w)) in read.products.iter().zip(&written.products) {
            assert!((r - w).abs() <= 0.8 / 255.0, "{r} against {w}");
        }
    }
    // A version 1 file is a version 2 file without the groups: it loads, with none.
    let groups_at = model().to_bytes().len() - 1;
    let mut version_1 = bytes[..groups_at].to_vec();
    version_1[4] = 1;
    let old = Model::from_bytes(&version_1).unwrap();
    assert_eq!((old.products.len(), old.peer_groups.len()), (8, 0));
    // A group naming a product the model does not have is refused at its byte.
    let mut broken = model();
    broken.peer_groups = vec![PeerGroup { products: vec![(9, 0.5)] }];
    let bytes = broken.to_bytes();
    assert_eq!(
        Model::from_bytes(&bytes).unwrap_err().to_string(),
        format!("broken model at byte {}: a peer group's product index out of range", bytes.len() - 1)
    );
}

#[test]
fn customers_who_buy_alike_fall_into_one_group() {
    use patron::recommend::peers::{taste, train};
    // Ten coffee households (products 0–2) and ten tea households (4 and 6), each a little different.
    let mut tastes = Vec::new();
    for i in 0..10u32 {
        let coffee: Vec<u32> = if i % 2 == 0 { vec![0, 2] } else { vec![0, 1] };
        let tea: Vec<u32> = if i % 3 == 0 { vec![4] } else { vec![4, 6] };
        tastes.push(taste(&[&coffee, &[0]]));
        tastes.push(taste(&[&tea, &[6]]));
    }
    let groups = train(tastes.clone(), 2, 300);
    let products = |g: &PeerGroup| g.products.iter().map(|(p, _)| *p).collect::<Vec<_>>();
    let mut found: Vec<Vec<u32>> = groups.iter().map(products).collect();
    found.sort();
    assert_eq!(found, [vec![0, 1, 2], vec![4, 6]]);
    // Each share is the members' mean: every coffee household has the house blend in both baskets.
    let coffee = groups.iter().find(|g| g.products[0].0 == 0).unwrap();
    assert_eq!(coffee.products[0], (0, 1.0));
    // The same tastes give the same groups; `keep` cuts each group to its strongest products.
    assert_eq!(train(tastes.clone(), 2, 300), groups);
    assert!(train(tastes, 2, 1).iter().all(|g| g.products.len() == 1));
    assert!(train(Vec::new(), 2, 300).is_empty());
}
