//! The shop's exports as `patron model build`, `patron eval` and `patron session` read them:
//! `ORDERS.csv` (every order line, checked, with its file, line and column when broken) and
//! `PRODUCTS.csv` (the display data). Native only; training is `train.rs`.

use std::collections::HashMap;
use std::path::Path;

use super::model::Product;
use crate::error::Error;
use crate::money::Money;
use crate::time::{Date, Timestamp};

/// The columns `ORDERS.csv` starts with, in this order; `category` may follow.
pub const ORDER_COLUMNS: [&str; 6] = ["customer_id", "order_id", "placed_at", "sku", "quantity", "unit_price"];

/// Purchase history: every order, with customers and products interned as small numbers.
#[derive(Clone, Debug, Default)]
pub struct Orders {
    /// Customer ids by number.
    pub customers: Vec<String>,
    /// SKUs by number.
    pub skus: Vec<String>,
    /// The category each SKU was sold under, when the export says.
    pub sku_categories: Vec<Option<String>>,
    /// Orders, oldest first.
    pub baskets: Vec<Basket>,
}

/// One order.
#[derive(Clone, Debug)]
pub struct Basket {
    /// The customer's number.
    pub customer: u32,
    /// The day it was placed (UTC).
    pub day: Date,
    /// When it was placed.
    pub placed_at: Timestamp,
    /// Its products (SKU numbers, each once) with quantities and unit prices.
    pub items: Vec<(u32, u32, Money)>,
}

/// Display data from `PRODUCTS.csv`.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub(super) products: HashMap<String, Product>,
    /// Category and brand by SKU (kept apart from [`Product`], which refers to them by index).
    labels: HashMap<String, (Option<String>, Option<String>)>,
}

fn csv_error(file: &str, line: u64, message: impl std::fmt::Display) -> Error {
    Error::in_export(file, line, "", message.to_string())
}

/// The line a record starts on, counted in the file itself. The csv crate's own count falls one line
/// behind when lines end with CRLF, as exports from Windows tools do (BurntSushi/rust-csv#395): the
/// record's position is then that of the previous line's `\n`, so the line breaks are counted up to
/// and including the byte at the position. Called for a message only: it reads the file up to the
/// record.
pub(crate) fn record_line(path: &Path, record: &csv::StringRecord) -> u64 {
    use std::io::{BufRead, Read};
    let Some(position) = record.position() else { return 0 };
    let Ok(file) = std::fs::File::open(path) else { return position.line() };
    let mut before = std::io::BufReader::new(file).take(position.byte() + 1);
    let mut line = 1;
    let mut chunk = Vec::new();
    while before.read_until(b'\n', &mut chunk).is_ok_and(|n| n > 0) {
        line += u64::from(chunk.last() == Some(&b'\n'));
        chunk.clear();
    }
    line
}

fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>, Error> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(|e| Error::export(format!("cannot read {}: {e}", path.display())))
}

/// One checked line of `ORDERS.csv`, borrowed from the reader's record.
pub(crate) struct OrderLine<'a> {
    pub(crate) customer: &'a str,
    pub(crate) order: &'a str,
    pub(crate) placed_at: Timestamp,
    pub(crate) sku: &'a str,
    pub(crate) quantity: u32,
    pub(crate) unit_price: Money,
    /// The `category` column's value, when the export has the column.
    pub(crate) category: Option<&'a str>,
}

/// Reads `ORDERS.csv` line by line: the header `customer_id,order_id,placed_at,sku,quantity,unit_price`,
/// optionally `,category`, then one order line per line, each checked and handed to `each`.
///
/// # Errors
/// The file, line and column of the first broken value, a wrong header, or `each`'s error.
pub(crate) fn each_line(path: &Path, mut each: impl FnMut(OrderLine) -> Result<(), Error>) -> Result<(), Error> {
    let file = path.display().to_string();
    let mut rdr = reader(path)?;
    let header = rdr.headers().map_err(|e| csv_error(&file, 1, e))?.clone();
    let names: Vec<&str> = header.iter().collect();
    let has_category = names.len() == 7 && names.get(6) == Some(&"category");
    if names.get(..6) != Some(&ORDER_COLUMNS[..]) || !(names.len() == 6 || has_category) {
        return Err(csv_error(
            &file,
            1,
            format!("expected the header {},[category], got {}", ORDER_COLUMNS.join(","), names.join(",")),
        ));
    }
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&file, rdr.position().line(), e)),
        }
        let line = || record_line(path, &record);
        let field = |i: usize| record.get(i).unwrap_or("");
        let column = |i: usize, message: String| {
            Error::in_export(&file, line(), ORDER_COLUMNS.get(i).copied().unwrap_or("category"), message)
        };
        let placed_at = Timestamp::parse(field(2)).map_err(|e| column(2, e.message))?;
        let quantity: u32 =
            field(4).parse().map_err(|_| column(4, format!("expected a whole number, got {:?}", field(4))))?;
        let price: f64 = field(5).parse().map_err(|_| column(5, format!("expected a price, got {:?}", field(5))))?;
        let unit_price = Money::from_units(price).map_err(|e| column(5, e.message))?;
        if field(0).is_empty() || field(1).is_empty() || field(3).is_empty() {
            return Err(csv_error(&file, line(), "customer_id, order_id and sku must not be empty"));
        }
        each(OrderLine {
            customer: field(0),
            order: field(1),
            placed_at,
            sku: field(3),
            quantity,
            unit_price,
            category: has_category.then(|| field(6)),
        })?;
    }
    Ok(())
}

