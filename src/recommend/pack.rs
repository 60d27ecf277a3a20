//! `patron model pack`: the model's parts as tables — written by the Spark job in `kits/spark/`, or
//! any other builder that follows the book's definition (integrate/recommendations.md) — packed into the browser's model file, the
//! same file `patron model build` writes from the same export.
//!
//! A table is `DIR/NAME.csv`, or a directory `DIR/NAME/` of part files with a header each (as Spark
//! writes it). Every value is checked; a problem names the table, the file, the row and the column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::exports::Catalogue;
use super::model::{Model, Neighbour};
use super::train::{self, Options, Stats};
use crate::error::Error;
use crate::time::Date;
use crate::words::count as counted;

/// The columns of each table, in this order.
pub const PRODUCTS: [&str; 7] =
    ["sku", "category", "orders", "buyers", "recent_buyers", "repeat_buyers", "interval_days"];
/// See [`PRODUCTS`].
pub const NEIGHBOURS: [&str; 4] = ["sku", "neighbour", "rank", "weight"];
/// See [`PRODUCTS`]: the baskets of the customers the peer groups are learnt from (`basket` numbers
/// a customer's orders, oldest first).
pub const BASKETS: [&str; 3] = ["customer", "basket", "sku"];
/// See [`PRODUCTS`].
pub const META: [&str; 5] = ["built_at", "max_products", "neighbours", "recent_days", "shrink"];

/// One table's rows, with where each came from.
struct Table {
    name: &'static str,
    rows: Vec<(String, u64, csv::StringRecord)>,
}

impl Table {
    /// Reads `DIR/NAME.csv` or the part files of `DIR/NAME/`, checking each header.
    fn read(dir: &Path, name: &'static str, columns: &[&str]) -> Result<Table, Error> {
        let single = dir.join(format!("{name}.csv"));
        let files: Vec<PathBuf> = if single.is_file() {
            vec![single]
        } else {
            let parts = dir.join(name);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&parts)
                .map_err(|_| {
                    Error::export(format!(
                        "the {name} table is missing: expected {} or {}/",
                        dir.join(format!("{name}.csv")).display(),
                        parts.display()
                    ))
                })?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "csv"))
                .collect();
            files.sort();
            files
        };
        let mut rows = Vec::new();
        for file in files {
            let shown = file.display().to_string();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_path(&file)
                .map_err(|e| Error::export(format!("the {name} table ({shown}): {e}")))?;
            let header: Vec<String> = reader
                .headers()
                .map_err(|e| Error::export(format!("the {name} table ({shown}): {e}")))?
                .iter()
                .map(str::to_string)
                .collect();
            if header != columns {
                return Err(Error::export(format!(
                    "the {name} table ({shown}), row 1: expected the columns {}, got {}",
                    columns.join(","),
                    header.join(",")
                )));
            }
            for record in reader.records() {
                let record = record.map_err(|e| Error::export(format!("the {name} table ({shown}): {e}")))?;
                let row = record.position().map_or(0, |p| p.line());
                rows.push((shown.clone(), row, record));
            }
        }
        Ok(Table { name, rows })
    }
}

