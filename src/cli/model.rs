//! `patron model build`: the recommendation model from an order export.

use std::path::Path;

use crate::recommend::train::{self, Catalogue, Orders};

pub(crate) fn load_catalogue(products: Option<&Path>) -> Result<Catalogue, String> {
    products.map_or_else(|| Ok(Catalogue::default()), |p| Catalogue::read(p).map_err(|e| format!("patron: {e}\n")))
}

pub(crate) fn build(
    orders: &Path,
    products: Option<&Path>,
    out: &Path,
    max_products: Option<usize>,
    neighbours: usize,
) -> Result<String, String> {
    let started = std::time::Instant::now();
    let orders = Orders::read(orders).map_err(|e| format!("patron: {e}\n"))?;
    let catalogue = load_catalogue(products)?;
    let options = train::Options { neighbours, max_products, ..train::Options::default() };
    let model = train::build(&orders, &catalogue, &options);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("patron: cannot write {}: {e}\n", out.display()))?;
    Ok(format!(
        "{}: {} products from {} orders of {} customers, {} bytes, in {:.1} s\n",
        out.display(),
        model.products.len(),
        orders.baskets.len(),
        orders.customers.len(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    ))
}
