//! The rewards panel (issue 16): who can afford what and why, what is next, what is locked, the
//! badges and their progress, in the words the shopper reads, and `patron render` and `patron
//! simulate` on it.

use patron::format::PlainFormatter;
use patron::loyalty::{self, Language, Panel, PanelText, Redeem, RewardStatus};
use serde_json::{json, Value};

use crate::support::*;

/// The demo consumer programme, for as long as the tests run: a panel borrows its texts.
static CONSUMER_CONFIG: std::sync::LazyLock<patron::Config> = std::sync::LazyLock::new(consumer);

fn panel(session: &Value) -> Panel<'static> {
    let session = parse_session(session);
    loyalty::panel(
        &session,
        &CONSUMER_CONFIG.programme,
        &CONSUMER_CONFIG.default_language,
        session.now.unwrap(),
        "de-DE",
        &[],
    )
}

fn words(session: &Value, locale: &str) -> PanelText {
    let parsed = parse_session(session);
    let panel = loyalty::panel(
        &parsed,
        &CONSUMER_CONFIG.programme,
        &CONSUMER_CONFIG.default_language,
        parsed.now.unwrap(),
        locale,
        &[],
    );
    loyalty::panel_text(&panel, Language::for_locale(locale), &PlainFormatter::new(locale, "EUR"))
}

/// A consenting customer with the shop's ledger: `balance` points, `redeemed` reward ids, and
/// `spend` euros in one order this year (500 reaches Silver, 1,500 Gold).
fn ledger(balance: u64, redeemed: &[&str], spend: f64) -> Value {
    let mut session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", spend)]));
    session["points"] = json!({
        "balance": balance,
        "redeemed": redeemed.iter().map(|id| json!({"reward_id": id, "on": "2026-10-01"})).collect::<Vec<_>>(),
    });
    session
}

fn status<'a>(panel: &Panel<'a>, id: &str) -> RewardStatus<'a> {
    panel.rewards.iter().find(|r| r.id == id).unwrap().status.clone()
}

#[test]
fn exactly_the_cost_affords_a_reward_and_one_point_less_makes_it_the_next() {
    let on = panel(&ledger(500, &[], 100.0));
    assert_eq!(on.redeem, Redeem::Offered);
    assert_eq!(status(&on, "five-off"), RewardStatus::Affordable);
    assert_eq!(status(&on, "free-bag"), RewardStatus::Short { missing: 700, next: true });

    let short = words(&ledger(499, &[], 100.0), "de-DE");
    assert_eq!(short.balance.as_deref(), Some("499 Punkte"));
    assert_eq!(short.balance_note, Some("zum Einlösen"));
    assert_eq!(short.redeem_note, None);
    let order: Vec<(&str, &str)> = short.rewards.iter().map(|r| (r.id.as_str(), r.state)).collect();
    assert_eq!(
        order,
        [("free-shipping", "affordable"), ("five-off", "next"), ("free-bag", "short"), ("roastery-visit", "locked")]
    );
    let shipping = &short.rewards[0];
    assert_eq!(shipping.redeem.as_deref(), Some("Versandkostenfrei einlösen"));
    assert_eq!(shipping.confirm, "300 Punkte für Versandkostenfrei einlösen?");
    assert_eq!(shipping.details, ["ab 30,00\u{a0}€ Bestellwert"]);
    let next = &short.rewards[1];
    assert_eq!(next.status.as_deref(), Some("Noch 1 Punkt bis 5 € Rabatt"));
    assert_eq!(next.percent, Some(99));
    assert_eq!(next.redeem, None);
    assert_eq!(short.rewards[2].status.as_deref(), Some("Noch 701 Punkte"));

    let english = words(&ledger(499, &[], 100.0), "en-GB");
    assert_eq!(english.rewards[1].status.as_deref(), Some("1 point more to €5 off"));
    assert_eq!(english.rewards[0].confirm, "Redeem 300 points for Free shipping?");
    assert_eq!(english.rewards[0].details, ["on orders of €30.00 or more"]);
}

#[test]
fn a_reward_above_the_tier_is_locked_whatever_the_balance() {
    // Silver with 3,000 points: the roastery visit needs Gold.
    let silver = panel(&ledger(3000, &[], 600.0));
    assert_eq!(status(&silver, "roastery-visit"), RewardStatus::TierLocked { id: "gold", name: "Gold" });
    let text = words(&ledger(3000, &[], 600.0), "en-GB");
    let visit = text.rewards.iter().find(|r| r.id == "roastery-visit").unwrap();
    assert_eq!(
        (visit.state, visit.status.as_deref(), visit.redeem.as_deref()),
        ("locked", Some("Unlocks at Gold"), None)
    );
    // Gold with exactly its cost.
    let gold = panel(&ledger(2500, &[], 1500.0));
    assert_eq!(status(&gold, "roastery-visit"), RewardStatus::Affordable);
}

