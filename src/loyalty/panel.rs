//! The rewards panel: what the shopper's points buy now, what comes next, what is locked and why,
//! how to earn more, and the badges with their progress — computed from the session, the programme
//! and the moment, like the card.
//!
//! Patron never holds the ledger: a reward is offered for redemption only when the session carries
//! the shop's points ledger (`points.balance`), since a balance computed from orders knows nothing
//! of points already spent.

use super::card::BalanceSource;
use super::programme::Programme;
use super::rewards::{Benefit, PointsReward};
use super::standing::facts;
use crate::audience::{Miss, Progress};
use crate::json::{child, index};
use crate::money::Money;
use crate::session::Session;
use crate::time::Timestamp;
use crate::words::{count, quoted};

/// What the rewards panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel<'a> {
    /// The programme's name in the shopper's language.
    pub programme: &'a str,
    /// The shopper's balance and tier; `None` for a guest or without consent.
    pub member: Option<PanelMember>,
    /// Whether rewards can be redeemed here, or why not.
    pub redeem: Redeem,
    /// Every reward, in display order: affordable (cheapest first), then not yet affordable, then
    /// redeemed up to their limit, then locked by tier.
    pub rewards: Vec<RewardView<'a>>,
    /// The programme's earn rule, for the "purchase" way to earn: points per currency unit.
    pub points_per_unit: f64,
    /// The ways to earn, in the config's order.
    pub ways_to_earn: Vec<EarnView<'a>>,
    /// The badges, in the config's order; empty without personal data.
    pub badges: Vec<BadgeView<'a>>,
    /// Where a guest signs in, when the config gives it.
    pub sign_in_url: Option<&'a str>,
}

/// The shopper's side of the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelMember {
    /// Points available now.
    pub balance: u64,
    /// Where the balance comes from.
    pub source: BalanceSource,
}

/// Whether the Redeem buttons are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redeem {
    /// The session carries the shop's ledger.
    Offered,
    /// The balance is computed from the orders: points already spent are unknown.
    NoLedger,
    /// Nobody is signed in.
    Guest,
    /// The shopper has not consented to personalisation.
    NoConsent,
}

impl Redeem {
    /// Why the Redeem buttons are missing, for the command line; `None` when they are offered.
    pub fn describe(self) -> Option<&'static str> {
        match self {
            Redeem::Offered => None,
            Redeem::NoLedger => Some(
                "Redeem is not offered: the session has no points ledger (points.balance), so the balance is computed from the orders and knows nothing of points already spent",
            ),
            Redeem::Guest => Some("Redeem is not offered: nobody is signed in (no customer in the session)"),
            Redeem::NoConsent => {
                Some("Redeem is not offered: the shopper has not consented to personalisation (consent.personalisation)")
            }
        }
    }
}

/// One reward as the shopper sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct RewardView<'a> {
    /// The config's id.
    pub id: &'a str,
    /// Its name in the shopper's language.
    pub name: &'a str,
    /// Its description, if any.
    pub description: Option<&'a str>,
    /// A perk's text, if it is one.
    pub perk: Option<&'a str>,
    /// The points it costs.
    pub cost_points: u64,
    /// The smallest order it applies to.
    pub min_order_value: Option<Money>,
    /// The name of the tier it needs, if any.
    pub min_tier: Option<&'a str>,
    /// Where the shopper stands with it.
    pub status: RewardStatus<'a>,
}

/// Where the shopper stands with a reward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RewardStatus<'a> {
    /// The balance covers it.
    Affordable,
    /// This many points are missing. The cheapest such reward is the panel's "next" one.
    Short {
        /// Points still missing.
        missing: u64,
        /// Whether it is the cheapest reward not yet affordable.
        next: bool,
    },
    /// The shopper's tier is below the one the reward needs.
    TierLocked {
        /// The needed tier's id.
        id: &'a str,
        /// Its name in the shopper's language.
        name: &'a str,
    },
    /// Redeemed as often as the reward allows, per the ledger's `redeemed` list.
    LimitReached(u32),
    /// No personal data: the reward is shown as part of the programme.
    Programme,
}

