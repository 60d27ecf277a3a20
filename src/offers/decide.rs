//! Arbitration: for one session at one moment, which offers show, where, and why the others do not.
//! Deterministic for a given session, config, moment and memory.

use super::memory::Memory;
use super::offer::{Offer, OfferConfig};
use super::template;
use crate::audience::{Facts, Miss};
use crate::format::{Formatter, Plural};
use crate::hash::stable_hash;
use crate::json::{child, index};
use crate::language::{Language, Localised};
use crate::loyalty::{self, Amount, MemberCard};
use crate::session::Session;
use crate::time::Timestamp;
use crate::words::{list, quoted};

/// Why an offer shows or does not.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// It shows.
    Shown,
    /// Outside its schedule.
    NotScheduled,
    /// Its audience excludes the shopper.
    Ineligible(Miss),
    /// The banner needs something the session lacks: a placeholder's value (`{first_name}`) or
    /// `customer.referral_url`.
    MissingValue(String),
    /// The shopper closed it before.
    Dismissed,
    /// The frequency cap is reached.
    Capped {
        /// Impressions today and in total.
        today: u32,
        /// Impressions in total.
        total: u32,
    },
    /// The shopper is in the control group.
    Holdout,
    /// Another offer of the same group shows instead.
    LostGroup(String),
    /// The placement is full with these offers.
    LostPlacement(Vec<String>),
}

impl Outcome {
    /// Whether the shopper qualifies (audience, schedule, texts), whatever arbitration decides.
    pub fn qualifies(&self) -> bool {
        !matches!(self, Outcome::NotScheduled | Outcome::Ineligible(_) | Outcome::MissingValue(_))
    }

    /// The reason in words, for the playground and the command line.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Shown => "shown".to_string(),
            Outcome::NotScheduled => "outside its schedule".to_string(),
            Outcome::Ineligible(miss) => format!("not in the audience: {}: {}", miss.path, miss.reason),
            Outcome::MissingValue(what) => format!("the session lacks {what}"),
            Outcome::Dismissed => "dismissed by the shopper".to_string(),
            Outcome::Capped { today, total } => format!("frequency cap reached ({today} today, {total} in total)"),
            Outcome::Holdout => "the shopper is in the holdout group".to_string(),
            Outcome::LostGroup(winner) => format!("lost its group to {}", quoted(winner)),
            Outcome::LostPlacement(winners) => {
                format!("its placement is full with {}", list(winners.iter().map(|w| quoted(w))))
            }
        }
    }
}

/// A banner ready to render: texts filled in for the shopper's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The offer's id.
    pub id: String,
    /// Its placement.
    pub placement: String,
    /// Its analytics variant label.
    pub variant: Option<String>,
    /// The headline.
    pub headline: String,
    /// The text; may be empty.
    pub body: String,
    /// The button, label and URL.
    pub cta: Option<(String, String)>,
    /// The image URL.
    pub image: Option<String>,
    /// The code to show.
    pub coupon_code: Option<String>,
    /// Stamp-card progress: stamps collected, stamps per reward.
    pub stamps: Option<(u32, u32)>,
    /// The shopper's referral link.
    pub referral_url: Option<String>,
}

impl Banner {
    /// The stamp card's progress in words, for its label and its picture's accessible name: "1 von 2
    /// Bestellungen", "2 of 3 orders"; the noun agrees with the stamps per reward (German's dative
    /// after "von": "1 von 1 Bestellung").
    pub fn stamps_label(&self, language: Language, format: &dyn Formatter) -> Option<String> {
        let (have, of) = self.stamps?;
        let one = format.plural(u64::from(of)) == Plural::One;
        let (between, noun) = match language {
            Language::De => (" von ", if one { "Bestellung" } else { "Bestellungen" }),
            Language::En => (" of ", if one { "order" } else { "orders" }),
        };
        // Stamps are a few, so their digits need no grouping from Intl.
        Some(format!("{have}{between}{of} {noun}"))
    }
}

/// The group a qualifying shopper is assigned to for an offer with a control group, whatever
/// arbitration, dismissals or caps then decide: what `patron report` compares (intention to treat).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Shown the offer when arbitration lets it show.
    Treatment,
    /// Never shown the offer.
    Holdout,
}

