//! The loyalty programme as the marketer writes it in the config's `programme` section: how
//! purchases earn points, what tiers are measured on, and the tiers themselves.

#[cfg(decodes_rewards)]
use super::rewards::{Badge, PointsReward, WayToEarn};
use crate::error::Problem;
use crate::json::{child, index, named, Decode, Decoder, Value};
use crate::language::{check_text, Localised};
use crate::money::Currency;
use crate::words::{number, quoted};

/// A points-and-tiers loyalty programme.
#[derive(Clone, Debug, Default)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Programme {
    /// The programme's name, shown as the card's title.
    pub name: Localised,
    /// The currency of every threshold; sessions in another currency are refused.
    pub currency: Currency,
    /// How purchases earn points.
    pub earn: EarnRule,
    /// Months after which earned points expire; points never expire when absent.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(schema, schemars(range(min = 1, max = 120)))]
    pub points_expire_after_months: Option<u16>,
    /// What tiers are measured on.
    #[cfg_attr(schema, serde(default))]
    pub qualification: Qualification,
    /// The tiers, lowest first. May be empty for a points-only programme.
    #[cfg_attr(schema, serde(default))]
    pub tiers: Vec<Tier>,
    #[cfg(decodes_rewards)]
    /// What the points buy.
    #[cfg_attr(schema, serde(default))]
    pub rewards: Vec<PointsReward>,
    #[cfg(decodes_rewards)]
    /// What the shopper can do for more points.
    #[cfg_attr(schema, serde(default))]
    pub ways_to_earn: Vec<WayToEarn>,
    #[cfg(decodes_rewards)]
    /// Achievements to collect.
    #[cfg_attr(schema, serde(default))]
    pub badges: Vec<Badge>,
    #[cfg(decodes_rewards)]
    /// Where a guest signs in, for the rewards panel's prompt: an http(s) URL or a path on the shop.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub sign_in_url: Option<String>,
}

/// Points earned per purchase.
#[derive(Clone, Debug, Default)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct EarnRule {
    /// Points per whole currency unit spent (1 = one point per euro).
    #[cfg_attr(schema, schemars(range(min = 0.0)))]
    pub points_per_unit: f64,
    /// How fractional points of one order are settled.
    #[cfg_attr(schema, serde(default))]
    pub rounding: Rounding,
}

/// How fractional points of one order are settled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
pub enum Rounding {
    /// Down (12.9 → 12): the shop never gives away a point it did not promise.
    #[default]
    Floor,
    /// To the nearest point (12.5 → 13).
    Round,
    /// Up (12.1 → 13).
    Ceil,
}

/// What tier thresholds are measured on.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Qualification {
    /// Spend or points.
    #[cfg_attr(schema, serde(default))]
    pub basis: Basis,
    /// The rolling window, in months, ending now.
    #[cfg_attr(schema, schemars(extend("default" = 12)))]
    #[cfg_attr(schema, schemars(range(min = 1, max = 120)))]
    pub window_months: u16,
}

impl Default for Qualification {
    fn default() -> Qualification {
        Qualification { basis: Basis::Spend, window_months: 12 }
    }
}

/// What tier thresholds are measured on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
pub enum Basis {
    /// Money spent in the window, in the programme's currency (revenue, for B2B programmes).
    #[default]
    Spend,
    /// Points earned in the window.
    Points,
}

/// A tier's multiplier when the config gives none, for the schema's default.
#[cfg(schema)]
fn one() -> f64 {
    1.0
}

/// One tier of the programme.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Tier {
    /// A stable id that offers refer to, such as `gold`.
    pub id: String,
    /// The name shoppers see.
    pub name: Localised,
    /// Spend (currency units) or points in the window needed to hold this tier; 0 for an entry tier
    /// every member has.
    #[cfg_attr(schema, schemars(range(min = 0.0)))]
    pub threshold: f64,
    /// Multiplies the points earned while in this tier.
    // Optional in the schema too, as for the decoder (an editor must not flag a tier without it).
    #[cfg_attr(schema, serde(default = "one"))]
    #[cfg_attr(schema, schemars(range(min = 0.0)))]
    pub earn_multiplier: f64,
    /// What the tier gives, one line each.
    #[cfg_attr(schema, serde(default))]
    pub benefits: Vec<Localised>,
}

impl Programme {
    /// Every rule the programme breaks, in document order; texts need `default_language`.
    pub(crate) fn problems(&self, default: &str, problems: &mut Vec<Problem>) {
        // Only builds that decode the rewards check them (see `decode`).
        #[cfg(decodes_rewards)]
        {
            let tiers: Vec<&str> = self.tiers.iter().map(|t| t.id.as_str()).collect();
            let (rewards, ways, badges) = (&self.rewards, &self.ways_to_earn, &self.badges);
            super::rewards::problems(rewards, ways, badges, &tiers, default, problems);
        }
        self.core_problems(default, problems);
    }

