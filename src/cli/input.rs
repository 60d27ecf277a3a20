//! Reading the files and flags every subcommand shares.

use std::path::Path;

use crate::time::Timestamp;

pub(crate) fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("patron: cannot read {}: {e}\n", path.display()))
}

/// The machine's clock, in UTC: for sessions without a `now` of their own.
pub(crate) fn clock() -> Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Timestamp::from_unix(seconds, 0)
}

/// A `--now` flag's moment.
///
/// # Errors
/// The flag's value is not an RFC 3339 timestamp.
pub(crate) fn now_flag(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text).map_err(|e| format!("patron: --now: {e}\n"))
}
