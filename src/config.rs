//! The marketer's file: the loyalty programme (and, later, the offers), written by hand in JSON.
//!
//! Parsing is strict: unknown fields, wrong types and rules that cannot hold (tiers whose thresholds
//! do not rise) are reported with their JSON path, because a typo must never silently change who sees
//! what.

use serde::Serialize;

use crate::error::{decode, Document, Error, Problem};
use crate::json::{child, index, number, one_of, quoted, Decode, Decoder, Value};
#[cfg(any(not(target_arch = "wasm32"), feature = "banners"))]
use crate::offers::decode_offer;
use crate::offers::Offer;
use crate::session::{is_language_tag, Currency};

/// The most offers one config may hold: every render evaluates all of them for the shopper.
pub const MAX_OFFERS: usize = 500;

/// The marketer's configuration document.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The JSON Schema this document follows, so that editors can autocomplete; Patron ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The language whose texts are shown when a text has none in the shopper's language, such as
    /// `en`. Every localised text must have it.
    pub default_language: String,
    /// The loyalty programme.
    pub programme: Programme,
    /// How many banners each placement shows at most; 1 for a placement not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "std::collections::BTreeMap<String, u32>"))]
    pub max_per_placement: Vec<(String, u32)>,
    /// The offer banners.
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// Mixed into the customer hash that analytics events carry, so that the hash cannot be
    /// recomputed from a customer id by anyone who does not know it. Any string kept private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analytics_salt: Option<String>,
    /// The shop's rules for recommendations: diversity, boosts and burials, pins.
    #[serde(default, skip_serializing_if = "Recommendations::is_default")]
    pub recommendations: Recommendations,
}

/// The config's `recommendations` section.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Recommendations {
    /// At most this many products of one category in a list; 4 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_category: Option<u32>,
    /// Score factors by category name: above 1 boosts, below 1 buries, 0 hides the category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "std::collections::BTreeMap<String, f64>"))]
    pub boost: Vec<(String, f64)>,
    /// SKUs shown first, in this order, when in stock and not in the cart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<String>,
}

impl Recommendations {
    fn is_default(&self) -> bool {
        *self == Recommendations::default()
    }

    /// The rules the scorer applies.
    pub fn rules(&self) -> crate::recommend::Rules {
        let defaults = crate::recommend::Rules::default();
        crate::recommend::Rules {
            max_per_category: self.max_per_category.map_or(defaults.max_per_category, |n| n as usize),
            boost: self.boost.iter().map(|(c, f)| (c.clone(), *f as f32)).collect(),
            pin: self.pin.clone(),
        }
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
impl Decode for Recommendations {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Recommendations> {
        let mark = d.mark();
        let fields = d.object(value, path, &["max_per_category", "boost", "pin"])?;
        let max_per_category = value.get("max_per_category").and_then(|n| {
            let here = child(path, "max_per_category");
            match crate::json::whole(n, &here, d, 100) {
                Some(0) => {
                    d.report(&here, "expected at least 1 product per category, got 0".to_string());
                    None
                }
                other => other.map(|n| n as u32),
            }
        });
        let boost = match value.get("boost") {
            None => Vec::new(),
            Some(Value::Object(factors)) => {
                let mut boost = Vec::with_capacity(factors.len());
                for (category, factor) in factors {
                    let here = child(&child(path, "boost"), category);
                    match factor {
                        Value::Number(f) if f.is_finite() && (0.0..=100.0).contains(f) => {
                            boost.push((category.clone(), *f));
                        }
                        other => {
                            d.expected::<()>(&here, "a factor from 0 (hide) to 100", other);
                        }
                    }
                }
                boost
            }
            Some(other) => {
                d.expected::<()>(&child(path, "boost"), "an object such as {\"Kaffee\": 1.5, \"Zubehör\": 0}", other);
                Vec::new()
            }
        };
        let recommendations = Recommendations { max_per_category, boost, pin: fields.get_or(d, "pin", Vec::new()) };
        d.finish(mark, recommendations)
    }
}

/// A points-and-tiers loyalty programme.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// The programme's name, shown as the card's title.
    pub name: Localised,
    /// The currency of every threshold; sessions in another currency are refused.
    pub currency: Currency,
    /// How purchases earn points.
    pub earn: EarnRule,
    /// Months after which earned points expire; points never expire when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 120)))]
    pub points_expire_after_months: Option<u16>,
    /// What tiers are measured on.
    #[serde(default)]
    pub qualification: Qualification,
    /// The tiers, lowest first. May be empty for a points-only programme.
    #[serde(default)]
    pub tiers: Vec<Tier>,
}

/// Points earned per purchase.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EarnRule {
    /// Points per whole currency unit spent (1 = one point per euro).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub points_per_unit: f64,
    /// How fractional points of one order are settled.
    #[serde(default)]
    pub rounding: Rounding,
}

/// How fractional points of one order are settled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Spend or points.
    #[serde(default)]
    pub basis: Basis,
    /// The rolling window, in months, ending now.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("default" = 12)))]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 120)))]
    pub window_months: u16,
}

