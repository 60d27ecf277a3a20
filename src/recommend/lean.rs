//! `patron model build` in bounded memory: the same model as [`super::train::build`] on the orders
//! read whole, from an export of any size. Memory holds the products (their ids, counts and repurchase
//! gaps), one bucket of customers at a time, and one run of co-purchase pairs — never every customer
//! or every order; the rest waits on disk in a temporary directory:
//! 1. the export is read and checked line by line (the same messages as [`Orders::read`]), each line
//!    written in a compact binary form to the bucket of its customer;
//! 2. each bucket in turn is grouped into orders, its customers' orders in the order of the export's
//!    sort (placed, then first line), and written back as orders of product numbers; the orders
//!    holding each product are counted, and the newest order's day found;
//! 3. each bucket's orders give the products' buyers, repeat buyers, recent buyers and repurchase
//!    gaps, as the in-memory builder computes them per customer;
//! 4. the orders are read once more for their co-purchase pairs, which are sorted in runs of a fixed
//!    size, counted, written out, and merged: each product's neighbours come out of the merge whole;
//!    on the way each customer's baskets are offered to the peer groups' sample (at most 20,000
//!    customers, chosen by the hash of their ids, so the same as the in-memory builder's), which is
//!    clustered at the end.
//!
//! [`Orders::read`]: super::exports::Orders::read

use std::collections::{BinaryHeap, HashMap};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::exports::{self, Catalogue};
use super::model::{Model, Neighbour};
use super::train::{self, Options, Stats};
use crate::error::Error;
use crate::time::Date;

/// How much the builder holds at once: the bytes of one bucket's lines, and the co-purchase pairs
/// sorted in one run. The defaults keep The Complete Journey's export times 16 under 1 GB.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The export's bytes per bucket of customers.
    pub bucket_bytes: u64,
    /// Co-purchase pairs per sorted run (8 bytes each).
    pub run_pairs: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { bucket_bytes: 32 << 20, run_pairs: 16 << 20 }
    }
}

/// A model built from an export, and what it was built from.
pub struct Built {
    /// The model.
    pub model: Model,
    /// Orders read.
    pub orders: usize,
    /// Customers read.
    pub customers: usize,
    /// Order lines read.
    pub lines: u64,
}

fn io(e: std::io::Error) -> Error {
    Error::export(format!("a temporary file: {e}"))
}

/// One order line, as a bucket holds it.
struct Line {
    customer: String,
    line: u64,
    unix: i64,
    day: i64,
    sku: u32,
    order: String,
}

fn write_line(out: &mut impl Write, line: &Line) -> std::io::Result<()> {
    out.write_all(&(line.customer.len() as u32).to_le_bytes())?;
    out.write_all(line.customer.as_bytes())?;
    out.write_all(&line.line.to_le_bytes())?;
    out.write_all(&line.unix.to_le_bytes())?;
    out.write_all(&line.day.to_le_bytes())?;
    out.write_all(&line.sku.to_le_bytes())?;
    out.write_all(&(line.order.len() as u32).to_le_bytes())?;
    out.write_all(line.order.as_bytes())
}

