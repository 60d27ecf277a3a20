//! The marketer's file, written by hand in JSON: it assembles the sections each capability owns — the
//! loyalty programme (`loyalty::programme`), the offers (`offers::offer`), the recommendation rules
//! (`recommend::rules`) — and checks what crosses them: the tier ids offers name, the default
//! language every text needs, the offer ids that must be unique.
//!
//! Parsing is strict: unknown fields, wrong types and rules that cannot hold (tiers whose thresholds
//! do not rise) are reported with their JSON path, because a typo must never silently change who sees
//! what.

/// The config part by part (`Config::in_parts`): native for now, for `patron validate`; the widget
/// keeps the strict decoder until a form of it fits the size budget (issue 32).
#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
pub mod parts;

#[cfg(lenient_decoding)]
mod lenient;

use crate::error::{Document, Error, Problem};
use crate::json::{child, decode, index, show, Decode, Decoder, Value};
use crate::language::is_language_tag;
use crate::loyalty::programme::{Programme, Tier};
#[cfg(any(not(target_arch = "wasm32"), feature = "banners"))]
use crate::offers::offer::decode_offer;
use crate::offers::offer::{Offer, OfferConfig};
use crate::recommend::rules::Rules;
use crate::words::quoted;

/// The most offers one config may hold: every render evaluates all of them for the shopper.
pub const MAX_OFFERS: usize = 500;

/// The marketer's configuration document.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Config {
    /// The JSON Schema this document follows, so that editors can autocomplete; Patron ignores it.
    #[cfg_attr(schema, serde(rename = "$schema", default, skip_serializing_if = "Option::is_none"))]
    pub schema: Option<String>,
    /// The language whose texts are shown when a text has none in the shopper's language, such as
    /// `en`. Every localised text must have it.
    pub default_language: String,
    /// The loyalty programme.
    pub programme: Programme,
    /// How many banners each placement shows at most; 1 for a placement not listed.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Vec::is_empty"))]
    #[cfg_attr(schema, schemars(with = "std::collections::BTreeMap<String, u32>"))]
    pub max_per_placement: Vec<(String, u32)>,
    /// The offer banners.
    #[cfg_attr(schema, serde(default))]
    pub offers: Vec<Offer>,
    /// The shop's rules for recommendations: diversity, boosts and burials, pins.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Rules::is_default"))]
    pub recommendations: Rules,
    /// False when the programme's core had a problem and [`Config::in_parts`] left it out: the card
    /// and the rewards panel are hidden, and `programme` is a stand-in without tiers or points.
    #[cfg_attr(schema, serde(skip))]
    pub programme_usable: bool,
}

impl Config {
    /// Parses and checks a config document.
    ///
    /// # Errors
    /// Malformed JSON, with line and column; or every problem in the document, with its JSON path.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Config, Error> {
        let value = crate::json::parse_text(Document::Config, text)?;
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
            Err(Error::all(Document::Config, problems))
        }
    }

    /// What the offer engine reads of this config (`offers::decide`).
    pub fn offer_config(&self) -> OfferConfig<'_> {
        OfferConfig {
            offers: &self.offers,
            max_per_placement: &self.max_per_placement,
            programme: &self.programme,
            default_language: &self.default_language,
        }
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
        self.programme.tier(id)
    }

    /// Every rule the document breaks, in document order.
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(problem) = language_problem(&self.default_language) {
            // Every text would be missing it: one problem says more than fifty.
            problems.push(problem);
            return problems;
        }
        self.programme.problems(&self.default_language, &mut problems);
        self.offer_problems(&mut problems);
        problems
    }

    /// Every rule the offers break, in document order: their texts, schedules and ids.
    fn offer_problems(&self, problems: &mut Vec<Problem>) {
        for (i, offer) in self.offers.iter().enumerate() {
            let path = index("offers", i);
            offer.problems(&path, &self.default_language, problems);
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
        // Retired: known still, so that a config with it learns what replaced it.
        if value.get("analytics_salt").is_some() {
            d.report(
                &child(path, "analytics_salt"),
                why!(
                    "no longer used: the session's customer.analytics_id replaces it";
                    "analytics_salt is no longer used: the config is a public file, so anyone could recompute the customer key from it; remove it, and let the shop's server put customer.analytics_id in the session (HMAC-SHA256 with a secret the browser never sees; see the book, integrate/privacy.md)"
                ),
            );
        }
        // The widget ignores fields it does not know.
        d.omit_each(mark, "field");
        // The programme's core and the default language every text needs: when either has a
        // problem, the card and the rewards panel are hidden (a stand-in takes the programme's place,
        // keeping its currency when that reads, for the amounts in offers).
        let core = d.mark();
        let default_language: String = fields.req(d, "default_language");
        // Decoding leniently, the checks across sections run on each part as it is decoded (see
        // `Decoder::is_lenient`); every text needs the default language, so none is checked
        // without it (one problem says more than fifty).
        let lenient = d.is_lenient();
        let language = lenient.then(|| language_problem(&default_language)).flatten();
        if let Some(problem) = language.clone() {
            d.problems.push(problem);
        } else if lenient {
            d.language.clone_from(&default_language);
        }
        let programme: Option<Programme> = fields.required(d, "programme");
        let programme_usable = !d.omit(core, "programme", "programme", None);
        // A stand-in for a programme left out (the card and the panel are hidden); its currency is
        // kept when it reads, for the amounts in the offers still shown.
        let programme = match programme {
            Some(programme) if programme_usable || !lenient => programme,
            _ if lenient => Programme {
                currency: value
                    .get("programme")
                    .and_then(|p| p.get("currency")?.as_str())
                    .and_then(|code| crate::money::Currency::try_from(code.to_string()).ok())
                    .unwrap_or_else(crate::money::Currency::unknown),
                ..Programme::default()
            },
            _ => Programme::default(),
        };
        // A widget built without banners neither reads nor checks offers: the loyalty card does not
        // need them, and their decoder would add to the bundle (scripts/size.sh lists decode_offer
        // and decode_condition among the largest functions of a build with banners).
        #[cfg(any(not(target_arch = "wasm32"), feature = "banners"))]
        let offers = match value.get("offers") {
            // An attack, not a mistake: the problem is left in, so the document is refused whole.
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
            Some(Value::Array(items)) => {
                let mut offers = Vec::with_capacity(items.len());
                let shared = if lenient { crate::json::shared_ids(items) } else { Vec::new() };
                for (i, item) in items.iter().enumerate() {
                    let (here, mark) = (index(&child(path, "offers"), i), d.mark());
                    let offer = decode_offer(item, &here, d, &tiers);
                    if lenient {
                        // Its texts and schedule; then what it needs of other parts.
                        match &offer {
                            Some(offer) if language.is_none() => {
                                offer.problems(&here, &default_language, &mut d.problems);
                                if !programme_usable && offer.needs_programme() {
                                    d.report(&here, "it needs the programme, which has a problem".to_string());
                                }
                            }
                            _ => {}
                        }
                        if language.is_some() {
                            d.report(&here, "its texts need the default language, which has a problem".to_string());
                        }
                        d.shared_id(items, &shared, i, "offers", "offer", true);
                    }
                    let kept = !d.omit(mark, &here, "offer", Some(item));
                    if let Some(offer) = offer.filter(|_| kept) {
                        offers.push(offer);
                    }
                }
                offers
            }
            Some(other) => {
                let mark = d.mark();
                d.report(
                    &child(path, "offers"),
                    why!("expected an array of offers"; "expected an array of offers, got {}", show(other)),
                );
                d.omit_each(mark, "offer");
                Vec::new()
            }
            None => Vec::new(),
        };
        #[cfg(all(target_arch = "wasm32", not(feature = "banners")))]
        let offers = Vec::new();
        let config = Config {
            schema: fields.opt(d, "$schema"),
            // For the formats of what still shows (the carousel) when it is broken.
            default_language: if language.is_some() { "en".to_string() } else { default_language },
            programme,
            max_per_placement: value
                .get("max_per_placement")
                .map(|limits| decode_limits(limits, &child(path, "max_per_placement"), d))
                .unwrap_or_default(),
            offers,
            recommendations: recommendations(&fields, d),
            programme_usable,
        };
        d.finish(mark, config)
    }
}

