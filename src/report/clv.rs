//! Customer lifetime value with the standard "Buy Till You Die" pair: the BG/NBD model for the
//! number of future purchases (Fader, Hardie & Lee, "Counting Your Customers the Easy Way", 2005)
//! and the Gamma-Gamma model for their value (Fader & Hardie, "The Gamma-Gamma Model of Monetary
//! Value", 2013). Both are fitted by maximum likelihood: Nelder-Mead (argmin) over the logarithms of
//! the parameters, which keeps them positive; the log-gamma function comes from statrs.
//!
//! Time is in whatever unit the summaries are given in; `patron report` fits in weeks, as the papers
//! do. The CDNOW fits in tests/clv.rs hold these to the published figures.

use crate::error::Error;
use argmin::core::{CostFunction, Error as ArgminError, Executor};
use argmin::solver::neldermead::NelderMead;
use statrs::function::gamma::ln_gamma;

/// One customer's purchases, summarised as both models read them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// Repeat purchases: purchases after the first (the papers' x).
    pub frequency: f64,
    /// Time from the first purchase to the last (t_x; 0 without repeat purchases).
    pub recency: f64,
    /// Time from the first purchase to the end of the observation (T).
    pub age: f64,
    /// The mean value of the repeat purchases (m̄; unused without repeat purchases).
    pub monetary: f64,
}

/// The BG/NBD model's parameters: purchase rates are gamma(r, α) across customers, dropout
/// probabilities beta(a, b).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgNbd {
    /// Shape of the purchase rates.
    pub r: f64,
    /// Scale of the purchase rates.
    pub alpha: f64,
    /// First shape of the dropout probabilities.
    pub a: f64,
    /// Second shape of the dropout probabilities.
    pub b: f64,
}

/// The Gamma-Gamma model's parameters: a purchase's value is gamma(p, ν) for a customer whose ν is
/// gamma(q, γ) across customers (γ is written `v` here, as the papers' tables do).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GammaGamma {
    /// Shape of a purchase's value.
    pub p: f64,
    /// Shape of the customers' scales.
    pub q: f64,
    /// Scale of the customers' scales.
    pub v: f64,
}

/// ln(e^x + e^y) without overflow.
fn log_add_exp(x: f64, y: f64) -> f64 {
    let high = x.max(y);
    if high == f64::NEG_INFINITY {
        return high;
    }
    high + ((x - high).exp() + (y - high).exp()).ln()
}

impl BgNbd {
    /// One customer's log-likelihood (the paper's equation 6, in logarithms).
    pub fn log_likelihood(&self, s: &Summary) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = s.frequency;
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
        let a3 = -(r + x) * (alpha + s.age).ln();
        let a4 =
            if x > 0.0 { a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + s.recency).ln() } else { f64::NEG_INFINITY };
        a1 + a2 + log_add_exp(a3, a4)
    }

    /// The probability that the customer has not dropped out.
    pub fn probability_alive(&self, s: &Summary) -> f64 {
        if s.frequency == 0.0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = s.frequency;
        let odds = a / (b + x - 1.0) * ((alpha + s.age) / (alpha + s.recency)).powf(r + x);
        1.0 / (1.0 + odds)
    }

    /// The expected number of purchases in the next `t` (the paper's equation 10).
    pub fn expected_purchases(&self, s: &Summary, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = s.frequency;
        let ratio = (alpha + s.age) / (alpha + s.age + t);
        let hyp = hyp2f1(r + x, b + x, a + b + x - 1.0, t / (alpha + s.age + t));
        let numerator = (a + b + x - 1.0) / (a - 1.0) * (1.0 - ratio.powf(r + x) * hyp);
        let dropout =
            if x > 0.0 { a / (b + x - 1.0) * ((alpha + s.age) / (alpha + s.recency)).powf(r + x) } else { 0.0 };
        numerator / (1.0 + dropout)
    }

    /// The maximum-likelihood fit.
    ///
    /// # Errors
    /// No customers, or an optimiser that did not finish.
    pub fn fit(customers: &[Summary]) -> Result<BgNbd, Error> {
        let model = |[r, alpha, a, b]: [f64; 4]| BgNbd { r: r.exp(), alpha: alpha.exp(), a: a.exp(), b: b.exp() };
        let n = customers.len() as f64;
        let distinct = distinct(customers);
        let best = maximise(
            |p| distinct.iter().map(|(s, count)| count * model(p).log_likelihood(s)).sum::<f64>() / n,
            customers.len(),
        )?;
        Ok(model(best))
    }
}

