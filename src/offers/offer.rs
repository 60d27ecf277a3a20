//! One offer as the marketer writes it in the config's `offers` list: its texts, where and when it
//! shows, who it is for, what it gives, and the checks a config must pass.

use super::template;
use crate::audience::{decode_condition, Condition, Window};
use crate::error::Problem;
use crate::format::Formatter;
use crate::json::{child, one_of, show, Decode, Decoder, Value};
use crate::language::{check_text, Localised};
use crate::loyalty::programme::Programme;
use crate::money::Money;
use crate::url::is_safe_url;
use crate::words::{number, quoted};

/// What arbitration reads of the config: the `offers` and `max_per_placement` sections, and the
/// programme and default language that audiences and texts need (`Config::offer_config` gathers
/// them).
#[derive(Clone, Copy, Debug)]
pub struct OfferConfig<'a> {
    /// The offers, in the config's order.
    pub offers: &'a [Offer],
    /// How many banners each placement shows at most; 1 for a placement not listed.
    pub max_per_placement: &'a [(String, u32)],
    /// The loyalty programme, for the shopper's standing and the banners' placeholders.
    pub programme: &'a Programme,
    /// The language of the texts shown where a text lacks the shopper's.
    pub default_language: &'a str,
}

impl OfferConfig<'_> {
    /// How many banners `placement` shows at most.
    pub fn max_per_placement(&self, placement: &str) -> usize {
        self.max_per_placement.iter().find(|(p, _)| p == placement).map_or(1, |(_, n)| *n as usize)
    }
}

/// One offer banner as the marketer configures it.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Offer {
    /// A stable id, used in events, caps and dismissals: letters, digits, `-` and `_`.
    pub id: String,
    /// The banner's headline (a template).
    pub headline: Localised,
    /// The banner's text (a template).
    #[cfg_attr(schema, serde(default))]
    pub body: Localised,
    /// The button's label (a template); no button without it.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub cta_label: Option<Localised>,
    /// Where the button leads: an http(s) URL or a path on the shop.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub cta_url: Option<String>,
    /// An image beside the text: an http(s) URL or a path on the shop. The widget loads it only from
    /// the page's origin or one the page lists in `<meta name="patron-origins">`.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub image: Option<String>,
    /// Where on the page it shows, matching `<patron-widget placement="…">`: `top`, `inline`, `cart`…
    pub placement: String,
    /// Higher shows first; ties go to the offer with more audience conditions, then to the first
    /// listed.
    #[cfg_attr(schema, serde(default))]
    pub priority: i32,
    /// Offers in the same group exclude each other: at most one shows.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub group: Option<String>,
    /// When the offer runs.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub schedule: Option<Window>,
    /// Who sees it; everyone when absent.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub audience: Option<Condition>,
    /// What the shopper gets.
    #[cfg_attr(schema, serde(default))]
    pub reward: Reward,
    /// A code to show. It is in the page source for anyone to read: the checkout must validate it
    /// per customer when the audience is restricted.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub coupon_code: Option<String>,
    /// At most this many impressions per shopper.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub frequency_cap: Option<FrequencyCap>,
    /// This share of customers (0–100) never sees the offer: the control group for measuring uplift.
    #[cfg_attr(schema, serde(default))]
    pub holdout_percent: f64,
    /// A label for analytics events, for A/B tests (`"A"`, `"B"`).
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub variant: Option<String>,
    /// Shows stamp-card progress: a reward every this many orders.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub stamp_card: Option<StampCard>,
    /// Shows the shopper's referral link (`customer.referral_url` in the session) with a copy button.
    #[cfg_attr(schema, serde(default))]
    pub referral: bool,
}