impl Group {
    /// The name in events and reports: `"treatment"` or `"holdout"`.
    pub fn name(self) -> &'static str {
        match self {
            Group::Treatment => "treatment",
            Group::Holdout => "holdout",
        }
    }
}

/// The decision for one offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The offer's id.
    pub id: String,
    /// Its placement.
    pub placement: String,
    /// Why it shows or not.
    pub outcome: Outcome,
    /// The banner, when the shopper qualifies (even if arbitration hides it, for previews).
    pub banner: Option<Banner>,
    /// The shopper's group when they qualify (audience, schedule and texts pass); `None` otherwise.
    /// Every qualifying shopper is in the treatment group of an offer without a holdout.
    pub group: Option<Group>,
}

/// Decides every offer of `config` for `session` at `now`.
///
/// `memory` holds the shopper's impressions and dismissals; `format` formats numbers and money in the
/// texts. Decisions come back in config order.
pub fn decide(
    session: &Session,
    config: OfferConfig,
    now: Timestamp,
    locale: &str,
    memory: &Memory,
    format: &dyn Formatter,
) -> Vec<Decision> {
    let (facts, card) = loyalty::facts(session, config.programme, config.default_language, now, locale);
    let mut decisions: Vec<Decision> = config
        .offers
        .iter()
        .enumerate()
        .map(|(i, offer)| {
            let path = index("offers", i);
            let (outcome, banner, group) =
                qualify(offer, &path, &facts, card.as_ref(), config.default_language, memory, format);
            Decision { id: offer.id.clone(), placement: offer.placement.clone(), outcome, banner, group }
        })
        .collect();

    // Arbitration among the offers still standing: priority, then specificity, then config order.
    let candidates: Vec<(usize, &Offer)> = config
        .offers
        .iter()
        .enumerate()
        .zip(&decisions)
        .filter(|(_, decision)| matches!(decision.outcome, Outcome::Shown))
        .map(|(candidate, _)| candidate)
        .collect();
    let standing = crate::rank::ordered(&candidates, |(_, offer)| {
        (-i64::from(offer.priority), -(offer.audience.as_ref().map_or(0, |a| a.specificity()) as i64))
    });
    let mut groups: Vec<(&str, &str)> = Vec::new();
    let mut placements: Vec<(&str, Vec<String>)> = Vec::new();
    for (i, offer) in standing {
        let group = offer.group.as_deref();
        let outcome = if let Some((_, winner)) = groups.iter().find(|(g, _)| Some(*g) == group) {
            Some(Outcome::LostGroup(winner.to_string()))
        } else {
            if !placements.iter().any(|(p, _)| *p == offer.placement) {
                placements.push((&offer.placement, Vec::new()));
            }
            let limit = config.max_per_placement(&offer.placement);
            match placements.iter_mut().find(|(p, _)| *p == offer.placement) {
                Some((_, shown)) if shown.len() >= limit => Some(Outcome::LostPlacement(shown.clone())),
                Some((_, shown)) => {
                    shown.push(offer.id.clone());
                    if let Some(group) = group {
                        groups.push((group, &offer.id));
                    }
                    None
                }
                None => None,
            }
        };
        if let (Some(outcome), Some(decision)) = (outcome, decisions.get_mut(i)) {
            decision.outcome = outcome;
        }
    }
    decisions
}