impl GammaGamma {
    /// One customer's log-likelihood, from the mean value of their repeat purchases.
    pub fn log_likelihood(&self, s: &Summary) -> f64 {
        let GammaGamma { p, q, v } = *self;
        let (x, m) = (s.frequency, s.monetary);
        ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q) + q * v.ln() + (p * x - 1.0) * m.ln() + p * x * x.ln()
            - (p * x + q) * (x * m + v).ln()
    }

    /// The expected value of the customer's future purchases: the population's mean blended with
    /// the customer's own, by how many purchases the customer has made.
    pub fn expected_value(&self, s: &Summary) -> f64 {
        let GammaGamma { p, q, v } = *self;
        let x = s.frequency;
        let population = p * v / (q - 1.0);
        if x == 0.0 {
            return population;
        }
        let weight = p * x / (p * x + q - 1.0);
        (1.0 - weight) * population + weight * s.monetary
    }

    /// The maximum-likelihood fit, on the customers with repeat purchases and a positive value.
    ///
    /// # Errors
    /// No such customers, or an optimiser that did not finish.
    pub fn fit(customers: &[Summary]) -> Result<GammaGamma, Error> {
        let repeat: Vec<Summary> =
            customers.iter().copied().filter(|s| s.frequency > 0.0 && s.monetary > 0.0).collect();
        let model = |[p, q, v]: [f64; 3]| GammaGamma { p: p.exp(), q: q.exp(), v: v.exp() };
        let n = repeat.len() as f64;
        let distinct = distinct(&repeat);
        let best = maximise(
            |p| distinct.iter().map(|(s, count)| count * model(p).log_likelihood(s)).sum::<f64>() / n,
            repeat.len(),
        )?;
        Ok(model(best))
    }
}

/// Each distinct summary once, with how many customers share it: the likelihood is computed once
/// per summary, which matters for shops whose customers buy on the same few days.
fn distinct(customers: &[Summary]) -> Vec<(Summary, f64)> {
    let mut seen: std::collections::HashMap<[u64; 4], usize> = std::collections::HashMap::new();
    let mut out: Vec<(Summary, f64)> = Vec::new();
    for s in customers {
        let key = [s.frequency, s.recency, s.age, s.monetary].map(f64::to_bits);
        match seen.get(&key).and_then(|i| out.get_mut(*i)) {
            Some((_, count)) => *count += 1.0,
            None => {
                seen.insert(key, out.len());
                out.push((*s, 1.0));
            }
        }
    }
    out
}

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power series (statrs has
/// none). The BG/NBD expectation needs it with z = t / (α + T + t), below 1.
fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let (mut term, mut sum) = (1.0, 1.0);
    for n in 0..10_000 {
        let n = f64::from(n);
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if term.abs() < 1e-15 * sum.abs() {
            break;
        }
    }
    sum
}

/// The negative log-likelihood, for argmin, which minimises.
struct Negative<'a, const N: usize, F: Fn([f64; N]) -> f64> {
    log_likelihood: &'a F,
}

impl<const N: usize, F: Fn([f64; N]) -> f64> CostFunction for Negative<'_, N, F> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, parameters: &Self::Param) -> Result<f64, ArgminError> {
        let Ok(point) = <[f64; N]>::try_from(parameters.as_slice()) else { return Ok(f64::MAX) };
        let value = -(self.log_likelihood)(point);
        // A likelihood that cannot be computed at these parameters is as bad as it gets.
        Ok(if value.is_finite() { value } else { f64::MAX })
    }
}