impl RewardStatus<'_> {
    /// The status in words, for the command line.
    pub fn describe(&self) -> String {
        match self {
            RewardStatus::Affordable => "affordable".to_string(),
            RewardStatus::Short { missing, next } => format!(
                "{} short{}",
                count(*missing as i64, "point", "points"),
                if *next { " (the next reward)" } else { "" }
            ),
            RewardStatus::TierLocked { id, .. } => format!("locked: needs tier {}", quoted(id)),
            RewardStatus::LimitReached(limit) => {
                format!("limit reached: redeemed {limit} of {}", count(i64::from(*limit), "time", "times"))
            }
            RewardStatus::Programme => "no personal data".to_string(),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            RewardStatus::Affordable | RewardStatus::Programme => 0,
            RewardStatus::Short { .. } => 1,
            RewardStatus::LimitReached(_) => 2,
            RewardStatus::TierLocked { .. } => 3,
        }
    }
}

/// A way to earn points.
#[derive(Clone, Debug, PartialEq)]
pub struct EarnView<'a> {
    /// What earns.
    pub kind: super::rewards::EarnKind,
    /// The points; `None` for purchases, which earn at the programme's rate.
    pub points: Option<u64>,
    /// The config's words, if any.
    pub label: Option<&'a str>,
}

/// One badge.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeView<'a> {
    /// The config's id.
    pub id: &'a str,
    /// Its name in the shopper's language.
    pub name: &'a str,
    /// What earns it.
    pub description: &'a str,
    /// Whether its condition holds, or the condition that fails.
    pub earned: Result<(), Miss>,
    /// Progress towards a single numeric condition.
    pub progress: Option<Progress>,
}

/// A redemption the shop confirmed on this page, before the page hands over its new ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spent {
    /// The reward's id.
    pub reward_id: String,
    /// The points it cost.
    pub cost_points: u64,
    /// The balance the shop answered with, if it did; otherwise the cost is taken off.
    pub balance: Option<u64>,
}