impl Default for Qualification {
    fn default() -> Qualification {
        Qualification { basis: Basis::Spend, window_months: 12 }
    }
}

/// What tier thresholds are measured on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Money spent in the window, in the programme's currency (revenue, for B2B programmes).
    #[default]
    Spend,
    /// Points earned in the window.
    Points,
}

/// One tier of the programme.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// A stable id that offers refer to, such as `gold`.
    pub id: String,
    /// The name shoppers see.
    pub name: Localised,
    /// Spend (currency units) or points in the window needed to hold this tier; 0 for an entry tier
    /// every member has.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub threshold: f64,
    /// Multiplies the points earned while in this tier.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("default" = 1.0)))]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub earn_multiplier: f64,
    /// What the tier gives, one line each.
    #[serde(default)]
    pub benefits: Vec<Localised>,
}

/// A text in several languages, keyed by language (`de`) or full locale (`de-CH`), in the order
/// written. A list rather than a map: a text has two or three languages, and a map would add
/// kilobytes of code to the browser bundle.
#[derive(Clone, Debug, Default)]
pub struct Localised(pub Vec<(String, String)>);

impl Localised {
    fn text(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(language, _)| language == key).map(|(_, text)| text.as_str())
    }
}

impl Serialize for Localised {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(language, text)| (language, text)))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Localised {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Localised".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A text in several languages, keyed by language (\"de\") or locale (\"de-CH\"); it must have the config's default_language.",
            "type": "object",
            "additionalProperties": { "type": "string", "minLength": 1 },
            "minProperties": 1,
            "examples": [{ "de": "Kostenloser Versand", "en": "Free shipping" }]
        })
    }
}

impl Localised {
    /// The text for a locale: the exact locale (`de-CH`), then its language (`de`), then the
    /// default language; empty only for a text that validation would have refused.
    pub fn get(&self, locale: &str, default_language: &str) -> &str {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        [locale, language, default_language]
            .iter()
            .find_map(|key| self.text(key))
            .or_else(|| self.0.first().map(|(_, text)| text.as_str()))
            .unwrap_or("")
    }
}

impl Config {
    /// Parses and checks a config document.
    ///
    /// # Errors
    /// Malformed JSON, with line and column; or every problem in the document, with its JSON path.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Config, Error> {
        let value = crate::error::parse_text(Document::Config, text)?;
        Config::from_value(&value)
    }

    /// Checks an already parsed config document (the widget parses with the browser's `JSON.parse`).
    ///
    /// # Errors
    /// Every problem in the document, with its JSON path.
    pub fn from_value(value: &Value) -> Result<Config, Error> {
        let config: Config = decode(Document::Config, value)?;
        let problems = config.problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Error { document: Document::Config, problems })
        }
    }

    /// How many banners `placement` shows at most.
    pub fn max_per_placement(&self, placement: &str) -> usize {
        self.max_per_placement.iter().find(|(p, _)| p == placement).map_or(1, |(_, n)| *n as usize)
    }

    /// Warnings: things that do not stop the config but that a marketer must read, with their paths.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut warnings = Vec::new();
        for (i, offer) in self.offers.iter().enumerate() {
            offer.warnings(&index("offers", i), &mut warnings);
        }
        warnings
    }

    /// The tier with this id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.programme.tiers.iter().find(|tier| tier.id == id)
    }

    /// Every rule the document breaks, in document order.
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let default = &self.default_language;
        if !is_language_tag(default) {
            problems.push(Problem::at(
                "default_language",
                why!("expected a language such as \"en\""; "expected a language such as \"en\", got {}", quoted(default)),
            ));
        }
        let programme = &self.programme;
        check_text(&programme.name, "programme.name", default, &mut problems);
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
            check_text(&tier.name, &child(&path, "name"), default, &mut problems);
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
                check_text(benefit, &index(&child(&path, "benefits"), j), default, &mut problems);
            }
        }
        for (i, offer) in self.offers.iter().enumerate() {
            let path = index("offers", i);
            offer.problems(&path, default, &mut problems);
            if let Some(first) = self.offers.iter().take(i).position(|other| other.id == offer.id) {
                problems.push(Problem::at(
                    child(&path, "id"),
                    why!(
                        "the offer id is already used";
                        "offer id {} is already used by offers[{first}]",
                        quoted(&offer.id)
                    ),
                ));
            }
        }
        problems
    }
}

/// A localised text needs the default language, so that every shopper sees something.
pub(crate) fn check_text(text: &Localised, path: &str, default_language: &str, problems: &mut Vec<Problem>) {
    if text.text(default_language).is_none() {
        problems.push(Problem::at(
            path,
            why!(
                "missing the default language";
                "missing the default language {} (has {})",
                quoted(default_language),
                if text.0.is_empty() {
                    "none".to_string()
                } else {
                    crate::json::list(text.0.iter().map(|(language, _)| language.as_str()))
                }
            ),
        ));
    }
    for (language, value) in &text.0 {
        if value.trim().is_empty() {
            problems.push(Problem::at(format!("{path}.{language}"), "text is empty"));
        }
    }
}

