//! Offer evaluation: a fuzzed session against the demo config's offers (every condition kind of the
//! examples), at its own moment. Deciding must never panic and must decide every offer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use patron::format::PlainFormatter;
use patron::offers::{decide, Memory};
use patron::{Config, Session, Timestamp};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(session) = Session::from_json(text) else { return };
    let config = Config::from_json(include_str!("../../www/configs/consumer.json")).expect("the demo config reads");
    let now = session.now.unwrap_or(Timestamp::from_unix(1_795_000_000, 60));
    let locale = session.locale.clone().unwrap_or_else(|| "de-DE".to_string());
    let format = PlainFormatter::new(&locale, session.currency.code());
    let decisions = decide(&session, config.offer_config(), now, &locale, &Memory::default(), &format);
    assert_eq!(decisions.len(), config.offers.len());
});
