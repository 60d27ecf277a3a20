//! Offers against their control groups (issue 18): the intervals against published examples, and
//! generated groups with a planted effect, which the interval must find (and an offer without
//! effect must be reported as "no evidence").

use patron::report::uplift::{needed_per_group, newcombe, verdict, welch, wilson, Groups, Holdout};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 5e-5
}

/// Newcombe (1998), Table II, method 10 (the hybrid score interval), and the Wilson interval of
/// his companion paper's example 81/263.
#[test]
fn the_intervals_match_newcombes_published_examples() {
    let w = wilson(81, 263).unwrap();
    assert!(close(w.low, 0.2553) && close(w.high, 0.3662), "{w:?}");
    let a = newcombe(56, 70, 48, 80).unwrap();
    assert!(close(a.estimate, 0.2) && close(a.low, 0.0524) && close(a.high, 0.3339), "{a:?}");
    let b = newcombe(9, 10, 3, 10).unwrap();
    assert!(close(b.low, 0.1705) && close(b.high, 0.8090), "{b:?}");
    assert_eq!(newcombe(1, 0, 1, 10), None);
}

#[test]
fn welchs_interval_for_revenue() {
    // Two groups with equal variances and sizes: Welch's interval is Student's, with 2n − 2 degrees
    // of freedom: means 12 and 10, variance 2.5 each, n = 5: 2 ± 2.306 × 1.
    let a = [10.0, 11.0, 12.0, 13.0, 14.0];
    let b = [8.0, 9.0, 10.0, 11.0, 12.0];
    let d = welch(&a, &b).unwrap();
    assert!(close(d.estimate, 2.0), "{d:?}");
    assert!((d.low - (2.0 - 2.306_004)).abs() < 1e-4 && (d.high - (2.0 + 2.306_004)).abs() < 1e-4, "{d:?}");
    assert_eq!(welch(&[1.0], &b), None);
}

/// A small deterministic generator, so that the simulation is the same on every machine.
struct Lcg(u64);
impl Lcg {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn converted(&mut self, n: u64, p: f64) -> u64 {
        (0..n).filter(|_| self.uniform() < p).count() as u64
    }
}

/// Shoppers assigned at random, 90 % to an offer that raises conversion from 10 % to 13 %, 10 % held
/// out (the config's `holdout_percent`): over 200 simulated campaigns the interval covers the planted
/// 3 points about 95 % of the time, and the verdict finds the effect in a big campaign.
#[test]
fn the_planted_effect_is_found_and_covered() {
    let mut rng = Lcg(2026);
    let (base, planted) = (0.10, 0.03);
    let mut covered = 0;
    for _ in 0..200 {
        let (treatment, holdout) = (9_000, 1_000);
        let d = newcombe(rng.converted(treatment, base + planted), treatment, rng.converted(holdout, base), holdout)
            .unwrap();
        if d.low <= planted && planted <= d.high {
            covered += 1;
        }
    }
    eprintln!("the interval covered the planted effect in {covered} of 200 campaigns");
    assert!((182..=198).contains(&covered), "covered {covered} of 200");

    let (treatment, holdout) = (45_000, 5_000);
    let groups = Groups {
        treatment,
        converted_treatment: rng.converted(treatment, base + planted),
        holdout,
        converted_holdout: rng.converted(holdout, base),
    };
    let said = verdict(&groups, Holdout::Percent(10.0));
    assert!(said.starts_with("raises conversion by "), "{said}");
}