/// The logarithms of the `N` parameters that maximise `log_likelihood` (a mean per customer, so that
/// the tolerance means the same for any number of customers), from all parameters at 1;
/// restarted from the best point until it stops improving, as Nelder-Mead can stall on a ridge.
fn maximise<const N: usize>(log_likelihood: impl Fn([f64; N]) -> f64, customers: usize) -> Result<[f64; N], Error> {
    let dimensions = N;
    if customers == 0 {
        return Err(Error::export("no customers to fit the model to"));
    }
    let mut best = vec![0.0; dimensions];
    let mut best_cost = f64::MAX;
    for _ in 0..10 {
        let mut simplex = vec![best.clone()];
        for i in 0..dimensions {
            let mut vertex = best.clone();
            if let Some(value) = vertex.get_mut(i) {
                *value += 0.5;
            }
            simplex.push(vertex);
        }
        let solver = NelderMead::new(simplex).with_sd_tolerance(1e-11).map_err(|e| Error::export(e.to_string()))?;
        let result = Executor::new(Negative { log_likelihood: &log_likelihood }, solver)
            .configure(|state| state.max_iters(5_000))
            .run()
            .map_err(|e| Error::export(format!("the fit did not finish: {e}")))?;
        let cost = result.state().best_cost;
        let Some(point) = result.state().best_param.clone() else { break };
        let improved = cost < best_cost - 1e-10;
        (best, best_cost) = (point, cost.min(best_cost));
        if !improved {
            break;
        }
    }
    <[f64; N]>::try_from(best.as_slice()).map_err(|_| Error::export("the fit lost a parameter"))
}

/// Fewer customers than this are too few for the two models' seven parameters.
pub const MIN_CUSTOMERS: usize = 100;

/// One customer's value: what they spent, and what the models expect of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CustomerValue {
    /// The customer's number.
    pub customer: u32,
    /// What they spent in the period (historical value).
    pub historical: f64,
    /// The probability that they have not dropped out.
    pub probability_alive: f64,
    /// Purchases expected over the horizon.
    pub expected_purchases: f64,
    /// Expected value per purchase.
    pub expected_value: f64,
    /// Expected purchases × expected value: the predicted value over the horizon, discounted when
    /// the valuation has a discount rate.
    pub predicted: f64,
}

/// Both models fitted to a shop's customers, and each customer's value.
#[derive(Clone, Debug, PartialEq)]
pub struct Valuation {
    /// The purchase model.
    pub bgnbd: BgNbd,
    /// The value model.
    pub gamma_gamma: GammaGamma,
    /// The horizon of the predictions, in weeks.
    pub horizon_weeks: f64,
    /// The yearly rate the predicted values are discounted at (0: none).
    pub discount_rate: f64,
    /// Per customer, in the order of their numbers.
    pub customers: Vec<CustomerValue>,
}

/// Each customer's summary in weeks as of `end_day` (days since 1970-01-01), from their orders, and
/// what they spent: purchases are counted per calendar day, as the papers do (two orders on one day
/// are one purchase of their summed value).
pub fn summaries(orders: &[super::health::Order], end_day: i64) -> Vec<(u32, Summary, f64)> {
    let mut days: Vec<(u32, i64, f64)> = orders.iter().map(|o| (o.customer, o.day, o.value)).collect();
    days.sort_by_key(|&(customer, day, _)| (customer, day));
    let mut out: Vec<(u32, Summary, f64)> = Vec::new();
    let mut i = 0;
    while let Some(&(customer, first_day, _)) = days.get(i) {
        let mut purchases: Vec<(i64, f64)> = Vec::new();
        while let Some(&(c, day, value)) = days.get(i) {
            if c != customer {
                break;
            }
            match purchases.last_mut() {
                Some((last, total)) if *last == day => *total += value,
                _ => purchases.push((day, value)),
            }
            i += 1;
        }
        let last_day = purchases.last().map_or(first_day, |(d, _)| *d);
        let repeat: Vec<f64> = purchases.iter().skip(1).map(|(_, v)| *v).collect();
        let spent = purchases.iter().map(|(_, v)| v).sum();
        let summary = Summary {
            frequency: repeat.len() as f64,
            recency: (last_day - first_day) as f64 / 7.0,
            age: (end_day - first_day) as f64 / 7.0,
            monetary: if repeat.is_empty() { 0.0 } else { repeat.iter().sum::<f64>() / repeat.len() as f64 },
        };
        out.push((customer, summary, spent));
    }
    out
}

