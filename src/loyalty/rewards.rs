//! What the programme's points buy, how to earn more, and the badges a shopper collects: the
//! config's `programme.rewards`, `programme.ways_to_earn` and `programme.badges`, as the marketer
//! writes them, with the checks a config must pass.
//!
//! The shop's ledger stays authoritative: Patron shows the rewards and asks for a redemption; the
//! shop's backend deducts the points and issues the code.

#[cfg(decodes_rewards)]
use crate::audience::decode_condition;
use crate::audience::Condition;
#[cfg(decodes_rewards)]
use crate::error::Problem;
#[cfg(decodes_rewards)]
use crate::json::{child, index, named, show, Decode, Decoder, Value};
#[cfg(decodes_rewards)]
use crate::language::check_text;
use crate::language::Localised;
use crate::money::Money;
#[cfg(decodes_rewards)]
use crate::words::quoted;

/// Something the shopper can spend points on.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct PointsReward {
    /// A stable id, used in events and in the ledger's `redeemed` list: letters, digits, `-`, `_`.
    pub id: String,
    /// What the shopper sees, such as "5 € Rabatt".
    pub name: Localised,
    /// A line more, such as the conditions.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Localised>,
    /// The points it costs, at least 1.
    #[cfg_attr(schema, schemars(range(min = 1)))]
    pub cost_points: u64,
    /// What the shopper gets.
    pub reward: Benefit,
    /// Only shoppers in this tier or a higher one may redeem it (a tier id of the programme).
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_tier: Option<String>,
    /// The smallest order it applies to, shown as a condition; the shop's checkout enforces it.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_order_value: Option<Money>,
    /// How often one customer may redeem it, counted from the ledger's `redeemed` list.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(schema, schemars(range(min = 1)))]
    pub limit_per_customer: Option<u32>,
}

/// What a reward gives, in the offers' vocabulary, and perks. In JSON:
/// `{"type": "fixed_amount", "amount": 5}` or `{"type": "perk", "text": {"de": "…"}}`.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(tag = "type", rename_all = "snake_case"))]
pub enum Benefit {
    /// An amount off, in currency units.
    FixedAmount {
        /// The amount.
        amount: f64,
    },
    /// A percentage off, more than 0 and at most 100.
    PercentOff {
        /// The percentage.
        percent: f64,
    },
    /// Free shipping.
    FreeShipping,
    /// A free product.
    FreeGift {
        /// The gift's SKU.
        sku: String,
    },
    /// Anything else the shop does for the shopper: a maintenance visit, a staff training.
    Perk {
        /// What it is, in words.
        text: Localised,
    },
}

/// Something the shopper can do for points, shown beside the rewards. Display only: the shop's
/// ledger awards the points.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct WayToEarn {
    /// What earns.
    #[cfg_attr(schema, serde(rename = "type"))]
    pub kind: EarnKind,
    /// The points it earns; not for `purchase`, whose points come from `programme.earn`.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub points: Option<u64>,
    /// The words shown; Patron's own wording when absent, except for `custom`, which needs them.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub label: Option<Localised>,
}

/// What earns points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
pub enum EarnKind {
    /// Every purchase, at the programme's earn rule.
    Purchase,
    /// Creating an account.
    SignUp,
    /// The birthday.
    Birthday,
    /// A friend's first order through the shopper's referral link.
    Referral,
    /// A product review.
    Review,
    /// Anything else, in the label's words.
    Custom,
}

/// An achievement, earned when its condition holds (the offers' audience conditions).
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Badge {
    /// A stable id: letters, digits, `-`, `_`.
    pub id: String,
    /// Its name, such as "Stammgast".
    pub name: Localised,
    /// What earns it, in words.
    #[cfg_attr(schema, serde(default))]
    pub description: Localised,
    /// When it is earned, such as `{"orders_at_least": 10}`.
    pub condition: Condition,
}

#[cfg(decodes_rewards)]
/// Every rule the rewards, the ways to earn and the badges break, in document order; `tiers` are the
/// programme's tier ids.
pub(crate) fn problems(
    rewards: &[PointsReward],
    ways: &[WayToEarn],
    badges: &[Badge],
    tiers: &[&str],
    default: &str,
    problems: &mut Vec<Problem>,
) {
    for (i, reward) in rewards.iter().enumerate() {
        let path = index("programme.rewards", i);
        let earlier = rewards.iter().take(i).map(|r| r.id.as_str());
        check_id(&reward.id, earlier, "programme.rewards", &path, "reward", problems);
        reward.problems(&path, tiers, default, problems);
    }
    for (i, way) in ways.iter().enumerate() {
        let earlier = ways.iter().take(i).position(|other| other.kind == way.kind);
        way.problems(&index("programme.ways_to_earn", i), earlier, default, problems);
    }
    for (i, badge) in badges.iter().enumerate() {
        let path = index("programme.badges", i);
        check_id(&badge.id, badges.iter().take(i).map(|b| b.id.as_str()), "programme.badges", &path, "badge", problems);
        badge.problems(&path, default, problems);
    }
}

