//! The customer exports `patron session` reads beside the orders: the profiles with their consent
//! (`--profile`), the points ledger (`--points-ledger`) and the rewards redeemed (`--redemptions`),
//! each CSV checked with its file, line and column.

use std::collections::HashMap;
use std::path::Path;

use super::input::reader;
use crate::error::Error;
use crate::recommend::exports::record_line;
use crate::time::{Date, Timestamp};

/// A customer's profile row.
#[derive(Default)]
pub(super) struct Profile {
    pub(super) first_name: Option<String>,
    pub(super) birthday: Option<Date>,
    pub(super) member_since: Option<Date>,
    pub(super) personalisation: bool,
    pub(super) analytics: bool,
}

/// A customer's ledger: the balance, the batches about to expire and the rewards redeemed.
#[derive(Default)]
pub(super) struct Ledger {
    pub(super) balance: u64,
    pub(super) expiring: Vec<(u64, Date)>,
    /// Each redemption's reward and moment, in the file's order.
    pub(super) redeemed: Vec<(String, Timestamp)>,
}

/// The columns of a CSV file by name; `required` must be there.
fn columns(path: &Path, header: &csv::StringRecord, required: &[&str]) -> Result<HashMap<String, usize>, Error> {
    let named: HashMap<String, usize> = header.iter().enumerate().map(|(i, name)| (name.to_string(), i)).collect();
    let missing: Vec<&str> = required.iter().copied().filter(|name| !named.contains_key(*name)).collect();
    if missing.is_empty() {
        Ok(named)
    } else {
        Err(Error::in_export(path.display().to_string(), 1, "", format!("missing the column {}", missing.join(", "))))
    }
}

/// `CUSTOMERS.csv`: `customer_id`, then any of `first_name`, `birthday`, `member_since`,
/// `consent_personalisation`, `consent_analytics` (`true` or `false`); other columns are ignored.
pub(super) fn read_profiles(path: &Path) -> Result<HashMap<String, Profile>, Error> {
    let file = path.display().to_string();
    let mut rdr = reader(path)?;
    let header = rdr.headers().map_err(|e| Error::in_export(&file, 1, "", e.to_string()))?.clone();
    let at = columns(path, &header, &["customer_id"])?;
    let mut profiles = HashMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| Error::in_file(&file, e.to_string()))?;
        let line = || record_line(path, &record);
        let get = |name: &str| at.get(name).and_then(|i| record.get(*i)).filter(|v| !v.is_empty());
        let date = |name: &str| -> Result<Option<Date>, Error> {
            get(name).map(|v| Date::parse(v).map_err(|e| Error::in_export(&file, line(), name, e.message))).transpose()
        };
        let flag = |name: &str| -> Result<bool, Error> {
            match get(name) {
                None | Some("false") => Ok(false),
                Some("true") => Ok(true),
                Some(other) => {
                    Err(Error::in_export(&file, line(), name, format!("expected true or false, got {other:?}")))
                }
            }
        };
        let Some(id) = get("customer_id") else {
            return Err(Error::in_export(&file, line(), "", "customer_id must not be empty"));
        };
        let profile = Profile {
            first_name: get("first_name").map(str::to_string),
            birthday: date("birthday")?,
            member_since: date("member_since")?,
            personalisation: flag("consent_personalisation")?,
            analytics: flag("consent_analytics")?,
        };
        profiles.insert(id.to_string(), profile);
    }
    Ok(profiles)
}

/// `LEDGER.csv`: `customer_id,balance,expiring_points,expiring_on`, one row per batch of points
/// about to expire (the last two empty for a customer without one); other columns are ignored.
pub(super) fn read_ledgers(path: &Path) -> Result<HashMap<String, Ledger>, Error> {
    let file = path.display().to_string();
    let mut rdr = reader(path)?;
    let header = rdr.headers().map_err(|e| Error::in_export(&file, 1, "", e.to_string()))?.clone();
    let at = columns(path, &header, &["customer_id", "balance", "expiring_points", "expiring_on"])?;
    let mut ledgers: HashMap<String, Ledger> = HashMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| Error::in_file(&file, e.to_string()))?;
        let line = || record_line(path, &record);
        let get = |name: &str| at.get(name).and_then(|i| record.get(*i)).unwrap_or("");
        let count = |name: &str| -> Result<u64, Error> {
            get(name).parse().map_err(|_| {
                Error::in_export(&file, line(), name, format!("expected a whole number, got {:?}", get(name)))
            })
        };
        if get("customer_id").is_empty() {
            return Err(Error::in_export(&file, line(), "", "customer_id must not be empty"));
        }
        let ledger = ledgers.entry(get("customer_id").to_string()).or_default();
        ledger.balance = count("balance")?;
        match (get("expiring_points"), get("expiring_on")) {
            ("", "") => {}
            (_, on) => {
                let on = Date::parse(on).map_err(|e| Error::in_export(&file, line(), "expiring_on", e.message))?;
                ledger.expiring.push((count("expiring_points")?, on));
            }
        }
    }
    Ok(ledgers)
}

/// `REDEEMED.csv`: `customer_id,reward_id,redeemed_at`, one row per redemption, `redeemed_at` a day
/// (`YYYY-MM-DD`, taken as its start) or an RFC 3339 moment; other columns are ignored. Each goes into
/// its customer's ledger, which `--points-ledger` must list: the session carries the redemptions in
/// `points.redeemed`, beside the balance they were paid from.
pub(super) fn read_redemptions(path: &Path, ledgers: &mut HashMap<String, Ledger>) -> Result<(), Error> {
    let file = path.display().to_string();
    let mut rdr = reader(path)?;
    let header = rdr.headers().map_err(|e| Error::in_export(&file, 1, "", e.to_string()))?.clone();
    let at = columns(path, &header, &["customer_id", "reward_id", "redeemed_at"])?;
    for record in rdr.records() {
        let record = record.map_err(|e| Error::in_file(&file, e.to_string()))?;
        let line = || record_line(path, &record);
        let get = |name: &str| at.get(name).and_then(|i| record.get(*i)).unwrap_or("");
        let (customer, reward, when) = (get("customer_id"), get("reward_id"), get("redeemed_at"));
        if customer.is_empty() || reward.is_empty() {
            return Err(Error::in_export(&file, line(), "", "customer_id and reward_id must not be empty"));
        }
        let moment = match Date::parse(when) {
            Ok(day) => Timestamp::from_unix(day.days_since_epoch() * 86_400, 0),
            Err(_) => Timestamp::parse(when).map_err(|_| {
                Error::in_export(
                    &file,
                    line(),
                    "redeemed_at",
                    format!(
                        "expected a day such as 2026-11-20 or an RFC 3339 moment such as 2026-11-20T10:00:00+01:00, got {}",
                        crate::words::quoted(when)
                    ),
                )
            })?,
        };
        let Some(ledger) = ledgers.get_mut(customer) else {
            return Err(Error::in_export(
                &file,
                line(),
                "",
                format!(
                    "customer {} has redemptions but no row in --points-ledger: the session carries redemptions with the ledger's balance",
                    crate::words::quoted(customer)
                ),
            ));
        };
        ledger.redeemed.push((reward.to_string(), moment));
    }
    Ok(())
}
