//! The offer engine: for every example offer in the demo configs, who sees it and who does not, and
//! why; arbitration; caps, dismissals and holdouts.

use patron::format::PlainFormatter;
use patron::offers::{self, Decision, Group, Memory, Outcome};
use patron::Config;
use serde_json::{json, Value};

use crate::support::*;

fn b2b() -> Config {
    Config::from_json(B2B).unwrap()
}

/// Decides every offer for a session (JSON) with a fresh memory.
fn decide(session: &Value, config: &Config) -> Vec<Decision> {
    decide_with(session, config, &Memory::default())
}

fn decide_with(session: &Value, config: &Config, memory: &Memory) -> Vec<Decision> {
    let session = parse_session(session);
    let now = session.now.expect("test sessions fix the clock");
    let locale = session.locale.clone().unwrap_or_else(|| "de-DE".into());
    let format = PlainFormatter::new(&locale, "EUR");
    offers::decide(&session, config.offer_config(), now, &locale, memory, &format)
}

fn outcome<'a>(decisions: &'a [Decision], id: &str) -> &'a Outcome {
    &decisions.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no offer {id}")).outcome
}

fn shown(decisions: &[Decision]) -> Vec<&str> {
    decisions.iter().filter(|d| d.outcome == Outcome::Shown).map(|d| d.id.as_str()).collect()
}

fn reason(decisions: &[Decision], id: &str) -> String {
    outcome(decisions, id).describe()
}

fn headline(decisions: &[Decision], id: &str) -> String {
    decisions
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.banner.as_ref())
        .map(|b| b.headline.clone())
        .unwrap_or_default()
}

/// A customer with a birthday and these orders at 2026-11-20.
fn customer(birthday: &str, orders: Value) -> Value {
    let mut session = session_with(orders);
    session["customer"]["birthday"] = json!(birthday);
    session
}

fn coffee(id: &str, placed_at: &str) -> Value {
    json!({"id": id, "placed_at": placed_at, "lines": [{"sku": "BEAN-HOUSE-1KG", "quantity": 1, "unit_price": 21.9, "category": "coffee"}]})
}

#[test]
fn birthday_reward_shows_within_two_weeks_of_the_birthday() {
    let near = decide(&customer("1990-11-28", json!([])), &consumer());
    assert_eq!(outcome(&near, "birthday"), &Outcome::Shown);
    assert_eq!(headline(&near, "birthday"), "Alles Gute zum Geburtstag, Anna!");
    let banner = near.iter().find(|d| d.id == "birthday").unwrap().banner.clone().unwrap();
    assert_eq!(
        banner.body,
        "Ihr Geschenk: 10,00\u{a0}€ Rabatt auf die nächste Bestellung, gültig im Geburtstagsmonat."
    );
    assert_eq!(banner.cta, Some(("Geschenk einlösen".into(), "/geschenk".into())));
    let far = decide(&customer("1990-06-01", json!([])), &consumer());
    assert_eq!(reason(&far, "birthday"), "not in the audience: offers[0].audience: the birthday is 172 days away");
    // Across the new year: 2 January is 43 days from 20 November.
    let january = decide(&customer("1990-01-02", json!([])), &consumer());
    assert_eq!(reason(&january, "birthday"), "not in the audience: offers[0].audience: the birthday is 43 days away");
}

#[test]
fn win_back_reaches_customers_silent_for_90_days() {
    let lapsed = customer("1990-06-01", json!([coffee("1", "2026-08-01T10:00:00+02:00")]));
    let decisions = decide(&lapsed, &consumer());
    assert_eq!(outcome(&decisions, "win-back"), &Outcome::Shown);
    assert_eq!(headline(&decisions, "win-back"), "Wir vermissen Sie, Anna!");
    let banner = decisions.iter().find(|d| d.id == "win-back").unwrap().banner.clone().unwrap();
    assert_eq!(banner.body, "Seit 111 Tagen keine Bestellung – mit 15\u{a0}% Rabatt schmeckt der Neustart besser.");
    assert_eq!(banner.coupon_code.as_deref(), Some("COMEBACK15"));
    let recent = customer("1990-06-01", json!([coffee("1", "2026-10-01T10:00:00+02:00")]));
    assert_eq!(
        reason(&decide(&recent, &consumer()), "win-back"),
        "not in the audience: offers[1].audience: the last order was 50 days ago"
    );
    let new = customer("1990-06-01", json!([]));
    assert_eq!(
        reason(&decide(&new, &consumer()), "win-back"),
        "not in the audience: offers[1].audience: no orders yet"
    );
}

