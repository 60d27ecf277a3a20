//! The config as the widget uses it (issue 32): a problem costs only the part it is in. One typo in
//! one offer must not take the card, the carousel and every other banner off the storefront, as rule
//! engines that marketers drive isolate a broken rule and keep serving the rest.
//!
//! The decoders leave out each part that has a problem (`Decoder::omit`): an offer, a reward, a way
//! to earn, a badge, a rule of `recommendations` or the section, a placement's limit, a field the
//! widget does not know. The checks across sections run on each part as it is decoded, so that each
//! problem is found in its own part: an offer naming an unknown tier, a reward's texts without the
//! default language. Parts sharing an id are all left out (two parts with one id cannot both be
//! meant). The programme's core (its name, currency, earn rule, tiers, qualification, sign-in URL)
//! and the default language are one part: without it the card and the rewards panel are hidden, and
//! the offers that speak of the programme (or, without the default language, every offer) go with
//! it. Only what cannot be read at all is refused whole: a document that is no object, or a list of
//! offers over the limit (an attack, as is text that is not JSON, over 10 MiB or nested too deep,
//! refused before decoding).
//!
//! `Config::in_parts` (native, for `patron validate`) reaches the same parts by taking them out of a
//! copy of the document and decoding it again; `tests/parts.rs` holds the two against each other.

use super::Config;
use crate::error::{Document, Error};
use crate::json::{Lenient, Value};

impl Config {
    /// The config as the widget uses it: every part without a problem, what the others cost and
    /// why (see the module's documentation). A valid document gives the config of
    /// [`Config::from_value`].
    ///
    /// # Errors
    /// A document of which nothing can be used: no object, or over the limit of offers.
    pub fn lenient(value: &Value) -> Result<Lenient<Config>, Error> {
        crate::json::decode_leniently(Document::Config, value)
    }
}
