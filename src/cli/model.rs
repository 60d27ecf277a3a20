//! `patron model build`: the recommendation model from an order export; `patron model pack`: the
//! same model from its parts as tables.

use std::path::Path;

use crate::recommend::lean;
use crate::recommend::train::{self, Catalogue};

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
    let catalogue = load_catalogue(products)?;
    let options = train::Options { neighbours, max_products, ..train::Options::default() };
    // In bounded memory, whatever the export's size (README, "Shops with very large order histories").
    let built =
        lean::build(orders, &catalogue, &options, lean::Limits::default()).map_err(|e| format!("patron: {e}\n"))?;
    let bytes = built.model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("patron: cannot write {}: {e}\n", out.display()))?;
    Ok(format!(
        "{}: {} products from {} orders of {} customers ({} lines), {} bytes, in {:.1} s\n",
        out.display(),
        built.model.products.len(),
        built.orders,
        built.customers,
        built.lines,
        bytes.len(),
        started.elapsed().as_secs_f64()
    ))
}

pub(crate) fn pack(tables: &Path, products: Option<&Path>, out: &Path) -> Result<String, String> {
    let catalogue = load_catalogue(products)?;
    let model = crate::recommend::pack::pack(tables, &catalogue).map_err(|e| format!("patron: {e}\n"))?;
    let bytes = model.to_bytes();
    // Written beside the target and renamed over it: a refused or interrupted pack leaves nothing
    // partial behind.
    let fail = |e: std::io::Error| format!("patron: cannot write {}: {e}\n", out.display());
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut file, &bytes).map_err(fail)?;
    file.persist(out).map_err(|e| fail(e.error))?;
    Ok(format!(
        "{}: {} products from the tables in {}, {} bytes\n",
        out.display(),
        model.products.len(),
        tables.display(),
        bytes.len()
    ))
}