/// A value of a row, checked: `column`'s text parsed by `parse`, or an error naming table, file, row
/// and column.
fn value<T>(
    table: &Table,
    (file, row, record): &(String, u64, csv::StringRecord),
    columns: &[&str],
    column: &str,
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, Error> {
    let at = columns.iter().position(|c| *c == column).unwrap_or(0);
    let text = record.get(at).unwrap_or("");
    parse(text).ok_or_else(|| {
        Error::export(format!(
            "the {} table ({file}), row {row}, column {column}: expected {expected}, got {text:?}",
            table.name
        ))
    })
}

fn count(text: &str) -> Option<u32> {
    text.parse().ok()
}

/// Packs the tables in `dir` (and the catalogue's display data) into a model.
///
/// # Errors
/// A missing table or column, a value of the wrong type, a duplicate product, a neighbour that is
/// not a product the model keeps, ranks out of order, or a basket's product not in the products table.
pub fn pack(dir: &Path, catalogue: &Catalogue) -> Result<Model, Error> {
    let meta = Table::read(dir, "meta", &META)?;
    let [row] = meta.rows.as_slice() else {
        return Err(Error::export(format!("the meta table: expected one row, got {}", meta.rows.len())));
    };
    let built_at = value(&meta, row, &META, "built_at", "a date such as 2026-11-28", |t| Date::parse(t).ok())?;
    let max_products = value(&meta, row, &META, "max_products", "a number of products, or nothing", |t| {
        if t.is_empty() {
            Some(None)
        } else {
            t.parse::<usize>().ok().filter(|n| *n > 0).map(Some)
        }
    })?;
    let neighbours = value(&meta, row, &META, "neighbours", "a number of neighbours", |t| t.parse::<usize>().ok())?;
    let options = Options { neighbours, max_products, ..Options::default() };

    let products = Table::read(dir, "products", &PRODUCTS)?;
    let mut skus: Vec<String> = Vec::with_capacity(products.rows.len());
    let mut numbers: HashMap<String, u32> = HashMap::with_capacity(products.rows.len());
    let mut categories: Vec<Option<String>> = Vec::with_capacity(products.rows.len());
    let (mut orders, mut buyers, mut recent, mut repeat, mut intervals) = (vec![], vec![], vec![], vec![], vec![]);
    for row in &products.rows {
        let number = |column: &str| value(&products, row, &PRODUCTS, column, "a whole number", count);
        let sku = value(&products, row, &PRODUCTS, "sku", "a SKU", |t| (!t.is_empty()).then(|| t.to_string()))?;
        if numbers.insert(sku.clone(), skus.len() as u32).is_some() {
            return Err(Error::export(format!(
                "the products table ({}), row {}, column sku: {sku:?} is there twice",
                row.0, row.1
            )));
        }
        let category = value(&products, row, &PRODUCTS, "category", "a category", |t| {
            Some((!t.is_empty()).then(|| t.to_string()))
        })?;
        let interval = value(&products, row, &PRODUCTS, "interval_days", "a number of days, or nothing", |t| {
            if t.is_empty() {
                Some(None)
            } else {
                count(t).map(Some)
            }
        })?;
        let (o, b, r, p) = (number("orders")?, number("buyers")?, number("recent_buyers")?, number("repeat_buyers")?);
        if b == 0 || b > o || r > b || p > b {
            return Err(Error::export(format!(
                "the products table ({}), row {}: {sku:?} has {}, {}, {r} recent and {}: a sold product has buyers, at most one per order, and its recent and repeat buyers are among them",
                row.0,
                row.1,
                counted(o as i64, "order", "orders"),
                counted(b as i64, "buyer", "buyers"),
                counted(p as i64, "repeat buyer", "repeat buyers")
            )));
        }
        skus.push(sku);
        categories.push(category);
        orders.push(o);
        buyers.push(b);
        recent.push(r);
        repeat.push(p);
        intervals.push(interval);
    }
    if skus.is_empty() {
        return Err(Error::export("the products table has no products: there is nothing to pack"));
    }
    // Products sold, then the catalogue's products never sold, as the native builder has them.
    skus.extend(catalogue.unsold(&skus));
    let n = skus.len();
    let grow = |mut v: Vec<u32>| {
        v.resize(n, 0);
        v
    };
    intervals.resize(n, None);
    let stats = Stats::from_counts(grow(orders), grow(buyers), grow(recent), grow(repeat), intervals);
    let (kept, position) = train::kept(&skus, &stats, &options);

    let table = Table::read(dir, "neighbours", &NEIGHBOURS)?;
    let mut lists: Vec<Vec<(u32, Neighbour)>> = vec![Vec::new(); kept.len()];
    for row in &table.rows {
        let kept_product = |column: &str| {
            value(&table, row, &NEIGHBOURS, column, "a product the model keeps (from the products table)", |t| {
                numbers.get(t).and_then(|s| position.get(*s as usize)).copied().filter(|p| *p != u32::MAX)
            })
        };
        let (a, b) = (kept_product("sku")?, kept_product("neighbour")?);
        let rank = value(&table, row, &NEIGHBOURS, "rank", "a rank from 1", |t| count(t).filter(|r| *r > 0))?;
        let weight = value(&table, row, &NEIGHBOURS, "weight", "a weight above 0", |t| {
            t.parse::<f32>().ok().filter(|w| w.is_finite() && *w > 0.0)
        })?;
        if a == b {
            return Err(Error::export(format!(
                "the neighbours table ({}), row {}: a product is not its own neighbour",
                row.0, row.1
            )));
        }
        if let Some(list) = lists.get_mut(a as usize) {
            list.push((rank, Neighbour { product: b, weight }));
        }
    }
    let mut neighbours_of = Vec::with_capacity(lists.len());
    for (at, mut list) in lists.into_iter().enumerate() {
        list.sort_by_key(|(rank, _)| *rank);
        let sku = kept.get(at).and_then(|s| skus.get(*s as usize)).cloned().unwrap_or_default();
        if list.iter().enumerate().any(|(i, (rank, _))| *rank as usize != i + 1) || list.len() > options.neighbours {
            return Err(Error::export(format!(
                "the neighbours table: {sku:?} has the ranks {}: expected 1 to at most {} with none missing or twice",
                list.iter().map(|(r, _)| r.to_string()).collect::<Vec<_>>().join(", "),
                options.neighbours
            )));
        }
        neighbours_of.push(list.into_iter().map(|(_, n)| n).collect());
    }
    let mut model = train::assemble(&skus, &categories, &stats, &kept, neighbours_of, catalogue, built_at);

    // The peer groups, learnt here from the baskets as `patron model build` learns them.
    let table = Table::read(dir, "baskets", &BASKETS)?;
    let mut customers: HashMap<String, usize> = HashMap::new();
    let mut items: Vec<Vec<(u32, u32)>> = Vec::new();
    for row in &table.rows {
        let customer =
            value(&table, row, &BASKETS, "customer", "a customer id", |t| (!t.is_empty()).then(|| t.to_string()))?;
        let basket = value(&table, row, &BASKETS, "basket", "a basket number", count)?;
        let sku = value(&table, row, &BASKETS, "sku", "a product of the products table", |t| numbers.get(t).copied())?;
        let next = customers.len();
        let at = *customers.entry(customer).or_insert(next);
        if at == items.len() {
            items.push(Vec::new());
        }
        if let Some(list) = items.get_mut(at) {
            list.push((basket, sku));
        }
    }
    let mut tastes = train::Tastes::default();
    for (customer, at) in &customers {
        let Some(list) = items.get_mut(*at) else { continue };
        list.sort_unstable();
        list.dedup();
        let mut baskets: Vec<Vec<u32>> = Vec::new();
        let mut previous = None;
        for (basket, sku) in list.iter() {
            if previous != Some(*basket) {
                baskets.push(Vec::new());
                previous = Some(*basket);
            }
            if let Some(b) = baskets.last_mut() {
                b.push(*sku);
            }
        }
        tastes.add(customer, baskets.iter().map(|b| b.iter().copied()), &position);
    }
    model.peer_groups = tastes.groups(&options);
    Ok(model)
}