#[test]
fn birthday_beats_win_back_in_their_group() {
    let both = customer("1990-11-25", json!([coffee("1", "2026-08-01T10:00:00+02:00")]));
    let decisions = decide(&both, &consumer());
    assert_eq!(outcome(&decisions, "birthday"), &Outcome::Shown);
    assert_eq!(reason(&decisions, "win-back"), "lost its group to \"birthday\"");
}

#[test]
fn early_access_is_for_gold_only() {
    let gold = customer("1990-06-01", json!([order("1", "2026-09-01T10:00:00+02:00", 1600.0)]));
    let decisions = decide(&gold, &consumer());
    assert_eq!(outcome(&decisions, "early-access"), &Outcome::Shown);
    let silver = customer("1990-06-01", json!([order("1", "2026-09-01T10:00:00+02:00", 600.0)]));
    assert_eq!(
        reason(&decide(&silver, &consumer()), "early-access"),
        "not in the audience: offers[2].audience: tier \"silver\" is below \"gold\""
    );
}

#[test]
fn double_points_week_runs_on_schedule_for_everyone() {
    let during = customer("1990-06-01", json!([]));
    let decisions = decide(&during, &consumer());
    assert_eq!(outcome(&decisions, "double-points-week"), &Outcome::Shown);
    assert_eq!(
        decisions.iter().find(|d| d.id == "double-points-week").unwrap().banner.as_ref().unwrap().body,
        "Jeder Einkauf zählt 2×."
    );
    let mut after = during.clone();
    after["now"] = json!("2026-11-23T00:00:00+01:00");
    assert_eq!(outcome(&decide(&after, &consumer()), "double-points-week"), &Outcome::NotScheduled);
    // A guest without consent sees it too: the audience reads nothing personal.
    let guest = json!({"currency": "EUR", "now": "2026-11-20T10:00:00+01:00"});
    assert_eq!(shown(&decide(&guest, &consumer())), ["double-points-week"]);
}

#[test]
fn replenishment_reminder_comes_about_one_cycle_after_the_last_coffee() {
    let due = customer("1990-06-01", json!([coffee("1", "2026-10-15T10:00:00+02:00")]));
    let decisions = decide(&due, &consumer());
    assert_eq!(outcome(&decisions, "replenish-coffee"), &Outcome::Shown);
    assert_eq!(headline(&decisions, "replenish-coffee"), "Zeit für Nachschub?");
    let early = customer("1990-06-01", json!([coffee("1", "2026-11-10T10:00:00+01:00")]));
    assert_eq!(
        reason(&decide(&early, &consumer()), "replenish-coffee"),
        "not in the audience: offers[4].audience: category \"coffee\" was last bought 10 days ago"
    );
    let tea_only = customer(
        "1990-06-01",
        json!([{"id": "1", "placed_at": "2026-10-15T10:00:00+02:00", "lines": [{"sku": "TEA", "quantity": 1, "unit_price": 7.5, "category": "tea"}]}]),
    );
    assert_eq!(
        reason(&decide(&tea_only, &consumer()), "replenish-coffee"),
        "not in the audience: offers[4].audience: never bought category \"coffee\""
    );
}

