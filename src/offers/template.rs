//! Offer texts are templates: `Alles Gute, {first_name}!`. Placeholders are checked when the config
//! is validated, so an unknown one is a marketer's error, not a blank on the page.

use crate::error::Problem;

/// Every placeholder an offer text may use.
pub const PLACEHOLDERS: [&str; 11] = [
    "first_name",
    "points",
    "tier",
    "next_tier",
    "amount_to_next_tier",
    "orders_to_reward",
    "stamps",
    "stamps_total",
    "coupon_code",
    "reward",
    "days_since_last_order",
];

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// A placeholder's name.
    Placeholder(&'a str),
}

/// Splits a template into text and placeholders; `{{` and `}}` stand for literal braces.
///
/// # Errors
/// A message for an unclosed `{` or a stray `}`.
pub fn parse(template: &str) -> Result<Vec<Piece<'_>>, Problem> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let Some(at) = rest.find(['{', '}']) else {
            pieces.push(Piece::Text(rest));
            break;
        };
        let (text, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        if let Some(after) = tail.strip_prefix("{{") {
            pieces.push(Piece::Text("{"));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            pieces.push(Piece::Text("}"));
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let Some(end) = after.bytes().position(|b| b == b'}') else {
                return Err(Problem::reason("a \"{\" is not closed; write \"{{\" for a literal brace"));
            };
            let (name, closing) = after.split_at_checked(end).unwrap_or((after, ""));
            pieces.push(Piece::Placeholder(name.trim()));
            rest = closing.get(1..).unwrap_or_default();
        } else {
            return Err(Problem::reason("a \"}\" has no opening \"{\"; write \"}}\" for a literal brace"));
        }
    }
    Ok(pieces)
}

/// A placeholder a template needs and the session cannot fill (`first_name` for a guest), so the
/// banner is not shown.
#[derive(Debug, PartialEq, Eq)]
pub struct Unfilled<'a>(pub &'a str);

/// Fills a template; `value` answers each placeholder, or `None` when the session lacks it.
///
/// # Errors
/// The first placeholder that has no value.
pub fn fill(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> Result<String, Unfilled<'_>> {
    let pieces = parse(template).map_err(|_| Unfilled(""))?;
    let mut out = String::with_capacity(template.len() + 16);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Placeholder(name) => out.push_str(&value(name).ok_or(Unfilled(name))?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        assert_eq!(
            parse("Hi {first_name}, {{literal}}!").unwrap(),
            [
                Piece::Text("Hi "),
                Piece::Placeholder("first_name"),
                Piece::Text(", "),
                Piece::Text("{"),
                Piece::Text("literal"),
                Piece::Text("}"),
                Piece::Text("!")
            ]
        );
        assert!(parse("Hi {first_name").is_err());
        assert!(parse("Hi }").is_err());
    }

    #[test]
    fn fills_or_names_the_missing_value() {
        let filled = fill("{points} points", |name| (name == "points").then(|| "12".to_string()));
        assert_eq!(filled.unwrap(), "12 points");
        assert_eq!(fill("Hi {first_name}", |_| None).unwrap_err(), Unfilled("first_name"));
    }
}