/// Computes the rewards panel for a session at `now`, with texts in `locale`; `spent` are the
/// redemptions confirmed since the session was given (the widget's; empty elsewhere).
///
/// A session in another currency than the programme's gets the programme's panel, as the card
/// falls back to the programme card.
pub fn panel<'a>(
    session: &Session,
    programme: &'a Programme,
    language: &'a str,
    now: Timestamp,
    locale: &str,
    spent: &[Spent],
) -> Panel<'a> {
    let text = |t: &'a crate::language::Localised| t.get(locale, language);
    let (facts, mut member) = facts(session, programme, language, now, locale);
    if let Some(card) = member.as_mut() {
        for redemption in spent {
            card.balance = redemption.balance.unwrap_or(card.balance.saturating_sub(redemption.cost_points));
        }
    }
    let redeem = match (&session.customer, session.personalised(), &member) {
        (None, _, _) => Redeem::Guest,
        (Some(_), false, _) => Redeem::NoConsent,
        (Some(_), true, Some(card)) if card.balance_source == BalanceSource::Ledger => Redeem::Offered,
        _ => Redeem::NoLedger,
    };
    // Each reward's redemptions, counted in one pass over the ledger through a table of the
    // programme's reward ids, where scanning every redemption once per reward froze a tab for 5.7 s
    // with 10,000 limited rewards and 100,000 redemptions (issue 32).
    let table = RewardTable::new(&programme.rewards);
    let mut counts = vec![0_usize; programme.rewards.len()];
    let ledger = session.points.iter().flat_map(|ledger| ledger.redeemed.iter().map(|r| r.reward_id.as_str()));
    for id in ledger.chain(spent.iter().map(|r| r.reward_id.as_str())) {
        if let Some(count) = table.find(&programme.rewards, id).and_then(|i| counts.get_mut(i)) {
            *count += 1;
        }
    }
    let redeemed =
        |id: &str| -> usize { table.find(&programme.rewards, id).and_then(|i| counts.get(i).copied()).unwrap_or(0) };
    let tier_held = facts.standing.and_then(|s| s.tier);
    let tier_name =
        |id: &'a String| programme.tiers.iter().find(|t| t.id == *id).map_or(id.as_str(), |t| text(&t.name));
    let status = |reward: &'a PointsReward| -> RewardStatus<'a> {
        let Some(card) = &member else { return RewardStatus::Programme };
        if let Some(needed) = &reward.min_tier {
            let wanted = programme.tiers.iter().position(|t| t.id == *needed);
            if tier_held.is_none_or(|held| wanted.is_some_and(|wanted| held < wanted)) {
                return RewardStatus::TierLocked { id: needed, name: tier_name(needed) };
            }
        }
        if let Some(limit) = reward.limit_per_customer {
            if redeemed(&reward.id) >= limit as usize {
                return RewardStatus::LimitReached(limit);
            }
        }
        match reward.cost_points.checked_sub(card.balance) {
            None | Some(0) => RewardStatus::Affordable,
            Some(missing) => RewardStatus::Short { missing, next: false },
        }
    };
    let rewards: Vec<RewardView> = programme
        .rewards
        .iter()
        .map(|reward| RewardView {
            id: &reward.id,
            name: text(&reward.name),
            description: reward.description.as_ref().map(text),
            perk: match &reward.reward {
                Benefit::Perk { text: perk } => Some(text(perk)),
                _ => None,
            },
            cost_points: reward.cost_points,
            min_order_value: reward.min_order_value,
            min_tier: reward.min_tier.as_ref().map(&tier_name),
            status: status(reward),
        })
        .collect();
    // Equal costs keep the config's order.
    let mut rewards =
        crate::rank::sorted(rewards, |reward| (i64::from(reward.status.rank()), reward.cost_points as i64));
    if let Some(RewardStatus::Short { next, .. }) =
        rewards.iter_mut().map(|r| &mut r.status).find(|s| matches!(s, RewardStatus::Short { .. }))
    {
        *next = true;
    }
    let badges = if member.is_some() {
        programme
            .badges
            .iter()
            .enumerate()
            .map(|(i, badge)| BadgeView {
                id: &badge.id,
                name: text(&badge.name),
                description: text(&badge.description),
                earned: badge.condition.check(&facts, &child(&index("programme.badges", i), "condition")),
                progress: badge.condition.progress(&facts),
            })
            .collect()
    } else {
        Vec::new()
    };
    Panel {
        programme: text(&programme.name),
        member: member.map(|card| PanelMember { balance: card.balance, source: card.balance_source }),
        redeem,
        rewards,
        points_per_unit: programme.earn.points_per_unit,
        ways_to_earn: programme
            .ways_to_earn
            .iter()
            .map(|way| EarnView { kind: way.kind, points: way.points, label: way.label.as_ref().map(text) })
            .collect(),
        badges,
        sign_in_url: programme
            .sign_in_url
            .as_deref()
            .filter(|url| session.customer.is_none() && crate::url::is_safe_url(url)),
    }
}

/// The programme's rewards by id: an open-addressing table at most half full, so that a redemption
/// finds its reward in about one step, whatever the number of rewards.
struct RewardTable {
    slots: Vec<Option<usize>>,
}

impl RewardTable {
    fn new(rewards: &[PointsReward]) -> RewardTable {
        let size = (rewards.len() * 2).next_power_of_two();
        let mut table = RewardTable { slots: vec![None; size] };
        for (i, reward) in rewards.iter().enumerate() {
            let at = table.slot(rewards, &reward.id);
            if let Some(slot @ None) = table.slots.get_mut(at) {
                *slot = Some(i);
            }
        }
        table
    }

    /// The slot holding `id`, or the empty slot where it would go.
    fn slot(&self, rewards: &[PointsReward], id: &str) -> usize {
        let mask = self.slots.len().saturating_sub(1);
        let mut at = crate::hash::stable_hash(&[id]) as usize & mask;
        // At most half full: an empty slot always ends the walk.
        while let Some(Some(i)) = self.slots.get(at) {
            if rewards.get(*i).is_some_and(|r| r.id == id) {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    /// The index of the reward with this id.
    fn find(&self, rewards: &[PointsReward], id: &str) -> Option<usize> {
        self.slots.get(self.slot(rewards, id)).copied().flatten()
    }
}