#[test]
fn stamp_card_counts_orders_towards_the_tenth() {
    let orders: Vec<Value> = (1..=7).map(|i| coffee(&i.to_string(), &format!("2026-0{i}-03T10:00:00+02:00"))).collect();
    let decisions = decide(&customer("1990-06-01", Value::Array(orders)), &consumer());
    let banner = decisions.iter().find(|d| d.id == "stamp-card").unwrap().banner.clone().unwrap();
    assert_eq!(banner.stamps, Some((7, 10)));
    assert_eq!(banner.headline, "Bestellungen bis zur Gratis-Packung: noch 3");
    // A placeholder does not inflect the words around it: the demo's headline names its noun first,
    // so that it reads right for one order to go as for ten (it said "Noch 1 Bestellungen").
    let nine: Vec<Value> = (1..=9).map(|i| coffee(&i.to_string(), &format!("2026-0{i}-03T10:00:00+02:00"))).collect();
    let decisions = decide(&customer("1990-06-01", Value::Array(nine)), &consumer());
    let banner = decisions.iter().find(|d| d.id == "stamp-card").unwrap().banner.clone().unwrap();
    assert_eq!(
        (banner.stamps, banner.headline.as_str()),
        (Some((9, 10)), "Bestellungen bis zur Gratis-Packung: noch 1")
    );
    assert_eq!(
        reason(&decide(&customer("1990-06-01", json!([])), &consumer()), "stamp-card"),
        "not in the audience: offers[5].audience: 0 orders"
    );
}

#[test]
fn referral_banner_needs_a_returning_customer_with_a_link() {
    // Coffee last bought in August: no replenishment reminder competes for the inline placement.
    let two = json!([coffee("1", "2026-07-01T10:00:00+02:00"), coffee("2", "2026-08-01T10:00:00+02:00")]);
    let mut with_link = customer("1990-06-01", two.clone());
    with_link["customer"]["referral_url"] = json!("/empfehlen/anna");
    let decisions = decide(&with_link, &consumer());
    assert_eq!(outcome(&decisions, "referral"), &Outcome::Shown);
    let banner = decisions.iter().find(|d| d.id == "referral").unwrap().banner.clone().unwrap();
    assert_eq!(banner.referral_url.as_deref(), Some("/empfehlen/anna"));
    assert_eq!(banner.headline, "10 € schenken, 10 € bekommen");
    let without = customer("1990-06-01", two);
    assert_eq!(reason(&decide(&without, &consumer()), "referral"), "the session lacks customer.referral_url");
    let once = customer("1990-06-01", json!([coffee("1", "2026-09-01T10:00:00+02:00")]));
    assert_eq!(reason(&decide(&once, &consumer()), "referral"), "not in the audience: offers[6].audience: 1 order");
}

#[test]
fn free_shipping_is_for_returning_customers_in_the_cart() {
    let two = customer(
        "1990-06-01",
        json!([coffee("1", "2026-09-01T10:00:00+02:00"), coffee("2", "2026-10-01T10:00:00+02:00")]),
    );
    let decisions = decide(&two, &consumer());
    assert_eq!(outcome(&decisions, "free-shipping-regulars"), &Outcome::Shown);
    assert_eq!(decisions.iter().find(|d| d.id == "free-shipping-regulars").unwrap().placement, "cart");
    let mut private = two.clone();
    private["consent"]["personalisation"] = json!(false);
    assert_eq!(
        reason(&decide(&private, &consumer()), "free-shipping-regulars"),
        "not in the audience: offers[7].audience: needs a signed-in customer who consented to personalisation"
    );
}

#[test]
fn each_b2b_tier_sees_its_own_discount() {
    let cases = [
        (60_000.0, "tier-discount-business", "Ihr Geschäftskunden-Vorteil: 3\u{a0}% auf Verbrauchsmaterial"),
        (200_000.0, "tier-discount-premium", "Ihr Premium-Vorteil: 5\u{a0}% auf Neugeräte"),
        (
            600_000.0,
            "tier-discount-strategic",
            "Als strategischer Partner: 8\u{a0}% auf Neugeräte und 10 % auf Verbrauchsmaterial",
        ),
    ];
    for (revenue, id, text) in cases {
        let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", revenue)]));
        let decisions = decide(&session, &b2b());
        assert_eq!(shown(&decisions), [id], "{revenue}");
        assert_eq!(headline(&decisions, id), text);
    }
    let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 60_000.0)]));
    let banner =
        decide(&session, &b2b()).into_iter().find(|d| d.id == "tier-discount-business").unwrap().banner.unwrap();
    assert_eq!(banner.body, "Noch 90.000,00\u{a0}€ Jahresumsatz bis Premiumkunde.");
    let small = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 1_000.0)]));
    let decisions = decide(&small, &b2b());
    assert!(shown(&decisions).is_empty());
    assert_eq!(reason(&decisions, "tier-discount-business"), "not in the audience: offers[0].audience: no tier yet");
}

