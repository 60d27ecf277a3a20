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
        "www/configs/b2b.json: valid — programme \"Küchenprofi Partnerprogramm\", 3 tiers (business, premium, strategic_partner)\n"
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
        format!("{shown}: 1 problem found\n{shown}: programme.earn.points_per_unit: expected a number, got \"one\"\n")
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
    let (code, out, _) = patron(&[
        "render",
        "--session",
        "www/sessions/lapsed.json",
        "--config",
        "www/configs/consumer.json",
        "--now",
        "2024-06-01T12:00:00+02:00",
        "--locale",
        "en-GB",
    ]);
    assert_eq!(code, 0);
    // In June 2024 Markus had spent 194.40 € in the previous twelve months.
    assert!(out.contains("[Bronze]\n███████░░░░░░░░░░░░░ 38% · €305.60 to Silver\n"), "{out}");
    let (code, _, err) = patron(&[
        "render",
        "--session",
        "www/sessions/lapsed.json",
        "--config",
        "www/configs/consumer.json",
        "--now",
        "soon",
    ]);
    assert_eq!(code, 1);
    assert_eq!(err, "patron: --now: expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got \"soon\"\n");
}
