//! `patron model build` in bounded memory (`recommend::lean`) builds the same model, byte for byte,
//! as the builder that reads the whole export: on the demo catalogue, on a generated export split
//! into many buckets and pair runs, with a product limit, and on The Complete Journey when its export
//! is present (`scripts/dunnhumby.sh`).

use std::path::Path;

use patron::recommend::exports::{Catalogue, Orders};
use patron::recommend::lean::{self, Limits};
use patron::recommend::train::{self, Options};

fn same_model(orders: &Path, catalogue: &Catalogue, options: &Options, limits: Limits) {
    let whole = train::build(&Orders::read(orders).unwrap(), catalogue, options).to_bytes();
    let built = lean::build(orders, catalogue, options, limits).unwrap();
    assert!(built.model.to_bytes() == whole, "{}: the models differ ({limits:?}, {options:?})", orders.display());
}

/// Tiny buckets and runs: every bucket holds a handful of customers, every run a few pairs.
const TINY: Limits = Limits { bucket_bytes: 2_000, run_pairs: 64 };

#[test]
fn the_demo_catalogues_model_is_the_same_built_in_bounded_memory() {
    let orders = Path::new("www/catalogue/orders.csv");
    let catalogue = Catalogue::read(Path::new("www/catalogue/products.csv")).unwrap();
    for limits in [Limits::default(), TINY] {
        same_model(orders, &catalogue, &Options::default(), limits);
        same_model(orders, &Catalogue::default(), &Options::default(), limits);
    }
}

/// 300 customers, 40 products in 6 categories, orders of 1 to 8 lines, some lines of one order
/// apart in time and some products twice in one order, customers sharing order ids: everything the
/// grouping into orders must get right.
fn generated_export(path: &Path) {
    let mut state = 42_u64;
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let mut csv = String::from("customer_id,order_id,placed_at,sku,quantity,unit_price,category\n");
    for customer in 0..300 {
        for order in 0..1 + next(12) {
            let day = 1 + next(28);
            let month = 1 + next(12);
            for line in 0..1 + next(8) {
                let product = next(40);
                let minute = if line == 3 { 59 } else { 10 };
                csv += &format!(
                    "c{customer},o{order},2026-{month:02}-{day:02}T09:{minute:02}:00Z,SKU-{product},{},{}.50,cat-{}\n",
                    1 + next(3),
                    1 + next(30),
                    product % 6
                );
            }
        }
    }
    std::fs::write(path, csv).unwrap();
}

#[test]
fn a_generated_export_gives_the_same_model_in_many_buckets_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let orders = dir.path().join("orders.csv");
    generated_export(&orders);
    for limits in [Limits::default(), TINY, Limits { bucket_bytes: 50_000, run_pairs: 1_000 }] {
        same_model(&orders, &Catalogue::default(), &Options::default(), limits);
        same_model(
            &orders,
            &Catalogue::default(),
            &Options { max_products: Some(25), neighbours: 3, ..Options::default() },
            limits,
        );
    }
}

#[test]
fn an_empty_or_broken_export_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "customer_id,order_id,placed_at,sku,quantity,unit_price\n").unwrap();
    let error = lean::build(&empty, &Catalogue::default(), &Options::default(), Limits::default()).err().unwrap();
    assert_eq!(
        error.to_string(),
        format!("{}: the export has no order lines: there is nothing to build a model from", empty.display())
    );
    let broken = dir.path().join("broken.csv");
    std::fs::write(
        &broken,
        "customer_id,order_id,placed_at,sku,quantity,unit_price\nc1,o1,2026-01-01T10:00:00Z,A,two,1.00\n",
    )
    .unwrap();
    let error = lean::build(&broken, &Catalogue::default(), &Options::default(), Limits::default()).err().unwrap();
    assert_eq!(error.to_string(), format!("{}:2: quantity: expected a whole number, got \"two\"", broken.display()));
    // The same, as the crate's one error type holds it: the file, the line, the column's name.
    assert_eq!(error.document, patron::Document::Export);
    assert_eq!(error.file, Some(broken.display().to_string()));
    let problem = &error.problems[0];
    assert_eq!((problem.path.as_str(), problem.position.map(|p| p.line)), ("quantity", Some(2)));
}

#[test]
fn the_complete_journeys_model_is_the_same_built_in_bounded_memory_when_present() {
    let orders = Path::new("target/dunnhumby/orders.csv");
    if !orders.exists() {
        eprintln!("skipped: target/dunnhumby/orders.csv is absent (scripts/dunnhumby.sh fetches it)");
        return;
    }
    same_model(orders, &Catalogue::default(), &Options::default(), Limits::default());
}