#[test]
fn a_placement_shows_at_most_its_limit_by_priority() {
    // top holds one banner: birthday (priority 50) beats double points (priority 10).
    let decisions = decide(&customer("1990-11-21", json!([])), &consumer());
    assert_eq!(outcome(&decisions, "birthday"), &Outcome::Shown);
    assert_eq!(reason(&decisions, "double-points-week"), "its placement is full with \"birthday\"");
}

#[test]
fn caps_and_dismissals_are_remembered() {
    let session = customer("1990-11-21", json!([]));
    // As the element script stores it after three impressions today.
    let stored = |json: &str| Memory::from_value(&patron::Value::parse(json).unwrap());
    let memory = stored(r#"{"offers":{"birthday":{"day":"2026-11-20","today":3,"total":3,"dismissed":false}}}"#);
    let decisions = decide_with(&session, &consumer(), &memory);
    assert_eq!(reason(&decisions, "birthday"), "frequency cap reached (3 today, 3 in total)");
    // With the birthday capped, the double-points banner takes the top placement.
    assert_eq!(outcome(&decisions, "double-points-week"), &Outcome::Shown);
    // A new day resets the daily count.
    let mut tomorrow = session.clone();
    tomorrow["now"] = json!("2026-11-21T10:00:00+01:00");
    assert_eq!(outcome(&decide_with(&tomorrow, &consumer(), &memory), "birthday"), &Outcome::Shown);
    let dismissed = stored(r#"{"offers":{"birthday":{"day":"2026-11-19","today":0,"total":0,"dismissed":true}}}"#);
    assert_eq!(reason(&decide_with(&session, &consumer(), &dismissed), "birthday"), "dismissed by the shopper");
}

#[test]
fn the_holdout_group_is_stable_and_about_the_configured_share() {
    let mut held = 0;
    for i in 0..2000 {
        let mut session = customer("1990-06-01", json!([coffee("1", "2026-06-01T10:00:00+02:00")]));
        session["customer"]["id"] = json!(format!("c-{i}"));
        let first = decide(&session, &consumer());
        let again = decide(&session, &consumer());
        assert_eq!(outcome(&first, "win-back"), outcome(&again, "win-back"));
        if outcome(&first, "win-back") == &Outcome::Holdout {
            held += 1;
        }
    }
    // 10 % configured: 200 expected out of 2000.
    assert!((150..=250).contains(&held), "{held} in the holdout group");
}

fn group(decisions: &[Decision], id: &str) -> Option<Group> {
    decisions.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no offer {id}")).group
}

#[test]
fn every_qualifying_shopper_is_assigned_a_group_whatever_arbitration_decides() {
    let session = customer("1990-11-21", json!([]));
    let decisions = decide(&session, &consumer());
    // Shown, and hidden by the placement's limit: both in the treatment group.
    assert_eq!(outcome(&decisions, "birthday"), &Outcome::Shown);
    assert_eq!(group(&decisions, "birthday"), Some(Group::Treatment));
    assert_eq!(reason(&decisions, "double-points-week"), "its placement is full with \"birthday\"");
    assert_eq!(group(&decisions, "double-points-week"), Some(Group::Treatment));
    // Not in the audience: not assigned.
    assert!(matches!(outcome(&decisions, "win-back"), Outcome::Ineligible(_)));
    assert_eq!(group(&decisions, "win-back"), None);
    // Capped or dismissed, still assigned: the comparison counts everyone who qualifies.
    let memory = Memory::from_value(
        &patron::Value::parse(r#"{"offers":{"birthday":{"day":"2026-11-19","today":0,"total":0,"dismissed":true}}}"#)
            .unwrap(),
    );
    assert_eq!(group(&decide_with(&session, &consumer(), &memory), "birthday"), Some(Group::Treatment));
    // The held-out shoppers are exactly the holdout group.
    for i in 0..300 {
        let mut session = customer("1990-06-01", json!([coffee("1", "2026-06-01T10:00:00+02:00")]));
        session["customer"]["id"] = json!(format!("c-{i}"));
        let decisions = decide(&session, &consumer());
        let held = outcome(&decisions, "win-back") == &Outcome::Holdout;
        let expected = if held { Group::Holdout } else { Group::Treatment };
        assert_eq!(group(&decisions, "win-back"), Some(expected), "c-{i}");
    }
}

#[test]
fn specificity_breaks_priority_ties() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["offers"] = json!([
        {"id": "broad", "placement": "top", "headline": {"de": "Breit"}, "audience": {"orders_at_least": 0}},
        {"id": "narrow", "placement": "top", "headline": {"de": "Schmal"},
         "audience": {"all": [{"orders_at_least": 0}, {"consent": true}]}}
    ]);
    let config = Config::from_json(&config.to_string()).unwrap();
    let decisions = decide(&customer("1990-06-01", json!([])), &config);
    assert_eq!(shown(&decisions), ["narrow"]);
    assert_eq!(reason(&decisions, "broad"), "its placement is full with \"narrow\"");
}

#[test]
fn composed_audiences_explain_the_failing_branch() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["offers"] = json!([
        {"id": "combo", "placement": "top", "headline": {"de": "Kombi"},
         "audience": {"all": [
            {"orders_at_least": 1},
            {"any": [{"cart_total_at_least": 100}, {"cart_contains": {"category": "tea"}}]},
            {"not": {"locale_is": ["en"]}}
         ]}}
    ]);
    let config = Config::from_json(&config.to_string()).unwrap();
    let mut session = customer("1990-06-01", json!([coffee("1", "2026-06-01T10:00:00+02:00")]));
    assert_eq!(
        reason(&decide(&session, &config), "combo"),
        "not in the audience: offers[0].audience.all[1]: none of its 2 conditions holds"
    );
    session["cart"] = json!({"lines": [{"sku": "TEA", "quantity": 1, "unit_price": 7.5, "category": "tea"}]});
    assert_eq!(outcome(&decide(&session, &config), "combo"), &Outcome::Shown);
    session["locale"] = json!("en-GB");
    assert_eq!(
        reason(&decide(&session, &config), "combo"),
        "not in the audience: offers[0].audience.all[2]: the negated condition holds"
    );
}

#[test]
fn other_conditions_hold_as_documented() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    let cases = [
        (json!({"points_at_least": 100}), true),
        (json!({"points_at_least": 5000}), false),
        (json!({"amount_to_next_tier_at_most": 500}), true),
        (json!({"spend_at_least": {"amount": 100, "days": 60}}), true),
        (json!({"spend_at_most": {"amount": 100, "days": 60}}), false),
        (json!({"spend_at_most": {"amount": 100, "days": 30}}), true),
        (json!({"lifetime_spend_at_least": 300}), true),
        (json!({"days_since_last_order_at_most": 14}), true),
        (json!({"birthday_this_month": true}), false),
        (json!({"anniversary_within_days": 3}), true),
        (json!({"bought": {"sku": "BEAN-HOUSE-1KG", "within_days": 30}}), true),
        (json!({"never_bought": {"category": "tea"}}), true),
        (json!({"order_streak_months_at_least": 3}), true),
        (json!({"order_streak_months_at_least": 4}), false),
        (json!({"member_for_days_at_least": 730}), true),
        (json!({"member_for_days_at_least": 2189}), true),
        (json!({"member_for_days_at_least": 2190}), false),
        (json!({"categories_bought_at_least": 1}), true),
        (json!({"categories_bought_at_least": 2}), false),
        (json!({"date_between": {"start": "2026-11-01T00:00:00+01:00", "end": "2026-12-01T00:00:00+01:00"}}), true),
        (json!({"tier_is": ["silver", "bronze"]}), true),
        (json!({"tier_is": ["gold"]}), false),
    ];
    let mut session = customer(
        "1990-06-01",
        json!([
            order("1", "2026-09-10T10:00:00+02:00", 200.0),
            order("2", "2026-10-10T10:00:00+02:00", 200.0),
            coffee("3", "2026-11-10T10:00:00+01:00"),
        ]),
    );
    session["customer"]["member_since"] = json!("2020-11-22");
    for (condition, expected) in cases {
        config["offers"] =
            json!([{"id": "x", "placement": "top", "headline": {"de": "X"}, "audience": condition.clone()}]);
        let config = Config::from_json(&config.to_string()).unwrap();
        let decisions = decide(&session, &config);
        assert_eq!(outcome(&decisions, "x") == &Outcome::Shown, expected, "{condition}: {}", reason(&decisions, "x"));
    }
}