#[test]
fn a_reward_redeemed_up_to_its_limit_is_no_longer_offered() {
    assert_eq!(status(&panel(&ledger(5000, &["free-bag"], 100.0)), "free-bag"), RewardStatus::Affordable);
    let twice = ledger(5000, &["free-bag", "five-off", "free-bag"], 100.0);
    assert_eq!(status(&panel(&twice), "free-bag"), RewardStatus::LimitReached(2));
    let text = words(&twice, "de-DE");
    let bag = text.rewards.iter().find(|r| r.id == "free-bag").unwrap();
    assert_eq!(
        (bag.state, bag.status.as_deref(), bag.redeem.as_deref()),
        ("limit", Some("Schon 2-mal eingelöst"), None)
    );
    // Limited rewards come after the ones still to be had, before the locked ones.
    let order: Vec<&str> = text.rewards.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, ["free-shipping", "five-off", "free-bag", "roastery-visit"]);
    assert_eq!(text.rewards[3].state, "locked");
}

#[test]
fn without_the_shops_ledger_nothing_can_be_redeemed_and_the_panel_says_why() {
    // 600 € spent: 600 points computed from the orders.
    let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 600.0)]));
    let computed = panel(&session);
    assert_eq!(computed.redeem, Redeem::NoLedger);
    assert_eq!(status(&computed, "five-off"), RewardStatus::Affordable);
    let text = words(&session, "de-DE");
    assert!(text.rewards.iter().all(|r| r.redeem.is_none()));
    assert_eq!(text.balance_note, Some("aus Ihren Bestellungen berechnet"));
    assert_eq!(
        text.redeem_note,
        Some("Ihr Punktestand ist aus Ihren Bestellungen berechnet; einlösen können Sie hier daher noch nicht.")
    );
}

#[test]
fn without_consent_or_sign_in_the_programme_shows_and_nothing_personal() {
    let mut no_consent = ledger(5000, &[], 1500.0);
    no_consent["consent"]["personalisation"] = json!(false);
    let refused = panel(&no_consent);
    assert_eq!(refused.redeem, Redeem::NoConsent);
    assert_eq!(refused.member, None);
    assert!(refused.badges.is_empty());
    assert!(refused.rewards.iter().all(|r| r.status == RewardStatus::Programme));
    assert_eq!(refused.sign_in_url, None);
    let text = words(&no_consent, "en-GB");
    assert_eq!(text.balance, None);
    assert_eq!(text.redeem_note, Some("Allow personalisation to see and spend your points here."));
    assert_eq!(text.earn_heading, Some("Ways to earn"));
    assert_eq!(text.badges_heading, None);

    let guest = json!({"now": "2026-11-20T10:00:00+01:00", "currency": "EUR"});
    let text = words(&guest, "de-DE");
    assert_eq!(text.redeem_note, Some("Melden Sie sich an, um Ihre Punkte zu sehen und einzulösen."));
    assert_eq!(text.sign_in, Some(("Anmelden", "/konto/anmelden".to_string())));
    assert_eq!(text.rewards.iter().map(|r| r.state).collect::<Vec<_>>(), ["programme"; 4]);
    assert_eq!(text.rewards[3].status.as_deref(), Some("Ab Stufe Gold"), "the tier it needs is the programme's");
    assert_eq!(
        text.earn,
        [
            ("Einkaufen".to_string(), "1 Punkt pro 1,00\u{a0}€".to_string()),
            ("Kundenkonto eröffnen".to_string(), "+50 Punkte".to_string()),
            ("Zum Geburtstag".to_string(), "+100 Punkte".to_string()),
            ("Freunde werben".to_string(), "+250 Punkte".to_string()),
            ("Ein Produkt bewerten".to_string(), "+20 Punkte".to_string()),
        ]
    );
}

#[test]
fn badges_are_earned_by_their_condition_and_show_progress_when_it_is_one_number() {
    let seven = session_with(json!((1..=7)
        .map(|i| order(&i.to_string(), &format!("2026-0{i}-10T12:00:00+02:00"), 10.0))
        .collect::<Vec<_>>()));
    let text = words(&seven, "de-DE");
    let regular = text.badges.iter().find(|b| b.id == "regular").unwrap();
    assert_eq!((regular.earned, regular.status.as_str(), regular.percent), (false, "7 von 10 Bestellungen", Some(70)));
    let english = words(&seven, "en-GB");
    assert_eq!(english.badges[0].status, "7 of 10 orders");
    // Orders in January to July; the streak ended before October.
    assert_eq!(english.badges[1].status, "0 of 6 months in a row");

    let ten = session_with(json!((1..=10)
        .map(|i| order(&i.to_string(), &format!("2026-{i:02}-10T12:00:00+02:00"), 10.0))
        .collect::<Vec<_>>()));
    let text = words(&ten, "en-GB");
    assert_eq!((text.badges[0].earned, text.badges[0].status.as_str(), text.badges[0].percent), (true, "Earned", None));
    assert_eq!(text.badges[1].status, "Earned", "January to October, and November has only begun");
}