#[test]
fn an_offer_without_effect_is_no_evidence_and_without_holdout_no_claim() {
    let mut rng = Lcg(7);
    let groups = Groups {
        treatment: 2_700,
        converted_treatment: rng.converted(2_700, 0.10),
        holdout: 300,
        converted_holdout: rng.converted(300, 0.10),
    };
    let said = verdict(&groups, Holdout::Percent(10.0));
    assert!(said.starts_with("no evidence yet ("), "{said}");
    // The baseline is everyone assigned's conversion, not the holdout's alone, and is printed.
    let baseline = (groups.converted_treatment + groups.converted_holdout) as f64 / 3_000.0;
    assert_eq!(thousands_of(&said), needed_per_group(baseline, 0.02));
    assert!(said.ends_with(&format!(" on a baseline conversion of {:.1} %", baseline * 100.0)), "{said}");
    // The textbook figure: about 3,800 per group to see 10 % → 12 % at 95 % and 80 % power.
    assert_eq!(needed_per_group(0.10, 0.02), 3_839);
    let unheld = Groups { treatment: 500, converted_treatment: 40, holdout: 0, converted_holdout: 0 };
    assert_eq!(
        verdict(&unheld, Holdout::Percent(0.0)),
        "no holdout group: reach and clicks only, no claim about the effect"
    );
    assert_eq!(
        verdict(&Groups { treatment: 0, converted_treatment: 0, holdout: 20, converted_holdout: 2 }, Holdout::NoConfig),
        "nobody was assigned to the offer yet"
    );
}

/// Issue 29: two customers held out, none of whom bought, gave "about 385 customers per group
/// needed", sized on the holdout's 0 of 2. Below 30 held out the report now says why it gives no
/// size; from 30 it sizes on everyone assigned and says on what baseline.
#[test]
fn the_sample_size_needs_30_held_out_and_names_its_baseline() {
    let two = Groups { treatment: 40, converted_treatment: 6, holdout: 2, converted_holdout: 0 };
    assert_eq!(
        verdict(&two, Holdout::Percent(5.0)),
        "no evidence yet (-51.2 to 29.1): only 2 customers held out; the holdout needs at least 30 before the report can say how many customers it takes to see a 2-point effect"
    );
    let one = Groups { holdout: 1, ..two };
    assert!(
        verdict(&one, Holdout::NoConfig).contains(": only 1 customer held out; "),
        "{}",
        verdict(&one, Holdout::NoConfig)
    );
    let thirty = Groups { treatment: 270, converted_treatment: 30, holdout: 30, converted_holdout: 3 };
    assert_eq!(thirty.baseline(), Some(0.11));
    assert_eq!(
        verdict(&thirty, Holdout::Percent(10.0)),
        "no evidence yet (-14.8 to 8.9): about 4,141 customers per group needed to see a 2-point effect on a baseline conversion of 11.0 %"
    );
    assert_eq!(needed_per_group(0.11, 0.02), 4_141);
}

/// Issue 29: nobody held out is said differently when the config has a holdout for the offer (none
/// fell into it yet), has none, does not have the offer, or was not given.
#[test]
fn nobody_held_out_says_what_the_config_does() {
    let unheld = Groups { treatment: 12, converted_treatment: 3, holdout: 0, converted_holdout: 0 };
    assert_eq!(
        verdict(&unheld, Holdout::Percent(20.0)),
        "holdout configured (20 %), nobody held out yet: reach and clicks only, no claim about the effect"
    );
    assert_eq!(
        verdict(&unheld, Holdout::Percent(12.5)),
        "holdout configured (12.5 %), nobody held out yet: reach and clicks only, no claim about the effect"
    );
    assert_eq!(
        verdict(&unheld, Holdout::Percent(0.0)),
        "no holdout group: reach and clicks only, no claim about the effect"
    );
    assert_eq!(
        verdict(&unheld, Holdout::NoConfig),
        "nobody held out: reach and clicks only, no claim about the effect (without --config the report cannot tell whether the offer has a holdout)"
    );
    assert_eq!(
        verdict(&unheld, Holdout::NotInConfig),
        "nobody held out: reach and clicks only, no claim about the effect (the config does not have this offer)"
    );
}

/// The number in "about 3,839 customers per group".
fn thousands_of(text: &str) -> u64 {
    let start = text.find("about ").unwrap() + 6;
    text[start..].split(' ').next().unwrap().replace(',', "").parse().unwrap()
}

