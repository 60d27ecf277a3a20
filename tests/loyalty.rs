//! The loyalty card: tiers, progress, points, expiry and the cart, as the shopper reads them.

use patron::loyalty::{Amount, BalanceSource, Card};
use patron::{Config, Money};
use serde_json::json;

use crate::support::*;

fn member(card: Card) -> patron::loyalty::MemberCard {
    match card {
        Card::Member(member) => member,
        Card::Programme(_) => panic!("expected a member card"),
    }
}

#[test]
fn a_new_member_sees_the_entry_tier_and_the_way_to_the_next() {
    let text = text(&session_with(json!([])), &consumer(), "de-DE");
    assert_eq!(text.greeting.as_deref(), Some("Hallo Anna!"));
    assert_eq!(text.balance, "0 Punkte");
    assert_eq!(text.balance_note, "aus Ihren Bestellungen berechnet");
    assert_eq!(text.tier.as_deref(), Some("Bronze"));
    let progress = text.progress.expect("a progress bar");
    assert_eq!(progress.percent, 0);
    assert_eq!(progress.caption, "Noch 500,00\u{a0}€ bis Silber");
    assert_eq!(progress.label, "Fortschritt bis Silber");
    assert_eq!(progress.value_text, "0\u{a0}%");
}

#[test]
fn spend_exactly_on_a_threshold_reaches_the_tier() {
    let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 500.0)]));
    let card = member(card(&session, &consumer(), "en-GB"));
    assert_eq!(card.tier.as_ref().map(|t| t.id.as_str()), Some("silver"));
    let next = card.next_tier.expect("gold is next");
    assert_eq!(next.id, "gold");
    assert_eq!(next.remaining, Amount::Money(Money::from_minor(100_000)));
    assert_eq!(next.percent, 33);
    let text = text(&session, &consumer(), "en-GB");
    assert_eq!(text.progress.expect("a bar").caption, "€1,000.00 to Gold");
}

#[test]
fn a_cent_below_the_threshold_stays_below_and_never_shows_100_percent() {
    let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 499.99)]));
    let card = member(card(&session, &consumer(), "de-DE"));
    assert_eq!(card.tier.as_ref().map(|t| t.id.as_str()), Some("bronze"));
    let next = card.next_tier.expect("silver is next");
    assert_eq!(next.remaining, Amount::Money(Money::from_minor(1)));
    assert_eq!(next.percent, 99);
    assert_eq!(text(&session, &consumer(), "de-DE").progress.expect("a bar").caption, "Noch 0,01\u{a0}€ bis Silber");
}

#[test]
fn the_top_tier_thanks_instead_of_showing_a_bar() {
    let session = session_with(json!([order("1", "2026-03-01T12:00:00+01:00", 2000.0)]));
    let text = text(&session, &consumer(), "en-GB");
    assert_eq!(text.tier.as_deref(), Some("Gold"));
    assert_eq!(text.progress, None);
    assert_eq!(text.top_tier.as_deref(), Some("You have reached our top tier – thank you for your loyalty!"));
    assert_eq!(text.list_heading.as_deref(), Some("Your benefits"));
    assert_eq!(text.list[2], "New roasts 48 hours before everyone else");
}

#[test]
fn tiers_count_only_the_rolling_twelve_months() {
    // 2025-11-20 10:00 CET is exactly twelve months before now: outside; a minute later: inside.
    let outside = session_with(json!([order("1", "2025-11-20T10:00:00+01:00", 600.0)]));
    assert_eq!(member(card(&outside, &consumer(), "de-DE")).tier.map(|t| t.id), Some("bronze".into()));
    let inside = session_with(json!([order("1", "2025-11-20T10:01:00+01:00", 600.0)]));
    assert_eq!(member(card(&inside, &consumer(), "de-DE")).tier.map(|t| t.id), Some("silver".into()));
}

#[test]
fn orders_after_now_are_ignored_so_previews_can_look_back() {
    let session = session_with(json!([order("1", "2026-12-01T10:00:00+01:00", 900.0)]));
    let card = member(card(&session, &consumer(), "de-DE"));
    assert_eq!(card.balance, 0);
    assert_eq!(card.tier.map(|t| t.id), Some("bronze".into()));
}

