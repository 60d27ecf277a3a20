//! `patron session`: session documents built from the shop's exports — the orders (the same
//! `ORDERS.csv` the model is built from), and optionally the points ledger with the rewards redeemed,
//! the customer profiles with their consent, and the shop's analytics secret.
//!
//! Without personalisation consent a session carries no history at all: the widget would not read
//! it, so it is not embedded in the page either.

use std::collections::HashMap;
use std::io::{BufRead as _, Write};
use std::path::Path;

use serde_json::{json, Map, Value as Json};

use super::customers::{read_ledgers, read_profiles, read_redemptions, Ledger, Profile};
use super::input::{now_flag, reader, said};
use crate::error::Error;
use crate::money::Money;
use crate::recommend::exports::{record_line, ORDER_COLUMNS};
use crate::session::{History, Line, Order};
use crate::time::Timestamp;

/// What `patron session` was asked for.
pub(crate) struct Request<'a> {
    pub(crate) orders: &'a Path,
    /// One customer's session, or `None` for every customer's (JSON Lines).
    pub(crate) customer: Option<&'a str>,
    pub(crate) now: Option<&'a str>,
    pub(crate) currency: &'a str,
    pub(crate) ledger: Option<&'a Path>,
    /// The rewards redeemed, for rewards limited per customer: they go into the ledger's
    /// `redeemed`.
    pub(crate) redemptions: Option<&'a Path>,
    /// The sessions' `locale`, which decides the language and formats of the widget's texts.
    pub(crate) locale: Option<&'a str>,
    pub(crate) profile: Option<&'a Path>,
    pub(crate) analytics_key: Option<&'a Path>,
    /// The orders in full (`orders`) rather than in compact form (`history`).
    pub(crate) full: bool,
    /// Lossy: at most this many products in the compact history.
    pub(crate) max_products: Option<usize>,
}

/// One order line as the export gives it.
pub(crate) struct Row {
    pub(crate) order: String,
    pub(crate) placed_at: Timestamp,
    pub(crate) sku: String,
    pub(crate) quantity: u32,
    pub(crate) unit_price: Money,
    pub(crate) category: Option<String>,
}

pub(crate) fn session(request: &Request) -> Result<String, String> {
    let now = request.now.map(now_flag).transpose()?;
    if let Err(e) = crate::money::Currency::try_from(request.currency.to_string()) {
        return Err(format!("patron: --currency: {e}\n"));
    }
    let secret = request.analytics_key.map(read_secret).transpose()?;
    let profiles = match request.profile {
        Some(path) => read_profiles(path).map_err(said)?,
        None => HashMap::new(),
    };
    if let Some(locale) = request.locale {
        if !crate::language::is_language_tag(locale) {
            return Err(format!(
                "patron: --locale {}: expected a language tag such as \"de-DE\" or \"en-GB\"\n",
                crate::words::quoted(locale)
            ));
        }
    }
    let mut ledgers = match request.ledger {
        Some(path) => read_ledgers(path).map_err(said)?,
        None => HashMap::new(),
    };
    if let Some(path) = request.redemptions {
        read_redemptions(path, &mut ledgers).map_err(said)?;
    }
    let document = |id: &str, rows: &[Row]| {
        let session = build(
            id,
            profiles.get(id),
            ledgers.get(id),
            rows,
            now,
            request.currency,
            request.locale,
            secret.as_deref(),
            request.full,
            request.max_products,
        );
        // Embeddable as it is: no string can close the page's script block.
        crate::json::script_safe(&session.to_string())
    };
    match request.customer {
        Some(id) => {
            // One customer's rows only: one pass over the export, holding nothing else.
            let mut rows = Vec::new();
            for_each_row(request.orders, |customer, row| {
                if customer == id {
                    rows.push(row);
                }
                Ok(())
            })
            .map_err(said)?;
            if rows.is_empty() && !profiles.contains_key(id) {
                return Err(format!(
                    "patron: customer {id:?} has no order in {} and no profile\n",
                    request.orders.display()
                ));
            }
            Ok(document(id, &rows) + "\n")
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            all(request.orders, buckets_for(request.orders), &mut out, document)?;
            out.flush().map_err(|e| format!("patron: cannot write the sessions: {e}\n"))?;
            Ok(String::new())
        }
    }
}