/// What an offer gives. In JSON: `{"type": "percent_off", "percent": 10}`.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(tag = "type", rename_all = "snake_case"))]
pub enum Reward {
    /// Nothing: information only.
    #[default]
    None,
    /// A percentage off, more than 0 and at most 100.
    PercentOff {
        /// The percentage.
        percent: f64,
    },
    /// An amount off, in currency units.
    FixedAmount {
        /// The amount.
        amount: f64,
    },
    /// Free shipping.
    FreeShipping,
    /// A free product.
    FreeGift {
        /// The gift's SKU.
        sku: String,
    },
    /// Points multiplied, such as 2 for double points.
    PointsMultiplier {
        /// The multiplier, more than 1.
        multiplier: f64,
    },
    /// Early access to new products or events.
    EarlyAccess,
}

/// Impression limits per shopper.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct FrequencyCap {
    /// At most this many impressions a day.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub per_day: Option<u32>,
    /// At most this many impressions in all.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub total: Option<u32>,
}

/// A stamp card: a reward every `orders` orders.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct StampCard {
    /// Orders per reward.
    pub orders: u32,
}

const REWARDS: [&str; 7] =
    ["none", "percent_off", "fixed_amount", "free_shipping", "free_gift", "points_multiplier", "early_access"];

impl Decode for Reward {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Reward> {
        let Some(kind) = value.get("type") else {
            return d.expected(path, "an object with a \"type\" such as {\"type\": \"free_shipping\"}", value);
        };
        let kind = REWARDS.get(one_of(kind, &child(path, "type"), d, &REWARDS)?).copied().unwrap_or_default();
        let fields: &[&str] = match kind {
            "percent_off" => &["type", "percent"],
            "fixed_amount" => &["type", "amount"],
            "free_gift" => &["type", "sku"],
            "points_multiplier" => &["type", "multiplier"],
            _ => &["type"],
        };
        let fields = d.object(value, path, fields)?;
        Some(match kind {
            "percent_off" => Reward::PercentOff {
                percent: fields.above_zero(d, "percent", 100.0, "a percentage above 0 and at most 100")?,
            },
            "fixed_amount" => Reward::FixedAmount { amount: fields.above_zero(d, "amount", 1e9, "an amount above 0")? },
            "free_shipping" => Reward::FreeShipping,
            "free_gift" => Reward::FreeGift { sku: fields.required(d, "sku")? },
            "points_multiplier" => {
                let multiplier = fields.above_zero(d, "multiplier", 100.0, "a multiplier above 1 and at most 100")?;
                if multiplier <= 1.0 {
                    d.report(
                        &child(path, "multiplier"),
                        why!(
                            "expected a multiplier above 1 and at most 100";
                            "expected a multiplier above 1 and at most 100, got {}",
                            number(multiplier)
                        ),
                    );
                    return None;
                }
                Reward::PointsMultiplier { multiplier }
            }
            "early_access" => Reward::EarlyAccess,
            _ => Reward::None,
        })
    }
}

impl Decode for FrequencyCap {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<FrequencyCap> {
        let fields = d.object(value, path, &["per_day", "total"])?;
        let per_day: Option<Option<u32>> = fields.optional(d, "per_day");
        let total: Option<Option<u32>> = fields.optional(d, "total");
        let (per_day, total) = (per_day?, total?);
        for (key, n) in [("per_day", per_day), ("total", total)] {
            if n == Some(0) {
                d.report(
                    &child(path, key),
                    "expected at least 1 impression, got 0; remove the offer to hide it".to_string(),
                );
                return None;
            }
        }
        if let (Some(day), Some(all)) = (per_day, total) {
            if day > all {
                d.report(
                    &child(path, "per_day"),
                    why!("more a day than in total"; "{day} a day is more than the total of {all}"),
                );
                return None;
            }
        }
        Some(FrequencyCap { per_day, total })
    }
}

impl Decode for StampCard {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<StampCard> {
        let fields = d.object(value, path, &["orders"])?;
        let orders: u32 = fields.required(d, "orders")?;
        if !(2..=100).contains(&orders) {
            d.report(
                &child(path, "orders"),
                why!("expected 2 to 100 orders per reward"; "expected 2 to 100 orders per reward, got {orders}"),
            );
            return None;
        }
        Some(StampCard { orders })
    }
}

