//! Session parsing: any text must give a session or an error, never a panic or a hang; a session
//! that parses must render a card.
#![no_main]

use libfuzzer_sys::fuzz_target;
use patron::{loyalty, Config, Session, Timestamp};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(session) = Session::from_json(text) {
        let config = Config::from_json(include_str!("../../www/configs/consumer.json")).expect("the demo config reads");
        let now = session.now.unwrap_or(Timestamp::from_unix(1_795_000_000, 60));
        let _ = loyalty::card(&session, &config.programme, &config.default_language, now, "de-DE");
    }
});