    /// Every rule the programme's core breaks (all but its rewards, ways to earn and badges): a
    /// problem here hides the card and the rewards panel (issue 32).
    pub(crate) fn core_problems(&self, default: &str, problems: &mut Vec<Problem>) {
        let programme = self;
        #[cfg(decodes_rewards)]
        if let Some(url) = programme.sign_in_url.as_deref().filter(|url| !crate::url::is_safe_url(url)) {
            problems.push(Problem::at(
                "programme.sign_in_url",
                why!(
                    "expected an http(s) URL or a path on the shop";
                    "expected an http(s) URL or a path on the shop, got {}",
                    quoted(url)
                ),
            ));
        }
        check_text(&programme.name, "programme.name", default, problems);
        let rate = programme.earn.points_per_unit;
        if !(0.0..=1_000.0).contains(&rate) {
            problems.push(Problem::at(
                "programme.earn.points_per_unit",
                why!(
                    "expected between 0 and 1000 points per currency unit";
                    "expected between 0 and 1000 points per currency unit, got {}",
                    number(rate)
                ),
            ));
        }
        if programme.points_expire_after_months == Some(0) {
            problems.push(Problem::at("programme.points_expire_after_months", "expected at least 1 month, got 0"));
        }
        let window = programme.qualification.window_months;
        if !(1..=120).contains(&window) {
            problems.push(Problem::at(
                "programme.qualification.window_months",
                why!("expected between 1 and 120 months"; "expected between 1 and 120 months, got {window}"),
            ));
        }
        for (i, tier) in programme.tiers.iter().enumerate() {
            let path = index("programme.tiers", i);
            if tier.id.is_empty() || !tier.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                problems.push(Problem::at(
                    child(&path, "id"),
                    why!(
                        "expected letters, digits, \"_\" or \"-\"";
                        "expected letters, digits, \"_\" or \"-\", got {}",
                        quoted(&tier.id)
                    ),
                ));
            }
            if let Some(first) = programme.tiers.iter().take(i).position(|other| other.id == tier.id) {
                problems.push(Problem::at(
                    child(&path, "id"),
                    why!(
                        "the tier id is already used";
                        "tier id {} is already used by programme.tiers[{first}]",
                        quoted(&tier.id)
                    ),
                ));
            }
            check_text(&tier.name, &child(&path, "name"), default, problems);
            if !tier.threshold.is_finite() || tier.threshold < 0.0 {
                problems.push(Problem::at(
                    child(&path, "threshold"),
                    why!("expected zero or more"; "expected zero or more, got {}", number(tier.threshold)),
                ));
            } else if let Some(previous) = i.checked_sub(1).and_then(|p| programme.tiers.get(p)) {
                if tier.threshold <= previous.threshold {
                    problems.push(Problem::at(
                        child(&path, "threshold"),
                        why!(
                            "tiers must be listed lowest first";
                            "tiers must be listed lowest first: {} is not above {} of programme.tiers[{}] ({})",
                            number(tier.threshold),
                            number(previous.threshold),
                            i - 1,
                            quoted(&previous.id)
                        ),
                    ));
                }
            }
            if !(0.0..=100.0).contains(&tier.earn_multiplier) {
                problems.push(Problem::at(
                    child(&path, "earn_multiplier"),
                    why!("expected between 0 and 100"; "expected between 0 and 100, got {}", number(tier.earn_multiplier)),
                ));
            }
            for (j, benefit) in tier.benefits.iter().enumerate() {
                check_text(benefit, &index(&child(&path, "benefits"), j), default, problems);
            }
        }
    }

    /// The tier with this id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|tier| tier.id == id)
    }
}

impl Decode for Programme {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Programme> {
        let mark = d.mark();
        let fields = d.object(
            value,
            path,
            &[
                "name",
                "currency",
                "earn",
                "points_expire_after_months",
                "qualification",
                "tiers",
                "rewards",
                "ways_to_earn",
                "badges",
                "sign_in_url",
            ],
        )?;
        #[cfg_attr(not(decodes_rewards), allow(unused_mut))]
        let mut programme = Programme {
            name: fields.req(d, "name"),
            currency: fields.req(d, "currency"),
            earn: fields.req(d, "earn"),
            points_expire_after_months: fields.opt(d, "points_expire_after_months"),
            qualification: fields.get_or(d, "qualification", Qualification::default()),
            tiers: fields.get_or(d, "tiers", Vec::new()),
            #[cfg(decodes_rewards)]
            rewards: Vec::new(),
            #[cfg(decodes_rewards)]
            ways_to_earn: Vec::new(),
            #[cfg(decodes_rewards)]
            badges: Vec::new(),
            #[cfg(decodes_rewards)]
            sign_in_url: None,
        };
        // A widget built without the rewards panel accepts these sections and leaves them unread: it
        // has nothing to show them with, and their types, decoders and checks cost every page's
        // download 1.4 KB gzipped (the card and banners build, measured 2026-11-27).
        #[cfg(decodes_rewards)]
        {
            let tiers: Vec<String> = programme.tiers.iter().map(|t| t.id.clone()).collect();
            if d.is_lenient() {
                (programme.rewards, programme.ways_to_earn) = lenient_sections(&fields, value, &tiers, d);
            } else {
                programme.rewards = fields.get_or(d, "rewards", Vec::new());
                programme.ways_to_earn = fields.get_or(d, "ways_to_earn", Vec::new());
            }
            programme.sign_in_url = fields.opt(d, "sign_in_url");
            if let Some(badges) = value.get("badges") {
                programme.badges = super::rewards::decode_badges(badges, &child(path, "badges"), d, &tiers);
            }
        }
        // Decoding leniently, the core's checks run here, so that a problem in it costs the
        // programme (see `Decoder::is_lenient`); without a default language, texts are not checked.
        if d.is_lenient() && !d.language.is_empty() {
            let language = d.language.clone();
            programme.core_problems(&language, &mut d.problems);
        }
        d.finish(mark, programme)
    }
}