#[test]
fn variant_buckets_split_customers_stably() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["offers"] = json!([
        {"id": "a", "placement": "top", "group": "test", "variant": "A", "headline": {"de": "A"},
         "audience": {"variant": {"experiment": "headline", "of": 2, "is": 0}}},
        {"id": "b", "placement": "top", "group": "test", "variant": "B", "headline": {"de": "B"},
         "audience": {"variant": {"experiment": "headline", "of": 2, "is": 1}}}
    ]);
    let config = Config::from_json(&config.to_string()).unwrap();
    let mut counts = [0, 0];
    for i in 0..400 {
        let mut session = customer("1990-06-01", json!([]));
        session["customer"]["id"] = json!(format!("c-{i}"));
        let shown = shown(&decide(&session, &config)).join(",");
        match shown.as_str() {
            "a" => counts[0] += 1,
            "b" => counts[1] += 1,
            other => panic!("exactly one variant must show, got {other:?}"),
        }
    }
    assert!(counts[0] > 150 && counts[1] > 150, "{counts:?}");
}

#[test]
fn membership_and_variety_conditions_say_what_the_shopper_has() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    let mut session = customer(
        "1990-06-01",
        json!([
            coffee("1", "2026-10-10T10:00:00+02:00"),
            {"id": "2", "placed_at": "2026-11-10T10:00:00+01:00", "lines": [
                {"sku": "TEA", "quantity": 1, "unit_price": 7.5, "category": "tea"},
                {"sku": "MUG", "quantity": 1, "unit_price": 9.0}
            ]},
            // After `now`: not counted yet.
            {"id": "3", "placed_at": "2026-12-01T10:00:00+01:00", "lines": [
                {"sku": "GRINDER", "quantity": 1, "unit_price": 89.0, "category": "equipment"}
            ]}
        ]),
    );
    let reason_for = |config: &mut Value, session: &Value, condition: Value| {
        config["offers"] = json!([{"id": "x", "placement": "top", "headline": {"de": "X"}, "audience": condition}]);
        reason(&decide(session, &Config::from_json(&config.to_string()).unwrap()), "x")
    };
    let three = json!({"categories_bought_at_least": 3});
    assert_eq!(
        reason_for(&mut config, &session, three.clone()),
        "not in the audience: offers[0].audience: bought from 2 categories"
    );
    let two_years = json!({"member_for_days_at_least": 730});
    assert_eq!(
        reason_for(&mut config, &session, two_years.clone()),
        "not in the audience: offers[0].audience: no member_since in the session"
    );
    session["customer"]["member_since"] = json!("2025-11-20");
    assert_eq!(
        reason_for(&mut config, &session, two_years.clone()),
        "not in the audience: offers[0].audience: a member for 365 days"
    );
    session["customer"]["member_since"] = json!("2024-11-20");
    assert_eq!(reason_for(&mut config, &session, two_years), "shown");
    // Without consent neither is read.
    session["consent"]["personalisation"] = json!(false);
    assert_eq!(
        reason_for(&mut config, &session, three),
        "not in the audience: offers[0].audience: needs a signed-in customer who consented to personalisation"
    );
}