#[allow(clippy::too_many_arguments)] // One call site; a struct would only rename the list.
fn qualify(
    offer: &Offer,
    path: &str,
    facts: &Facts,
    card: Option<&MemberCard>,
    language: &str,
    memory: &Memory,
    format: &dyn Formatter,
) -> (Outcome, Option<Banner>, Option<Group>) {
    if offer.schedule.as_ref().is_some_and(|window| !window.contains(facts.now)) {
        return (Outcome::NotScheduled, None, None);
    }
    if let Some(audience) = &offer.audience {
        if let Err(miss) = audience.check(facts, &child(path, "audience")) {
            return (Outcome::Ineligible(miss), None, None);
        }
    }
    let banner = match banner(offer, facts, card, language, format) {
        Ok(banner) => banner,
        Err(Lacking(missing)) => return (Outcome::MissingValue(missing), None, None),
    };
    // The group is the shopper's whatever the memory says, so that both groups count everyone who
    // qualifies; dismissals and caps only come from the treatment group, which sees the offer.
    let group = if in_holdout(offer, facts) { Group::Holdout } else { Group::Treatment };
    let seen = memory.get(&offer.id, facts.today);
    let outcome = if seen.dismissed {
        Outcome::Dismissed
    } else if offer.frequency_cap.as_ref().is_some_and(|cap| {
        cap.per_day.is_some_and(|limit| seen.today >= limit) || cap.total.is_some_and(|limit| seen.total >= limit)
    }) {
        Outcome::Capped { today: seen.today, total: seen.total }
    } else if group == Group::Holdout {
        Outcome::Holdout
    } else {
        Outcome::Shown
    };
    (outcome, Some(banner), Some(group))
}

fn in_holdout(offer: &Offer, facts: &Facts) -> bool {
    match &facts.session.customer {
        Some(customer) if offer.holdout_percent > 0.0 => {
            let bucket = stable_hash(&["holdout", &offer.id, &customer.id]) % 10_000;
            (bucket as f64) < offer.holdout_percent * 100.0
        }
        _ => false,
    }
}

/// What a banner needs and the session lacks, as the marketer would look for it: a placeholder
/// (`{first_name}`) or a session field (`customer.referral_url`).
struct Lacking(String);

fn banner(
    offer: &Offer,
    facts: &Facts,
    card: Option<&MemberCard>,
    language: &str,
    format: &dyn Formatter,
) -> Result<Banner, Lacking> {
    let locale = facts.locale.as_str();
    let stamps = offer.stamp_card.as_ref().map(|stamp| ((facts.orders.len() as u32) % stamp.orders, stamp.orders));
    let value = |name: &str| -> Option<String> {
        match name {
            "first_name" => facts
                .personal
                .then(|| facts.session.customer.as_ref()?.first_name.clone())
                .flatten()
                .filter(|n| !n.trim().is_empty()),
            "points" => card.map(|c| format.number(c.balance as f64)),
            "tier" => card.and_then(|c| c.tier.as_ref()).map(|t| t.name.clone()),
            "next_tier" => card.and_then(|c| c.next_tier.as_ref()).map(|t| t.name.clone()),
            "amount_to_next_tier" => card.and_then(|c| c.next_tier.as_ref()).map(|t| match t.remaining {
                Amount::Money(money) => format.money(money),
                Amount::Points(points) => format.number(points as f64),
            }),
            "orders_to_reward" => stamps.map(|(have, per)| format.number(f64::from(per - have))),
            "stamps" => stamps.map(|(have, _)| format.number(f64::from(have))),
            "stamps_total" => stamps.map(|(_, per)| format.number(f64::from(per))),
            "coupon_code" => offer.coupon_code.clone(),
            "reward" => offer.reward_text(format),
            "days_since_last_order" => facts.orders.last().map(|o| {
                format.number(o.placed_at.at_offset(facts.now.offset_minutes()).date().days_until(facts.today) as f64)
            }),
            _ => None,
        }
    };
    let fill = |text: &Localised| {
        template::fill(text.get(locale, language), value).map_err(|name| Lacking(format!("{{{}}}", name.0)))
    };
    let referral_url = if offer.referral {
        let url = facts.session.customer.as_ref().and_then(|c| c.referral_url.clone());
        Some(url.ok_or_else(|| Lacking("customer.referral_url".to_string()))?)
    } else {
        None
    };
    Ok(Banner {
        id: offer.id.clone(),
        placement: offer.placement.clone(),
        variant: offer.variant.clone(),
        headline: fill(&offer.headline)?,
        body: if offer.body.0.is_empty() { String::new() } else { fill(&offer.body)? },
        cta: match (&offer.cta_label, &offer.cta_url) {
            (Some(label), Some(url)) => Some((fill(label)?, url.clone())),
            _ => None,
        },
        image: offer.image.clone(),
        coupon_code: offer.coupon_code.clone(),
        stamps,
        referral_url,
    })
}