impl Decode for Config {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Config> {
        let mark = d.mark();
        let fields = d.object(
            value,
            path,
            &["default_language", "programme", "max_per_placement", "offers", "analytics_salt", "recommendations"],
        )?;
        // Tier ids straight from the document, so that offers are checked even when the programme
        // itself has a problem.
        #[cfg(any(not(target_arch = "wasm32"), feature = "banners"))]
        let tiers: Vec<String> = match value.get("programme").and_then(|p| p.get("tiers")) {
            Some(Value::Array(tiers)) => {
                tiers.iter().filter_map(|t| t.get("id")?.as_str().map(str::to_string)).collect()
            }
            _ => Vec::new(),
        };
        let default_language = fields.req(d, "default_language");
        let programme = fields.req(d, "programme");
        // A widget built without banners neither reads nor checks offers: the loyalty card does not
        // need them, and their decoder would cost the bundle kilobytes.
        #[cfg(any(not(target_arch = "wasm32"), feature = "banners"))]
        let offers = match value.get("offers") {
            Some(Value::Array(items)) if items.len() > MAX_OFFERS => {
                d.report(
                    &child(path, "offers"),
                    why!(
                        "the list of offers is too long";
                        "a list of {} offers is longer than the limit of {MAX_OFFERS}",
                        items.len()
                    ),
                );
                Vec::new()
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| decode_offer(item, &index(&child(path, "offers"), i), d, &tiers))
                .collect(),
            Some(other) => {
                d.report(
                    &child(path, "offers"),
                    why!("expected an array of offers"; "expected an array of offers, got {}", crate::json::show(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        #[cfg(all(target_arch = "wasm32", not(feature = "banners")))]
        let offers = Vec::new();
        let config = Config {
            schema: fields.opt(d, "$schema"),
            default_language,
            programme,
            max_per_placement: value
                .get("max_per_placement")
                .map(|limits| decode_limits(limits, &child(path, "max_per_placement"), d))
                .unwrap_or_default(),
            offers,
            analytics_salt: fields.opt(d, "analytics_salt"),
            recommendations: recommendations(&fields, d),
        };
        d.finish(mark, config)
    }
}

/// The `recommendations` section. A widget built without the carousel accepts the section and
/// ignores it: it has nothing to apply it to, and its decoder would cost the bundle.
#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
fn recommendations(fields: &crate::json::Fields, d: &mut Decoder) -> Recommendations {
    fields.get_or(d, "recommendations", Recommendations::default())
}

#[cfg(all(target_arch = "wasm32", not(feature = "recommendations")))]
fn recommendations(_: &crate::json::Fields, _: &mut Decoder) -> Recommendations {
    Recommendations::default()
}

fn decode_limits(value: &Value, path: &str, d: &mut Decoder) -> Vec<(String, u32)> {
    let Value::Object(fields) = value else {
        d.report(
            path,
            why!(
                "expected an object such as {\"top\": 1, \"inline\": 2}";
                "expected an object such as {{\"top\": 1, \"inline\": 2}}, got {}",
                crate::json::show(value)
            ),
        );
        return Vec::new();
    };
    let mut limits = Vec::with_capacity(fields.len());
    for (placement, limit) in fields {
        let here = child(path, placement);
        match crate::json::whole(limit, &here, d, 20) {
            Some(0) => d.report(&here, "expected at least 1 banner per placement, got 0".to_string()),
            Some(n) => limits.push((placement.clone(), n as u32)),
            None => {}
        }
    }
    limits
}

impl Decode for Programme {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Programme> {
        let mark = d.mark();
        let fields = d.object(
            value,
            path,
            &["name", "currency", "earn", "points_expire_after_months", "qualification", "tiers"],
        )?;
        let programme = Programme {
            name: fields.req(d, "name"),
            currency: fields.req(d, "currency"),
            earn: fields.req(d, "earn"),
            points_expire_after_months: fields.opt(d, "points_expire_after_months"),
            qualification: fields.get_or(d, "qualification", Qualification::default()),
            tiers: fields.get_or(d, "tiers", Vec::new()),
        };
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
        const ALL: [Rounding; 3] = [Rounding::Floor, Rounding::Round, Rounding::Ceil];
        one_of(value, path, d, &["floor", "round", "ceil"]).and_then(|i| ALL.get(i).copied())
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
        one_of(value, path, d, &["spend", "points"]).map(|i| if i == 0 { Basis::Spend } else { Basis::Points })
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

impl Decode for Localised {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Localised> {
        let Value::Object(map) = value else {
            return d.expected(path, "an object of texts by language, such as {\"de\": \"…\", \"en\": \"…\"}", value);
        };
        let mut texts = Vec::with_capacity(map.len());
        let mut complete = true;
        for (language, text) in map {
            match String::decode(text, &child(path, language), d) {
                Some(text) => texts.push((language.clone(), text)),
                None => complete = false,
            }
        }
        complete.then_some(Localised(texts))
    }
}