/// The export's size per bucket of `--all`: each bucket is read into memory whole, so this bounds
/// the memory `patron session --all` holds (a few times the bucket's bytes), whatever the export's
/// size.
const BUCKET_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many buckets (open files) at once; beyond 64 × 16 MB of export the buckets grow.
const MAX_BUCKETS: u64 = 64;

fn buckets_for(orders: &Path) -> usize {
    let size = std::fs::metadata(orders).map_or(0, |m| m.len());
    (size / BUCKET_BYTES + 1).min(MAX_BUCKETS) as usize
}

/// Every customer's session, one JSON line each in the order the customers first appear in the
/// export, written to `out` through `document`, in memory bounded by the size of a bucket rather
/// than the export's:
/// 1. the export is read and checked line by line, each line copied to the bucket of its customer
///    (a hash of the id), in a temporary directory; a malformed line stops here, before anything is
///    written to `out`;
/// 2. each bucket in turn is read whole and its customers' sessions written to its own file, in
///    order of first appearance;
/// 3. the buckets' sessions are merged into `out` in the export's order of first appearance, which
///    within a bucket is the order they were written in.
fn all<W: Write>(
    orders: &Path,
    buckets: usize,
    out: &mut W,
    document: impl Fn(&str, &[Row]) -> String,
) -> Result<(), String> {
    let temp = |e: std::io::Error| format!("patron: cannot write a temporary file: {e}\n");
    let dir = tempfile::tempdir().map_err(temp)?;
    let bucket_of = |customer: &str| (crate::hash::stable_hash(&[customer]) % buckets as u64) as usize;
    let path = |kind: &str, i: usize| dir.path().join(format!("{kind}-{i}.csv"));

    // 1. Check and partition.
    // Each bucket is an orders export of its own, with the export's header.
    let header = reader(orders)
        .map_err(said)?
        .headers()
        .map_err(|e| said(Error::in_export(orders.display().to_string(), 1, "", e.to_string())))?
        .clone();
    let mut writers = Vec::with_capacity(buckets);
    for i in 0..buckets {
        let file = std::fs::File::create(path("rows", i)).map_err(temp)?;
        let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(file));
        writer.write_record(&header).map_err(|e| format!("patron: cannot write a temporary file: {e}\n"))?;
        writers.push(writer);
    }
    let mut customers: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for_each_raw(orders, |customer, record| {
        if !seen.contains(customer) {
            seen.insert(customer.to_string());
            customers.push(customer.to_string());
        }
        let Some(writer) = writers.get_mut(bucket_of(customer)) else { return Ok(()) };
        writer.write_record(record).map_err(|e| Error::export(format!("cannot write a temporary file: {e}")))
    })
    .map_err(said)?;
    for mut writer in writers {
        writer.flush().map_err(temp)?;
    }
    drop(seen);

    // 2. Each bucket's sessions.
    let mut merged = Vec::with_capacity(buckets);
    for i in 0..buckets {
        let mut rows: HashMap<String, Vec<Row>> = HashMap::new();
        let rows_path = path("rows", i);
        for_each_row(&rows_path, |customer, row| {
            rows.entry(customer.to_string()).or_default().push(row);
            Ok(())
        })
        .map_err(said)?;
        let _ = std::fs::remove_file(&rows_path);
        let mut sessions = std::io::BufWriter::new(std::fs::File::create(path("sessions", i)).map_err(temp)?);
        for customer in customers.iter().filter(|c| bucket_of(c) == i) {
            let history = rows.remove(customer.as_str()).unwrap_or_default();
            writeln!(sessions, "{}", document(customer, &history)).map_err(temp)?;
        }
        sessions.flush().map_err(temp)?;
        let file = std::fs::File::open(path("sessions", i)).map_err(temp)?;
        merged.push(std::io::BufReader::new(file).lines());
    }

    // 3. Merge in the export's order.
    let write = |e: std::io::Error| format!("patron: cannot write the sessions: {e}\n");
    for customer in &customers {
        let line = merged.get_mut(bucket_of(customer)).and_then(Iterator::next);
        let Some(line) = line.transpose().map_err(temp)? else { continue };
        writeln!(out, "{line}").map_err(write)?;
    }
    Ok(())
}

