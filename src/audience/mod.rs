//! Audiences: who something is for, as conditions over the shopper's session and standing,
//! composable with `all`, `any` and `not`, each failure explained with its JSON path.
//!
//! Offers use it for their audiences; it reads no capability's engine, so that any capability may use
//! it: the caller digests the session and its own standing into [`Facts`].

mod check;
mod condition;
mod decode;
mod facts;
mod progress;
mod reason;

pub use condition::{BoughtRule, Condition, LastBought, Product, SpendWindow, VariantRule, Window, MAX_DEPTH};
pub(crate) use decode::decode_condition;
pub use facts::{Facts, Standing};
pub use progress::{Measure, Progress};
pub use reason::{Miss, Reason};
