//! `patron session` (issue 17, part 2): sessions built from the shop's exports, which the widget's
//! decoder accepts and the card renders; consent decides what is included; broken files are named
//! with line and column.

use patron::{analytics_id, Session};

fn patron(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A folder with a profile export, a ledger export and a key file.
fn exports(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("patron-session-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("customers.csv"),
        "customer_id,first_name,birthday,member_since,consent_personalisation,consent_analytics,email\n\
         c21,Jana,1990-04-02,2025-01-10,true,true,jana@example.org\n\
         c22,Tom,,,false,false,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("ledger.csv"),
        "customer_id,balance,expiring_points,expiring_on\nc21,350,40,2026-12-01\nc21,350,10,2027-01-15\n",
    )
    .unwrap();
    std::fs::write(dir.join("key"), "a-secret-of-32-bytes-for-tests!!\n").unwrap();
    dir
}

#[test]
fn a_customer_with_consent_gets_history_ledger_and_analytics_key() {
    let dir = exports("one");
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let (code, out, err) = patron(&[
        "session",
        "--orders",
        "www/catalogue/orders.csv",
        "--customer",
        "c21",
        "--now",
        "2026-11-20T10:00:00+01:00",
        "--profile",
        &path("customers.csv"),
        "--points-ledger",
        &path("ledger.csv"),
        "--analytics-key",
        &path("key"),
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let session = Session::from_json(&out).expect("the widget's decoder accepts it");
    let customer = session.customer.as_ref().unwrap();
    assert_eq!(customer.first_name.as_deref(), Some("Jana"));
    // The key file's final newline is not part of the secret.
    assert_eq!(
        customer.analytics_id.as_deref(),
        Some(analytics_id(b"a-secret-of-32-bytes-for-tests!!", "c21").as_str())
    );
    assert!(session.consent.personalisation && session.consent.analytics);
    assert_eq!(session.orders.len(), 6, "c21's orders in the export, up to now");
    assert_eq!(session.orders[0].lines[0].sku, "BEAN-HOUSE-1KG");
    let ledger = session.points.as_ref().unwrap();
    assert_eq!((ledger.balance, ledger.expiring.len()), (350, 2));
    // The card renders from it, with the ledger's balance.
    let file = dir.join("c21.json");
    std::fs::write(&file, &out).unwrap();
    let (code, card, _) =
        patron(&["render", "--session", file.to_str().unwrap(), "--config", "www/configs/consumer.json"]);
    assert_eq!(code, 0);
    assert!(card.starts_with("Bohnenhaus Club\nHallo Jana!\n350 Punkte (Ihr Punktestand)\n"), "{card}");
}

#[test]
fn without_consent_a_session_carries_no_history() {
    let dir = exports("none");
    let (code, out, _) = patron(&[
        "session",
        "--orders",
        "www/catalogue/orders.csv",
        "--customer",
        "c22",
        "--profile",
        dir.join("customers.csv").to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"customer\":{\"id\":\"c22\",\"first_name\":\"Tom\"},\"consent\":{\"personalisation\":false,\"analytics\":false},\"currency\":\"EUR\"}\n"
    );
    // Without a profile no consent is known: no history either.
    let (_, out, _) = patron(&["session", "--orders", "www/catalogue/orders.csv", "--customer", "c21"]);
    assert!(!out.contains("orders"), "{out}");
}

#[test]
fn all_prints_one_session_per_customer_each_one_valid() {
    let dir = exports("all");
    let (code, out, err) = patron(&[
        "session",
        "--orders",
        "www/catalogue/orders.csv",
        "--all",
        "--profile",
        dir.join("customers.csv").to_str().unwrap(),
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 24, "the export's 24 customers");
    for line in lines {
        Session::from_json(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
}

#[test]
fn broken_exports_and_flags_are_named_with_file_line_and_column() {
    let dir = exports("broken");
    let orders = dir.join("orders.csv");
    std::fs::write(
        &orders,
        "customer_id,order_id,placed_at,sku,quantity,unit_price\nc1,o1,2026-01-02T10:00:00Z,A,two,1.00\n",
    )
    .unwrap();
    let orders = orders.to_str().unwrap();
    let (code, out, err) = patron(&["session", "--orders", orders, "--customer", "c1"]);
    assert_eq!((code, out.as_str()), (1, ""), "nothing partial is written");
    assert_eq!(err, format!("patron: {orders}:2: quantity: expected a whole number of at least 1, got \"two\"\n"));
    // --all checks the whole export before it writes the first session: a bad line at the end of
    // it leaves the output empty too. The demo export's lines end with CRLF, as a Windows tool's
    // do: the line number is still the line's (the csv crate's own count is one behind there).
    let late = dir.join("late.csv");
    let mut text = std::fs::read_to_string("www/catalogue/orders.csv").unwrap();
    text.push_str("c1,o9,2026-01-02T10:00:00Z,A,1,one euro,coffee\n");
    std::fs::write(&late, &text).unwrap();
    let lines = text.lines().count();
    let late = late.to_str().unwrap();
    let (code, out, err) = patron(&["session", "--orders", late, "--all"]);
    assert_eq!((code, out.as_str()), (1, ""), "nothing partial is written");
    assert_eq!(err, format!("patron: {late}:{lines}: unit_price: expected a price, got \"one euro\"\n"));
    let (_, _, err) = patron(&["session", "--orders", "www/catalogue/orders.csv", "--customer", "nobody"]);
    assert_eq!(err, "patron: customer \"nobody\" has no order in www/catalogue/orders.csv and no profile\n");
    let profile = dir.join("profile.csv");
    std::fs::write(&profile, "id,first_name\nc1,Ana\n").unwrap();
    let (_, _, err) =
        patron(&["session", "--orders", "www/catalogue/orders.csv", "--all", "--profile", profile.to_str().unwrap()]);
    assert_eq!(err, format!("patron: {}:1: missing the column customer_id\n", profile.display()));
    let key = dir.join("short-key");
    std::fs::write(&key, "secret").unwrap();
    let (_, _, err) =
        patron(&["session", "--orders", "www/catalogue/orders.csv", "--all", "--analytics-key", key.to_str().unwrap()]);
    assert_eq!(
        err,
        format!("patron: --analytics-key {}: the secret has 6 bytes; use at least 16 random bytes\n", key.display())
    );
    let (_, _, err) = patron(&["session", "--orders", "www/catalogue/orders.csv", "--all", "--currency", "euro"]);
    assert_eq!(err, "patron: --currency: expected an ISO 4217 currency code such as \"EUR\", got \"euro\"\n");
}

/// `--redemptions` (issue 29): the rewards redeemed go into the ledger's `points.redeemed`, so a
/// reward limited per customer reaches its limit in the sessions `patron session` builds, and the
/// rewards panel says so instead of offering it again.
#[test]
fn redemptions_reach_a_rewards_limit_in_the_session_and_the_panel() {
    let dir = std::env::temp_dir().join(format!("patron-session-redeemed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let session_at = |now: &str, extra: &[&str]| {
        let mut args = vec![
            "session",
            "--orders",
            "www/catalogue/orders.csv",
            "--customer",
            "c21",
            "--now",
            now,
            "--profile",
            "docs/examples/customers.csv",
            "--points-ledger",
            "docs/examples/ledger.csv",
        ];
        args.extend_from_slice(extra);
        patron(&args)
    };
    let session = |extra: &[&str]| session_at("2026-11-20T10:00:00+01:00", extra);
    let (code, out, err) = session(&["--redemptions", "docs/examples/redemptions.csv"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.contains(r#""points":{"balance":2650,"expiring":[{"points":40,"on":"2026-12-01"},{"points":10,"on":"2027-01-15"}],"redeemed":[{"reward_id":"free-bag","on":"2026-03-14"},{"reward_id":"free-bag","on":"2026-09-02"},{"reward_id":"five-off","on":"2026-10-11"}]}"#),
        "{out}"
    );
    let parsed = Session::from_json(&out).expect("the widget's decoder accepts it");
    assert_eq!(parsed.points.as_ref().unwrap().redeemed.len(), 3);
    let render = |session: &str| {
        let file = dir.join("c21.json");
        std::fs::write(&file, session).unwrap();
        let (code, text, err) = patron(&[
            "render",
            "--placement",
            "rewards",
            "--session",
            file.to_str().unwrap(),
            "--config",
            "www/configs/consumer.json",
        ]);
        assert_eq!((code, err.as_str()), (0, ""));
        text
    };
    // free-bag has "limit_per_customer": 2, and c21 redeemed it twice: the panel offers it no more.
    let panel = render(&out);
    assert!(panel.contains("  • Gratis-Packung 250 g – 1.200 Punkte\n"), "{panel}");
    assert!(panel.contains("      Schon 2-mal eingelöst\n"), "{panel}");
    assert!(panel.contains("  reward free-bag: limit reached: redeemed 2 of 2 times\n"), "{panel}");
    // Without the redemptions, the same balance buys it again.
    let (_, without, _) = session(&[]);
    assert!(!without.contains("redeemed"), "{without}");
    let panel = render(&without);
    assert!(panel.contains("  reward free-bag: affordable\n"), "{panel}");

    // A redemption after --now has not happened yet.
    let (_, earlier, _) = session_at("2026-06-01T00:00:00Z", &["--redemptions", "docs/examples/redemptions.csv"]);
    assert!(earlier.contains(r#""redeemed":[{"reward_id":"free-bag","on":"2026-03-14"}]"#), "{earlier}");

    // Broken files are named with their line; redemptions need the ledger they were paid from.
    let bad = dir.join("redeemed.csv");
    std::fs::write(&bad, "customer_id,reward_id,redeemed_at\nc21,free-bag,last tuesday\n").unwrap();
    let (code, out, err) = session(&["--redemptions", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!("patron: {}:2: redeemed_at: expected a day such as 2026-11-20 or an RFC 3339 moment such as 2026-11-20T10:00:00+01:00, got \"last tuesday\"\n", bad.display())
    );
    std::fs::write(&bad, "customer_id,reward_id,redeemed_at\nc99,free-bag,2026-01-01\n").unwrap();
    let (_, _, err) = session(&["--redemptions", bad.to_str().unwrap()]);
    assert_eq!(
        err,
        format!("patron: {}:2: customer \"c99\" has redemptions but no row in --points-ledger: the session carries redemptions with the ledger's balance\n", bad.display())
    );
    let (code, _, err) = patron(&[
        "session",
        "--orders",
        "www/catalogue/orders.csv",
        "--customer",
        "c21",
        "--redemptions",
        "docs/examples/redemptions.csv",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--points-ledger <POINTS_LEDGER>"), "{err}");
}

/// `--locale` (issue 29): the sessions carry it, and the widget and `patron render` render in it;
/// a value that is no language tag is refused as the widget's decoder would refuse it.
#[test]
fn locale_sets_the_sessions_language_and_is_checked() {
    let args = |locale: &str| {
        vec![
            "session".to_string(),
            "--orders".into(),
            "www/catalogue/orders.csv".into(),
            "--customer".into(),
            "c21".into(),
            "--now".into(),
            "2026-11-20T10:00:00+01:00".into(),
            "--profile".into(),
            "docs/examples/customers.csv".into(),
            "--locale".into(),
            locale.into(),
        ]
    };
    let run = |locale: &str| {
        let list = args(locale);
        patron(&list.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let (code, out, err) = run("en-GB");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains(r#""currency":"EUR","locale":"en-GB","#), "{out}");
    assert_eq!(Session::from_json(&out).unwrap().locale.as_deref(), Some("en-GB"));
    let dir = std::env::temp_dir().join(format!("patron-session-locale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("c21.json");
    std::fs::write(&file, &out).unwrap();
    let (_, card, _) =
        patron(&["render", "--session", file.to_str().unwrap(), "--config", "www/configs/consumer.json"]);
    assert!(card.starts_with("Bohnenhaus Club\nHello Jana!\n"), "{card}");
    let (code, out, err) = run("english please");
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err, "patron: --locale \"english please\": expected a language tag such as \"de-DE\" or \"en-GB\"\n");
}
