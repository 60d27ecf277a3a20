//! Patron: a personalisation widget for storefronts, computed in the shopper's browser.
//!
//! The core is pure Rust over plain values: a [`Session`] (what the shop knows about the shopper), a
//! [`Config`] (what the marketer configured) and the current time go in, plain data comes out. The
//! same core serves the WebAssembly widget (`web`, compiled only for `wasm32`) and the native
//! `patron` command line.
//!
//! ```
//! use patron::{loyalty, Config, Session, Timestamp};
//!
//! let config = Config::from_json(include_str!("../www/configs/consumer.json")).unwrap();
//! let session = Session::from_json(include_str!("../www/sessions/regular.json")).unwrap();
//! let now = session.now.unwrap_or(Timestamp::from_unix(0, 0));
//! let card = loyalty::card(&session, &config, now, "en-GB").unwrap();
//! assert!(matches!(card, loyalty::Card::Member(_)));
//! ```
#![deny(missing_docs)]

/// A problem's message: `why!(SHORT; FORMAT, ARGS…)`.
///
/// Natively and in the playground's build it is the whole sentence, formatted like `format!` from
/// what follows the `;`: the value found, the values allowed, a "did you mean". The widget's bundle
/// keeps only `SHORT`, the reason without those details, and never computes their arguments: the
/// details would cost the download kilobytes for a console line, and `patron validate` and the
/// playground give them from the same decoder. What is accepted is the same in every build; only
/// the wording of a refusal differs.
macro_rules! why {
    ($short:expr; $($full:tt)+) => {{
        #[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
        let message: String = format!($($full)+);
        // The details stay in the code, type-checked, so that both builds keep compiling; a closure
        // nobody calls generates nothing.
        #[cfg(all(target_arch = "wasm32", not(feature = "playground")))]
        let message: String = {
            let _details = || format!($($full)+);
            String::from($short)
        };
        message
    }};
}

mod config;
mod error;
pub mod format;
pub mod json;
pub mod loyalty;
mod money;
// The widget built without banners uses none of the offer decoder.
#[cfg_attr(all(target_arch = "wasm32", not(feature = "banners")), allow(dead_code))]
pub mod offers;
mod rank;
pub mod recommend;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
mod session;
mod time;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use config::{
    Basis, Config, EarnRule, Localised, Programme, Qualification, Recommendations, Rounding, Tier, MAX_OFFERS,
};
pub use error::{Document, Error, Position, Problem};
pub use json::Value;
pub use money::Money;
pub use session::{Cart, Consent, Currency, Customer, ExpiringPoints, Line, Order, PointsLedger, Session};
pub use time::{Date, Timestamp};
