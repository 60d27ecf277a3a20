//! Amounts of money, kept in hundredths of the currency unit so that a tier threshold of 50,000.00
//! is reached by exactly 50,000.00 of orders, with no floating-point drift on the way.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Mul, Sub};

use crate::error::Problem;

/// The largest amount Patron accepts in one price or threshold: a trillion currency units. Beyond it
/// sums of many orders could overflow, and no real price is that large.
pub(crate) const MAX_UNITS: f64 = 1e12;

/// An amount in hundredths of the shop's currency unit (cents for EUR, pence for GBP).
///
/// Currencies without minor units (JPY) simply never carry a fraction: the browser's `Intl`
/// decides how many digits to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// An amount from hundredths of the currency unit.
    pub const fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    /// An amount from whole and fractional currency units as written in JSON (`12.99`), rounded to
    /// the nearest hundredth.
    ///
    /// # Errors
    /// A message when the number is negative, not finite, or beyond a trillion units.
    pub fn from_units(units: f64) -> Result<Money, Problem> {
        if !units.is_finite() {
            return Err(Problem::reason("expected an amount of money"));
        }
        if units < 0.0 {
            return Err(Problem::reason(why!(
                "expected an amount of zero or more";
                "expected an amount of zero or more, got {}",
                crate::words::number(units)
            )));
        }
        if units > MAX_UNITS {
            return Err(Problem::reason(why!(
                "expected an amount of at most 1000000000000";
                "expected an amount of at most 1000000000000, got {}",
                crate::words::number(units)
            )));
        }
        Ok(Money((units * 100.0).round() as i64))
    }

    /// Hundredths of the currency unit.
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// The amount in currency units, for display and for earn rates.
    pub fn units(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// The difference, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0).max(0))
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl Mul<u32> for Money {
    type Output = Money;

    fn mul(self, quantity: u32) -> Money {
        Money(self.0.saturating_mul(i64::from(quantity)))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    /// Plain `1234.50`: machine-readable output for the command line; shoppers see `Intl` formatting.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl crate::json::Decode for Money {
    fn decode(value: &crate::json::Value, path: &str, decoder: &mut crate::json::Decoder) -> Option<Money> {
        let units = f64::decode(value, path, decoder)?;
        match Money::from_units(units) {
            Ok(money) => Some(money),
            Err(problem) => {
                decoder.report(path, problem.message);
                None
            }
        }
    }
}

/// An ISO 4217 currency code: three capital letters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Currency(String);

impl Currency {
    /// `XXX`, ISO 4217's code for no currency: a stand-in for a programme whose currency does not
    /// read (issue 32), so that the offers still shown can be formatted.
    pub fn unknown() -> Currency {
        Currency("XXX".to_string())
    }

    /// The code, such as `EUR`.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Currency {
    type Error = Problem;

    fn try_from(code: String) -> Result<Currency, Problem> {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Currency(code))
        } else {
            Err(Problem::reason(why!(
                "expected an ISO 4217 currency code such as \"EUR\"";
                "expected an ISO 4217 currency code such as \"EUR\", got {}",
                crate::words::quoted(&code)
            )))
        }
    }
}

impl crate::json::Decode for Currency {
    fn decode(value: &crate::json::Value, path: &str, d: &mut crate::json::Decoder) -> Option<Currency> {
        crate::json::parsed(value, path, d, |code| Currency::try_from(code.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_json_numbers_to_hundredths() {
        assert_eq!(Money::from_units(12.99).unwrap().minor(), 1299);
        assert_eq!(Money::from_units(0.1 + 0.2).unwrap().minor(), 30);
        assert_eq!(Money::from_units(50_000.0).unwrap().to_string(), "50000.00");
    }

    #[test]
    fn rejects_negative_and_huge_amounts() {
        assert_eq!(Money::from_units(-1.0).unwrap_err().message, "expected an amount of zero or more, got -1");
        assert_eq!(
            Money::from_units(2e12).unwrap_err().message,
            "expected an amount of at most 1000000000000, got 2000000000000"
        );
        assert!(Money::from_units(f64::NAN).is_err());
    }

    #[test]
    fn arithmetic_saturates_instead_of_overflowing() {
        assert_eq!(Money::from_minor(i64::MAX) + Money::from_minor(1), Money::from_minor(i64::MAX));
        assert_eq!(Money::from_minor(5).saturating_sub(Money::from_minor(7)), Money::ZERO);
        assert_eq!(Money::from_minor(250) * 3, Money::from_minor(750));
    }
}