#[test]
fn membership_and_variety_conditions_are_validated() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["offers"] = json!([
        {"id": "a", "placement": "top", "headline": {"de": "A"}, "audience": {"member_for_days_at_least": -1}},
        {"id": "b", "placement": "top", "headline": {"de": "B"}, "audience": {"categories_bought_at_least": 2.5}},
        {"id": "c", "placement": "top", "headline": {"de": "C"}, "audience": {"member_for_day_at_least": 30}}
    ]);
    let problems: Vec<String> =
        Config::from_json(&config.to_string()).unwrap_err().problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "offers[0].audience.member_for_days_at_least: expected a whole number from 0 to 36500, got -1",
            "offers[1].audience.categories_bought_at_least: expected a whole number from 0 to 1000, got 2.5",
            "offers[2].audience.member_for_day_at_least: unknown field \"member_for_day_at_least\"; did you mean \"member_for_days_at_least\"?",
        ]
    );
}

/// The stamp card's label counts by the stamps per reward, in German (dative after "von") and
/// English, over 0, 1 and 2.
#[test]
fn the_stamp_label_counts_in_the_singular_and_plural() {
    use patron::Language;
    let banner = |of: u32| offers::Banner {
        id: "stamps".to_string(),
        placement: "inline".to_string(),
        variant: None,
        headline: String::new(),
        body: String::new(),
        cta: None,
        image: None,
        coupon_code: None,
        stamps: Some((of.saturating_sub(1), of)),
        referral_url: None,
    };
    let labels = |language, locale| {
        let format = PlainFormatter::new(locale, "EUR");
        [0, 1, 2].map(|of| banner(of).stamps_label(language, &format).unwrap())
    };
    assert_eq!(labels(Language::De, "de-DE"), ["0 von 0 Bestellungen", "0 von 1 Bestellung", "1 von 2 Bestellungen"]);
    assert_eq!(labels(Language::En, "en-GB"), ["0 of 0 orders", "0 of 1 order", "1 of 2 orders"]);
    let mut none = banner(2);
    none.stamps = None;
    assert_eq!(none.stamps_label(Language::En, &PlainFormatter::new("en-GB", "EUR")), None);
}

