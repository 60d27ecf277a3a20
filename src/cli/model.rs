//! `patron model build`: the recommendation model from an order export; `patron model pack`: the
//! same model from its parts as tables; `patron model inspect`: what a model file holds.

use std::fmt::Write as _;
use std::path::Path;

use super::input::said;
use crate::recommend::exports::Catalogue;
use crate::recommend::lean;
use crate::recommend::model::Layout;
use crate::recommend::train;
use crate::recommend::Model;
use crate::words::count;

pub(crate) fn load_catalogue(products: Option<&Path>) -> Result<Catalogue, String> {
    products.map_or_else(|| Ok(Catalogue::default()), |p| Catalogue::read(p).map_err(said))
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
    // In bounded memory, whatever the export's size (the book, integrate/recommendations.md, "Very large order histories").
    let built = lean::build(orders, &catalogue, &options, lean::Limits::default()).map_err(said)?;
    let bytes = built.model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("patron: cannot write {}: {e}\n", out.display()))?;
    Ok(format!(
        "{}: {}, in {:.1} s\n",
        out.display(),
        built_from(built.model.products.len(), built.orders, built.customers, built.lines, bytes.len()),
        started.elapsed().as_secs_f64()
    ))
}

/// "8 products from 94 orders of 24 customers (225 lines), 1069 bytes".
fn built_from(products: usize, orders: usize, customers: usize, lines: u64, bytes: usize) -> String {
    format!(
        "{} from {} of {} ({}), {}",
        count(products as i64, "product", "products"),
        count(orders as i64, "order", "orders"),
        count(customers as i64, "customer", "customers"),
        count(lines as i64, "line", "lines"),
        count(bytes as i64, "byte", "bytes")
    )
}

pub(crate) fn pack(tables: &Path, products: Option<&Path>, out: &Path) -> Result<String, String> {
    let catalogue = load_catalogue(products)?;
    let model = crate::recommend::pack::pack(tables, &catalogue).map_err(said)?;
    let bytes = model.to_bytes();
    // Written beside the target and renamed over it: a refused or interrupted pack leaves nothing
    // partial behind.
    let fail = |e: std::io::Error| format!("patron: cannot write {}: {e}\n", out.display());
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut file, &bytes).map_err(fail)?;
    file.persist(out).map_err(|e| fail(e.error))?;
    Ok(packed(out, model.products.len(), tables, bytes.len()))
}

/// "model.ptrm: 8 products from the tables in tables/, 1069 bytes".
fn packed(out: &Path, products: usize, tables: &Path, bytes: usize) -> String {
    format!(
        "{}: {} from the tables in {}, {}\n",
        out.display(),
        count(products as i64, "product", "products"),
        tables.display(),
        count(bytes as i64, "byte", "bytes")
    )
}

pub(crate) fn inspect(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("patron: cannot read {}: {e}\n", file.display()))?;
    let found = Model::layout(&bytes).map_err(|e| format!("patron: {}: {e}\n", file.display()))?;
    Ok(inspection(file, &found))
}

