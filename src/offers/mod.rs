//! Personalised offer banners: what marketers configure in the `offers` list, who sees which one, and
//! why the others stay hidden.
//!
//! Every offer has an audience ([`Condition`]), a schedule, a placement and a priority. [`decide`]
//! evaluates them all for one session and returns, for each offer, whether it shows and, if not, the
//! reason: the failing condition with its JSON path, the schedule, a frequency cap, a dismissal, the
//! holdout group, or the offer that won its group or placement.

mod decide;
mod memory;
pub mod offer;
pub mod template;

pub use crate::audience::{
    BoughtRule, Condition, Facts, LastBought, Miss, Product, Reason, SpendWindow, VariantRule, Window,
};
pub use decide::{decide, Banner, Decision, Group, Outcome};
pub use memory::{Memory, OfferMemory, STORAGE_KEY};
pub use offer::{FrequencyCap, Offer, OfferConfig, Reward, StampCard};