#[cfg(decodes_rewards)]
impl PointsReward {
    /// Every rule the reward breaks but its id's: its texts, cost, tier and limit.
    pub(crate) fn problems(&self, path: &str, tiers: &[&str], default: &str, problems: &mut Vec<Problem>) {
        let reward = self;
        check_text(&reward.name, &child(path, "name"), default, problems);
        if let Some(description) = &reward.description {
            check_text(description, &child(path, "description"), default, problems);
        }
        if reward.cost_points == 0 {
            problems.push(Problem::at(child(path, "cost_points"), "expected at least 1 point, got 0"));
        }
        if let Benefit::Perk { text } = &reward.reward {
            check_text(text, &child(&child(path, "reward"), "text"), default, problems);
        }
        if let Some(tier) = reward.min_tier.as_deref().filter(|tier| !tiers.contains(tier)) {
            problems.push(Problem::at(
                child(path, "min_tier"),
                why!(
                    "unknown tier";
                    "unknown tier {}; {}",
                    quoted(tier),
                    crate::words::tiers_listed(tiers.iter())
                ),
            ));
        }
        if reward.limit_per_customer == Some(0) {
            problems.push(Problem::at(
                child(path, "limit_per_customer"),
                "expected at least 1 redemption, got 0; remove the reward to withdraw it",
            ));
        }
    }
}

#[cfg(decodes_rewards)]
impl WayToEarn {
    /// Every rule the way to earn breaks; `earlier` is the index of an earlier way of its kind.
    pub(crate) fn problems(&self, path: &str, earlier: Option<usize>, default: &str, problems: &mut Vec<Problem>) {
        let way = self;
        match (way.kind, way.points) {
            (EarnKind::Purchase, Some(_)) => problems
                .push(Problem::at(child(path, "points"), "a purchase earns by programme.earn; remove points here")),
            (EarnKind::Purchase, None) => {}
            (_, None) => {
                problems.push(Problem::at(path, why!("missing field \"points\""; "missing field {}", quoted("points"))))
            }
            (_, Some(0)) => problems.push(Problem::at(child(path, "points"), "expected at least 1 point, got 0")),
            (_, Some(_)) => {}
        }
        match &way.label {
            Some(label) => check_text(label, &child(path, "label"), default, problems),
            None if way.kind == EarnKind::Custom => {
                problems.push(Problem::at(path, "missing field \"label\": a custom way to earn needs its words"))
            }
            None => {}
        }
        if let Some(first) = earlier.filter(|_| way.kind != EarnKind::Custom) {
            problems.push(Problem::at(
                child(path, "type"),
                why!(
                    "this way to earn is already listed";
                    "this way to earn is already listed at programme.ways_to_earn[{first}]"
                ),
            ));
        }
    }
}

#[cfg(decodes_rewards)]
impl Badge {
    /// Every rule the badge breaks but its id's: its texts.
    pub(crate) fn problems(&self, path: &str, default: &str, problems: &mut Vec<Problem>) {
        check_text(&self.name, &child(path, "name"), default, problems);
        if !self.description.0.is_empty() {
            check_text(&self.description, &child(path, "description"), default, problems);
        }
    }
}

#[cfg(decodes_rewards)]
/// An id of letters, digits, `-` and `_`, not used by an earlier item of the list at `list`.
fn check_id<'a>(
    id: &str,
    earlier: impl Iterator<Item = &'a str>,
    list: &str,
    path: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let here = child(path, "id");
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        problems.push(Problem::at(
            here,
            why!(
                "expected letters, digits, \"_\" or \"-\"";
                "expected letters, digits, \"_\" or \"-\", got {}",
                quoted(id)
            ),
        ));
    } else if let Some(first) = earlier.into_iter().position(|other| other == id) {
        problems.push(Problem::at(
            here,
            why!(
                crate::words::cat(&["the ", what, " id is already used"]);
                "{what} id {} is already used by {}",
                quoted(id),
                index(list, first)
            ),
        ));
    }
}

#[cfg(decodes_rewards)]
impl Decode for PointsReward {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<PointsReward> {
        let mark = d.mark();
        let fields = d.object(
            value,
            path,
            &[
                "id",
                "name",
                "description",
                "cost_points",
                "reward",
                "min_tier",
                "min_order_value",
                "limit_per_customer",
            ],
        )?;
        let reward = PointsReward {
            id: fields.req(d, "id"),
            name: fields.req(d, "name"),
            description: fields.opt(d, "description"),
            cost_points: fields.req(d, "cost_points"),
            reward: fields.required(d, "reward").unwrap_or(Benefit::FreeShipping),
            min_tier: fields.opt(d, "min_tier"),
            min_order_value: fields.opt(d, "min_order_value"),
            limit_per_customer: fields.opt(d, "limit_per_customer"),
        };
        d.finish(mark, reward)
    }
}