#[test]
fn each_order_earns_at_the_multiplier_of_the_tier_held_when_it_was_placed() {
    // 600 € at Bronze (×1) = 600 points; then Silver (×1.25): 100 € = 125 points.
    let session = session_with(json!([
        order("2", "2026-05-01T12:00:00+02:00", 100.0),
        order("1", "2026-04-01T12:00:00+02:00", 600.0),
    ]));
    let card = member(card(&session, &consumer(), "de-DE"));
    assert_eq!(card.balance, 725);
    assert_eq!(card.balance_source, BalanceSource::Orders);
    assert_eq!(text(&session, &consumer(), "de-DE").balance, "725 Punkte");
}

#[test]
fn the_ledger_is_authoritative_over_computed_points() {
    let mut session = session_with(json!([order("1", "2026-04-01T12:00:00+02:00", 600.0)]));
    session["points"] = json!({"balance": 1, "expiring": []});
    let text = text(&session, &consumer(), "en-GB");
    assert_eq!(text.balance, "1 point");
    assert_eq!(text.balance_note, "Your points balance");
}

#[test]
fn ledger_points_expiring_within_30_days_are_announced() {
    let mut session = session_with(json!([]));
    session["points"] = json!({"balance": 500, "expiring": [
        {"points": 40, "on": "2026-12-20"},
        {"points": 60, "on": "2026-12-02"},
        {"points": 99, "on": "2026-12-21"},
        {"points": 10, "on": "2026-11-19"}
    ]});
    assert_eq!(
        text(&session, &consumer(), "de-DE").expiring.as_deref(),
        Some("100 Punkte verfallen in den nächsten 30 Tagen, die ersten am 2. Dezember 2026.")
    );
    session["points"]["expiring"] = json!([{"points": 60, "on": "2026-12-02"}]);
    assert_eq!(text(&session, &consumer(), "en-GB").expiring.as_deref(), Some("60 points expire on 2 December 2026."));
    session["points"]["expiring"] = json!([{"points": 60, "on": "2027-02-02"}]);
    assert_eq!(text(&session, &consumer(), "en-GB").expiring, None);
}

#[test]
fn computed_points_expire_after_the_configured_months() {
    // Earned 2024-12-10, valid for 24 months: the last day is 2026-12-09, within 30 days of now.
    // Earned 2024-11-01: expired on 2026-10-31, so no longer in the balance.
    let session = session_with(json!([
        order("1", "2024-12-10T12:00:00+01:00", 49.0),
        order("0", "2024-11-01T12:00:00+01:00", 300.0),
    ]));
    let card = member(card(&session, &consumer(), "de-DE"));
    assert_eq!(card.balance, 49);
    assert_eq!(
        text(&session, &consumer(), "de-DE").expiring.as_deref(),
        Some("49 Punkte verfallen am 9. Dezember 2026.")
    );
}

#[test]
fn the_cart_earns_at_the_current_tier_multiplier() {
    let mut session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 500.0)]));
    session["cart"] = json!({"lines": [{"sku": "BEAN", "quantity": 2, "unit_price": 21.90}]});
    // 43.80 € × 1 point × 1.25 (Silver) = 54.75, floored.
    assert_eq!(member(card(&session, &consumer(), "de-DE")).cart_points, 54);
    assert_eq!(text(&session, &consumer(), "de-DE").cart.as_deref(), Some("Ihr Warenkorb bringt Ihnen 54 Punkte."));
}

#[test]
fn without_consent_the_history_is_not_read() {
    let mut session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 2000.0)]));
    session["consent"]["personalisation"] = json!(false);
    let card = card(&session, &consumer(), "de-DE");
    assert!(matches!(card, Card::Programme(_)), "{card:?}");
    let text = text(&session, &consumer(), "de-DE");
    assert_eq!(text.greeting, None);
    assert_eq!(text.tier, None);
    assert_eq!(text.balance, "1 Punkt pro 1,00\u{a0}€ Einkaufswert");
    assert_eq!(
        text.list,
        ["Bronze: ab dem ersten Einkauf", "Silber: 500,00\u{a0}€ im Jahr", "Gold: 1.500,00\u{a0}€ im Jahr"]
    );
}