#[test]
fn a_badge_with_a_composite_condition_is_earned_or_not_without_progress() {
    let mut config: Value = serde_json::from_str(CONSUMER).unwrap();
    config["programme"]["badges"] = json!([{
        "id": "gold-regular", "name": {"de": "Goldener Stammgast"}, "description": {"de": "Gold und 3 Bestellungen"},
        "condition": {"all": [{"tier_at_least": "gold"}, {"orders_at_least": 3}]}
    }]);
    let config = patron::Config::from_json(&config.to_string()).unwrap();
    let show = |session: &Value| {
        let session = parse_session(session);
        let panel =
            loyalty::panel(&session, &config.programme, &config.default_language, session.now.unwrap(), "de-DE", &[]);
        let text = loyalty::panel_text(&panel, Language::De, &PlainFormatter::new("de-DE", "EUR"));
        let badge = text.badges[0].clone();
        (badge.earned, badge.status, badge.percent, panel.badges[0].earned.clone().err().map(|m| m.path))
    };
    let orders = |amount: f64| {
        session_with(json!((1..=3)
            .map(|i| order(&i.to_string(), &format!("2026-0{i}-10T12:00:00+01:00"), amount))
            .collect::<Vec<_>>()))
    };
    assert_eq!(
        show(&orders(100.0)),
        (false, "Noch nicht erreicht".to_string(), None, Some("programme.badges[0].condition.all[0]".to_string()))
    );
    assert_eq!(show(&orders(500.0)), (true, "Erreicht".to_string(), None, None));
}

#[test]
fn render_prints_the_rewards_panel_with_its_reasons() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron"))
        .args(["render", "--placement", "rewards", "--locale", "en-GB"])
        .args(["--session", "www/sessions/lapsed.json", "--config", "www/configs/consumer.json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Rewards\n\
         412 points (to spend)\n\
         Spend your points:\n  \
         • Free shipping – 300 points [Redeem]\n      \
         on orders of €30.00 or more\n  \
         • €5 off – 500 points\n      \
         ████████████████░░░░ 88 points more to €5 off\n  \
         • A free 250 g bag – 1,200 points\n      \
         House blend, freshly roasted\n      \
         788 points more\n  \
         • A visit to the roastery – 2,500 points\n      \
         A tour with a tasting for two\n      \
         Unlocks at Gold\n\
         Ways to earn:\n  \
         • Shopping: 1 point per €1.00\n  \
         • Create an account: +50 points\n  \
         • On your birthday: +100 points\n  \
         • Refer a friend: +250 points\n  \
         • Review a product: +20 points\n\
         Badges:\n  \
         ★ Regular – 10 orders: Earned\n  \
         ☆ Loyal soul – Ordered 6 months in a row: 0 of 6 months in a row\n  \
         ☆ Explorer – Bought from 3 categories: 2 of 3 categories\n  \
         ★ Two years with us – A member for 2 years: Earned\n\
         \n\
         why:\n  \
         reward free-shipping: affordable\n  \
         reward five-off: 88 points short (the next reward)\n  \
         reward free-bag: 788 points short\n  \
         reward roastery-visit: locked: needs tier \"gold\"\n  \
         badge regular: earned\n  \
         badge streak: not earned: programme.badges[1].condition: the order streak is 0 months\n  \
         badge explorer: not earned: programme.badges[2].condition: bought from 2 categories\n  \
         badge two-years: earned\n  \
         Redeem is offered: the session carries the shop's points ledger\n"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron"))
        .args(["render", "--placement", "rewards", "--session", "www/sessions/regular.json"])
        .args(["--config", "www/configs/consumer.json"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.ends_with("  Redeem is not offered: the session has no points ledger (points.balance), so the balance is computed from the orders and knows nothing of points already spent\n"), "{out}");
}

#[test]
fn simulate_counts_who_can_afford_each_reward_and_who_holds_each_badge() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron"))
        .args(["simulate", "--config", "www/configs/consumer.json"])
        .args(["--sessions", "www/sessions/new.json", "--sessions", "www/sessions/regular.json"])
        .args(["--sessions", "www/sessions/lapsed.json"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let tail = &out[out.find("\nrewards over").unwrap()..];
    assert_eq!(
        tail,
        "\nrewards over 3 sessions (can afford now: the balance covers it, tier and limit allow):\n  \
         reward          points  can afford  locked  limit reached\n  \
         free-shipping      300           2       0              0\n  \
         five-off           500           1       0              0\n  \
         free-bag          1200           1       0              0\n  \
         roastery-visit    2500           0       3              0\n\
         \n\
         badges over 3 sessions:\n  \
         badge      holders\n  \
         regular          2\n  \
         streak           0\n  \
         explorer         1\n  \
         two-years        2\n"
    );
}