#[cfg(decodes_rewards)]
impl Decode for Benefit {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Benefit> {
        let Some(kind) = value.get("type") else {
            return d.expected(
                path,
                "an object with a \"type\" such as {\"type\": \"fixed_amount\", \"amount\": 5}",
                value,
            );
        };
        let table: [(&str, &[&str]); 5] = [
            ("fixed_amount", &["type", "amount"]),
            ("percent_off", &["type", "percent"]),
            ("free_shipping", &["type"]),
            ("free_gift", &["type", "sku"]),
            ("perk", &["type", "text"]),
        ];
        let (kind, known) = named(kind, &child(path, "type"), d, &table.map(|(name, known)| (name, (name, known))))?;
        let fields = d.object(value, path, known)?;
        Some(match kind {
            "fixed_amount" => {
                Benefit::FixedAmount { amount: fields.above_zero(d, "amount", 1e9, "an amount above 0")? }
            }
            "percent_off" => Benefit::PercentOff {
                percent: fields.above_zero(d, "percent", 100.0, "a percentage above 0 and at most 100")?,
            },
            "free_gift" => Benefit::FreeGift { sku: fields.required(d, "sku")? },
            "perk" => Benefit::Perk { text: fields.required(d, "text")? },
            _ => Benefit::FreeShipping,
        })
    }
}

#[cfg(decodes_rewards)]
impl Decode for WayToEarn {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<WayToEarn> {
        let mark = d.mark();
        let fields = d.object(value, path, &["type", "points", "label"])?;
        let kind = match value.get("type") {
            Some(kind) => named(
                kind,
                &child(path, "type"),
                d,
                &[
                    ("purchase", EarnKind::Purchase),
                    ("sign_up", EarnKind::SignUp),
                    ("birthday", EarnKind::Birthday),
                    ("referral", EarnKind::Referral),
                    ("review", EarnKind::Review),
                    ("custom", EarnKind::Custom),
                ],
            ),
            None => {
                d.report(path, why!("missing field \"type\""; "missing field {}", quoted("type")));
                None
            }
        };
        let way = WayToEarn {
            kind: kind.unwrap_or(EarnKind::Custom),
            points: fields.opt(d, "points"),
            label: fields.opt(d, "label"),
        };
        d.finish(mark, way)
    }
}

#[cfg(decodes_rewards)]
/// Decodes one badge; `tiers` are the programme's tier ids, for its condition.
pub(crate) fn decode_badge(value: &Value, path: &str, d: &mut Decoder, tiers: &[String]) -> Option<Badge> {
    let mark = d.mark();
    let fields = d.object(value, path, &["id", "name", "description", "condition"])?;
    let condition = match value.get("condition") {
        Some(condition) => decode_condition(condition, &child(path, "condition"), d, tiers, 0),
        None => {
            d.report(path, why!("missing field \"condition\""; "missing field {}", quoted("condition")));
            None
        }
    };
    let badge = Badge {
        id: fields.req(d, "id"),
        name: fields.req(d, "name"),
        description: fields.get_or(d, "description", Localised::default()),
        condition: condition.unwrap_or(Condition::All(Vec::new())),
    };
    d.finish(mark, badge)
}

#[cfg(decodes_rewards)]
/// `{"badges": […]}` read item by item, each badge's condition checked against the tier ids.
pub(crate) fn decode_badges(value: &Value, path: &str, d: &mut Decoder, tiers: &[String]) -> Vec<Badge> {
    let mut badges = Vec::new();
    match value {
        Value::Array(items) => {
            let shared = if d.is_lenient() { crate::json::shared_ids(items) } else { Vec::new() };
            for (i, item) in items.iter().enumerate() {
                let (here, mark) = (index(path, i), d.mark());
                let badge = decode_badge(item, &here, d, tiers);
                if d.is_lenient() {
                    if let Some(badge) = badge.as_ref().filter(|_| !d.language.is_empty()) {
                        let language = d.language.clone();
                        badge.problems(&here, &language, &mut d.problems);
                    }
                    d.shared_id(items, &shared, i, path, "badge", true);
                }
                if !d.omit(mark, &here, "badge", Some(item)) {
                    badges.extend(badge);
                }
            }
        }
        other => {
            let mark = d.mark();
            d.report(path, why!("expected an array of badges"; "expected an array of badges, got {}", show(other)));
            d.omit(mark, path, "programme section", None);
        }
    }
    badges
}
