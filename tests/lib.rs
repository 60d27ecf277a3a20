//! Native tests of the core and the command line. Browser tests live in `tests/web.rs`.
#![cfg(not(target_arch = "wasm32"))]
// Test helpers may unwrap and index: a panic here is a failed test (clippy.toml allows it inside
// #[test] functions; this extends it to their helpers).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod analytics;
mod bad_input;
mod cli;
mod clv;
mod docs;
mod documents;
mod health;
mod history;
mod layers;
mod lean;
mod loyalty;
mod offers;
mod pack;
mod packages;
mod panel;
mod parts;
mod recommend;
mod reference;
mod rewards;
mod schema;
mod scripts;
mod session_cli;
mod support;
mod tape;
mod uplift;
