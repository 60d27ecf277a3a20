//! A mistake costs only the part it is in (issue 32): a table of configs with one or two mistakes
//! each, every one asserting which offers, rewards, ways to earn and badges the widget still uses,
//! whether the card and the rewards panel still show, and which parts are reported left out.

use patron::{Config, Value};
use serde_json::{json, Value as Json};

/// The demo's consumer programme: 8 offers, 4 rewards, 5 ways to earn, 4 badges, three tiers.
fn base() -> Json {
    serde_json::from_str(&std::fs::read_to_string("www/configs/consumer.json").unwrap()).unwrap()
}

const OFFERS: [&str; 8] = [
    "birthday",
    "win-back",
    "early-access",
    "double-points-week",
    "replenish-coffee",
    "stamp-card",
    "referral",
    "free-shipping-regulars",
];
const REWARDS: [&str; 4] = ["free-shipping", "five-off", "free-bag", "roastery-visit"];
const BADGES: [&str; 4] = ["regular", "streak", "explorer", "two-years"];

/// What the widget would use of a config, and what it reports left out.
#[derive(Debug, PartialEq)]
struct Kept {
    card: bool,
    offers: Vec<String>,
    rewards: Vec<String>,
    ways: usize,
    badges: Vec<String>,
    pins: usize,
    boosts: usize,
    limits: Vec<(String, u32)>,
    omitted: Vec<String>,
}

fn kept(config: &Json) -> Result<Kept, String> {
    let value = Value::parse(&config.to_string()).unwrap();
    let usable = Config::in_parts(&value).map_err(|e| e.to_string());
    // The widget's lenient decoder keeps and leaves out the same parts as `in_parts`.
    let lenient = Config::lenient(&value).map_err(|e| e.to_string());
    let kept = usable.map(|usable| kept_of(&usable.config, &usable.omitted));
    let widget = lenient.map(|lenient| kept_of(&lenient.value, &lenient.omitted));
    assert_eq!(widget, kept, "the widget's lenient decoder and in_parts disagree on {config}");
    kept
}

fn kept_of(c: &Config, omitted: &[patron::Omitted]) -> Kept {
    let p = &c.programme;
    let mut omitted: Vec<String> = omitted.iter().map(|o| format!("{} {}", o.part, o.path)).collect();
    omitted.sort();
    Kept {
        card: c.programme_usable,
        offers: c.offers.iter().map(|o| o.id.clone()).collect(),
        rewards: p.rewards.iter().map(|r| r.id.clone()).collect(),
        ways: p.ways_to_earn.len(),
        badges: p.badges.iter().map(|b| b.id.clone()).collect(),
        pins: c.recommendations.pin.len(),
        boosts: c.recommendations.boost.len(),
        limits: c.max_per_placement.clone(),
        omitted,
    }
}

fn without(all: &[&str], gone: &[&str]) -> Vec<String> {
    all.iter().filter(|id| !gone.contains(id)).map(|id| id.to_string()).collect()
}

/// The base config as the widget keeps it whole.
fn whole() -> Kept {
    Kept {
        card: true,
        offers: without(&OFFERS, &[]),
        rewards: without(&REWARDS, &[]),
        ways: 5,
        badges: without(&BADGES, &[]),
        pins: 0,
        boosts: 0,
        limits: vec![("top".into(), 1), ("inline".into(), 2), ("cart".into(), 1)],
        omitted: vec![],
    }
}

/// Sets the value at a JSON pointer, adding the last key to its object when it is not there.
fn set(config: &mut Json, pointer: &str, value: Json) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = if parent.is_empty() { config } else { config.pointer_mut(parent).unwrap() };
    match parent {
        Json::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        Json::Object(fields) => {
            fields.insert(key.to_string(), value);
        }
        _ => panic!("no {pointer}"),
    }
}

fn rename(config: &mut Json, pointer: &str, from: &str, to: &str) {
    let object = config.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
    let value = object.remove(from).unwrap();
    object.insert(to.to_string(), value);
}

#[test]
fn the_base_config_is_kept_whole() {
    assert_eq!(kept(&base()).unwrap(), whole());
}