fn read_u32(input: &mut impl Read) -> std::io::Result<Option<u32>> {
    let mut bytes = [0; 4];
    match input.read_exact(&mut bytes) {
        Ok(()) => Ok(Some(u32::from_le_bytes(bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_u64(input: &mut impl Read) -> std::io::Result<u64> {
    let mut bytes = [0; 8];
    input.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

fn read_text(input: &mut impl Read, length: u32) -> std::io::Result<String> {
    let mut bytes = vec![0; length as usize];
    input.read_exact(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_line(input: &mut impl Read) -> std::io::Result<Option<Line>> {
    let Some(length) = read_u32(input)? else { return Ok(None) };
    let customer = read_text(input, length)?;
    let line = read_u64(input)?;
    let unix = read_u64(input)? as i64;
    let day = read_u64(input)? as i64;
    let sku = read_u32(input)?.unwrap_or(0);
    let length = read_u32(input)?.unwrap_or(0);
    let order = read_text(input, length)?;
    Ok(Some(Line { customer, line, unix, day, sku, order }))
}

/// One order of a bucket: its customer (numbered within the bucket), day and distinct products, in
/// the order of the export's sort.
struct Order {
    customer: u32,
    day: i64,
    items: Vec<u32>,
}

fn write_order(out: &mut impl Write, order: &Order) -> std::io::Result<()> {
    out.write_all(&order.customer.to_le_bytes())?;
    out.write_all(&order.day.to_le_bytes())?;
    out.write_all(&(order.items.len() as u32).to_le_bytes())?;
    for item in &order.items {
        out.write_all(&item.to_le_bytes())?;
    }
    Ok(())
}

fn read_order(input: &mut impl Read, order: &mut Order) -> std::io::Result<bool> {
    let Some(customer) = read_u32(input)? else { return Ok(false) };
    order.customer = customer;
    order.day = read_u64(input)? as i64;
    let count = read_u32(input)?.unwrap_or(0);
    order.items.clear();
    for _ in 0..count {
        order.items.push(read_u32(input)?.unwrap_or(0));
    }
    Ok(true)
}

/// Builds the model from the export at `orders`, holding at most about `limits` in memory.
///
/// # Errors
/// The file, line and column of the first broken value, a wrong header, an empty export, or a
/// temporary file that cannot be written.
pub fn build(orders: &Path, catalogue: &Catalogue, options: &Options, limits: Limits) -> Result<Built, Error> {
    let dir = tempfile::tempdir().map_err(io)?;
    let size =
        std::fs::metadata(orders).map_err(|e| Error::export(format!("cannot read {}: {e}", orders.display())))?.len();
    let buckets = size.div_ceil(limits.bucket_bytes.max(1)).clamp(1, 512) as usize;

    // 1. The lines, checked, into the buckets of their customers. Customers are not numbered here: a
    // shop may have more of them than memory holds; each bucket numbers its own.
    let mut writers = Vec::with_capacity(buckets);
    for i in 0..buckets {
        writers.push(BufWriter::new(File::create(dir.path().join(format!("lines-{i}"))).map_err(io)?));
    }
    let mut skus: Vec<String> = Vec::new();
    let mut sku_numbers: HashMap<String, u32> = HashMap::new();
    let mut sku_categories: Vec<Option<String>> = Vec::new();
    let mut lines = 0_u64;
    exports::each_line(orders, |row| {
        let sku = match sku_numbers.get(row.sku) {
            Some(&sku) => sku,
            None => {
                let sku = skus.len() as u32;
                sku_numbers.insert(row.sku.to_string(), sku);
                skus.push(row.sku.to_string());
                sku_categories.push(None);
                sku
            }
        };
        if let Some(category) = row.category.filter(|c| !c.is_empty()) {
            if let Some(slot) = sku_categories.get_mut(sku as usize) {
                *slot = Some(category.to_string());
            }
        }
        let bucket = (crate::hash::stable_hash(&[row.customer]) % buckets as u64) as usize;
        let line = Line {
            customer: row.customer.to_string(),
            line: lines,
            unix: row.placed_at.unix_seconds(),
            day: row.placed_at.date().days_since_epoch(),
            sku,
            order: row.order.to_string(),
        };
        lines += 1;
        let writer = writers.get_mut(bucket).ok_or_else(|| Error::export("no bucket"))?;
        write_line(writer, &line).map_err(io)
    })?;
    for writer in &mut writers {
        writer.flush().map_err(io)?;
    }
    drop(writers);
    drop(sku_numbers);
    if lines == 0 {
        return Err(Error::in_file(
            orders.display().to_string(),
            "the export has no order lines: there is nothing to build a model from",
        ));
    }

    // 2. Each bucket's orders, sorted as the in-memory builder sorts them.
    let mut baskets_with = vec![0_u32; skus.len()];
    let mut last_day = i64::MIN;
    let (mut order_count, mut customer_count) = (0_usize, 0_usize);
    for i in 0..buckets {
        let lines_path = dir.path().join(format!("lines-{i}"));
        let mut input = BufReader::new(File::open(&lines_path).map_err(io)?);
        // The bucket's customers, numbered as they come: every line of a customer is in this bucket.
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut at: HashMap<(u32, String), usize> = HashMap::new();
        // Per order: its first line, placed, day, customer and products.
        let mut orders_here: Vec<(u64, i64, Order)> = Vec::new();
        while let Some(line) = read_line(&mut input).map_err(io)? {
            let next = numbers.len() as u32;
            let customer = *numbers.entry(line.customer).or_insert(next);
            let slot = *at.entry((customer, line.order)).or_insert_with(|| {
                orders_here.push((line.line, line.unix, Order { customer, day: line.day, items: Vec::new() }));
                orders_here.len() - 1
            });
            if let Some((_, _, order)) = orders_here.get_mut(slot) {
                if !order.items.contains(&line.sku) {
                    order.items.push(line.sku);
                }
            }
        }
        customer_count += numbers.len();
        // The customers' ids by number, for the peer groups' sample in step 4.
        let mut names: Vec<(u32, String)> = numbers.into_iter().map(|(name, number)| (number, name)).collect();
        names.sort_unstable();
        let mut out = BufWriter::new(File::create(dir.path().join(format!("customers-{i}"))).map_err(io)?);
        for (_, name) in &names {
            out.write_all(&(name.len() as u32).to_le_bytes()).map_err(io)?;
            out.write_all(name.as_bytes()).map_err(io)?;
        }
        out.flush().map_err(io)?;
        drop((names, at));
        std::fs::remove_file(&lines_path).map_err(io)?;
        orders_here.sort_by_key(|(first, placed, order)| (order.customer, *placed, *first));
        let mut out = BufWriter::new(File::create(dir.path().join(format!("orders-{i}"))).map_err(io)?);
        for (_, _, order) in &orders_here {
            last_day = last_day.max(order.day);
            for item in &order.items {
                if let Some(count) = baskets_with.get_mut(*item as usize) {
                    *count += 1;
                }
            }
            write_order(&mut out, order).map_err(io)?;
        }
        out.flush().map_err(io)?;
        order_count += orders_here.len();
    }

    // 3. The products' buyers and repurchases, customer by customer.
    // Products sold, then the catalogue's products never sold, as the in-memory builder has them.
    let unsold = catalogue.unsold(&skus);
    let mut skus_all = skus;
    skus_all.extend(unsold);
    let built_at = Date::from_days_since_epoch(last_day).unwrap_or(Date::MIN);
    let mut stats = Stats::new(skus_all.len());
    for (slot, count) in stats.baskets_with.iter_mut().zip(&baskets_with) {
        *slot = *count;
    }
    drop(baskets_with);
    let recent_from = built_at.add_days(-options.recent_days);
    let mut customer_orders: Vec<(Date, Vec<u32>)> = Vec::new();
    let mut order = Order { customer: 0, day: 0, items: Vec::new() };
    for i in 0..buckets {
        let mut input = BufReader::new(File::open(dir.path().join(format!("orders-{i}"))).map_err(io)?);
        let mut current = None;
        while read_order(&mut input, &mut order).map_err(io)? {
            if current != Some(order.customer) && !customer_orders.is_empty() {
                stats.add_customer(customer_orders.iter().map(|(day, items)| (*day, items.as_slice())), recent_from);
                customer_orders.clear();
            }
            current = Some(order.customer);
            customer_orders.push((Date::from_days_since_epoch(order.day).unwrap_or(Date::MIN), order.items.clone()));
        }
        if !customer_orders.is_empty() {
            stats.add_customer(customer_orders.iter().map(|(day, items)| (*day, items.as_slice())), recent_from);
            customer_orders.clear();
        }
    }
    let (kept, position) = train::kept(&skus_all, &stats, options);

    // 4. The co-purchase pairs of the kept products, sorted in runs and merged.
    let mut runs: Vec<std::path::PathBuf> = Vec::new();
    let mut pairs: Vec<u64> = Vec::with_capacity(limits.run_pairs.min(1 << 24));
    let mut kept_here: Vec<u32> = Vec::new();
    let flush = |pairs: &mut Vec<u64>, runs: &mut Vec<std::path::PathBuf>| -> Result<(), Error> {
        pairs.sort_unstable();
        let path = dir.path().join(format!("run-{}", runs.len()));
        let mut out = BufWriter::new(File::create(&path).map_err(io)?);
        let mut i = 0;
        while let Some(&pair) = pairs.get(i) {
            let mut j = i;
            while pairs.get(j) == Some(&pair) {
                j += 1;
            }
            out.write_all(&pair.to_le_bytes()).map_err(io)?;
            out.write_all(&((j - i) as u32).to_le_bytes()).map_err(io)?;
            i = j;
        }
        out.flush().map_err(io)?;
        pairs.clear();
        runs.push(path);
        Ok(())
    };
    let mut tastes = train::Tastes::default();
    for i in 0..buckets {
        let names_path = dir.path().join(format!("customers-{i}"));
        let mut names_input = BufReader::new(File::open(&names_path).map_err(io)?);
        let mut names: Vec<String> = Vec::new();
        while let Some(length) = read_u32(&mut names_input).map_err(io)? {
            names.push(read_text(&mut names_input, length).map_err(io)?);
        }
        drop(names_input);
        std::fs::remove_file(&names_path).map_err(io)?;
        let path = dir.path().join(format!("orders-{i}"));
        let mut input = BufReader::new(File::open(&path).map_err(io)?);
        // The orders come customer by customer: each customer's baskets go to the tastes whole.
        let mut baskets: Vec<Vec<u32>> = Vec::new();
        let mut current: Option<u32> = None;
        let mut flush_taste = |customer: Option<u32>, baskets: &mut Vec<Vec<u32>>| {
            if let Some(name) = customer.and_then(|c| names.get(c as usize)) {
                tastes.add(name, baskets.iter().map(|b| b.iter().copied()), &position);
            }
            baskets.clear();
        };
        while read_order(&mut input, &mut order).map_err(io)? {
            if current != Some(order.customer) {
                flush_taste(current, &mut baskets);
                current = Some(order.customer);
            }
            baskets.push(order.items.clone());
            kept_here.clear();
            kept_here.extend(order.items.iter().filter_map(|s| position.get(*s as usize)).filter(|p| **p != u32::MAX));
            for (k, a) in kept_here.iter().enumerate() {
                for b in kept_here.iter().skip(k + 1) {
                    if pairs.len() + 2 > limits.run_pairs.max(2) {
                        flush(&mut pairs, &mut runs)?;
                    }
                    pairs.push(u64::from(*a) << 32 | u64::from(*b));
                    pairs.push(u64::from(*b) << 32 | u64::from(*a));
                }
            }
        }
        flush_taste(current, &mut baskets);
        drop(input);
        std::fs::remove_file(&path).map_err(io)?;
    }
    if !pairs.is_empty() || runs.is_empty() {
        flush(&mut pairs, &mut runs)?;
    }
    drop(pairs);
    let neighbours = merge(&runs, &kept, &stats.baskets_with, options)?;
    let mut model = train::assemble(&skus_all, &sku_categories, &stats, &kept, neighbours, catalogue, built_at);
    model.peer_groups = tastes.groups(options);
    Ok(Built { model, orders: order_count, customers: customer_count, lines })
}

/// The next (pair, count) of a run, or `None` at its end.
fn next_pair(input: &mut impl Read) -> Result<Option<(u64, u32)>, Error> {
    let mut bytes = [0; 12];
    match input.read_exact(&mut bytes) {
        Ok(()) => {
            let (pair, count) = bytes.split_at(8);
            let pair = u64::from_le_bytes(pair.try_into().unwrap_or_default());
            let count = u32::from_le_bytes(count.try_into().unwrap_or_default());
            Ok(Some((pair, count)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(io(e)),
    }
}

/// Merges the sorted runs: each kept product's pairs come out together, counted across runs, and
/// weighed and ranked as the in-memory builder does ([`train::neighbours_of`]).
fn merge(
    runs: &[std::path::PathBuf],
    kept: &[u32],
    baskets_with: &[u32],
    options: &Options,
) -> Result<Vec<Vec<Neighbour>>, Error> {
    let mut inputs = Vec::with_capacity(runs.len());
    let mut heap = BinaryHeap::new();
    for (i, path) in runs.iter().enumerate() {
        let mut input = BufReader::new(File::open(path).map_err(io)?);
        if let Some((pair, count)) = next_pair(&mut input)? {
            heap.push(std::cmp::Reverse((pair, i, count)));
        }
        inputs.push(input);
    }
    let mut out: Vec<Vec<Neighbour>> = vec![Vec::new(); kept.len()];
    let mut current: Option<(u64, u32)> = None;
    // The pairs come out sorted, a product's all together: its list is ranked and cut as soon as the
    // next product's start, so that only one product's whole list is held at a time.
    let mut last: Option<u32> = None;
    let mut emit = |pair: u64, together: u32, out: &mut Vec<Vec<Neighbour>>| {
        let (a, b) = ((pair >> 32) as u32, pair as u32);
        if let Some(previous) = last.filter(|p| *p != a) {
            if let Some(list) = out.get_mut(previous as usize) {
                train::rank_neighbours(list, options);
            }
        }
        last = Some(a);
        if let Some(list) = out.get_mut(a as usize) {
            list.push(Neighbour { product: b, weight: train::weight(together, a, b, kept, baskets_with, options) });
        }
    };
    while let Some(std::cmp::Reverse((pair, i, count))) = heap.pop() {
        match current {
            Some((p, n)) if p == pair => current = Some((p, n + count)),
            Some((p, n)) => {
                emit(p, n, &mut out);
                current = Some((pair, count));
            }
            None => current = Some((pair, count)),
        }
        if let Some(input) = inputs.get_mut(i) {
            if let Some((pair, count)) = next_pair(input)? {
                heap.push(std::cmp::Reverse((pair, i, count)));
            }
        }
    }
    if let Some((p, n)) = current {
        emit(p, n, &mut out);
    }
    // The last product's list; ranking a ranked list again changes nothing.
    for list in &mut out {
        train::rank_neighbours(list, options);
    }
    Ok(out)
}
