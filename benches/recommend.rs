//! Recommendation speed, natively: a 10,000-product model and a shopper with 500 purchase lines,
//! the same synthetic inputs as the browser benchmark (scripts/bench-browser.mjs).
//! Run with `cargo bench --bench recommend`.
#![allow(clippy::unwrap_used)] // A benchmark's fixed inputs.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use patron::recommend::{recommend, synthetic, Model, Rules, Weights};
use patron::Date;

fn benchmarks(c: &mut Criterion) {
    let model = synthetic::model(10_000);
    let bytes = model.to_bytes();
    let today = Date::new(2026, 11, 20).unwrap();
    let history = synthetic::history(&model, 500, today);
    let (rules, weights) = (Rules::default(), Weights::default());
    println!("model: {} bytes for {} products", bytes.len(), model.products.len());

    c.bench_function("parse a 10k-product model", |b| b.iter(|| Model::from_bytes(black_box(&bytes))));
    c.bench_function("top 12 for a 500-line history", |b| {
        b.iter(|| recommend(black_box(&model), black_box(&history), today, 12, &rules, &weights))
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
