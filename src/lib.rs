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
//! let card = loyalty::card(&session, &config.programme, &config.default_language, now, "en-GB").unwrap();
//! assert!(matches!(card, loyalty::Card::Member(_)));
//! ```
#![deny(missing_docs)]

/// A problem's message: `why!(SHORT; FORMAT, ARGS…)`.
///
/// Natively and in the playground's build it is the whole sentence, formatted like `format!` from
/// what follows the `;`: the value found, the values allowed, a "did you mean". The widget's bundle
/// keeps only `SHORT`, the reason without those details, and never computes their arguments: the
/// details would cost the download 3.6 KB gzipped for a console line (measured: the book, internals/architecture.md,
/// "Checking what code costs"), and `patron validate` and the playground give them from the same decoder. What is accepted is the same in every build; only
/// the wording of a refusal differs.
macro_rules! why {
    ($short:expr; $($full:tt)+) => {{
        #[cfg(any(not(target_arch = "wasm32"), feature = "playground", feature = "node"))]
        let message: String = format!($($full)+);
        // The details stay in the code, type-checked, so that both builds keep compiling; a closure
        // nobody calls generates nothing.
        #[cfg(all(target_arch = "wasm32", not(feature = "playground"), not(feature = "node")))]
        let message: String = {
            let _details = || format!($($full)+);
            String::from($short)
        };
        message
    }};
}

// The layers, lowest first (the book, internals/architecture.md; tests/layers.rs keeps them): a module uses only
// its own layer and those below, and no two modules use each other.

// 1. Vocabulary: words and values every layer speaks.
mod error;
pub mod format;
mod hash;
pub mod json;
mod language;
mod money;
mod rank;
mod time;
mod url;
mod words;

// 2. Documents: the session, and the sections of the config each capability owns (in its folder).
// The widget built without banners uses none of the audience decoder.
#[cfg_attr(all(target_arch = "wasm32", not(feature = "banners")), allow(dead_code))]
pub mod audience;
mod session;

// 3. The config, assembled from the sections.
mod config;

// 4. Capabilities.
pub mod loyalty;
#[cfg_attr(all(target_arch = "wasm32", not(feature = "banners")), allow(dead_code))]
pub mod offers;
pub mod recommend;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;

// 5. Surfaces: the browser and the command line.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(all(target_arch = "wasm32", feature = "node"))]
pub mod node;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
#[cfg(all(target_arch = "wasm32", not(feature = "node")))]
pub mod web;

#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
pub use config::parts::{LeftOut, Usable};
pub use config::{Config, MAX_OFFERS};
pub use error::{Document, Error, Position, Problem};
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub use hash::analytics_id;
pub use json::Value;
#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
pub use json::{Lenient, Omitted};
pub use language::{Language, Localised};
pub use loyalty::programme::{Basis, EarnRule, Programme, Qualification, Rounding, Tier};
pub use money::{Currency, Money};
pub use session::{Cart, Consent, Customer, ExpiringPoints, History, Line, Order, PointsLedger, Redemption, Session};
pub use time::{Date, Timestamp};