impl Orders {
    /// Reads `ORDERS.csv` whole (see [`each_line`] for the format). `patron model build` reads it in
    /// bounded memory instead ([`super::lean`]); evaluation needs every order at hand.
    ///
    /// # Errors
    /// The file, line and column of the first broken value, or a wrong header.
    pub fn read(path: &Path) -> Result<Orders, Error> {
        let mut orders = Orders::default();
        let mut customers: HashMap<String, u32> = HashMap::new();
        let mut skus: HashMap<String, u32> = HashMap::new();
        let mut baskets: HashMap<String, usize> = HashMap::new();
        each_line(path, |row| {
            let next = orders.customers.len() as u32;
            let customer = *customers.entry(row.customer.to_string()).or_insert_with(|| next);
            if customer == next {
                orders.customers.push(row.customer.to_string());
            }
            let next = orders.skus.len() as u32;
            let sku = *skus.entry(row.sku.to_string()).or_insert_with(|| next);
            if sku == next {
                orders.skus.push(row.sku.to_string());
                orders.sku_categories.push(None);
            }
            if let Some(category) = row.category.filter(|c| !c.is_empty()) {
                if let Some(slot) = orders.sku_categories.get_mut(sku as usize) {
                    *slot = Some(category.to_string());
                }
            }
            let placed_at = row.placed_at;
            let key = format!("{}\u{1f}{}", row.customer, row.order);
            let at = *baskets.entry(key).or_insert_with(|| {
                orders.baskets.push(Basket { customer, day: placed_at.date(), placed_at, items: Vec::new() });
                orders.baskets.len() - 1
            });
            if let Some(basket) = orders.baskets.get_mut(at) {
                match basket.items.iter_mut().find(|(s, _, _)| *s == sku) {
                    Some(item) => item.1 += row.quantity,
                    None => basket.items.push((sku, row.quantity, row.unit_price)),
                }
            }
            Ok(())
        })?;
        orders.baskets.sort_by_key(|b| b.placed_at.unix_seconds());
        Ok(orders)
    }

    /// The newest order's day.
    pub fn last_day(&self) -> Option<Date> {
        self.baskets.iter().map(|b| b.day).max()
    }
}

impl Catalogue {
    /// Reads `PRODUCTS.csv`: a header naming `sku` and any of `title`, `category`, `brand`,
    /// `in_stock`, `new_since`, `url`, `image`, `price`, in any order.
    ///
    /// # Errors
    /// The file, line and column of the first broken value, or an unknown column.
    pub fn read(path: &Path) -> Result<Catalogue, Error> {
        const KNOWN: [&str; 9] =
            ["sku", "title", "category", "brand", "in_stock", "new_since", "url", "image", "price"];
        let file = path.display().to_string();
        let mut rdr = reader(path)?;
        let header = rdr.headers().map_err(|e| csv_error(&file, 1, e))?.clone();
        if let Some(unknown) = header.iter().find(|name| !KNOWN.contains(name)) {
            return Err(csv_error(
                &file,
                1,
                format!("unknown column {unknown:?}, expected some of {}", KNOWN.join(",")),
            ));
        }
        let at = |name: &str| header.iter().position(|h| h == name);
        let Some(sku_at) = at("sku") else {
            return Err(csv_error(&file, 1, "the header has no sku column"));
        };
        let mut catalogue = Catalogue::default();
        for record in rdr.records() {
            let record = record.map_err(|e| csv_error(&file, 0, e))?;
            let line = || record_line(path, &record);
            let get = |name: &str| at(name).and_then(|i| record.get(i)).filter(|v| !v.is_empty());
            let bad = |name: &str, message: String| Error::in_export(&file, line(), name, message);
            let sku = record.get(sku_at).unwrap_or("").to_string();
            if sku.is_empty() {
                return Err(csv_error(&file, line(), "sku must not be empty"));
            }
            let in_stock = match get("in_stock") {
                None | Some("true") => true,
                Some("false") => false,
                Some(other) => return Err(bad("in_stock", format!("expected true or false, got {other:?}"))),
            };
            let new_since = get("new_since").map(Date::parse).transpose().map_err(|e| bad("new_since", e.message))?;
            let price = match get("price") {
                Some(text) => {
                    let units: f64 =
                        text.parse().map_err(|_| bad("price", format!("expected a price, got {text:?}")))?;
                    Some(Money::from_units(units).map_err(|e| bad("price", e.message))?)
                }
                None => None,
            };
            let product = Product {
                sku: sku.clone(),
                title: get("title").unwrap_or("").to_string(),
                in_stock,
                new_since,
                url: get("url").map(str::to_string),
                image: get("image").map(str::to_string),
                price,
                ..Product::default()
            };
            let labels = (get("category").map(str::to_string), get("brand").map(str::to_string));
            catalogue.labels.insert(sku.clone(), labels);
            catalogue.products.insert(sku, product);
        }
        Ok(catalogue)
    }

    /// The catalogue's products that are not in `sold`, by SKU: the new arrivals a model carries
    /// after the products sold.
    pub(crate) fn unsold(&self, sold: &[String]) -> Vec<String> {
        let sold: std::collections::HashSet<&String> = sold.iter().collect();
        let mut unsold: Vec<String> = self.products.keys().filter(|sku| !sold.contains(sku)).cloned().collect();
        unsold.sort();
        unsold
    }

    /// The category `PRODUCTS.csv` gives the SKU.
    pub(super) fn category(&self, sku: &str) -> Option<&String> {
        self.labels.get(sku).and_then(|(category, _)| category.as_ref())
    }

    /// The brand `PRODUCTS.csv` gives the SKU.
    pub(super) fn brand(&self, sku: &str) -> Option<&String> {
        self.labels.get(sku).and_then(|(_, brand)| brand.as_ref())
    }
}
