//! Civil dates and RFC 3339 timestamps: just what the session and the programme need.
//!
//! Patron compares order times, counts days and adds months, and nothing more, so this module carries
//! the classic days-from-civil arithmetic rather than a date-time crate: it keeps the browser bundle
//! small, and the core never asks the platform for the time (callers pass `now` in).

use crate::error::Problem;
use std::cmp::Ordering;
use std::fmt;

const SECONDS_PER_DAY: i64 = 86_400;

/// A calendar date without a time of day or time zone, such as a birthday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, or `None` when the day does not exist (30 February, month 13).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    ///
    /// # Errors
    /// A message saying what was expected, for use in a JSON-path error.
    pub fn parse(text: &str) -> Result<Date, Problem> {
        Date::read(text).ok_or_else(|| {
            Problem::reason(why!("expected a date as YYYY-MM-DD"; "expected a date as YYYY-MM-DD, got {}", crate::words::quoted(text)))
        })
    }

    // One failure value for every way to fail: the message is made in one place, not at each `?`.
    fn read(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let year = bytes.get(0..4).and_then(digits)?;
        let month = bytes.get(5..7).and_then(digits)?;
        let day = bytes.get(8..10).and_then(digits)?;
        Date::new(year as i32, month as u8, day as u8)
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: shift the year to start in March so that the leap day
        // falls at the end, then count whole 400-year eras.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date a number of days after 1970-01-01, or `None` outside years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// This date plus `days` (which may be negative), saturating at the ends of the calendar.
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(days)).unwrap_or(if days < 0 {
            Date::MIN
        } else {
            Date::MAX
        })
    }

    /// This date plus whole months; a day that does not exist in the target month becomes its last
    /// day (31 January plus one month is 28 or 29 February), as loyalty programmes count expiry.
    pub fn add_months(self, months: i32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        let Ok(year) = i32::try_from(year) else {
            return if months < 0 { Date::MIN } else { Date::MAX };
        };
        if year < 1 {
            return Date::MIN;
        }
        if year > 9999 {
            return Date::MAX;
        }
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The first representable date.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The last representable date.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };
}

impl Default for Date {
    /// The first representable date; only a placeholder while a broken document is decoded.
    fn default() -> Date {
        Date::MIN
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An instant with the UTC offset it was written in, as in RFC 3339 (`2026-11-23T09:30:00+01:00`).
///
/// Two timestamps compare by the instant they name; the offset only decides which calendar day a
/// timestamp falls on for the shopper.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timestamp {
    unix_seconds: i64,
    offset_minutes: i16,
}

impl Timestamp {
    /// Builds a timestamp from seconds since the Unix epoch and a UTC offset in minutes
    /// (east positive, so Central European Time is `60`).
    pub fn from_unix(unix_seconds: i64, offset_minutes: i16) -> Timestamp {
        Timestamp { unix_seconds, offset_minutes: offset_minutes.clamp(-1439, 1439) }
    }

    /// Parses an RFC 3339 timestamp; fractions of a second are accepted and dropped.
    ///
    /// # Errors
    /// A message saying what was expected, for use in a JSON-path error.
    pub fn parse(text: &str) -> Result<Timestamp, Problem> {
        Timestamp::read(text).ok_or_else(|| {
            Problem::reason(why!(
                "expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00";
                "expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00, got {}",
                crate::words::quoted(text)
            ))
        })
    }

