//! The `patron` command line, run as a marketer would run it.

use std::process::Command;

fn patron(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().expect("patron runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn validate_accepts_the_demo_config() {
    let (code, out, _) = patron(&["validate", "www/configs/b2b.json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "www/configs/b2b.json: valid — programme \"Küchenprofi Partnerprogramm\", 3 tiers (business, premium, strategic_partner), 3 offers\n"
    );
}

#[test]
fn validate_lists_problems_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("patron-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\n  \"default_language\": \"de\",\n  \"programme\": {\n    \"name\": {\"de\": \"X\"},\n    \"currency\": \"EUR\",\n    \"earn\": {\"points_per_unit\": \"one\"}\n  }\n}\n").unwrap();
    let (code, out, err) = patron(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let shown = path.display();
    assert_eq!(
        err,
        format!(
            "{shown}: 1 problem found\n{shown}:6:14: programme.earn.points_per_unit: expected a number, got \"one\"\n\
             if published anyway, the widget would leave out:\n  programme: the card and the rewards panel (the programme)\n"
        )
    );
}

#[test]
fn render_prints_the_card_as_the_widget_shows_it() {
    let (code, out, err) = patron(&[
        "render",
        "--session",
        "www/sessions/regular.json",
        "--config",
        "www/configs/consumer.json",
        "--locale",
        "en-GB",
    ]);
    assert_eq!(err, "");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Bohnenhaus Club\n\
         Hello Anna!\n\
         1,220 points (estimated from your orders)\n\
         [Silver]\n\
         ███████░░░░░░░░░░░░░ 37% · €941.59 to Gold\n\
         49 points expire on 9 December 2026.\n\
         Your cart earns you 54 points.\n\
         Your benefits:\n  \
         • 25% more points on every purchase\n  \
         • Free shipping from €29\n"
    );
}

#[test]
fn render_at_another_moment_and_report_bad_flags() {
    let lapsed_at = |now: &str| {
        patron(&[
            "render",
            "--session",
            "www/sessions/lapsed.json",
            "--config",
            "www/configs/consumer.json",
            "--now",
            now,
        ])
    };
    let (code, out, _) = lapsed_at("2024-06-01T12:00:00+02:00");
    assert_eq!(code, 0);
    // In June 2024 Markus had spent 194.40 € in the previous twelve months.
    assert!(out.contains("[Bronze]\n███████░░░░░░░░░░░░░ 38\u{a0}% · Noch 305,60\u{a0}€ bis Silber\n"), "{out}");
    let (code, _, err) = lapsed_at("soon");
    assert_eq!(code, 1);
    assert_eq!(err, "patron: --now: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"soon\"\n");
}

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("patron-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn validate_gives_line_and_column_for_every_problem() {
    let broken = include_str!("../www/configs/consumer.json")
        .replace("\"threshold\": 1500", "\"treshold\": 1500")
        .replace("\"percent\": 15", "\"percent\": 150");
    let path = write_temp("typos.json", &broken);
    let (code, _, err) = patron(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let shown = path.display();
    assert_eq!(
        err,
        format!(
            "{shown}: 3 problems found\n\
             {shown}:64:9: programme.tiers[2].treshold: unknown field \"treshold\"; did you mean \"threshold\"?\n\
             {shown}:58:7: programme.tiers[2]: missing field \"threshold\"\n\
             {shown}:282:9: offers[1].reward.percent: expected a percentage above 0 and at most 100, got 150\n\
             if published anyway, the widget would leave out:\n  \
             programme: the card and the rewards panel (the programme)\n  \
             offers[1]: offer \"win-back\" (in \"top\"; no offer of lower priority takes its place)\n  \
             offers[2]: offer \"early-access\" (in \"top\"; no offer of lower priority takes its place)\n  \
             offers[3]: offer \"double-points-week\" (in \"top\"; no offer of lower priority takes its place)\n"
        )
    );
}

#[test]
fn validate_reports_json_for_pipelines() {
    let (code, out, _) = patron(&["validate", "--format", "json", "www/configs/consumer.json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["problems"][0]["severity"], "warning");
    assert_eq!(report["problems"][0]["path"], "offers[1].coupon_code");
    assert_eq!(report["problems"][0]["line"], 284);
    let path = write_temp(
        "bad.json",
        &include_str!("../www/configs/b2b.json")
            .replace("\"tier_is\": [\n          \"premium\"", "\"tier_is\": [\n          \"premum\""),
    );
    let (code, out, err) = patron(&["validate", "--format", "json", path.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (1, ""));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(
        report["problems"][0],
        serde_json::json!({
            "severity": "error",
            "path": "offers[1].audience.tier_is[0]",
            "message": "unknown tier \"premum\"; the programme has \"business\", \"premium\", \"strategic_partner\"",
            "file": path.display().to_string(),
            "line": 252,
            "column": 11
        })
    );
}

#[test]
fn simulate_previews_who_sees_what_and_the_reach() {
    let sessions: String = ["new", "regular", "lapsed"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("www/sessions/{name}.json")).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            format!("{value}\n")
        })
        .collect();
    let path = write_temp("personas.jsonl", &sessions);
    let (code, out, err) =
        patron(&["simulate", "--config", "www/configs/consumer.json", "--sessions", path.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let shown = path.display();
    assert!(
        out.starts_with(&format!(
            "{shown}:1 (c-1001):\n  \
         hidden birthday [top]: not in the audience: offers[0].audience: the birthday is 114 days away\n  \
         hidden win-back [top]: not in the audience: offers[1].audience: no orders yet\n"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{shown}:3 (c-3003):\n  hidden birthday [top]")), "{out}");
    assert!(
        out.contains(
            "reach over 3 sessions:\n  \
         offer                   placement   qualify  shown\n  \
         birthday                top               1      1\n  \
         win-back                top               1      1\n  \
         early-access            top               0      0\n  \
         double-points-week      top               3      1\n  \
         replenish-coffee        inline            0      0\n  \
         stamp-card              inline            2      2\n  \
         referral                inline            1      1\n  \
         free-shipping-regulars  cart              2      2\n\nrewards over 3 sessions"
        ),
        "{out}"
    );
    let (_, json_out, _) = patron(&[
        "simulate",
        "--format",
        "json",
        "--config",
        "www/configs/b2b.json",
        "--sessions",
        "www/sessions/partner.json",
    ]);
    let lines: Vec<serde_json::Value> = json_out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["customer_id"], "b-4004");
    assert_eq!(lines[0]["offers"][2]["shown"], true);
    assert_eq!(
        lines[0]["offers"][2]["headline"],
        "Als strategischer Partner: 8\u{a0}% auf Neugeräte und 10 % auf Verbrauchsmaterial"
    );
    assert_eq!(lines[1]["reach"][2], serde_json::json!({"offer": "tier-discount-strategic", "qualify": 1, "shown": 1}));
    assert_eq!(
        lines[0]["rewards"][1],
        serde_json::json!({"reward": "maintenance", "can_afford": true, "status": "affordable"})
    );
    assert_eq!(
        lines[0]["badges"],
        serde_json::json!([{"badge": "reliable", "earned": false}, {"badge": "volume", "earned": true}])
    );
    assert_eq!(
        lines[1]["rewards"][2],
        serde_json::json!({"reward": "staff-training", "can_afford": 1, "locked": 0, "limit_reached": 0})
    );
    assert_eq!(lines[1]["badges"][1], serde_json::json!({"badge": "volume", "holders": 1}));
}

/// `simulate`'s headings count the sessions: "over 1 session", "over 2 sessions".
#[test]
fn simulate_counts_sessions_in_the_singular_and_plural() {
    let regular = std::fs::read_to_string("www/sessions/regular.json").unwrap();
    let line = serde_json::from_str::<serde_json::Value>(&regular).unwrap().to_string();
    for (n, sessions) in [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions")] {
        let path = write_temp(&format!("count-{n}.jsonl"), &format!("{line}\n").repeat(n));
        let (code, out, err) =
            patron(&["simulate", "--config", "www/configs/consumer.json", "--sessions", path.to_str().unwrap()]);
        assert_eq!((code, err.as_str()), (0, ""));
        let headings: Vec<&str> = out.lines().filter(|l| l.contains(" over ")).collect();
        assert_eq!(
            headings,
            [
                format!("reach over {sessions}:"),
                format!("rewards over {sessions} (can afford now: the balance covers it, tier and limit allow):"),
                format!("badges over {sessions}:"),
            ],
            "{out}"
        );
    }
}

/// Builds the sample catalogue's model into a fresh folder; returns the folder and the model path.
fn sample_model(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("patron-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model = dir.join("model.ptrm").to_str().unwrap().to_string();
    let (code, out, err) = patron(&[
        "model",
        "build",
        "--orders",
        "www/catalogue/orders.csv",
        "--products",
        "www/catalogue/products.csv",
        "--out",
        &model,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with(&format!("{model}: 8 products from 94 orders of 24 customers (225 lines), 1069 bytes, in ")),
        "{out}"
    );
    (dir, model)
}

#[test]
fn recommend_writes_one_line_per_session_in_input_order() {
    let (dir, model) = sample_model("recommend");
    let sessions = dir.join("sessions.jsonl");
    let line = |name: &str| {
        let text = std::fs::read_to_string(format!("www/sessions/{name}.json")).unwrap();
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap()
    };
    std::fs::write(&sessions, format!("{}\n{}\n", line("regular"), line("lapsed"))).unwrap();
    let (code, out, err) =
        patron(&["recommend", "--model", &model, "--sessions", sessions.to_str().unwrap(), "--k", "3"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        concat!(
            r#"{"customer_id":"c-2002","recommendations":[{"sku":"BEAN-ESPRESSO-1KG","score":1.4734,"reason":"repurchase_due"},{"sku":"FILTER-102","score":1.1945,"reason":"buy_again"},{"sku":"TEA-EARLGREY","score":1.083,"reason":"repurchase_due"}]}"#,
            "\n",
            r#"{"customer_id":"c-3003","recommendations":[{"sku":"BEAN-ESPRESSO-1KG","score":1.665,"reason":"buy_again"},{"sku":"TEA-EARLGREY","score":1.5582,"reason":"buy_again"},{"sku":"FILTER-102","score":0.4783,"reason":"similar_shoppers"}]}"#,
            "\n"
        )
    );
}

#[test]
fn recommend_keeps_the_line_of_a_broken_session_and_exits_1() {
    let (dir, model) = sample_model("broken");
    let sessions = dir.join("sessions.jsonl");
    std::fs::write(&sessions, "{\"currency\": \"EUR\"}\n{\"currency\": 5}\n").unwrap();
    let (code, out, err) =
        patron(&["recommend", "--model", &model, "--sessions", sessions.to_str().unwrap(), "--k", "1"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "{\"customer_id\":null,\"recommendations\":[{\"sku\":\"TEA-EARLGREY\",\"score\":0.3,\"reason\":\"trending\"}]}\n{\"customer_id\":null,\"error\":\"session is invalid: currency: expected a string, got 5\"}\n"
    );
    assert_eq!(err, format!("{}:2: session is invalid: currency: expected a string, got 5\n", sessions.display()));
}

#[test]
fn model_build_names_the_line_and_column_of_a_broken_order() {
    let dir = std::env::temp_dir().join(format!("patron-cli-orders-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let orders = dir.join("orders.csv");
    std::fs::write(
        &orders,
        "customer_id,order_id,placed_at,sku,quantity,unit_price\nc1,o1,2026-01-02T10:00:00Z,A,1,2.50\nc1,o2,yesterday,A,1,2.50\n",
    )
    .unwrap();
    let (code, _, err) = patron(&["model", "build", "--orders", orders.to_str().unwrap(), "--out", "/dev/null"]);
    assert_eq!(code, 1);
    assert!(err.starts_with(&format!("patron: {}:3: placed_at: ", orders.display())), "{err}");

    std::fs::write(&orders, "customer,order,when,sku,qty,price\n").unwrap();
    let (code, _, err) = patron(&["model", "build", "--orders", orders.to_str().unwrap(), "--out", "/dev/null"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "patron: {}:1: expected the header customer_id,order_id,placed_at,sku,quantity,unit_price,[category], got customer,order,when,sku,qty,price\n",
            orders.display()
        )
    );
}

#[test]
fn model_inspect_shows_what_the_sample_model_holds() {
    let (dir, model) = sample_model("inspect");
    let (code, out, err) = patron(&["model", "inspect", &model]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        format!(
            "{model}: Patron model, format version 2\n\
             \x20 newest order  2026-05-31\n\
             \x20 products      8 (4 categories, 5 brands)\n\
             \x20 neighbours    40 entries, for 7 products\n\
             \x20 peer groups   24, of 2 to 6 products each\n\
             \n\
             \x20 section       bytes\n\
             \x20 header            8\n\
             \x20 names            92\n\
             \x20 products        586\n\
             \x20 neighbours       88\n\
             \x20 peer groups     295\n\
             \x20 total          1069\n"
        )
    );

    // Cut inside the peer groups, and cut to nothing: refused, naming the file and the problem.
    let cut = dir.join("cut.ptrm");
    let bytes = std::fs::read(&model).unwrap();
    std::fs::write(&cut, &bytes[..1000]).unwrap();
    let (code, out, err) = patron(&["model", "inspect", cut.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err, format!("patron: {}: broken model at byte 1000: the file ends too early\n", cut.display()));
    std::fs::write(&cut, "").unwrap();
    let (code, _, err) = patron(&["model", "inspect", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(err, format!("patron: {}: broken model at byte 0: the file ends too early\n", cut.display()));
    let (code, _, err) = patron(&["model", "inspect", "www/configs/b2b.json"]);
    assert_eq!(code, 1);
    assert_eq!(err, "patron: www/configs/b2b.json: not a Patron model (the file does not start with \"PTRM\")\n");
}

#[test]
fn model_help_says_what_model_does() {
    let (code, out, _) = patron(&["model", "--help"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Builds or inspects recommendation models\n"), "{out}");
    assert!(out.contains("\n  inspect  Shows what a model file holds"), "{out}");
}

#[test]
fn recommend_refuses_a_file_that_is_no_model() {
    let (code, _, err) =
        patron(&["recommend", "--model", "www/configs/b2b.json", "--sessions", "www/sessions/new.json", "--k", "3"]);
    assert_eq!(code, 1);
    assert_eq!(err, "patron: www/configs/b2b.json: not a Patron model (the file does not start with \"PTRM\")\n");
}

/// `patron eval` prints TIFU-KNN beside the other baselines; `--tune-tifu` scores its grid on the
/// validation baskets only.
#[test]
fn eval_compares_with_tifu_knn_and_tunes_it_on_validation_only() {
    let data = ["--orders", "www/catalogue/orders.csv", "--products", "www/catalogue/products.csv", "--k", "4"];
    let (code, out, _) = patron(&[&["eval"], &data[..]].concat());
    assert_eq!(code, 0);
    let methods: Vec<&str> =
        out.lines().filter_map(|line| line.strip_prefix("| ")?.split(" |").next()).filter(|m| *m != "method").collect();
    assert_eq!(methods, ["Patron", "Patron, compact sessions", "G-TopFreq", "P-TopFreq", "GP-TopFreq", "TIFU-KNN"]);

    let (code, out, err) = patron(&[&["eval"], &data[..], &["--tune-tifu"]].concat());
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (1, "", "patron: --tune-tifu tunes on the validation baskets: add --validation\n")
    );

    let (code, out, _) = patron(&[&["eval"], &data[..], &["--validation", "--tune-tifu"]].concat());
    assert_eq!(code, 0);
    assert!(out.contains("second-to-last basket held out"), "{out}");
    let grid: Vec<&str> = out.lines().filter(|line| line.starts_with("| TIFU-KNN m=")).collect();
    assert_eq!(grid.len(), 48, "{out}");
    assert!(grid[0].starts_with("| TIFU-KNN m=3 rb=0.9 rg=0.6 k=100 a=0.5 |"), "{}", grid[0]);
}

/// The repeat/explore mix is tuned on the validation baskets only, over its fixed grid; the weights
/// it tunes can be tried by name.
#[test]
fn eval_tunes_the_repeat_and_explore_mix_on_validation_only() {
    let data = ["--orders", "www/catalogue/orders.csv", "--products", "www/catalogue/products.csv", "--k", "4"];
    let (code, out, err) = patron(&[&["eval"], &data[..], &["--tune-mix"]].concat());
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (1, "", "patron: --tune-mix tunes on the validation baskets: add --validation\n")
    );
    let (code, out, _) = patron(&[&["eval"], &data[..], &["--validation", "--tune-mix"]].concat());
    assert_eq!(code, 0);
    let grid: Vec<&str> = out.lines().filter(|line| line.starts_with("| Patron discovery_share=")).collect();
    assert_eq!(grid.len(), 24, "{out}");
    assert!(
        grid[0].starts_with("| Patron discovery_share=0 repeat_threshold=0.05 explore_popularity=0.3 |"),
        "{}",
        grid[0]
    );
    let weights = "peers=0.5,explore_popularity=0.6,repeat_threshold=0.2,discovery_share=0.3";
    let (code, _, err) = patron(&[&["eval"], &data[..], &["--weights", weights]].concat());
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, _, err) = patron(&[&["eval"], &data[..], &["--weights", "peer=0.5"]].concat());
    assert_eq!((code, err.as_str()), (1, "patron: --weights: unknown weight \"peer\"\n"));
}

/// A reader that stops early (`patron simulate … | head`) closes the pipe: the rest of the output is
/// dropped quietly, without the panic and backtrace `print!` gives on a closed pipe.
#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::Read as _;
    // Far more than a pipe buffers (64 KB), so that the writer meets the closed pipe.
    let line = std::fs::read_to_string("docs/examples/sessions.jsonl").unwrap();
    let sessions = write_temp("many-sessions.jsonl", &line.repeat(400));
    let mut child = Command::new(env!("CARGO_BIN_EXE_patron"))
        .args(["simulate", "--config", "www/configs/consumer.json", "--sessions"])
        .arg(&sessions)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0_u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

/// One pass (issue 32): a typo in one offer and a reward naming an unknown tier are both reported at
/// once, though the reward's tier is checked across sections, after decoding.
#[test]
fn validate_finds_a_typo_and_an_unknown_tier_in_one_pass() {
    let broken = include_str!("../www/configs/consumer.json").replacen("\"cta_label\"", "\"cta_lable\"", 1).replacen(
        "\"cost_points\": 300,",
        "\"cost_points\": 300, \"min_tier\": \"platin\",",
        1,
    );
    let path = write_temp("typo-and-tier.json", &broken);
    let (code, _, err) = patron(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].ends_with("2 problems found"), "{err}");
    assert!(
        lines[1].contains(": offers[0].cta_lable: unknown field \"cta_lable\"; did you mean \"cta_label\"?"),
        "{err}"
    );
    assert!(lines[2].contains(": programme.rewards[0].min_tier: unknown tier \"platin\""), "{err}");
    // The warning of the second offer, at its own path, though the first is left out.
    assert!(lines[3].contains(": warning: offers[1].coupon_code: "), "{err}");
    // Then what the widget would leave out if the file were published anyway, and who sees what.
    assert_eq!(
        lines[4..],
        [
            "if published anyway, the widget would leave out:",
            "  offers[0]: offer \"birthday\" (in \"top\"; its audience sees instead the first it qualifies for of \"win-back\", \"early-access\", \"double-points-week\")",
            "  programme.rewards[0]: reward \"free-shipping\"",
        ],
        "{err}"
    );
    let (code, out, _) = patron(&["validate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["omitted"],
        serde_json::json!([
            {"path": "offers[0]", "part": "offer", "id": "birthday", "placement": "top",
             "instead": ["win-back", "early-access", "double-points-week"]},
            {"path": "programme.rewards[0]", "part": "reward", "id": "free-shipping"},
        ])
    );
}

/// A number too large for any field is shown as the document writes it (issue 32: `1e300` was
/// reported as "got 18446744073709551615").
#[test]
fn validate_shows_a_huge_number_as_written() {
    let config = r#"{"default_language": "de", "programme": {"name": {"de": "X"}, "currency": "EUR",
        "earn": {"points_per_unit": 1}, "rewards": [{"id": "a", "name": {"de": "A"}, "cost_points": 1e300,
        "reward": {"type": "free_shipping"}}]}}"#;
    let path = write_temp("huge.json", config);
    let (code, _, err) = patron(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with(
            "programme.rewards[0].cost_points: expected a whole number from 0 to 9007199254740992, got 1e300\n\
             if published anyway, the widget would leave out:\n  programme.rewards[0]: reward \"a\"\n"
        ),
        "{err}"
    );
}

/// The rewards panel counts each reward's redemptions against its limit, with many of both: 10,000
/// rewards limited to 3 and 100,000 redemptions, 10 of each (issue 32: the count scanned every
/// redemption once per reward). `scripts/bench-rewards.sh` times it.
#[test]
fn render_counts_many_redemptions_against_their_limits() {
    let rewards: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r#"{{"id": "r{i}", "name": {{"de": "R{i}"}}, "cost_points": {}, "reward": {{"type": "free_shipping"}}, "limit_per_customer": {}}}"#,
                100 + i,
                if i == 7 { 11 } else { 3 }
            )
        })
        .collect();
    let config = format!(
        r#"{{"default_language": "de", "programme": {{"name": {{"de": "X"}}, "currency": "EUR", "earn": {{"points_per_unit": 1}}, "rewards": [{}]}}}}"#,
        rewards.join(",")
    );
    let redeemed: Vec<String> =
        (0..100_000).map(|i| format!(r#"{{"reward_id": "r{}", "on": "2026-01-01"}}"#, i % 10_000)).collect();
    let session = format!(
        r#"{{"customer": {{"id": "c1"}}, "consent": {{"personalisation": true}}, "currency": "EUR", "orders": [], "now": "2026-12-01T10:00:00+01:00", "points": {{"balance": 500, "redeemed": [{}]}}}}"#,
        redeemed.join(",")
    );
    let config = write_temp("many-rewards.json", &config);
    let session = write_temp("many-redemptions.json", &session);
    let (code, out, err) = patron(&[
        "render",
        "--placement",
        "rewards",
        "--session",
        session.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  reward r6: limit reached: redeemed 3 of 3 times\n"), "{out}");
    // Limited to 11 and redeemed 10 times: still offered.
    assert!(!out.contains("reward r7: limit reached"), "{out}");
    assert_eq!(out.matches("limit reached").count(), 9_999);
}