/// `patron report --events` on a generated shop: 8,000 customers, two offers with a 10 % holdout.
/// "winter" raises conversion from 10 % to 16 % (planted); "spring" changes nothing. Who converts is
/// spread evenly rather than drawn, so that the groups convert at exactly those rates: the
/// intervals' coverage under chance is the simulation's above.
#[test]
fn patron_report_finds_the_planted_effect_in_the_events() {
    let dir = std::env::temp_dir().join(format!("patron-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = "report-test-secret-0123456789";
    let key = dir.join("secret.key");
    std::fs::write(&key, format!("{secret}\n")).unwrap();
    let mut rng = Lcg(18);
    let mut orders = String::from("customer_id,order_id,placed_at,sku,quantity,unit_price\n");
    let mut events = String::new();
    // Converts the k-th member of a group with probability `p` spread evenly: exactly p of every 100.
    let converts = |k: u64, p: f64| (k * 37 % 100) < (p * 100.0).round() as u64;
    for i in 0..8_000_u64 {
        let customer = format!("c{i}");
        let id = patron::analytics_id(secret.as_bytes(), &customer);
        orders += &format!("{customer},o{i}-0,2026-01-05T10:00:00Z,BEAN,1,20.00\n");
        let holdout = i % 10 == 0;
        let group = if holdout { "holdout" } else { "treatment" };
        for (offer, at, order_at, base, effect) in [
            ("winter", "2026-02-01T12:00:00Z", "2026-02-05T10:00:00Z", 0.10, 0.06),
            ("spring", "2026-04-01T12:00:00Z", "2026-04-03T10:00:00Z", 0.10, 0.0),
        ] {
            events += &format!(
                "{{\"event\":\"patron:offer-assigned\",\"at\":\"{at}\",\"analytics_id\":\"{id}\",\"offer_id\":\"{offer}\",\"group\":\"{group}\"}}\n"
            );
            if !holdout && rng.uniform() < 0.8 {
                events += &format!("{{\"event\":\"patron:offer-impression\",\"at\":\"{at}\",\"analytics_id\":\"{id}\",\"offer_id\":\"{offer}\"}}\n");
            }
            let (k, p) = if holdout { (i / 10, base) } else { (i - i / 10 - 1, base + effect) };
            if converts(k, p) {
                orders += &format!("{customer},o{i}-{offer},{order_at},BEAN,1,20.00\n");
            }
        }
    }
    events += "not json\n{\"event\":\"patron:offer-assigned\",\"at\":\"yesterday\",\"analytics_id\":\"x\",\"offer_id\":\"winter\"}\n";
    std::fs::write(dir.join("orders.csv"), &orders).unwrap();
    std::fs::write(dir.join("events.jsonl"), &events).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (orders, events, key) = (dir.join("orders.csv"), dir.join("events.jsonl"), key);
    let paths = [orders.to_str().unwrap(), events.to_str().unwrap(), key.to_str().unwrap()];
    let (code, out, err) =
        run(&["report", "--orders", paths[0], "--events", paths[1], "--analytics-key", paths[2], "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["events"]["skipped"], 2);
    let offer = |id: &str| report["offers"].as_array().unwrap().iter().find(|o| o["id"] == id).unwrap().clone();
    let winter = offer("winter");
    assert_eq!((winter["treatment"].as_u64(), winter["holdout"].as_u64()), (Some(7_200), Some(800)));
    let (low, high) = (winter["uplift_low"].as_f64().unwrap(), winter["uplift_high"].as_f64().unwrap());
    assert!((winter["uplift"].as_f64().unwrap() - 0.06).abs() < 1e-9, "{winter}");
    assert!(0.0 < low && low < 0.06 && 0.06 < high, "{winter}");
    assert!(winter["verdict"].as_str().unwrap().starts_with("raises conversion by "), "{winter}");
    assert!((5_500..=6_000).contains(&winter["exposed"].as_u64().unwrap()), "{winter}");
    eprintln!("winter (6 points planted): {}", winter["verdict"]);
    let spring = offer("spring");
    // 720 of 7,200 against 80 of 800: a baseline of 10.0 % over everyone assigned.
    assert_eq!(
        spring["verdict"],
        "no evidence yet (-2.4 to 2.0): about 3,839 customers per group needed to see a 2-point effect on a baseline conversion of 10.0 %"
    );
    assert_eq!((&spring["baseline"], &spring["holdout_percent"]), (&serde_json::json!(0.1), &serde_json::Value::Null));

    let (_, text, _) = run(&["report", "--orders", paths[0], "--events", paths[1], "--analytics-key", paths[2]]);
    assert!(
        text.starts_with(&format!(
            "2 of {} event lines were malformed and skipped:\n  {}:",
            events_lines(&dir),
            paths[1]
        )),
        "{text}"
    );
    assert!(text.contains("Offers against their control groups (conversion: an order within 14 days of the first assignment)\n  spring: 7200 assigned ("), "{text}");

    // With the config: its offers without events, and the events' offers it does not have.
    let (_, text, _) = run(&[
        "report",
        "--orders",
        paths[0],
        "--events",
        paths[1],
        "--analytics-key",
        paths[2],
        "--config",
        "www/configs/consumer.json",
    ]);
    assert!(text.contains("\n  birthday: no event names it yet\n  win-back: no event names it yet\n"), "{text}");
    assert!(text.contains("\n  (events name offers the config does not have: spring ("), "{text}");
    assert!(text.contains(" events), winter ("), "{text}");

    // The wrong secret: no event matches a customer, which is an error, not an empty report.
    let wrong = dir.join("wrong.key");
    std::fs::write(&wrong, "another-secret-0123456789").unwrap();
    let (code, _, err) =
        run(&["report", "--orders", paths[0], "--events", paths[1], "--analytics-key", wrong.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("matches a customer of the orders: is --analytics-key the secret"), "{err}");
    let (_, _, err) = run(&["report", "--orders", paths[0], "--events", paths[1]]);
    assert!(err.starts_with("patron: --events needs --analytics-key FILE"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 29 through the command line: what the shop owner reads for an offer with two customers held
/// out (none bought), one whose configured 20 % holdout nobody fell into yet, one without a holdout,
/// one the config does not have, and the same events without the config.
#[test]
fn patron_report_says_what_a_small_or_empty_holdout_allows() {
    let dir = std::env::temp_dir().join(format!("patron-report-holdouts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = "report-test-secret-0123456789";
    std::fs::write(dir.join("secret.key"), secret).unwrap();
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("www/configs/consumer.json").unwrap()).unwrap();
    for offer in config["offers"].as_array_mut().unwrap() {
        match offer["id"].as_str() {
            Some("birthday") => offer["holdout_percent"] = serde_json::json!(5),
            Some("win-back") => offer["holdout_percent"] = serde_json::json!(20),
            _ => {}
        }
    }
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let mut orders = String::from("customer_id,order_id,placed_at,sku,quantity,unit_price\n");
    let mut events = String::new();
    let assign = |events: &mut String, customer: u32, offer: &str, group: &str| {
        let id = patron::analytics_id(secret.as_bytes(), &format!("c{customer}"));
        *events += &format!("{{\"event\":\"patron:offer-assigned\",\"at\":\"2026-03-01T12:00:00Z\",\"analytics_id\":\"{id}\",\"offer_id\":\"{offer}\",\"group\":\"{group}\"}}\n");
    };
    for c in 0..54_u32 {
        orders += &format!("c{c},o{c},2026-02-01T10:00:00Z,BEAN,1,20.00\n");
    }
    // birthday (5 % configured): c0 and c1 held out, neither buys; c2 to c41 treated, six buy.
    for c in 0..42 {
        assign(&mut events, c, "birthday", if c < 2 { "holdout" } else { "treatment" });
        if (2..8).contains(&c) {
            orders += &format!("c{c},b{c},2026-03-05T10:00:00Z,BEAN,1,20.00\n");
        }
    }
    // win-back (20 % configured): all twelve fell into the treatment.
    for c in 42..54 {
        assign(&mut events, c, "win-back", "treatment");
    }
    // double-points-week has no holdout in the config; flash is not in it.
    for c in 10..15 {
        assign(&mut events, c, "double-points-week", "treatment");
        assign(&mut events, c, "flash", "treatment");
    }
    std::fs::write(dir.join("orders.csv"), &orders).unwrap();
    std::fs::write(dir.join("events.jsonl"), &events).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron"))
            .args(["report", "--orders", &path("orders.csv"), "--events", &path("events.jsonl")])
            .args(["--analytics-key", &path("secret.key")])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        String::from_utf8(out.stdout).unwrap()
    };
    let config = path("config.json");
    let text = run(&["--config", &config]);
    for line in [
        "  birthday: 40 assigned (0 seen it), 2 held out; conversion 15.0 % against 0.0 %: no evidence yet (-51.2 to 29.1): only 2 customers held out; the holdout needs at least 30 before the report can say how many customers it takes to see a 2-point effect\n",
        "  win-back: 12 assigned (0 seen it), 0 held out; conversion 0.0 % against –: holdout configured (20 %), nobody held out yet: reach and clicks only, no claim about the effect\n",
        "  double-points-week: 5 assigned (0 seen it), 0 held out; conversion 0.0 % against –: no holdout group: reach and clicks only, no claim about the effect\n",
        "  flash: 5 assigned (0 seen it), 0 held out; conversion 0.0 % against –: nobody held out: reach and clicks only, no claim about the effect (the config does not have this offer)\n",
    ] {
        assert!(text.contains(line), "{line}{text}");
    }
    let report: serde_json::Value = serde_json::from_str(&run(&["--config", &config, "--format", "json"])).unwrap();
    let offer = |report: &serde_json::Value, id: &str| {
        report["offers"].as_array().unwrap().iter().find(|o| o["id"] == id).unwrap().clone()
    };
    let birthday = offer(&report, "birthday");
    // Six of the 42 assigned bought: the baseline is theirs, not the holdout's 0 of 2.
    assert_eq!(
        (&birthday["baseline"], &birthday["holdout_percent"]),
        (&serde_json::json!(6.0 / 42.0), &serde_json::json!(5.0))
    );
    assert_eq!(offer(&report, "win-back")["holdout_percent"], 20.0);
    assert_eq!(offer(&report, "flash")["holdout_percent"], serde_json::Value::Null);
    let html = run(&["--config", &config, "--format", "html"]);
    assert!(html.contains("<td class=\"words\">holdout configured (20 %), nobody held out yet: reach and clicks only, no claim about the effect</td>"), "{html}");

    // Without the config the report cannot know the holdout it was given.
    let text = run(&[]);
    assert!(text.contains("  win-back: 12 assigned (0 seen it), 0 held out; conversion 0.0 % against –: nobody held out: reach and clicks only, no claim about the effect (without --config the report cannot tell whether the offer has a holdout)\n"), "{text}");
    assert!(text.contains("  birthday: 40 assigned (0 seen it), 2 held out; conversion 15.0 % against 0.0 %: no evidence yet (-51.2 to 29.1): only 2 customers held out; "), "{text}");
    let report: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(offer(&report, "win-back")["holdout_percent"], serde_json::Value::Null);
    std::fs::remove_dir_all(&dir).ok();
}

fn events_lines(dir: &std::path::Path) -> usize {
    std::fs::read_to_string(dir.join("events.jsonl")).unwrap().lines().filter(|l| !l.trim().is_empty()).count()
}

/// The recommendations' events per reason — impressions, clicks, and the recommended product bought
/// within the window after its first impression — and the rewards' per reward; events without an
/// analytics key (no consent) are counted but joined to no order.
#[test]
fn recommendations_and_rewards_are_measured_from_their_events() {
    let dir = std::env::temp_dir().join(format!("patron-report-recs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = "report-test-secret-0123456789";
    std::fs::write(dir.join("secret.key"), secret).unwrap();
    let (anna, ben) = (patron::analytics_id(secret.as_bytes(), "anna"), patron::analytics_id(secret.as_bytes(), "ben"));
    std::fs::write(
        dir.join("orders.csv"),
        "customer_id,order_id,placed_at,sku,quantity,unit_price\n\
         anna,a1,2026-03-01T10:00:00Z,BEANS,1,12.00\n\
         anna,a2,2026-03-12T10:00:00Z,BEANS,1,12.00\n\
         anna,a2,2026-03-12T10:00:00Z,FILTER,1,4.00\n\
         ben,b1,2026-03-02T10:00:00Z,MUG,1,9.00\n\
         ben,b2,2026-04-20T10:00:00Z,BEANS,1,12.00\n",
    )
    .unwrap();
    let rec = |event: &str, at: &str, id: &str, sku: &str, reason: &str| {
        format!("{{\"event\":\"patron:{event}\",\"at\":\"{at}\",\"analytics_id\":{id},\"sku\":\"{sku}\",\"reason\":\"{reason}\",\"position\":1}}\n")
    };
    let (anna, ben) = (format!("\"{anna}\""), format!("\"{ben}\""));
    let mut events = String::new();
    // Anna is shown beans (bought 2 days later, after a click) and a filter (bought 2 days later).
    events += &rec("rec-impression", "2026-03-10T09:00:00Z", &anna, "BEANS", "repurchase_due");
    events += &rec("rec-click", "2026-03-10T09:00:05Z", &anna, "BEANS", "repurchase_due");
    events += &rec("rec-impression", "2026-03-10T09:00:00Z", &anna, "FILTER", "bought_with");
    // Shown again later: the first impression opens the window.
    events += &rec("rec-impression", "2026-03-11T09:00:00Z", &anna, "BEANS", "repurchase_due");
    // Ben is shown beans and buys them 49 days later: outside the 14 days.
    events += &rec("rec-impression", "2026-03-02T11:00:00Z", &ben, "BEANS", "popular");
    // Without consent: no key.
    events += &rec("rec-impression", "2026-03-02T11:00:00Z", "null", "BEANS", "popular");
    events += "{\"event\":\"patron:reward-impression\",\"at\":\"2026-03-02T11:00:00Z\",\"reward_id\":\"five-off\",\"state\":\"affordable\"}\n";
    events += "{\"event\":\"patron:reward-impression\",\"at\":\"2026-03-03T11:00:00Z\",\"reward_id\":\"five-off\",\"state\":\"affordable\"}\n";
    events += &format!("{{\"event\":\"patron:reward-redeemed\",\"at\":\"2026-03-03T11:01:00Z\",\"reward_id\":\"five-off\",\"cost_points\":500,\"request_id\":\"r1\",\"analytics_id\":{ben}}}\n");
    events += &format!("{{\"event\":\"patron:reward-redeem-failed\",\"at\":\"2026-03-03T11:01:00Z\",\"reward_id\":\"free-bag\",\"cost_points\":1200,\"request_id\":\"r2\",\"reason\":\"rejected\",\"analytics_id\":{ben}}}\n");
    std::fs::write(dir.join("events.jsonl"), &events).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron"))
            .args(["report", "--orders", &path("orders.csv"), "--events", &path("events.jsonl")])
            .args(["--analytics-key", &path("secret.key"), "--format", format])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        String::from_utf8(out.stdout).unwrap()
    };
    let report: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let reason = |name: &str| {
        report["recommendations"].as_array().unwrap().iter().find(|r| r["reason"] == name).unwrap().clone()
    };
    let due = reason("repurchase_due");
    assert_eq!(
        (&due["impressions"], &due["clicks"], &due["followed"], &due["purchased"], &due["purchased_after_click"]),
        (
            &serde_json::json!(2),
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
    let with = reason("bought_with");
    assert_eq!(
        (&with["impressions"], &with["purchased"], &with["purchase_rate"]),
        (&serde_json::json!(1), &serde_json::json!(1), &serde_json::json!(1.0))
    );
    let popular = reason("popular");
    assert_eq!(
        (&popular["impressions"], &popular["followed"], &popular["purchased"]),
        (&serde_json::json!(2), &serde_json::json!(1), &serde_json::json!(0))
    );
    assert_eq!(report["events"]["anonymous"], 1);
    assert_eq!(
        report["rewards"],
        serde_json::json!([
            {"id": "five-off", "impressions": 2, "redemptions": 1, "points_redeemed": 500.0, "failed": 0},
            {"id": "free-bag", "impressions": 0, "redemptions": 0, "points_redeemed": 0.0, "failed": 1},
        ])
    );
    let text = run("text");
    assert!(
        text.contains(
            "reason               impressions  clicks click rate    bought  of shown\n\
             popular                        2       0      0.0 %         0     0.0 %\n\
             repurchase_due                 2       1     50.0 %         1   100.0 %\n\
             bought_with                    1       0      0.0 %         1   100.0 %\n"
        ),
        "{text}"
    );
    assert!(text.contains("five-off                       2           1             500       0\n"), "{text}");
    assert!(text.contains("(1 event came without an analytics key, from shoppers without analytics consent"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}
