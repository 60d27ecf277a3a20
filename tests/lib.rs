//! Native tests of the core and the command line. Browser tests live in `tests/web.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod cli;
mod documents;
mod loyalty;
mod offers;
mod schema;
mod support;
