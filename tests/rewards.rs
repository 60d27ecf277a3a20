//! The rewards, ways to earn and badges of a programme (issue 16): what `patron validate` and the
//! decoder accept and refuse, with the exact paths and messages a marketer reads.

use serde_json::{json, Value};

use patron::Config;

const CONSUMER: &str = include_str!("../www/configs/consumer.json");
const B2B: &str = include_str!("../www/configs/b2b.json");

fn problems(programme_changes: Value) -> Vec<String> {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    for (key, value) in programme_changes.as_object().unwrap() {
        config["programme"][key] = value.clone();
    }
    match Config::from_json(&config.to_string()) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_demo_programmes_have_rewards_ways_to_earn_and_badges() {
    for (name, text) in [("consumer", CONSUMER), ("b2b", B2B)] {
        let config = Config::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let programme = &config.programme;
        assert!(programme.rewards.len() >= 2, "{name}");
        assert!(!programme.ways_to_earn.is_empty(), "{name}");
        assert!(!programme.badges.is_empty(), "{name}");
    }
}

#[test]
fn rewards_are_checked_with_their_paths() {
    // Well shaped, but breaking the rules that need the whole programme.
    let mut rewards = vec![
        json!({"id": "five-off", "name": {"de": "5 € Rabatt"}, "cost_points": 500,
               "reward": {"type": "fixed_amount", "amount": 5}}),
        json!({"id": "free", "name": {"de": "Gratis"}, "cost_points": 0, "reward": {"type": "free_shipping"}}),
        json!({"id": "gold-only", "name": {"de": "Gold"}, "cost_points": 10, "reward": {"type": "free_shipping"},
               "min_tier": "platin"}),
        json!({"id": "five-off", "name": {"de": "Noch einmal"}, "cost_points": 10, "reward": {"type": "free_shipping"}}),
        json!({"id": "visit", "name": {"de": "Besuch"}, "cost_points": 10,
               "reward": {"type": "perk", "text": {"en": "A visit"}}}),
        json!({"id": "once", "name": {"de": "Einmal"}, "cost_points": 10, "reward": {"type": "free_shipping"},
               "limit_per_customer": 0}),
    ];
    assert_eq!(
        problems(json!({ "rewards": rewards })),
        [
            "programme.rewards[1].cost_points: expected at least 1 point, got 0",
            "programme.rewards[2].min_tier: unknown tier \"platin\"; the programme has \"bronze\", \"silver\", \"gold\"",
            "programme.rewards[3].id: reward id \"five-off\" is already used by programme.rewards[0]",
            "programme.rewards[4].reward.text: missing the default language \"de\" (has en)",
            "programme.rewards[5].limit_per_customer: expected at least 1 redemption, got 0; remove the reward to withdraw it",
        ]
    );
    // A reward of the wrong shape is reported by itself: the rules above wait until every shape is right.
    rewards.extend([
        json!({"id": "odd", "name": {"de": "Seltsam"}, "cost_points": 10, "reward": {"type": "percent_of", "percent": 5}}),
        json!({"id": "typo", "name": {"de": "Tippfehler"}, "cost_ponts": 10, "reward": {"type": "free_shipping"}}),
        json!({"id": "big", "name": {"de": "Viel"}, "cost_points": 10, "reward": {"type": "percent_off", "percent": 150}}),
    ]);
    assert_eq!(
        problems(json!({ "rewards": rewards })),
        [
            "programme.rewards[6].reward.type: expected one of \"fixed_amount\", \"percent_off\", \"free_shipping\", \"free_gift\", \"perk\", got \"percent_of\"",
            "programme.rewards[7].cost_ponts: unknown field \"cost_ponts\"; did you mean \"cost_points\"?",
            "programme.rewards[7]: missing field \"cost_points\"",
            "programme.rewards[8].reward.percent: expected a percentage above 0 and at most 100, got 150",
        ]
    );
}

#[test]
fn ways_to_earn_are_checked_with_their_paths() {
    assert_eq!(
        problems(json!({"ways_to_earn": [
            {"type": "purchase", "points": 5},
            {"type": "sign_up"},
            {"type": "custom", "points": 20},
            {"type": "birthday", "points": 50},
            {"type": "birthday", "points": 60},
            {"type": "review", "points": 0},
            {"type": "newsletter", "points": 10}
        ]})),
        [
            "programme.ways_to_earn[6].type: expected one of \"purchase\", \"sign_up\", \"birthday\", \"referral\", \"review\", \"custom\", got \"newsletter\"",
        ]
    );
    assert_eq!(
        problems(json!({"ways_to_earn": [
            {"type": "purchase", "points": 5},
            {"type": "sign_up"},
            {"type": "custom", "points": 20},
            {"type": "birthday", "points": 50},
            {"type": "birthday", "points": 60},
            {"type": "review", "points": 0}
        ]})),
        [
            "programme.ways_to_earn[0].points: a purchase earns by programme.earn; remove points here",
            "programme.ways_to_earn[1]: missing field \"points\"",
            "programme.ways_to_earn[2]: missing field \"label\": a custom way to earn needs its words",
            "programme.ways_to_earn[4].type: this way to earn is already listed at programme.ways_to_earn[3]",
            "programme.ways_to_earn[5].points: expected at least 1 point, got 0",
        ]
    );
}

#[test]
fn badges_use_the_audience_conditions_and_are_checked_with_their_paths() {
    assert_eq!(
        problems(json!({"badges": [
            {"id": "regular", "name": {"de": "Stammgast"}, "condition": {"orders_at_least": -1}},
            {"id": "gold", "name": {"de": "Gold"}, "condition": {"tier_at_least": "platin"}},
            {"id": "nothing", "name": {"de": "Nichts"}}
        ]})),
        [
            "programme.badges[0].condition.orders_at_least: expected a whole number from 0 to 4294967295, got -1",
            "programme.badges[1].condition.tier_at_least: unknown tier \"platin\"; the programme has \"bronze\", \"silver\", \"gold\"",
            "programme.badges[2]: missing field \"condition\"",
        ]
    );
    assert_eq!(
        problems(json!({"badges": [
            {"id": "ten", "name": {"de": "Zehn"}, "condition": {"orders_at_least": 10}},
            {"id": "ten", "name": {"de": "Noch zehn"}, "condition": {"member_for_days_at_least": 730}}
        ], "sign_in_url": "javascript:alert(1)"})),
        [
            "programme.badges[1].id: badge id \"ten\" is already used by programme.badges[0]",
            "programme.sign_in_url: expected an http(s) URL or a path on the shop, got \"javascript:alert(1)\"",
        ]
    );
}

#[test]
fn the_ledger_lists_what_was_redeemed() {
    let mut session: Value = serde_json::from_str(include_str!("../www/sessions/lapsed.json")).unwrap();
    session["points"]["redeemed"] = json!([{"reward_id": "five-off", "on": "2026-10-01"}]);
    let parsed = patron::Session::from_json(&session.to_string()).unwrap();
    let redeemed = &parsed.points.unwrap().redeemed;
    assert_eq!(redeemed.len(), 1);
    assert_eq!(redeemed[0].reward_id, "five-off");
    session["points"]["redeemed"] = json!([{"rewardid": "five-off", "on": "2026-10-01"}]);
    let problems: Vec<String> = patron::Session::from_json(&session.to_string())
        .unwrap_err()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "points.redeemed[0].rewardid: unknown field \"rewardid\"; did you mean \"reward_id\"?",
            "points.redeemed[0]: missing field \"reward_id\"",
        ]
    );
}