/// One case: a name, the mistake, and what is left.
type Case = (&'static str, fn(&mut Json), fn(&mut Kept));

#[test]
fn each_mistake_costs_only_its_part() {
    let cases: Vec<Case> = vec![
        (
            "a typo in one offer's field",
            |c| rename(c, "/offers/1", "cta_label", "cta_lable"),
            |k| {
                k.offers = without(&OFFERS, &["win-back"]);
                k.omitted = vec!["offer offers[1]".into()];
            },
        ),
        (
            "a wrong type in one offer",
            |c| set(c, "/offers/3/priority", json!("high")),
            |k| {
                k.offers = without(&OFFERS, &["double-points-week"]);
                k.omitted = vec!["offer offers[3]".into()];
            },
        ),
        (
            "an unknown tier in one offer",
            |c| set(c, "/offers/2/audience", json!({"tier_at_least": "platin"})),
            |k| {
                k.offers = without(&OFFERS, &["early-access"]);
                k.omitted = vec!["offer offers[2]".into()];
            },
        ),
        (
            "an unknown placeholder in one offer",
            |c| set(c, "/offers/5/headline/de", json!("Hallo {vorname}")),
            |k| {
                k.offers = without(&OFFERS, &["stamp-card"]);
                k.omitted = vec!["offer offers[5]".into()];
            },
        ),
        (
            "an unclosed brace in one offer",
            |c| set(c, "/offers/6/body/en", json!("Give {reward")),
            |k| {
                k.offers = without(&OFFERS, &["referral"]);
                k.omitted = vec!["offer offers[6]".into()];
            },
        ),
        (
            "a broken schedule in one offer",
            |c| set(c, "/offers/4/schedule", json!({"from": "Montag"})),
            |k| {
                k.offers = without(&OFFERS, &["replenish-coffee"]);
                k.omitted = vec!["offer offers[4]".into()];
            },
        ),
        (
            "an offer without a headline",
            |c| {
                c.pointer_mut("/offers/7").unwrap().as_object_mut().unwrap().remove("headline");
            },
            |k| {
                k.offers = without(&OFFERS, &["free-shipping-regulars"]);
                k.omitted = vec!["offer offers[7]".into()];
            },
        ),
        (
            "two mistakes in two offers",
            |c| {
                rename(c, "/offers/0", "headline", "headlin");
                set(c, "/offers/6/placement", json!(5));
            },
            |k| {
                k.offers = without(&OFFERS, &["birthday", "referral"]);
                k.omitted = vec!["offer offers[0]".into(), "offer offers[6]".into()];
            },
        ),
        (
            "two offers sharing an id",
            |c| set(c, "/offers/5/id", json!("referral")),
            |k| {
                k.offers = without(&OFFERS, &["stamp-card", "referral"]);
                k.omitted = vec!["offer offers[5]".into(), "offer offers[6]".into()];
            },
        ),
        (
            "a typo in one reward",
            |c| rename(c, "/programme/rewards/2", "cost_points", "cost_point"),
            |k| {
                k.rewards = without(&REWARDS, &["free-bag"]);
                k.omitted = vec!["reward programme.rewards[2]".into()];
            },
        ),
        (
            "an unknown tier in one reward",
            |c| set(c, "/programme/rewards/3/tier", json!("platin")),
            |k| {
                k.rewards = without(&REWARDS, &["roastery-visit"]);
                k.omitted = vec!["reward programme.rewards[3]".into()];
            },
        ),
        (
            "a typo in one way to earn",
            |c| set(c, "/programme/ways_to_earn/0", json!({"typ": "purchase"})),
            |k| {
                k.ways = 4;
                k.omitted = vec!["way to earn programme.ways_to_earn[0]".into()];
            },
        ),
        (
            "a broken condition in one badge",
            |c| set(c, "/programme/badges/1/condition", json!({"orders_atleast": 3})),
            |k| {
                k.badges = without(&BADGES, &["streak"]);
                k.omitted = vec!["badge programme.badges[1]".into()];
            },
        ),
        (
            "an unknown tier in one badge",
            |c| set(c, "/programme/badges/2/condition", json!({"tier_is": ["platin"]})),
            |k| {
                k.badges = without(&BADGES, &["explorer"]);
                k.omitted = vec!["badge programme.badges[2]".into()];
            },
        ),
        (
            "a broken placement limit",
            |c| set(c, "/max_per_placement/inline", json!(0)),
            |k| {
                k.limits = vec![("top".into(), 1), ("cart".into(), 1)];
                k.omitted = vec!["placement limit max_per_placement.inline".into()];
            },
        ),
        (
            "a broken pin",
            |c| set(c, "/recommendations", json!({"pin": ["BEAN-HOUSE-1KG", 7], "boost": {"Zubehör": 0.5}})),
            |k| {
                k.pins = 1;
                k.boosts = 1;
                k.omitted = vec!["recommendation rule recommendations.pin[1]".into()];
            },
        ),
        (
            "a broken boost",
            |c| set(c, "/recommendations", json!({"pin": ["BEAN-HOUSE-1KG"], "boost": {"Zubehör": "half"}})),
            |k| {
                k.pins = 1;
                k.omitted = vec!["recommendation rule recommendations.boost.Zubehör".into()];
            },
        ),
        (
            "a recommendations section that is no object",
            |c| set(c, "/recommendations", json!([1])),
            |k| {
                k.omitted = vec!["recommendations recommendations".into()];
            },
        ),
        (
            "an unknown top-level field",
            |c| set(c, "/colour", json!("blue")),
            |k| {
                k.omitted = vec!["field colour".into()];
            },
        ),
        (
            "a retired top-level field",
            |c| set(c, "/analytics_salt", json!("x")),
            |k| {
                k.omitted = vec!["field analytics_salt".into()];
            },
        ),
        (
            "a broken programme name",
            |c| set(c, "/programme/name", json!(7)),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a broken earn rule",
            |c| rename(c, "/programme/earn", "points_per_unit", "points_per_euro"),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "tiers not rising",
            |c| set(c, "/programme/tiers/2/threshold", json!(10)),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a broken currency",
            |c| set(c, "/programme/currency", json!("euro")),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a broken default language",
            |c| set(c, "/default_language", json!("deutsch")),
            |k| {
                *k = programme_gone(k, &OFFERS);
            },
        ),
        (
            "a reward of an unknown kind",
            |c| set(c, "/programme/rewards/0/reward/type", json!("free_ship")),
            |k| {
                k.rewards = without(&REWARDS, &["free-shipping"]);
                k.omitted = vec!["reward programme.rewards[0]".into()];
            },
        ),
        (
            "a reward that costs nothing",
            |c| set(c, "/programme/rewards/1/cost_points", json!(0)),
            |k| {
                k.rewards = without(&REWARDS, &["five-off"]);
                k.omitted = vec!["reward programme.rewards[1]".into()];
            },
        ),
        (
            "a reward for a tier the programme does not have",
            |c| set(c, "/programme/rewards/3/min_tier", json!("platin")),
            |k| {
                k.rewards = without(&REWARDS, &["roastery-visit"]);
                k.omitted = vec!["reward programme.rewards[3]".into()];
            },
        ),
        (
            "two rewards sharing an id",
            |c| set(c, "/programme/rewards/1/id", json!("free-shipping")),
            |k| {
                k.rewards = without(&REWARDS, &["free-shipping", "five-off"]);
                k.omitted = vec!["reward programme.rewards[0]".into(), "reward programme.rewards[1]".into()];
            },
        ),
        (
            "a reward's name without the default language",
            |c| set(c, "/programme/rewards/2/name", json!({"en": "A free bag"})),
            |k| {
                k.rewards = without(&REWARDS, &["free-bag"]);
                k.omitted = vec!["reward programme.rewards[2]".into()];
            },
        ),
        (
            "a way to earn of no points",
            |c| set(c, "/programme/ways_to_earn/1/points", json!(0)),
            |k| {
                k.ways = 4;
                k.omitted = vec!["way to earn programme.ways_to_earn[1]".into()];
            },
        ),
        (
            "a way to earn listed twice",
            |c| set(c, "/programme/ways_to_earn/2/type", json!("sign_up")),
            |k| {
                k.ways = 4;
                k.omitted = vec!["way to earn programme.ways_to_earn[2]".into()];
            },
        ),
        (
            "a custom way to earn without words",
            |c| set(c, "/programme/ways_to_earn/4", json!({"type": "custom", "points": 5})),
            |k| {
                k.ways = 4;
                k.omitted = vec!["way to earn programme.ways_to_earn[4]".into()];
            },
        ),
        (
            "two badges sharing an id",
            |c| set(c, "/programme/badges/3/id", json!("regular")),
            |k| {
                k.badges = without(&BADGES, &["regular", "two-years"]);
                k.omitted = vec!["badge programme.badges[0]".into(), "badge programme.badges[3]".into()];
            },
        ),
        (
            "a badge's name without the default language",
            |c| set(c, "/programme/badges/0/name", json!({"en": "Regular"})),
            |k| {
                k.badges = without(&BADGES, &["regular"]);
                k.omitted = vec!["badge programme.badges[0]".into()];
            },
        ),
        (
            "a badge without a condition",
            |c| {
                c.pointer_mut("/programme/badges/3").unwrap().as_object_mut().unwrap().remove("condition");
            },
            |k| {
                k.badges = without(&BADGES, &["two-years"]);
                k.omitted = vec!["badge programme.badges[3]".into()];
            },
        ),
        (
            "an offer's headline without the default language",
            |c| set(c, "/offers/7/headline", json!({"en": "Free shipping for regulars"})),
            |k| {
                k.offers = without(&OFFERS, &["free-shipping-regulars"]);
                k.omitted = vec!["offer offers[7]".into()];
            },
        ),
        (
            "an offer's link that is no link",
            |c| set(c, "/offers/1/cta_url", json!("javascript:alert(1)")),
            |k| {
                k.offers = without(&OFFERS, &["win-back"]);
                k.omitted = vec!["offer offers[1]".into()];
            },
        ),
        (
            "a button without its link",
            |c| {
                c.pointer_mut("/offers/0").unwrap().as_object_mut().unwrap().remove("cta_url");
            },
            |k| {
                k.offers = without(&OFFERS, &["birthday"]);
                k.omitted = vec!["offer offers[0]".into()];
            },
        ),
        (
            "a frequency cap of more a day than in total",
            |c| set(c, "/offers/0/frequency_cap", json!({"per_day": 5, "total": 3})),
            |k| {
                k.offers = without(&OFFERS, &["birthday"]);
                k.omitted = vec!["offer offers[0]".into()];
            },
        ),
        (
            "a holdout over 100 %",
            |c| set(c, "/offers/1/holdout_percent", json!(150)),
            |k| {
                k.offers = without(&OFFERS, &["win-back"]);
                k.omitted = vec!["offer offers[1]".into()];
            },
        ),
        (
            "two conditions in one object of an audience",
            |c| set(c, "/offers/4/audience", json!({"orders_at_least": 1, "days_since_last_order_at_least": 3})),
            |k| {
                k.offers = without(&OFFERS, &["replenish-coffee"]);
                k.omitted = vec!["offer offers[4]".into()];
            },
        ),
        (
            "an offer's reward of an unknown kind",
            |c| set(c, "/offers/0/reward", json!({"type": "gift"})),
            |k| {
                k.offers = without(&OFFERS, &["birthday"]);
                k.omitted = vec!["offer offers[0]".into()];
            },
        ),
        (
            "{reward} in an offer without a reward",
            |c| set(c, "/offers/6/body/de", json!("Sie erhalten {reward}.")),
            |k| {
                k.offers = without(&OFFERS, &["referral"]);
                k.omitted = vec!["offer offers[6]".into()];
            },
        ),
        (
            "a stamp card of no orders",
            |c| set(c, "/offers/5/stamp_card/orders", json!(0)),
            |k| {
                k.offers = without(&OFFERS, &["stamp-card"]);
                k.omitted = vec!["offer offers[5]".into()];
            },
        ),
        (
            "the issue's typo and a reward's unknown tier, found in one pass",
            |c| {
                rename(c, "/offers/1", "cta_label", "cta_lable");
                set(c, "/programme/rewards/3/min_tier", json!("platin"));
            },
            |k| {
                k.offers = without(&OFFERS, &["win-back"]);
                k.rewards = without(&REWARDS, &["roastery-visit"]);
                k.omitted = vec!["offer offers[1]".into(), "reward programme.rewards[3]".into()];
            },
        ),
        (
            "a tier id with a space",
            |c| set(c, "/programme/tiers/0/id", json!("bronze plus")),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "points that expire after 0 months",
            |c| set(c, "/programme/points_expire_after_months", json!(0)),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a qualification window of 0 months",
            |c| set(c, "/programme/qualification/window_months", json!(0)),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a sign-in link that is no link",
            |c| set(c, "/programme/sign_in_url", json!("javascript:void(0)")),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "a programme that is no object",
            |c| set(c, "/programme", json!("Bohnenhaus Club")),
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "no programme",
            |c| {
                c.as_object_mut().unwrap().remove("programme");
            },
            |k| {
                *k = programme_gone(k, &["early-access", "double-points-week"]);
            },
        ),
        (
            "placement limits that are no object",
            |c| set(c, "/max_per_placement", json!([1, 2])),
            |k| {
                k.limits = vec![];
                k.omitted = vec!["placement limit max_per_placement".into()];
            },
        ),
        (
            "a broken diversity rule",
            |c| set(c, "/recommendations", json!({"max_per_category": 0, "pin": ["BEAN-HOUSE-1KG"]})),
            |k| {
                k.pins = 1;
                k.omitted = vec!["recommendation rule recommendations.max_per_category".into()];
            },
        ),
        (
            "an unknown recommendation rule",
            |c| set(c, "/recommendations", json!({"pins": ["BEAN-HOUSE-1KG"]})),
            |k| {
                k.omitted = vec!["recommendation rule recommendations.pins".into()];
            },
        ),
        (
            "rewards that are no list",
            |c| set(c, "/programme/rewards", json!({"five-off": 500})),
            |k| {
                k.rewards = vec![];
                k.omitted = vec!["programme section programme.rewards".into()];
            },
        ),
        (
            "a broken default language and an offer's unknown tier",
            |c| {
                set(c, "/default_language", json!("deutsch"));
                set(c, "/offers/2/audience", json!({"tier_at_least": "platin"}));
            },
            |k| {
                *k = programme_gone(k, &OFFERS);
            },
        ),
        (
            "an offer list that is no list",
            |c| set(c, "/offers", json!({"birthday": {}})),
            |k| {
                k.offers = vec![];
                k.omitted = vec!["offer offers".into()];
            },
        ),
    ];
    let mut failures = Vec::new();
    for (name, mistake, expect) in &cases {
        let mut config = base();
        mistake(&mut config);
        let mut expected = whole();
        expect(&mut expected);
        expected.omitted.sort();
        match kept(&config) {
            Ok(actual) if actual == expected => {}
            other => failures.push(format!("{name}:\n  expected {expected:?}\n  got      {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// What is left when the programme's core is broken: no card, no rewards panel (their rewards, ways
/// and badges go with it), and no offer that needs tiers or points.
fn programme_gone(k: &Kept, needs: &[&str]) -> Kept {
    let mut omitted = vec!["programme programme".to_string()];
    omitted.extend(
        OFFERS.iter().enumerate().filter(|(_, id)| needs.contains(id)).map(|(i, _)| format!("offer offers[{i}]")),
    );
    Kept {
        card: false,
        offers: without(&OFFERS, needs),
        rewards: vec![],
        ways: 0,
        badges: vec![],
        omitted,
        ..Kept { ..whole_from(k) }
    }
}

fn whole_from(k: &Kept) -> Kept {
    Kept {
        card: k.card,
        offers: k.offers.clone(),
        rewards: k.rewards.clone(),
        ways: k.ways,
        badges: k.badges.clone(),
        pins: k.pins,
        boosts: k.boosts,
        limits: k.limits.clone(),
        omitted: k.omitted.clone(),
    }
}

/// Attacks stay refused whole: more offers than the limit.
#[test]
fn too_many_offers_is_refused_whole() {
    let mut config = base();
    let offer = config["offers"][0].clone();
    let offers: Vec<Json> = (0..501)
        .map(|i| {
            let mut o = offer.clone();
            o["id"] = json!(format!("o{i}"));
            o
        })
        .collect();
    config["offers"] = json!(offers);
    let error = kept(&config).unwrap_err();
    assert!(error.contains("a list of 501 offers is longer than the limit of 500"), "{error}");
}

/// The demo's lapsed customer, with a points ledger (2 batches expiring) and a redemption added,
/// 15 orders, and one cart line added.
fn base_session() -> Json {
    let mut s: Json = serde_json::from_str(&std::fs::read_to_string("www/sessions/lapsed.json").unwrap()).unwrap();
    s["points"]["redeemed"] = json!([{"reward_id": "five-off", "on": "2026-10-01"}]);
    s["cart"] = json!({"lines": [{"sku": "BEAN-HOUSE-1KG", "quantity": 1, "unit_price": 21.9}]});
    s
}

/// What the widget would use of a session, and what it reports left out.
#[derive(Debug, PartialEq)]
struct Used {
    orders: usize,
    lines: usize,
    cart: usize,
    ledger: Option<(u64, usize, usize)>,
    first_name: Option<String>,
    personalised: bool,
    omitted: Vec<String>,
}

fn used(session: &Json) -> Result<Used, String> {
    let value = Value::parse(&session.to_string()).unwrap();
    let reference = patron::Session::in_parts(&value).map(|(s, _, omitted)| used_of(&s, &omitted));
    // The widget's lenient decoder uses and leaves out the same parts as `in_parts`.
    let widget = patron::Session::lenient(&value).map(|l| used_of(&l.value, &l.omitted));
    let (reference, widget) = (reference.map_err(|e| e.to_string()), widget.map_err(|e| e.to_string()));
    assert_eq!(widget, reference, "the widget's lenient decoder and in_parts disagree on {session}");
    reference
}

fn used_of(s: &patron::Session, omitted: &[patron::Omitted]) -> Used {
    let mut omitted: Vec<String> = omitted.iter().map(|o| format!("{} {}", o.part, o.path)).collect();
    omitted.sort();
    Used {
        orders: s.orders.len(),
        lines: s.orders.iter().map(|o| o.lines.len()).sum(),
        cart: s.cart.lines.len(),
        ledger: s.points.as_ref().map(|p| (p.balance, p.expiring.len(), p.redeemed.len())),
        first_name: s.customer.as_ref().and_then(|c| c.first_name.clone()),
        personalised: s.personalised(),
        omitted,
    }
}

fn whole_session() -> Used {
    let base = base_session();
    let lines = base["orders"].as_array().unwrap().iter().map(|o| o["lines"].as_array().unwrap().len()).sum();
    Used {
        orders: 15,
        lines,
        cart: 1,
        ledger: Some((412, 2, 1)),
        first_name: Some("Markus".into()),
        personalised: true,
        omitted: vec![],
    }
}

type SessionCase = (&'static str, fn(&mut Json), fn(&mut Used));

#[test]
fn each_mistake_in_a_session_costs_only_its_part() {
    assert_eq!(used(&base_session()).unwrap(), whole_session());
    let cases: Vec<SessionCase> = vec![
        (
            "a broken order date",
            |s| set(s, "/orders/2/placed_at", json!("yesterday")),
            |u| {
                u.orders = 14;
                u.lines -= base_session()["orders"][2]["lines"].as_array().unwrap().len();
                u.omitted = vec!["order orders[2]".into()];
            },
        ),
        (
            "an order without an id",
            |s| {
                s["orders"][4].as_object_mut().unwrap().remove("id");
            },
            |u| {
                u.orders = 14;
                u.lines -= base_session()["orders"][4]["lines"].as_array().unwrap().len();
                u.omitted = vec!["order orders[4]".into()];
            },
        ),
        (
            "a typo in an order",
            |s| rename(s, "/orders/0", "placed_at", "placed"),
            |u| {
                u.orders = 14;
                u.lines -= base_session()["orders"][0]["lines"].as_array().unwrap().len();
                u.omitted = vec!["order orders[0]".into()];
            },
        ),
        (
            "a broken order line",
            |s| set(s, "/orders/1/lines/0/unit_price", json!("12,90")),
            |u| {
                u.lines -= 1;
                u.omitted = vec!["order line orders[1].lines[0]".into()];
            },
        ),
        (
            "a line with quantity 0",
            |s| set(s, "/orders/3/lines/0/quantity", json!(0)),
            |u| {
                u.lines -= 1;
                u.omitted = vec!["order line orders[3].lines[0]".into()];
            },
        ),
        (
            "an order sent twice",
            |s| {
                let again = s["orders"][0].clone();
                s["orders"].as_array_mut().unwrap().push(again);
            },
            |u| {
                u.omitted = vec!["order orders[15]".into()];
            },
        ),
        (
            "a broken line and a broken order",
            |s| {
                set(s, "/orders/0/lines/0/sku", json!(42));
                set(s, "/orders/5/placed_at", json!(5));
            },
            |u| {
                u.orders = 14;
                u.lines -= 1 + base_session()["orders"][5]["lines"].as_array().unwrap().len();
                u.omitted = vec!["order line orders[0].lines[0]".into(), "order orders[5]".into()];
            },
        ),
        (
            "a broken cart line",
            |s| set(s, "/cart/lines/0/quantity", json!(-1)),
            |u| {
                u.cart = 0;
                u.omitted = vec!["cart line cart.lines[0]".into()];
            },
        ),
        (
            "a cart that is no object",
            |s| set(s, "/cart", json!([])),
            |u| {
                u.cart = 0;
                u.omitted = vec!["cart cart".into()];
            },
        ),
        (
            "a code in a redemption",
            |s| set(s, "/points/redeemed/0/code", json!("X-1")),
            |u| {
                u.ledger = Some((412, 2, 0));
                u.omitted = vec!["redemption points.redeemed[0]".into()];
            },
        ),
        (
            "a broken redemption day",
            |s| set(s, "/points/redeemed/0/on", json!("1.10.2026")),
            |u| {
                u.ledger = Some((412, 2, 0));
                u.omitted = vec!["redemption points.redeemed[0]".into()];
            },
        ),
        (
            "a broken expiring batch",
            |s| set(s, "/points/expiring/1/points", json!("forty")),
            |u| {
                u.ledger = Some((412, 1, 1));
                u.omitted = vec!["expiring points points.expiring[1]".into()];
            },
        ),
        (
            "a broken balance",
            |s| set(s, "/points/balance", json!(-5)),
            |u| {
                u.ledger = None;
                u.omitted = vec!["points ledger points".into()];
            },
        ),
        (
            "a typo in the ledger",
            |s| rename(s, "/points", "balance", "balanse"),
            |u| {
                u.ledger = None;
                u.omitted = vec!["points ledger points".into()];
            },
        ),
        (
            "a broken birthday",
            |s| set(s, "/customer/birthday", json!("22.07.1979")),
            |u| {
                u.omitted = vec!["field customer.birthday".into()];
            },
        ),
        (
            "a broken first name",
            |s| set(s, "/customer/first_name", json!(7)),
            |u| {
                u.first_name = None;
                u.omitted = vec!["field customer.first_name".into()];
            },
        ),
        (
            "a broken referral link",
            |s| set(s, "/customer/referral_url", json!("javascript:alert(1)")),
            |u| {
                u.omitted = vec!["field customer.referral_url".into()];
            },
        ),
        (
            "a broken analytics key",
            |s| set(s, "/customer/analytics_id", json!("abc")),
            |u| {
                u.omitted = vec!["field customer.analytics_id".into()];
            },
        ),
        (
            "a broken locale",
            |s| set(s, "/locale", json!("german")),
            |u| {
                u.omitted = vec!["field locale".into()];
            },
        ),
        (
            "a broken now",
            |s| set(s, "/now", json!("today")),
            |u| {
                u.omitted = vec!["field now".into()];
            },
        ),
        (
            "broken consent",
            |s| set(s, "/consent", json!("yes")),
            |u| {
                u.personalised = false;
                u.omitted = vec!["consent consent".into()];
            },
        ),
        (
            "an unknown field",
            |s| set(s, "/basket", json!([])),
            |u| {
                u.omitted = vec!["field basket".into()];
            },
        ),
    ];
    let mut failures = Vec::new();
    for (name, mistake, expect) in &cases {
        let mut session = base_session();
        mistake(&mut session);
        let mut expected = whole_session();
        expect(&mut expected);
        expected.omitted.sort();
        match used(&session) {
            Ok(actual) if actual == expected => {}
            other => failures.push(format!("{name}:\n  expected {expected:?}\n  got      {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// What cannot be used at all is refused, as before: no currency, no customer id, no object.
#[test]
fn a_session_without_currency_or_customer_id_is_refused() {
    let mut no_currency = base_session();
    no_currency.as_object_mut().unwrap().remove("currency");
    assert!(used(&no_currency).unwrap_err().contains("missing field \"currency\""));
    let mut bad_currency = base_session();
    bad_currency["currency"] = json!("euro");
    assert!(used(&bad_currency).unwrap_err().contains("currency"));
    let mut no_id = base_session();
    no_id["customer"].as_object_mut().unwrap().remove("id");
    assert!(used(&no_id).unwrap_err().contains("missing field \"id\""));
    assert!(used(&json!([1])).is_err());
}
