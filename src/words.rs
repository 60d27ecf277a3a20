//! Words for messages: quoting, lists and numbers as a reader expects them, written by hand where
//! the standard formatting machinery would add to the browser bundle for the sake of a console line.

/// `value`'s last `digits` hexadecimal digits, in lower case: `format!("{:0N$x}")` without the
/// formatting machinery's hexadecimal code in the bundle.
pub(crate) fn hex(value: u64, digits: u32) -> String {
    (0..digits).rev().filter_map(|i| char::from_digit(((value >> (4 * i)) & 0xf) as u32, 16)).collect()
}

/// A string in double quotes, escaped as JSON escapes it, and cut short after 60 characters (a
/// megabyte string must not become a megabyte console message).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64) + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' => {
                out.push_str("\\u");
                out.push_str(&hex(u64::from(c), 4));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The pieces one after the other: `concat()` without its generic code in the bundle.
pub(crate) fn cat(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// Items joined by ", ".
pub(crate) fn list<T: AsRef<str>>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
    }
    out
}

/// What a message says of the programme's tiers after an unknown one: "the programme has "bronze",
/// "silver"", or that it has none.
pub(crate) fn tiers_listed<T: AsRef<str>>(tiers: impl ExactSizeIterator<Item = T>) -> String {
    if tiers.len() == 0 {
        return "the programme has no tiers".to_string();
    }
    format!("the programme has {}", list(tiers.map(|tier| quoted(tier.as_ref()))))
}

/// A count and its noun, as English has it: "0 orders", "1 order", "2 orders" (singular for 1 and
/// -1, as `Intl.PluralRules` says for English). For the English-only messages: the command line's
/// and the reasons' (`audience/reason.rs`); the widget's words, in German and English, go through
/// `Formatter::plural` instead.
pub(crate) fn count(n: i64, one: &str, other: &str) -> String {
    let mut out = n.to_string();
    out.push(' ');
    out.push_str(if n.unsigned_abs() == 1 { one } else { other });
    out
}

/// A number as a marketer wrote it: `500`, not `500.0`; at most six decimals. Written by hand because
/// Rust's float formatting would add to the browser bundle for the sake of error messages.
pub(crate) fn number(value: f64) -> String {
    if !value.is_finite() {
        return "a number out of range".to_string();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let micros = (value.abs() * 1e6).round();
    if micros >= 9e18 {
        let mut rest = value.abs();
        if rest < 1.8e19 {
            return format!("{sign}{}", rest as u64);
        }
        // Beyond u64, where a whole number would saturate at 2^64 - 1: an exponent, as JSON may
        // write it (`1e300`). By division rather than `{:e}`, whose float formatting would cost
        // the Node session builder 10 KB gzipped.
        let mut exponent = 0;
        while rest >= 10.0 {
            rest /= 10.0;
            exponent += 1;
        }
        return format!("{sign}{}e{exponent}", number(rest));
    }
    let micros = micros as u64;
    let (whole, fraction) = (micros / 1_000_000, micros % 1_000_000);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// A number of weeks as the report says it: "52 weeks", "1 week", "2.5 weeks" (`patron report`'s
/// horizon, which may be fractional).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn weeks(n: f64) -> String {
    format!("{n} {}", if n == 1.0 { "week" } else { "weeks" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_hexadecimal_digits_and_quotes() {
        assert_eq!(hex(0x1f, 4), "001f");
        assert_eq!(hex(u64::MAX, 16), "ffffffffffffffff");
        assert_eq!(quoted("a\u{1}b"), "\"a\\u0001b\"");
        assert_eq!(quoted("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
    }

    #[test]
    fn counts_take_the_singular_for_one_only() {
        assert_eq!(count(0, "order", "orders"), "0 orders");
        assert_eq!(count(1, "order", "orders"), "1 order");
        assert_eq!(count(2, "order", "orders"), "2 orders");
        assert_eq!(count(-1, "day", "days"), "-1 day");
        assert_eq!(count(11, "category", "categories"), "11 categories");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn weeks_take_the_singular_for_one_only() {
        assert_eq!([0.0, 1.0, 2.0, 2.5].map(weeks), ["0 weeks", "1 week", "2 weeks", "2.5 weeks"]);
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(500.0), "500");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-3.5), "-3.5");
        assert_eq!(number(2e12), "2000000000000");
        assert_eq!(number(1e19), "10000000000000000000");
        assert_eq!(number(1e20), "1e20");
        assert_eq!(number(1e300), "1e300");
        assert_eq!(number(-2.5e21), "-2.5e21");
    }
}
