//! Config parsing and validation: any text must give a config (and its warnings) or the list of
//! problems, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use patron::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::from_json(text) {
        Ok(config) => {
            let _ = config.warnings();
        }
        Err(error) => assert!(!error.problems.is_empty(), "an error without a problem"),
    }
});