/// What `patron model inspect` prints: what the model holds, then each section's bytes.
fn inspection(file: &Path, found: &Layout) -> String {
    let n = |n: usize, one: &str, other: &str| count(n as i64, one, other);
    let groups = &found.peer_groups;
    let smallest = groups.iter().copied().min().unwrap_or(0);
    let largest = groups.iter().copied().max().unwrap_or(0);
    let peer_groups = match groups.len() {
        0 if found.version < 2 => "none (format version 1 has none)".to_string(),
        0 => "none".to_string(),
        1 => format!("1, of {}", n(largest, "product", "products")),
        g if smallest == largest => format!("{g}, of {} each", n(largest, "product", "products")),
        g => format!("{g}, of {smallest} to {largest} products each"),
    };
    let mut out = format!("{}: Patron model, format version {}\n", file.display(), found.version);
    let facts = [
        ("newest order", found.built_at.to_string()),
        (
            "products",
            format!(
                "{} ({}, {})",
                found.products,
                n(found.categories, "category", "categories"),
                n(found.brands, "brand", "brands")
            ),
        ),
        (
            "neighbours",
            format!(
                "{}, for {}",
                n(found.neighbours, "entry", "entries"),
                n(found.neighbour_lists, "product", "products")
            ),
        ),
        ("peer groups", peer_groups),
    ];
    for (label, value) in facts {
        let _ = writeln!(out, "  {label:<12}  {value}");
    }
    let total: usize = found.sections.iter().map(|(_, bytes)| bytes).sum();
    let width = total.to_string().len().max(5);
    let _ = writeln!(out, "\n  {:<12}  {:>width$}", "section", "bytes");
    for (name, bytes) in found.sections.iter().copied().chain([("total", total)]) {
        let _ = writeln!(out, "  {name:<12}  {bytes:>width$}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_a_build_read_in_the_singular_and_plural() {
        assert_eq!(built_from(0, 0, 0, 0, 0), "0 products from 0 orders of 0 customers (0 lines), 0 bytes");
        assert_eq!(built_from(1, 1, 1, 1, 1), "1 product from 1 order of 1 customer (1 line), 1 byte");
        assert_eq!(built_from(2, 2, 2, 2, 2), "2 products from 2 orders of 2 customers (2 lines), 2 bytes");
        let pack = |n| packed(Path::new("m.ptrm"), n, Path::new("t"), n);
        assert_eq!(pack(0), "m.ptrm: 0 products from the tables in t, 0 bytes\n");
        assert_eq!(pack(1), "m.ptrm: 1 product from the tables in t, 1 byte\n");
        assert_eq!(pack(2), "m.ptrm: 2 products from the tables in t, 2 bytes\n");
    }

    #[test]
    fn inspection_counts_in_the_singular_and_plural() {
        let of = |n: usize, version: u8, groups: Vec<usize>| Layout {
            version,
            built_at: crate::time::Date::new(2026, 11, 1).unwrap(),
            products: n,
            categories: n,
            brands: n,
            neighbour_lists: n,
            neighbours: n,
            peer_groups: groups,
            sections: vec![("header", 8), ("names", 2), ("products", 3), ("neighbours", 4), ("peer groups", 1)],
        };
        let facts = |layout: &Layout| -> Vec<String> {
            inspection(Path::new("m.ptrm"), layout).lines().skip(2).take(3).map(str::to_string).collect()
        };
        assert_eq!(
            facts(&of(0, 2, vec![])),
            [
                "  products      0 (0 categories, 0 brands)",
                "  neighbours    0 entries, for 0 products",
                "  peer groups   none"
            ]
        );
        assert_eq!(
            facts(&of(1, 2, vec![1])),
            [
                "  products      1 (1 category, 1 brand)",
                "  neighbours    1 entry, for 1 product",
                "  peer groups   1, of 1 product"
            ]
        );
        assert_eq!(
            facts(&of(2, 2, vec![2, 2])),
            [
                "  products      2 (2 categories, 2 brands)",
                "  neighbours    2 entries, for 2 products",
                "  peer groups   2, of 2 products each"
            ]
        );
        assert_eq!(facts(&of(2, 2, vec![0])).last().unwrap(), "  peer groups   1, of 0 products");
        assert_eq!(facts(&of(2, 2, vec![1, 3])).last().unwrap(), "  peer groups   2, of 1 to 3 products each");
        assert_eq!(facts(&of(2, 1, vec![])).last().unwrap(), "  peer groups   none (format version 1 has none)");
        assert_eq!(
            inspection(Path::new("m.ptrm"), &of(1, 1, vec![])),
            "m.ptrm: Patron model, format version 1\n\
             \x20 newest order  2026-11-01\n\
             \x20 products      1 (1 category, 1 brand)\n\
             \x20 neighbours    1 entry, for 1 product\n\
             \x20 peer groups   none (format version 1 has none)\n\
             \n\
             \x20 section       bytes\n\
             \x20 header            8\n\
             \x20 names             2\n\
             \x20 products          3\n\
             \x20 neighbours        4\n\
             \x20 peer groups       1\n\
             \x20 total            18\n"
        );
    }
}