    // As `Date::read`: every way to fail is the same `None`.
    fn read(text: &str) -> Option<Timestamp> {
        let bytes = text.as_bytes();
        if bytes.len() < 20 {
            return None;
        }
        let date = Date::read(text.get(..10)?)?;
        if !matches!(bytes.get(10), Some(b'T' | b't' | b' '))
            || bytes.get(13) != Some(&b':')
            || bytes.get(16) != Some(&b':')
        {
            return None;
        }
        let hour = bytes.get(11..13).and_then(digits)?;
        let minute = bytes.get(14..16).and_then(digits)?;
        let second = bytes.get(17..19).and_then(digits)?;
        // A leap second (":60") is read as the last second of the minute.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = bytes.get(19..).unwrap_or_default();
        if let [b'.', tail @ ..] = rest {
            let fraction = tail.iter().take_while(|b| b.is_ascii_digit()).count();
            if fraction == 0 {
                return None;
            }
            rest = tail.get(fraction..).unwrap_or_default();
        }
        let offset_minutes = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2])?;
                let minutes = digits(&[*m1, *m2])?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let total = (hours * 60 + minutes) as i16;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let local = date.days_since_epoch() * SECONDS_PER_DAY
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second.min(59));
        Some(Timestamp { unix_seconds: local - i64::from(offset_minutes) * 60, offset_minutes })
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// The UTC offset in minutes that this timestamp was written in.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// The calendar day this instant falls on at its own UTC offset.
    pub fn date(self) -> Date {
        let local = self.unix_seconds + i64::from(self.offset_minutes) * 60;
        Date::from_days_since_epoch(local.div_euclid(SECONDS_PER_DAY)).unwrap_or(if local < 0 {
            Date::MIN
        } else {
            Date::MAX
        })
    }

    /// The same instant seen at another UTC offset (so that `date()` gives the shopper's day).
    pub fn at_offset(self, offset_minutes: i16) -> Timestamp {
        Timestamp::from_unix(self.unix_seconds, offset_minutes)
    }

    /// The same wall-clock time and offset, whole months earlier or later (for rolling windows
    /// such as "the last 12 months").
    pub fn add_months(self, months: i32) -> Timestamp {
        let offset = i64::from(self.offset_minutes) * 60;
        let local = self.unix_seconds + offset;
        let time_of_day = local.rem_euclid(SECONDS_PER_DAY);
        let date = self.date().add_months(months);
        Timestamp {
            unix_seconds: date.days_since_epoch() * SECONDS_PER_DAY + time_of_day - offset,
            offset_minutes: self.offset_minutes,
        }
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.unix_seconds == other.unix_seconds
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.unix_seconds.cmp(&other.unix_seconds)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.unix_seconds + i64::from(self.offset_minutes) * 60;
        let seconds = local.rem_euclid(SECONDS_PER_DAY);
        write!(f, "{}T{:02}:{:02}:{:02}", self.date(), seconds / 3600, seconds / 60 % 60, seconds % 60)?;
        if self.offset_minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let minutes = self.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

impl crate::json::Decode for Date {
    fn decode(value: &crate::json::Value, path: &str, decoder: &mut crate::json::Decoder) -> Option<Date> {
        crate::json::parsed(value, path, decoder, Date::parse)
    }
}

impl crate::json::Decode for Timestamp {
    fn decode(value: &crate::json::Value, path: &str, decoder: &mut crate::json::Decoder) -> Option<Timestamp> {
        crate::json::parsed(value, path, decoder, Timestamp::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn round_trips_days_across_eras_and_leap_years() {
        for days in (-719_162..2_932_896).step_by(997) {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn rejects_impossible_dates_with_the_expected_form() {
        assert_eq!(Date::parse("2025-02-29").unwrap_err().message, "expected a date as YYYY-MM-DD, got \"2025-02-29\"");
        assert!(Date::parse("2024-02-29").is_ok());
        for text in ["2024-13-01", "2024-1-01", "24-01-01", "2024-01-00", "2024/01/01", "", "2024-01-0x"] {
            assert!(Date::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn adds_months_clamping_to_the_end_of_the_month() {
        let jan31 = Date::parse("2024-01-31").unwrap();
        assert_eq!(jan31.add_months(1).to_string(), "2024-02-29");
        assert_eq!(jan31.add_months(13).to_string(), "2025-02-28");
        assert_eq!(jan31.add_months(-2).to_string(), "2023-11-30");
        assert_eq!(Date::MAX.add_months(1), Date::MAX);
    }

    #[test]
    fn parses_offsets_and_fractions_to_the_same_instant() {
        assert_eq!(ts("2026-11-23T10:30:00+01:00"), ts("2026-11-23T09:30:00Z"));
        assert_eq!(ts("2026-11-23T09:30:00.123456Z"), ts("2026-11-23T09:30:00z"));
        assert_eq!(ts("2026-11-23T04:00:00-05:30").unix_seconds(), ts("2026-11-23T09:30:00Z").unix_seconds());
        assert_eq!(ts("1970-01-01T00:00:00Z").unix_seconds(), 0);
    }

    #[test]
    fn rejects_malformed_timestamps() {
        for text in [
            "2026-11-23",
            "2026-11-23T09:30:00",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:30:00+0100",
            "2026-11-23T09:30:00.Z",
            "yesterday",
            "2026-11-23T09:30:00+01:00 ",
            "2026-11-23Tä9:30:00Z",
        ] {
            assert!(Timestamp::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_calendar_day_depends_on_the_offset() {
        let late = ts("2026-11-23T23:30:00Z");
        assert_eq!(late.date().to_string(), "2026-11-23");
        assert_eq!(late.at_offset(60).date().to_string(), "2026-11-24");
        assert_eq!(late.at_offset(60).to_string(), "2026-11-24T00:30:00+01:00");
    }

    #[test]
    fn months_back_keep_the_wall_clock_time() {
        let now = ts("2026-03-31T12:00:00+02:00");
        assert_eq!(now.add_months(-12).to_string(), "2025-03-31T12:00:00+02:00");
        assert_eq!(now.add_months(-1).to_string(), "2026-02-28T12:00:00+02:00");
    }
}
