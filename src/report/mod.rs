//! Measuring success (`patron report`, issue 18, in progress): what the shop's own exports say about
//! its programme. Native only; nothing here reaches the browser.
//!
//! Done so far: customer lifetime value ([`clv`]), fitted and checked against the published CDNOW
//! figures. Programme health, cohorts, offers against their control groups and the report's
//! formats are still to come.

pub mod clv;
pub mod health;
pub mod uplift;