impl Decode for EarnRule {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<EarnRule> {
        let mark = d.mark();
        let fields = d.object(value, path, &["points_per_unit", "rounding"])?;
        let rule = EarnRule {
            points_per_unit: fields.req(d, "points_per_unit"),
            rounding: fields.get_or(d, "rounding", Rounding::Floor),
        };
        d.finish(mark, rule)
    }
}

impl Decode for Rounding {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Rounding> {
        named(value, path, d, &[("floor", Rounding::Floor), ("round", Rounding::Round), ("ceil", Rounding::Ceil)])
    }
}

impl Decode for Qualification {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Qualification> {
        let mark = d.mark();
        let fields = d.object(value, path, &["basis", "window_months"])?;
        let qualification = Qualification {
            basis: fields.get_or(d, "basis", Basis::Spend),
            window_months: fields.get_or(d, "window_months", 12),
        };
        d.finish(mark, qualification)
    }
}

impl Decode for Basis {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Basis> {
        named(value, path, d, &[("spend", Basis::Spend), ("points", Basis::Points)])
    }
}

impl Decode for Tier {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Tier> {
        let mark = d.mark();
        let fields = d.object(value, path, &["id", "name", "threshold", "earn_multiplier", "benefits"])?;
        let tier = Tier {
            id: fields.req(d, "id"),
            name: fields.req(d, "name"),
            threshold: fields.req(d, "threshold"),
            earn_multiplier: fields.get_or(d, "earn_multiplier", 1.0),
            benefits: fields.get_or(d, "benefits", Vec::new()),
        };
        d.finish(mark, tier)
    }
}

/// The rewards and the ways to earn, decoded leniently (issue 32): each is a part of its own, one
/// with a problem costing only itself, and each is checked as it is decoded (its texts in the
/// default language, its tier among `tiers`, its id or kind not another's).
#[cfg(all(decodes_rewards, lenient_decoding))]
fn lenient_sections(
    fields: &crate::json::Fields,
    value: &Value,
    tiers: &[String],
    d: &mut Decoder,
) -> (Vec<super::rewards::PointsReward>, Vec<super::rewards::WayToEarn>) {
    let ids: Vec<&str> = tiers.iter().map(String::as_str).collect();
    let language = d.language.clone();
    let section = "programme section";
    let rewards = fields.parts(d, "rewards", ("reward", section), Some(true), &mut |reward, _, here, d| {
        let reward: &super::rewards::PointsReward = reward;
        if !language.is_empty() {
            reward.problems(here, &ids, &language, &mut d.problems);
        }
    });
    // A way to earn has no id; one whose kind is listed earlier has a problem.
    let kinds: Vec<Option<&str>> = match value.get("ways_to_earn") {
        Some(Value::Array(ways)) => ways.iter().map(|w| w.get("type").and_then(Value::as_str)).collect(),
        _ => Vec::new(),
    };
    let ways = fields.parts(d, "ways_to_earn", ("way to earn", section), None, &mut |way, i, here, d| {
        let way: &super::rewards::WayToEarn = way;
        let earlier = kinds.iter().take(i).position(|kind| *kind == kinds.get(i).copied().flatten());
        if !language.is_empty() {
            way.problems(here, earlier, &language, &mut d.problems);
        }
    });
    (rewards, ways)
}

/// Never called: a build that decodes only strictly (`Decoder::is_lenient` is false).
#[cfg(all(decodes_rewards, not(lenient_decoding)))]
fn lenient_sections(
    _: &crate::json::Fields,
    _: &Value,
    _: &[String],
    _: &mut Decoder,
) -> (Vec<super::rewards::PointsReward>, Vec<super::rewards::WayToEarn>) {
    (Vec::new(), Vec::new())
}