/// The book's table of what `{reward}` renders as (programme/offers.md), per reward type, in de-DE and en-GB (Offers,
/// "Templates"): through the offer engine, as a banner's headline.
#[test]
fn the_reward_placeholder_renders_as_readme_says() {
    let with_reward = |reward: Value| {
        let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
        config["offers"] = json!([{
            "id": "r", "placement": "top", "reward": reward,
            "headline": {"de": "{reward}", "en": "{reward}"}
        }]);
        Config::from_json(&config.to_string())
    };
    let rendered = |reward: Value, locale: &str| {
        let config = with_reward(reward).unwrap();
        let mut session = session_with(json!([]));
        session["locale"] = json!(locale);
        headline(&decide(&session, &config), "r")
    };
    let table = [
        (json!({"type": "percent_off", "percent": 15}), "15\u{a0}%", "15%"),
        (json!({"type": "percent_off", "percent": 12.5}), "13\u{a0}%", "13%"),
        (json!({"type": "fixed_amount", "amount": 5}), "5,00\u{a0}€", "€5.00"),
        (json!({"type": "points_multiplier", "multiplier": 2}), "2×", "2×"),
        (json!({"type": "points_multiplier", "multiplier": 1.5}), "1,5×", "1.5×"),
    ];
    for (reward, de, en) in table {
        assert_eq!((rendered(reward.clone(), "de-DE"), rendered(reward, "en-GB")), (de.to_string(), en.to_string()));
    }
    for reward in [
        json!({"type": "free_shipping"}),
        json!({"type": "free_gift", "sku": "MUG-STONE"}),
        json!({"type": "early_access"}),
        json!({"type": "none"}),
    ] {
        let problems: Vec<String> = with_reward(reward).unwrap_err().problems.iter().map(ToString::to_string).collect();
        let needs =
            "the placeholder {reward} needs a percent_off, fixed_amount or points_multiplier reward on the offer";
        assert_eq!(problems, [format!("offers[0].headline.de: {needs}"), format!("offers[0].headline.en: {needs}")]);
    }
}
