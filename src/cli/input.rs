//! Reading the files and flags every subcommand shares.

use std::path::Path;

use crate::error::Error;
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

/// Refuses early an export the machine cannot hold: `command` needs about `bytes_per_byte` bytes of
/// memory per byte of the export at `path` (measured on The Complete Journey, the book, internals/figures.md),
/// checked against the memory available now. Where the available memory cannot be read (not Linux),
/// nothing is checked.
///
/// # Errors
/// The estimate, the memory available, and what to do instead.
pub(crate) fn check_memory(path: &Path, command: &str, bytes_per_byte: f64) -> Result<(), String> {
    let Ok(size) = std::fs::metadata(path).map(|m| m.len()) else { return Ok(()) };
    match available_memory() {
        Some(available) => too_big(path, size, command, bytes_per_byte, available).map_or(Ok(()), Err),
        None => Ok(()),
    }
}

/// Linux's estimate of the memory a new process can use without swapping (`MemAvailable`).
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

fn gigabytes(bytes: f64) -> String {
    format!("{:.1} GB", bytes / 1e9)
}

/// The message when an export of `size` bytes needs more than `available`, or `None`.
pub(crate) fn too_big(path: &Path, size: u64, command: &str, bytes_per_byte: f64, available: u64) -> Option<String> {
    let needed = size as f64 * bytes_per_byte;
    (needed > available as f64).then(|| {
        format!(
            "patron: {} is {}; `{command}` holds it in memory, about {} here, and this machine has {} available. Run it on a share of the customers, or build the model in bounded memory (`patron model build`) or on Apache Spark (kits/spark/README.md)\n",
            path.display(),
            gigabytes(size as f64),
            gigabytes(needed),
            gigabytes(available as f64)
        )
    })
}

/// A CSV file with its header row, or the message that it cannot be read.
pub(crate) fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>, Error> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(|e| Error::export(format!("cannot read {}: {e}", path.display())))
}

/// Writes `text` to standard output. A reader that stopped reading (`patron simulate … | head`)
/// closes the pipe: what is left is not wanted, so it is dropped without a word, where `print!`
/// would panic with a backtrace.
pub(crate) fn emit(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// What the command line prints for an error: `patron: ` and the error's one line. The one place
/// the crate's [`Error`] becomes text.
pub(crate) fn said(error: Error) -> String {
    format!("patron: {error}\n")
}

#[cfg(test)]
mod tests {
    use super::too_big;
    use std::path::Path;

    #[test]
    fn an_export_too_big_for_the_memory_is_refused_before_it_is_read() {
        let path = Path::new("orders.csv");
        assert_eq!(too_big(path, 1_000_000_000, "patron eval", 6.5, 8_000_000_000), None);
        assert_eq!(
            too_big(path, 2_000_000_000, "patron eval", 6.5, 8_000_000_000).unwrap(),
            "patron: orders.csv is 2.0 GB; `patron eval` holds it in memory, about 13.0 GB here, and this machine has 8.0 GB available. Run it on a share of the customers, or build the model in bounded memory (`patron model build`) or on Apache Spark (kits/spark/README.md)\n"
        );
    }
}
