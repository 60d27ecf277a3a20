//! The rewards panel (issue 16): any session that reads must give a panel and its words for both
//! demo programmes, in both languages, without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use patron::format::PlainFormatter;
use patron::loyalty::{panel, panel_text, Language};
use patron::{Config, Session, Timestamp};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(session) = Session::from_json(text) else { return };
    let now = session.now.unwrap_or(Timestamp::from_unix(1_795_000_000, 60));
    for config in [include_str!("../../www/configs/consumer.json"), include_str!("../../www/configs/b2b.json")] {
        let config = Config::from_json(config).expect("the demo configs read");
        let panel = panel(&session, &config, now, "de-DE", &[]);
        for language in [Language::De, Language::En] {
            let format = PlainFormatter::new(if language == Language::De { "de-DE" } else { "en-GB" }, config.programme.currency.code());
            let _ = panel_text(&panel, language, &format);
        }
    }
});
