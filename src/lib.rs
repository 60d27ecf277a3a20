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
