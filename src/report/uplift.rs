//! Offers against their control groups: the difference between the customers assigned to an offer
//! and those held out, with a 95 % interval and a verdict in plain words. Statistics only; which
//! customers were assigned, and whether they bought, comes from the caller.
//!
//! - Conversion: the difference of two proportions, with Newcombe's hybrid score interval (his
//!   method 10, from the two Wilson intervals: Newcombe, "Interval estimation for the difference
//!   between independent proportions", Statistics in Medicine, 1998), which keeps its coverage for
//!   small groups and rare conversions, where the textbook Wald interval does not.
//! - Revenue per customer: the difference of two means with Welch's interval (unequal variances;
//!   statrs's Student t).
//! - Without evidence either way, the customers each group would need to see a 2-point effect, at
//!   the conversion of everyone assigned (treatment and holdout: a holdout of a few customers says
//!   little about the shop's conversion), and only once [`MIN_HOLDOUT`] customers were held out.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// z for a two-sided 95 % interval.
const Z: f64 = 1.959_963_984_540_054;

/// z for 80 % power, the usual when sizing an experiment.
const Z_POWER: f64 = 0.841_621_233_572_914_3;

/// An estimate with its 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// The estimate.
    pub estimate: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
}

/// Wilson's score interval for `successes` of `n`; `None` for an empty group.
pub fn wilson(successes: u64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let (x, n) = (successes as f64, n as f64);
    let p = x / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval { estimate: p, low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
}

/// The difference `x1/n1 − x2/n2` with Newcombe's hybrid score interval; `None` when a group is
/// empty.
pub fn newcombe(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<Interval> {
    let (a, b) = (wilson(x1, n1)?, wilson(x2, n2)?);
    let d = a.estimate - b.estimate;
    Some(Interval {
        estimate: d,
        low: d - ((a.estimate - a.low).powi(2) + (b.high - b.estimate).powi(2)).sqrt(),
        high: d + ((a.high - a.estimate).powi(2) + (b.estimate - b.low).powi(2)).sqrt(),
    })
}

/// The difference of the means of `a` and `b` with Welch's interval; `None` with fewer than two
/// values on either side.
pub fn welch(a: &[f64], b: &[f64]) -> Option<Interval> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let moments = |v: &[f64]| {
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let variance = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (n, mean, variance)
    };
    let ((na, ma, va), (nb, mb, vb)) = (moments(a), moments(b));
    let (sa, sb) = (va / na, vb / nb);
    let se = (sa + sb).sqrt();
    let d = ma - mb;
    if se == 0.0 {
        return Some(Interval { estimate: d, low: d, high: d });
    }
    let df = (sa + sb).powi(2) / (sa * sa / (na - 1.0) + sb * sb / (nb - 1.0));
    let t = StudentsT::new(0.0, 1.0, df).ok()?.inverse_cdf(0.975);
    Some(Interval { estimate: d, low: d - t * se, high: d + t * se })
}

/// Customers needed in each group to see an `effect` (a difference in conversion, 0.02 for two
/// points) on a `baseline` conversion, at 95 % confidence and 80 % power.
pub fn needed_per_group(baseline: f64, effect: f64) -> u64 {
    let treated = (baseline + effect).clamp(0.0, 1.0);
    let variance = baseline * (1.0 - baseline) + treated * (1.0 - treated);
    ((Z + Z_POWER).powi(2) * variance / (effect * effect)).ceil() as u64
}

/// An offer's two assigned groups: customers, and how many of them converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Groups {
    /// Customers assigned to see the offer.
    pub treatment: u64,
    /// Of them, those who converted.
    pub converted_treatment: u64,
    /// Customers held out.
    pub holdout: u64,
    /// Of them, those who converted.
    pub converted_holdout: u64,
}

/// Held-out customers below which the report gives no sample size: with fewer, the holdout's
/// conversion says too little about the shop's to size an experiment on.
pub const MIN_HOLDOUT: u64 = 30;

/// The effect the report sizes experiments for: 2 points of conversion.
const EFFECT: f64 = 0.02;

impl Groups {
    /// The conversion of every customer assigned, treatment and holdout together: the baseline the
    /// sample size is computed on. `None` when nobody was assigned.
    pub fn baseline(&self) -> Option<f64> {
        let assigned = self.treatment + self.holdout;
        (assigned > 0).then(|| (self.converted_treatment + self.converted_holdout) as f64 / assigned as f64)
    }
}

/// What the report knows of an offer's configured holdout, to say why nobody was held out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Holdout {
    /// The config's `holdout_percent` for the offer, 0 to 100 (0: the offer has no holdout).
    Percent(f64),
    /// A config was given, but it does not have the offer.
    NotInConfig,
    /// No config was given.
    NoConfig,
}

/// "raises conversion by 2.1 points (0.4 to 3.8)", "no evidence yet: …" with the sample size it
/// would take (once at least [`MIN_HOLDOUT`] customers were held out), or, without held-out
/// customers, why no claim can be made.
pub fn verdict(groups: &Groups, holdout: Holdout) -> String {
    let points = |x: f64| format!("{:.1}", x * 100.0);
    const NO_CLAIM: &str = "reach and clicks only, no claim about the effect";
    if groups.holdout == 0 {
        return match holdout {
            Holdout::Percent(percent) if percent > 0.0 => {
                format!("holdout configured ({percent} %), nobody held out yet: {NO_CLAIM}")
            }
            Holdout::Percent(_) => format!("no holdout group: {NO_CLAIM}"),
            Holdout::NotInConfig => format!("nobody held out: {NO_CLAIM} (the config does not have this offer)"),
            Holdout::NoConfig => format!(
                "nobody held out: {NO_CLAIM} (without --config the report cannot tell whether the offer has a holdout)"
            ),
        };
    }
    if groups.treatment == 0 {
        return "nobody was assigned to the offer yet".to_string();
    }
    let Some(d) = newcombe(groups.converted_treatment, groups.treatment, groups.converted_holdout, groups.holdout)
    else {
        return "nobody was assigned to the offer yet".to_string();
    };
    let range = format!("({} to {})", points(d.low), points(d.high));
    if d.low > 0.0 {
        format!("raises conversion by {} points {range}", points(d.estimate))
    } else if d.high < 0.0 {
        format!("lowers conversion by {} points {range}", points(-d.estimate))
    } else if groups.holdout < MIN_HOLDOUT {
        format!(
            "no evidence yet {range}: only {} held out; the holdout needs at least {MIN_HOLDOUT} before the report can say how many customers it takes to see a 2-point effect",
            if groups.holdout == 1 { "1 customer".to_string() } else { format!("{} customers", groups.holdout) }
        )
    } else {
        let baseline = groups.baseline().unwrap_or(0.0);
        format!(
            "no evidence yet {range}: about {} customers per group needed to see a 2-point effect on a baseline conversion of {:.1} %",
            thousands(needed_per_group(baseline, EFFECT)),
            baseline * 100.0
        )
    }
}

/// 3100 as "3,100".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