/// The shop's analytics secret from `--analytics-key FILE`: at least 16 bytes, without the final
/// newline a key file usually ends with.
pub(crate) fn read_secret(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("patron: cannot read {}: {e}\n", path.display()))?;
    let secret = bytes.strip_suffix(b"\n").unwrap_or(&bytes).to_vec();
    if secret.len() < 16 {
        return Err(format!(
            "patron: --analytics-key {}: the secret has {} bytes; use at least 16 random bytes\n",
            path.display(),
            secret.len()
        ));
    }
    Ok(secret)
}

/// One session document.
#[allow(clippy::too_many_arguments)] // One call site; a struct would only rename the list.
fn build(
    id: &str,
    profile: Option<&Profile>,
    ledger: Option<&Ledger>,
    rows: &[Row],
    now: Option<Timestamp>,
    currency: &str,
    locale: Option<&str>,
    secret: Option<&[u8]>,
    full: bool,
    max_products: Option<usize>,
) -> Json {
    let profile_or_default = Profile::default();
    let profile = profile.unwrap_or(&profile_or_default);
    let mut customer = Map::new();
    customer.insert("id".into(), json!(id));
    if let Some(name) = &profile.first_name {
        customer.insert("first_name".into(), json!(name));
    }
    if let Some(day) = profile.birthday {
        customer.insert("birthday".into(), json!(day.to_string()));
    }
    if let Some(day) = profile.member_since {
        customer.insert("member_since".into(), json!(day.to_string()));
    }
    if let (Some(secret), true) = (secret, profile.analytics) {
        customer.insert("analytics_id".into(), json!(crate::hash::analytics_id(secret, id)));
    }
    let mut session = Map::new();
    session.insert("customer".into(), Json::Object(customer));
    session.insert(
        "consent".into(),
        json!({ "personalisation": profile.personalisation, "analytics": profile.analytics }),
    );
    if let Some(now) = now {
        session.insert("now".into(), json!(now.to_string()));
    }
    session.insert("currency".into(), json!(currency));
    if let Some(locale) = locale {
        session.insert("locale".into(), json!(locale));
    }
    if profile.personalisation {
        let mut orders: Vec<Order> = Vec::new();
        for row in rows.iter().filter(|row| now.is_none_or(|now| row.placed_at <= now)) {
            let line = Line {
                sku: row.sku.clone(),
                quantity: row.quantity,
                unit_price: row.unit_price,
                category: row.category.clone(),
            };
            match orders.iter_mut().find(|order| order.id == row.order) {
                Some(order) => order.lines.push(line),
                None => orders.push(Order {
                    id: row.order.clone(),
                    placed_at: row.placed_at,
                    lines: vec![line],
                    total: None,
                }),
            }
        }
        if full {
            session.insert("orders".into(), serde_json::to_value(&orders).unwrap_or(Json::Null));
        } else if !orders.is_empty() {
            let history = History::from_orders_keeping(&orders, max_products.unwrap_or(usize::MAX)).to_json();
            session.insert("history".into(), history);
        }
        if let Some(ledger) = ledger {
            let expiring: Vec<Json> =
                ledger.expiring.iter().map(|(points, on)| json!({ "points": points, "on": on.to_string() })).collect();
            let mut points = Map::new();
            points.insert("balance".into(), json!(ledger.balance));
            points.insert("expiring".into(), Json::Array(expiring));
            // A redemption after `now` has not happened yet, as an order after it has not.
            let redeemed: Vec<Json> = ledger
                .redeemed
                .iter()
                .filter(|(_, at)| now.is_none_or(|now| *at <= now))
                .map(|(reward, at)| json!({ "reward_id": reward, "on": at.date().to_string() }))
                .collect();
            if !redeemed.is_empty() {
                points.insert("redeemed".into(), Json::Array(redeemed));
            }
            session.insert("points".into(), Json::Object(points));
        }
    }
    Json::Object(session)
}

