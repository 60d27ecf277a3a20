//! Programme health: the measures `../shared/domain.md` names, per calendar month, and the monthly
//! cohorts. Pure: the caller reads the export and places each order on a calendar day (`patron report`:
//! the day at the order's own UTC offset, or in `--timezone`).
//!
//! - *Active* customers of a month bought in it.
//! - *Retention* of a month: of the customers active in the month before, the share who bought again
//!   in this one; *churn* is its complement. The first month has none.
//! - *Repurchase rate*: the share of customers with at least two orders, counted over everything up
//!   to the month's end (a returning customer, in the domain's words).
//! - *Purchase frequency*: orders per active customer; *average order value*: revenue per order;
//!   *returning revenue share*: the share of the month's revenue from orders that were a customer's
//!   second or later.
//! - Over the whole period: retention and churn are the mean of the months that have a month before;
//!   the repurchase rate is over all customers.
//! - *Cohorts*: customers grouped by the month of their first order, and the share of each who bought
//!   in each month after it (month 0 is 100 %).

/// One order, placed in the shop's calendar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Order {
    /// The customer's number.
    pub customer: u32,
    /// The calendar month: year × 12 + month − 1.
    pub month: i32,
    /// The calendar day, as days since 1970-01-01.
    pub day: i64,
    /// The order's value, in the currency's units.
    pub value: f64,
}

/// One month's health.
#[derive(Clone, Debug, PartialEq)]
pub struct Month {
    /// "2017-03".
    pub month: String,
    /// Customers who bought in the month.
    pub active: usize,
    /// Orders in the month.
    pub orders: usize,
    /// Revenue in the month.
    pub revenue: f64,
    /// Of the month before's active customers, the share who bought again; `None` in the first
    /// month.
    pub retention_rate: Option<f64>,
    /// 1 − retention.
    pub churn_rate: Option<f64>,
    /// Customers with at least two orders by the month's end, of all customers by then.
    pub repurchase_rate: f64,
    /// Orders per active customer.
    pub purchase_frequency: f64,
    /// Revenue per order.
    pub average_order_value: f64,
    /// The share of revenue from customers' second and later orders.
    pub returning_revenue_share: f64,
}

/// The whole period's health.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    /// Every month from the first order's to the last's, months without orders included.
    pub months: Vec<Month>,
    /// Customers with an order in the period.
    pub customers: usize,
    /// Orders in the period.
    pub orders: usize,
    /// The mean of the monthly retention rates; `None` with fewer than two months.
    pub retention_rate: Option<f64>,
    /// The mean of the monthly churn rates.
    pub churn_rate: Option<f64>,
    /// Customers with at least two orders, of all customers.
    pub repurchase_rate: f64,
}

/// One cohort: the customers whose first order fell in a month.
#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    /// "2017-03".
    pub month: String,
    /// Its customers.
    pub customers: usize,
    /// The share of them who bought in the cohort's month + k, for k = 0 to the period's last month.
    pub retention: Vec<f64>,
}