#[test]
fn a_guest_sees_the_programme_and_what_the_cart_would_earn() {
    let session = json!({
        "currency": "EUR",
        "now": "2026-11-20T10:00:00+01:00",
        "cart": {"lines": [{"sku": "BEAN", "quantity": 1, "unit_price": 24.90}]}
    });
    let text = text(&session, &consumer(), "en-GB");
    assert_eq!(text.title, "Bohnenhaus Club");
    assert_eq!(text.balance, "1 point for every €1.00 spent");
    assert_eq!(text.cart.as_deref(), Some("As a member, this cart would earn you 24 points."));
    assert_eq!(text.list_heading.as_deref(), Some("Tiers"));
}

#[test]
fn a_session_in_another_currency_is_refused_with_its_path() {
    let mut session = session_with(json!([]));
    session["currency"] = json!("USD");
    let session = parse_session(&session);
    let config = consumer();
    let error =
        patron::loyalty::card(&session, &config.programme, &config.default_language, ts("2026-11-20T10:00:00Z"), "en")
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "session is invalid: currency: the programme counts in EUR but the session is in USD"
    );
}

#[test]
fn below_the_first_b2b_tier_there_is_no_tier_yet() {
    let b2b = Config::from_json(B2B).unwrap();
    let session = session_with(json!([order("1", "2026-06-01T12:00:00+02:00", 12_500.0)]));
    let text = text(&session, &b2b, "de-DE");
    assert_eq!(text.tier.as_deref(), Some("Noch keine Stufe"));
    let progress = text.progress.expect("a bar");
    assert_eq!(progress.caption, "Noch 37.500,00\u{a0}€ bis Geschäftskunde");
    assert_eq!(progress.percent, 25);
    // 0.1 points per euro, no tier multiplier yet.
    assert_eq!(text.balance, "1.250 Punkte");
}

#[test]
fn tiers_can_be_measured_in_points() {
    let mut config: serde_json::Value = serde_json::from_str(CONSUMER).unwrap();
    config["programme"]["qualification"] = json!({"basis": "points", "window_months": 6});
    config["programme"]["tiers"][1]["threshold"] = json!(300);
    config["programme"]["tiers"][2]["threshold"] = json!(1000);
    let config = Config::from_json(&config.to_string()).unwrap();
    let session = session_with(json!([order("1", "2026-10-01T12:00:00+02:00", 400.0)]));
    let text = text(&session, &config, "en-GB");
    assert_eq!(text.tier.as_deref(), Some("Silver"));
    assert_eq!(text.progress.expect("a bar").caption, "600 points to Gold");
    assert_eq!(
        crate::support::text(&session_with(json!([])), &config, "en-GB").list,
        Vec::<String>::from([
            "1 point for every euro you spend".into(),
            "A birthday gift in your birthday month".into()
        ])
    );
}

#[test]
fn the_demo_personas_render_as_documented() {
    let personas = [
        ("new", "Hallo Lena!", "0 Punkte", "Bronze"),
        ("regular", "Hallo Anna!", "1.220 Punkte", "Silber"),
        ("lapsed", "Hallo Markus!", "412 Punkte", "Bronze"),
    ];
    for (name, greeting, balance, tier) in personas {
        let text_json = std::fs::read_to_string(format!("www/sessions/{name}.json")).unwrap();
        let session: serde_json::Value = serde_json::from_str(&text_json).unwrap();
        let text = text(&session, &consumer(), "de-DE");
        assert_eq!(text.greeting.as_deref(), Some(greeting), "{name}");
        assert_eq!(text.balance, balance, "{name}");
        assert_eq!(text.tier.as_deref(), Some(tier), "{name}");
    }
    let partner: serde_json::Value = serde_json::from_str(include_str!("../www/sessions/partner.json")).unwrap();
    let text = text(&partner, &Config::from_json(B2B).unwrap(), "de-DE");
    assert_eq!(text.tier.as_deref(), Some("Strategischer Partner"));
    assert_eq!(text.top_tier.as_deref(), Some("Höchste Stufe erreicht – danke für Ihre Treue!"));
    assert_eq!(text.balance, "118.940 Punkte");
}