const OFFER_FIELDS: [&str; 18] = [
    "id",
    "headline",
    "body",
    "cta_label",
    "cta_url",
    "image",
    "placement",
    "priority",
    "group",
    "schedule",
    "audience",
    "reward",
    "coupon_code",
    "frequency_cap",
    "holdout_percent",
    "variant",
    "stamp_card",
    "referral",
];

/// Decodes one offer; `tiers` are the programme's tier ids, for the audience.
pub(crate) fn decode_offer(value: &Value, path: &str, d: &mut Decoder, tiers: &[String]) -> Option<Offer> {
    let mark = d.mark();
    let fields = d.object(value, path, &OFFER_FIELDS)?;
    let priority = match value.get("priority") {
        Some(Value::Number(p)) if p.fract() == 0.0 && p.abs() <= 1_000_000.0 => *p as i32,
        Some(other) => {
            d.report(
                &child(path, "priority"),
                why!(
                    "expected a whole number from -1000000 to 1000000";
                    "expected a whole number from -1000000 to 1000000, got {}",
                    show(other)
                ),
            );
            0
        }
        None => 0,
    };
    let offer = Offer {
        id: fields.req(d, "id"),
        headline: fields.req(d, "headline"),
        body: fields.get_or(d, "body", Localised::default()),
        cta_label: fields.opt(d, "cta_label"),
        cta_url: fields.opt(d, "cta_url"),
        image: fields.opt(d, "image"),
        placement: fields.req(d, "placement"),
        priority,
        group: fields.opt(d, "group"),
        schedule: fields.opt(d, "schedule"),
        audience: value
            .get("audience")
            .and_then(|condition| decode_condition(condition, &child(path, "audience"), d, tiers, 0)),
        reward: fields.get_or(d, "reward", Reward::None),
        coupon_code: fields.opt(d, "coupon_code"),
        frequency_cap: fields.opt(d, "frequency_cap"),
        holdout_percent: fields.get_or(d, "holdout_percent", 0.0),
        variant: fields.opt(d, "variant"),
        stamp_card: fields.opt(d, "stamp_card"),
        referral: fields.get_or(d, "referral", false),
    };
    d.finish(mark, offer)
}

impl Offer {
    /// Whether the offer needs the programme: an audience of tiers or points, a text that names
    /// them, or points as its reward. Without a usable programme it is left out (issue 32).
    pub fn needs_programme(&self) -> bool {
        let texts = [Some(&self.headline), Some(&self.body), self.cta_label.as_ref()];
        let names = ["points", "tier", "next_tier", "amount_to_next_tier"];
        let names_one = |text: &str| {
            template::parse(text).is_ok_and(|pieces| {
                pieces.iter().any(|piece| matches!(piece, template::Piece::Placeholder(name) if names.contains(name)))
            })
        };
        self.audience.as_ref().is_some_and(Condition::needs_programme)
            || matches!(self.reward, Reward::PointsMultiplier { .. })
            || texts.into_iter().flatten().any(|text| text.0.iter().any(|(_, t)| names_one(t)))
    }