/// "2017-03" for year × 12 + month − 1.
pub fn month_name(month: i32) -> String {
    format!("{:04}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The period's health and cohorts, from its orders in any order.
pub fn health(orders: &[Order]) -> (Health, Vec<Cohort>) {
    let mut orders = orders.to_vec();
    orders.sort_by_key(|o| (o.day, o.customer));
    let (Some(first), Some(last)) = (orders.iter().map(|o| o.month).min(), orders.iter().map(|o| o.month).max()) else {
        return (
            Health {
                months: Vec::new(),
                customers: 0,
                orders: 0,
                retention_rate: None,
                churn_rate: None,
                repurchase_rate: 0.0,
            },
            Vec::new(),
        );
    };
    let span = (last - first + 1) as usize;
    let customers = orders.iter().map(|o| o.customer as usize + 1).max().unwrap_or(0);
    // Per customer: orders so far, the month of the first, and the months bought in (a bit each).
    let mut count = vec![0_u32; customers];
    let mut cohort_of: Vec<Option<usize>> = vec![None; customers];
    let mut bought: Vec<Vec<bool>> = vec![Vec::new(); customers];
    let mut months: Vec<Month> = (0..span)
        .map(|m| Month {
            month: month_name(first + m as i32),
            active: 0,
            orders: 0,
            revenue: 0.0,
            retention_rate: None,
            churn_rate: None,
            repurchase_rate: 0.0,
            purchase_frequency: 0.0,
            average_order_value: 0.0,
            returning_revenue_share: 0.0,
        })
        .collect();
    let mut returning_revenue = vec![0.0; span];
    // Per month: customers whose first or second order it holds (for the repurchase rate at each
    // month's end), and customers active in it who were active in the month before (retention;
    // orders come in time order, so the month before is complete when this one is reached).
    let (mut first_orders, mut second_orders, mut retained) =
        (vec![0_usize; span], vec![0_usize; span], vec![0_usize; span]);
    for order in &orders {
        let (c, m) = (order.customer as usize, (order.month - first) as usize);
        let (Some(n), Some(seen), Some(month)) = (count.get_mut(c), bought.get_mut(c), months.get_mut(m)) else {
            continue;
        };
        if seen.is_empty() {
            *seen = vec![false; span];
            if let Some(slot) = cohort_of.get_mut(c) {
                *slot = Some(m);
            }
        }
        let before = m.checked_sub(1).and_then(|b| seen.get(b)).copied() == Some(true);
        if let Some(flag) = seen.get_mut(m) {
            if !*flag {
                *flag = true;
                month.active += 1;
                if let (true, Some(again)) = (before, retained.get_mut(m)) {
                    *again += 1;
                }
            }
        }
        month.orders += 1;
        month.revenue += order.value;
        if *n >= 1 {
            if let Some(r) = returning_revenue.get_mut(m) {
                *r += order.value;
            }
        }
        let counter = match *n {
            0 => first_orders.get_mut(m),
            1 => second_orders.get_mut(m),
            _ => None,
        };
        if let Some(counter) = counter {
            *counter += 1;
        }
        *n += 1;
    }
    let (mut by_then, mut twice_by_then) = (0, 0);
    let mut rates = Vec::new();
    let mut active_before = 0;
    for m in 0..span {
        by_then += first_orders.get(m).copied().unwrap_or(0);
        twice_by_then += second_orders.get(m).copied().unwrap_or(0);
        let Some(month) = months.get_mut(m) else { continue };
        month.repurchase_rate = share(twice_by_then, by_then);
        month.purchase_frequency = share(month.orders, month.active);
        month.average_order_value = if month.orders == 0 { 0.0 } else { month.revenue / month.orders as f64 };
        month.returning_revenue_share =
            if month.revenue > 0.0 { returning_revenue.get(m).copied().unwrap_or(0.0) / month.revenue } else { 0.0 };
        // The first month has no month before; a month after an empty one has nobody to retain.
        if m > 0 && active_before > 0 {
            let rate = share(retained.get(m).copied().unwrap_or(0), active_before);
            month.retention_rate = Some(rate);
            month.churn_rate = Some(1.0 - rate);
            rates.push(rate);
        }
        active_before = month.active;
    }
    let retention_rate = (!rates.is_empty()).then(|| rates.iter().sum::<f64>() / rates.len() as f64);
    let active_customers = count.iter().filter(|n| **n > 0).count();
    let health = Health {
        months,
        customers: active_customers,
        orders: orders.len(),
        retention_rate,
        churn_rate: retention_rate.map(|r| 1.0 - r),
        repurchase_rate: share(count.iter().filter(|n| **n >= 2).count(), active_customers),
    };

    let mut cohorts: Vec<(usize, Vec<usize>)> = (0..span).map(|_| (0, vec![0; span])).collect();
    for (c, seen) in bought.iter().enumerate() {
        let Some(Some(start)) = cohort_of.get(c) else { continue };
        let Some((size, buyers)) = cohorts.get_mut(*start) else { continue };
        *size += 1;
        for (k, slot) in buyers.iter_mut().enumerate() {
            if seen.get(start + k) == Some(&true) {
                *slot += 1;
            }
        }
    }
    let cohorts = cohorts
        .into_iter()
        .enumerate()
        .filter(|(_, (size, _))| *size > 0)
        .map(|(m, (size, buyers))| Cohort {
            month: month_name(first + m as i32),
            customers: size,
            retention: buyers.iter().take(span - m).map(|b| share(*b, size)).collect(),
        })
        .collect();
    (health, cohorts)
}
