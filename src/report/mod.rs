//! Measuring success (`patron report`): what the shop's own exports say about its programme —
//! programme health and cohorts ([`health`]), customer lifetime value ([`clv`], checked against the
//! published CDNOW fits), and each offer against its control group ([`uplift`]). Native only; nothing
//! here reaches the browser. The command line reads the files and writes the report (`cli/report/`).

pub mod clv;
pub mod health;
pub mod uplift;