    /// Every rule the offer breaks, in document order; `path` is the offer's own path.
    pub(crate) fn problems(&self, path: &str, default_language: &str, problems: &mut Vec<Problem>) {
        if !is_identifier(&self.id) {
            problems.push(Problem::at(
                child(path, "id"),
                why!(
                    "expected letters, digits, \"_\" or \"-\"";
                    "expected letters, digits, \"_\" or \"-\", got {}",
                    quoted(&self.id)
                ),
            ));
        }
        if !is_identifier(&self.placement) {
            problems.push(Problem::at(
                child(path, "placement"),
                why!(
                    "expected a placement name such as \"top\"";
                    "expected a placement name such as \"top\", got {}",
                    quoted(&self.placement)
                ),
            ));
        }
        let texts =
            [("headline", Some(&self.headline)), ("body", Some(&self.body)), ("cta_label", self.cta_label.as_ref())];
        for (key, text) in texts {
            let Some(text) = text else { continue };
            if key != "body" || !text.0.is_empty() {
                check_text(text, &child(path, key), default_language, problems);
            }
            for (language, template) in &text.0 {
                self.check_template(template, &child(&child(path, key), language), problems);
            }
        }
        for (key, url) in [("cta_url", &self.cta_url), ("image", &self.image)] {
            if let Some(url) = url {
                if !is_safe_url(url) {
                    problems.push(Problem::at(
                        child(path, key),
                        why!(
                            "expected an http(s) URL or a path on the shop such as \"/sale\"";
                            "expected an http(s) URL or a path on the shop such as \"/sale\", got {}",
                            quoted(url)
                        ),
                    ));
                }
            }
        }
        if self.cta_label.is_some() != self.cta_url.is_some() {
            let (missing, present) =
                if self.cta_url.is_none() { ("cta_url", "cta_label") } else { ("cta_label", "cta_url") };
            problems.push(Problem::at(
                child(path, missing),
                why!(
                    "missing: a button needs both cta_label and cta_url";
                    "missing: a button needs both cta_label and cta_url, and {present} is given"
                ),
            ));
        }
        if !(0.0..=100.0).contains(&self.holdout_percent) {
            problems.push(Problem::at(
                child(path, "holdout_percent"),
                why!(
                    "expected a percentage from 0 to 100";
                    "expected a percentage from 0 to 100, got {}",
                    number(self.holdout_percent)
                ),
            ));
        }
    }

    fn check_template(&self, template: &str, path: &str, problems: &mut Vec<Problem>) {
        let pieces = match template::parse(template) {
            Ok(pieces) => pieces,
            Err(problem) => {
                problems.push(problem.within(path));
                return;
            }
        };
        for piece in pieces {
            let template::Piece::Placeholder(name) = piece else { continue };
            let needs = match name {
                "coupon_code" if self.coupon_code.is_none() => Some("a coupon_code"),
                "orders_to_reward" | "stamps" | "stamps_total" if self.stamp_card.is_none() => Some("a stamp_card"),
                "reward"
                    if !matches!(
                        self.reward,
                        Reward::PercentOff { .. } | Reward::FixedAmount { .. } | Reward::PointsMultiplier { .. }
                    ) =>
                {
                    Some("a percent_off, fixed_amount or points_multiplier reward")
                }
                _ => None,
            };
            if !template::PLACEHOLDERS.contains(&name) {
                problems.push(Problem::at(
                    path,
                    why!(
                        crate::words::cat(&["unknown placeholder {", name, "}"]);
                        "unknown placeholder {}; known are {}",
                        quoted(&format!("{{{name}}}")),
                        crate::words::list(template::PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")))
                    ),
                ));
            } else if let Some(needs) = needs {
                problems.push(Problem::at(
                    path,
                    why!(
                        crate::words::cat(&["the placeholder {", name, "} needs ", needs, " on the offer"]);
                        "the placeholder {{{name}}} needs {needs} on the offer"
                    ),
                ));
            }
        }
    }

    /// Warnings that do not stop the config but that a marketer must read.
    pub(crate) fn warnings(&self, path: &str, problems: &mut Vec<Problem>) {
        if self.coupon_code.is_some() && self.audience.is_some() {
            problems.push(Problem::at(
                child(path, "coupon_code"),
                "this code is in the page source for anyone to read, not only the offer's audience: \
                 the checkout must check per customer that it may be redeemed"
                    .to_string(),
            ));
        }
        if self.holdout_percent >= 100.0 {
            problems.push(Problem::at(
                child(path, "holdout_percent"),
                "100 % holdout: nobody will see this offer".to_string(),
            ));
        }
    }

    /// The reward as a shopper reads it in `{reward}`.
    pub(crate) fn reward_text(&self, format: &dyn Formatter) -> Option<String> {
        match self.reward {
            Reward::PercentOff { percent } => Some(format.percent(percent.round().clamp(0.0, 100.0) as u8)),
            Reward::FixedAmount { amount } => Money::from_units(amount).ok().map(|m| format.money(m)),
            Reward::PointsMultiplier { multiplier } => Some(format!("{}×", format.number(multiplier))),
            _ => None,
        }
    }
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