/// Every count the card writes, over 0, 1 and 2, in German and English: the balance, the distance to
/// the next tier, the expiring points, the cart's points, the tiers' thresholds and the window.
#[test]
fn the_card_counts_in_the_singular_and_plural() {
    use patron::format::PlainFormatter;
    use patron::loyalty::{card_text, Expiring, Language, MemberCard, NextTier, ProgrammeCard, TierView};

    let member = |n: u64| {
        Card::Member(MemberCard {
            programme: "Club".to_string(),
            first_name: None,
            balance: n,
            balance_source: BalanceSource::Ledger,
            qualifying: Amount::Points(0),
            tier: None,
            next_tier: Some(NextTier {
                id: "gold".to_string(),
                name: "Gold".to_string(),
                remaining: Amount::Points(n),
                percent: 0,
            }),
            expiring: Some(Expiring {
                points: n,
                first_on: patron::Date::new(2026, 12, 2).unwrap(),
                several_days: false,
            }),
            cart_points: n,
        })
    };
    let gold = TierView { id: "gold".to_string(), name: "Gold".to_string(), benefits: vec![] };
    let programme = |n: u64, months: u16| {
        Card::Programme(ProgrammeCard {
            programme: "Club".to_string(),
            points_per_unit: 1.0,
            tiers: vec![(gold.clone(), Amount::Points(n.max(1)))],
            window_months: months,
            cart_points: n,
        })
    };
    let texts = |card: &Card, locale: &str| {
        let language = Language::for_locale(locale);
        let text = card_text(card, language, &PlainFormatter::new(locale, "EUR"));
        let mut lines = vec![text.balance];
        lines.extend(text.progress.map(|p| p.caption));
        lines.extend(text.expiring);
        lines.extend(text.cart);
        lines.extend(text.list);
        lines
    };
    assert_eq!(
        texts(&member(0), "de-DE"),
        ["0 Punkte", "Noch 0 Punkte bis Gold", "0 Punkte verfallen am 2. Dezember 2026."]
    );
    assert_eq!(
        texts(&member(1), "de-DE"),
        [
            "1 Punkt",
            "Noch 1 Punkt bis Gold",
            "1 Punkt verfällt am 2. Dezember 2026.",
            "Ihr Warenkorb bringt Ihnen 1 Punkt."
        ]
    );
    assert_eq!(
        texts(&member(2), "de-DE"),
        [
            "2 Punkte",
            "Noch 2 Punkte bis Gold",
            "2 Punkte verfallen am 2. Dezember 2026.",
            "Ihr Warenkorb bringt Ihnen 2 Punkte."
        ]
    );
    assert_eq!(texts(&member(0), "en-GB"), ["0 points", "0 points to Gold", "0 points expire on 2 December 2026."]);
    assert_eq!(
        texts(&member(1), "en-GB"),
        ["1 point", "1 point to Gold", "1 point expires on 2 December 2026.", "Your cart earns you 1 point."]
    );
    assert_eq!(
        texts(&member(2), "en-GB"),
        ["2 points", "2 points to Gold", "2 points expire on 2 December 2026.", "Your cart earns you 2 points."]
    );

    assert_eq!(
        texts(&programme(0, 0), "de-DE"),
        ["1 Punkt pro 1,00\u{a0}€ Einkaufswert", "Gold: 1 Punkt in 0 Monaten"]
    );
    assert_eq!(
        texts(&programme(1, 1), "de-DE"),
        [
            "1 Punkt pro 1,00\u{a0}€ Einkaufswert",
            "Als Mitglied brächte Ihnen dieser Warenkorb 1 Punkt.",
            "Gold: 1 Punkt im Monat"
        ]
    );
    assert_eq!(
        texts(&programme(2, 2), "de-DE"),
        [
            "1 Punkt pro 1,00\u{a0}€ Einkaufswert",
            "Als Mitglied brächte Ihnen dieser Warenkorb 2 Punkte.",
            "Gold: 2 Punkte in 2 Monaten"
        ]
    );
    assert_eq!(texts(&programme(0, 0), "en-GB"), ["1 point for every €1.00 spent", "Gold: 1 point in 0 months"]);
    assert_eq!(
        texts(&programme(1, 1), "en-GB"),
        ["1 point for every €1.00 spent", "As a member, this cart would earn you 1 point.", "Gold: 1 point a month"]
    );
    assert_eq!(
        texts(&programme(2, 2), "en-GB"),
        [
            "1 point for every €1.00 spent",
            "As a member, this cart would earn you 2 points.",
            "Gold: 2 points in 2 months"
        ]
    );
}