/// The value of `expected_value` per purchase over `horizon_weeks`, each week's expected purchases
/// discounted at `annual_rate` (0.1 for 10 % a year) to the week they fall in, as `lifetimes`'
/// `customer_lifetime_value` does per period; undiscounted when the rate is 0.
pub fn discounted_value(model: &BgNbd, s: &Summary, expected_value: f64, horizon_weeks: f64, annual_rate: f64) -> f64 {
    if annual_rate == 0.0 {
        return model.expected_purchases(s, horizon_weeks) * expected_value;
    }
    let (mut total, mut before, mut week) = (0.0, 0.0, 0.0_f64);
    while week < horizon_weeks {
        week = (week + 1.0).min(horizon_weeks);
        let by_then = model.expected_purchases(s, week);
        total += (by_then - before) * expected_value / (1.0 + annual_rate).powf(week / 52.0);
        before = by_then;
    }
    total
}

/// Fits both models to the customers of `orders` as of `end_day`, and predicts each one's value over
/// `horizon_weeks`, discounted at `annual_discount_rate` (0 for none).
///
/// # Errors
/// Too few customers, or customers without repeat purchases, for a fit.
pub fn value(
    orders: &[super::health::Order],
    end_day: i64,
    horizon_weeks: f64,
    annual_discount_rate: f64,
) -> Result<Valuation, Error> {
    let customers = summaries(orders, end_day);
    if customers.len() < MIN_CUSTOMERS {
        return Err(Error::export(format!(
            "the models need at least {MIN_CUSTOMERS} customers to be fitted, and the period has {}",
            customers.len()
        )));
    }
    let plain: Vec<Summary> = customers.iter().map(|(_, s, _)| *s).collect();
    let bgnbd = BgNbd::fit(&plain)?;
    let gamma_gamma = GammaGamma::fit(&plain)?;
    // A parameter that ran off towards 0 or infinity means the data do not pin the model down (too
    // few repeat purchases, or none lost): its predictions would be noise.
    let fitted = [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, gamma_gamma.p, gamma_gamma.q, gamma_gamma.v];
    if fitted.iter().any(|p| !(1e-4..=1e4).contains(p)) || gamma_gamma.q <= 1.0 || bgnbd.a <= 1e-3 {
        return Err(Error::export(format!(
            "the models do not fit these customers (BG/NBD r {:.3}, α {:.3}, a {:.3}, b {:.3}; Gamma-Gamma p {:.3}, q {:.3}, ν {:.3}): too few repeat purchases to tell",
            bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, gamma_gamma.p, gamma_gamma.q, gamma_gamma.v
        )));
    }
    let customers = customers
        .iter()
        .map(|(customer, s, spent)| {
            let expected_purchases = bgnbd.expected_purchases(s, horizon_weeks);
            let expected_value = gamma_gamma.expected_value(s);
            CustomerValue {
                customer: *customer,
                historical: *spent,
                probability_alive: bgnbd.probability_alive(s),
                expected_purchases,
                expected_value,
                predicted: discounted_value(&bgnbd, s, expected_value, horizon_weeks, annual_discount_rate),
            }
        })
        .collect();
    Ok(Valuation { bgnbd, gamma_gamma, horizon_weeks, discount_rate: annual_discount_rate, customers })
}