/// The `recommendations` section. A widget built without the carousel accepts the section and
/// ignores it: it has nothing to apply it to, and its decoder would cost the bundle.
/// Whether a document is refused whole whatever the decoding (an attack, not a mistake): no object,
/// or over the limit of offers. Checked before any part is left out, so that refusing it costs what
/// it did before (issue 32). Used by `in_parts` and by the strict browser builds.
#[cfg(any(not(target_arch = "wasm32"), feature = "playground", not(any(feature = "lenient", feature = "node"))))]
pub(crate) fn refused_whole(value: &Value) -> bool {
    !matches!(value, Value::Object(_))
        || matches!(value.get("offers"), Some(Value::Array(offers)) if offers.len() > MAX_OFFERS)
}

/// The problem of a default language that is no language tag.
fn language_problem(default: &str) -> Option<Problem> {
    (!is_language_tag(default)).then(|| {
        Problem::at(
            "default_language",
            why!("expected a language such as \"en\""; "expected a language such as \"en\", got {}", quoted(default)),
        )
    })
}

/// A section that does not read as a whole leaves the default rules.
#[cfg(any(not(target_arch = "wasm32"), feature = "recommendations"))]
fn recommendations(fields: &crate::json::Fields, d: &mut Decoder) -> Rules {
    let mark = d.mark();
    let rules = fields.get_or(d, "recommendations", Rules::default());
    d.omit(mark, "recommendations", "recommendations", None);
    rules
}

#[cfg(all(target_arch = "wasm32", not(feature = "recommendations")))]
fn recommendations(_: &crate::json::Fields, _: &mut Decoder) -> Rules {
    Rules::default()
}

fn decode_limits(value: &Value, path: &str, d: &mut Decoder) -> Vec<(String, u32)> {
    let Value::Object(fields) = value else {
        let mark = d.mark();
        d.report(
            path,
            why!(
                "expected an object such as {\"top\": 1, \"inline\": 2}";
                "expected an object such as {{\"top\": 1, \"inline\": 2}}, got {}",
                show(value)
            ),
        );
        d.omit_each(mark, "placement limit");
        return Vec::new();
    };
    // A placement whose limit does not read shows 1 banner, as one not listed.
    let mut limits = Vec::with_capacity(fields.len());
    for (placement, limit) in fields {
        let (here, mark) = (child(path, placement), d.mark());
        match crate::json::whole(limit, &here, d, 20) {
            Some(0) => d.report(&here, "expected at least 1 banner per placement, got 0".to_string()),
            Some(n) => limits.push((placement.clone(), n as u32)),
            None => {}
        }
        d.omit_each(mark, "placement limit");
    }
    limits
}