/// Calls `each` with every line of the orders export, checked, and its customer: the line as it
/// is, for `--all` to copy into its buckets.
///
/// # Errors
/// The first malformed line, with the file, the line number and the column.
fn for_each_raw(path: &Path, mut each: impl FnMut(&str, &csv::StringRecord) -> Result<(), Error>) -> Result<(), Error> {
    for_each(path, |customer, record, _row| each(customer, record))
}

/// Calls `each` with every line of the orders export, read, and its customer.
///
/// # Errors
/// The first malformed line, with the file, the line number and the column.
pub(crate) fn for_each_row(path: &Path, mut each: impl FnMut(&str, Row) -> Result<(), Error>) -> Result<(), Error> {
    for_each(path, |customer, _record, row| each(customer, row))
}

fn for_each(
    path: &Path,
    mut each: impl FnMut(&str, &csv::StringRecord, Row) -> Result<(), Error>,
) -> Result<(), Error> {
    let file = path.display().to_string();
    let mut rdr = reader(path)?;
    let header = rdr.headers().map_err(|e| Error::in_export(&file, 1, "", e.to_string()))?.clone();
    let names: Vec<&str> = header.iter().collect();
    let has_category = names.get(6) == Some(&"category");
    if names.get(..6) != Some(&ORDER_COLUMNS[..]) {
        return Err(Error::in_export(
            &file,
            1,
            "",
            format!("expected the header {},[category], got {}", ORDER_COLUMNS.join(","), names.join(",")),
        ));
    }
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(Error::in_file(&file, e.to_string())),
        }
        let line = || record_line(path, &record);
        let field = |i: usize| record.get(i).unwrap_or("");
        let bad = |i: usize, message: String| {
            Error::in_export(&file, line(), ORDER_COLUMNS.get(i).copied().unwrap_or("category"), message)
        };
        let customer = field(0);
        if customer.is_empty() || field(1).is_empty() || field(3).is_empty() {
            return Err(Error::in_export(&file, line(), "", "customer_id, order_id and sku must not be empty"));
        }
        let row = Row {
            order: field(1).to_string(),
            placed_at: Timestamp::parse(field(2)).map_err(|e| bad(2, e.message))?,
            sku: field(3).to_string(),
            quantity: field(4)
                .parse()
                .ok()
                .filter(|q| *q > 0)
                .ok_or_else(|| bad(4, format!("expected a whole number of at least 1, got {:?}", field(4))))?,
            unit_price: field(5)
                .parse::<f64>()
                .map_err(|_| bad(5, format!("expected a price, got {:?}", field(5))))
                .and_then(|price| Money::from_units(price).map_err(|e| bad(5, e.message)))?,
            category: Some(field(6)).filter(|c| has_category && !c.is_empty()).map(str::to_string),
        };
        each(customer, &record, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--all` gives the same lines whatever the number of buckets: a big export's run is a small
    /// one's, split.
    #[test]
    fn the_buckets_change_nothing_but_the_memory() {
        let orders = Path::new("www/catalogue/orders.csv");
        let document =
            |id: &str, rows: &[Row]| build(id, None, None, rows, None, "EUR", None, None, false, None).to_string();
        let run = |buckets: usize| {
            let mut out = Vec::new();
            all(orders, buckets, &mut out, document).unwrap();
            String::from_utf8(out).unwrap()
        };
        let one = run(1);
        assert!(one.lines().count() > 10, "{one}");
        // In the order the customers first appear in the export.
        assert!(one.starts_with("{\"customer\":{\"id\":\"c21\"}"), "{}", &one[..40]);
        assert_eq!(run(7), one);
        assert_eq!(run(64), one);
    }
}
