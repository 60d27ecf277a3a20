//! A config part by part: a problem costs only the part it is in (issue 32). A marketer's typo in one
//! offer must not take the card, the carousel and every other banner off the storefront, as rule
//! engines that marketers drive isolate a broken rule and keep serving the rest. `patron validate`
//! uses it to find every problem in one pass (the parts that decode are checked across sections as
//! though the broken ones were left out); the widget is to use it too, once it fits the size budget
//! (this straightforward form costs the card's page 16.6 KB gzipped, against 1 KB allowed).
//!
//! The document is decoded strictly, as `patron validate` reads it. When something is wrong, each
//! problem is traced to the part it is in — one offer, one reward, one way to earn, one badge, one
//! rule of `recommendations`, one placement's limit, an unknown top-level field, or the programme's
//! core — and that part is taken out of a copy of the document, which is decoded again; a part that
//! needed a part taken out (an offer of tiers when the programme is broken) goes in the next round.
//! Parts sharing an id with a part taken out go with it: two offers with one id cannot both be
//! meant. What is left is the config the widget uses; what was taken out, and why, is reported with
//! the document's own paths. Only what cannot be read at all is refused whole: a document that is no
//! object, or a list of offers over the limit (an attack, as are text that is not JSON, over 10 MiB
//! or nested too deep, refused before decoding).

use super::Config;
use crate::error::{Document, Error, Problem};
use crate::json::{decode, index, Omitted, Pruned, Value};
use crate::language::is_language_tag;

/// A config with every part that can be used, and what the others cost.
#[derive(Clone, Debug)]
pub struct Usable {
    /// The parts that can be used. When the programme's core was broken, [`Config::programme_usable`]
    /// is false: the card and the rewards panel are hidden.
    pub config: Config,
    /// Every problem found, at its path in the document as written, in the order found.
    pub problems: Vec<Problem>,
    /// The parts left out, at their paths in the document.
    pub omitted: Vec<Omitted>,
    /// The paths of the config's parts (`offers[0]`) with the document's own paths.
    paths: Vec<(String, String)>,
}

/// The lists whose items are parts of their own, and what each item is.
const LISTS: [(&str, &str); 5] = [
    ("offers", "offer"),
    ("programme.rewards", "reward"),
    ("programme.ways_to_earn", "way to earn"),
    ("programme.badges", "badge"),
    ("recommendations.pin", "recommendation rule"),
];

/// The most rounds: each takes out at least one part, and parts only need the programme or each
/// other's ids, so a few rounds settle any real config; a document that needs more is refused.
const MAX_ROUNDS: usize = 6;

/// Where a problem is, as a part of the document (paths as the copy has them).
enum Part {
    /// Item `i` of `LISTS[list]`.
    Item(usize, usize),
    /// A field and what it is.
    Field(String, &'static str),
    /// The programme's core, or the default language every text needs.
    Programme,
    /// Nothing can be used.
    Whole,
}

/// Which part a problem at `path` is in; `value` is the copy being decoded.
fn part_of(path: &str, value: &Value) -> Part {
    for (list, (prefix, _)) in LISTS.iter().enumerate() {
        let item = path.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('['));
        if let Some(i) = item.and_then(|rest| rest.split(']').next()).and_then(|n| n.parse().ok()) {
            return Part::Item(list, i);
        }
    }
    let keys: Vec<&str> = path.split(['.', '[']).collect();
    let field = |n: usize, part| Part::Field(keys.iter().take(n).copied().collect::<Vec<_>>().join("."), part);
    let too_many = matches!(value.get("offers"), Some(Value::Array(offers)) if offers.len() > super::MAX_OFFERS);
    match keys.first().copied().unwrap_or_default() {
        // A required field missing at the root, or a document that is no object.
        "" if matches!(value, Value::Object(_)) => Part::Programme,
        "" => Part::Whole,
        "offers" if too_many => Part::Whole,
        "offers" => field(1, "offer"),
        "max_per_placement" => field(2, "placement limit"),
        // One rule (a boost's category, `max_per_category`), or the section when it is no object.
        "recommendations" if keys.len() > 1 => field(3.min(keys.len()), "recommendation rule"),
        "recommendations" => field(1, "recommendations"),
        "programme" if matches!(keys.get(1), Some(&("rewards" | "ways_to_earn" | "badges"))) => {
            field(2, "programme section")
        }
        "programme" | "default_language" => Part::Programme,
        // `$schema`, `analytics_salt` and unknown fields: the widget ignores them.
        _ => field(1, "field"),
    }
}

/// The copy of the document as parts are taken out.
struct Pruning {
    pruned: Pruned,
    programme_usable: bool,
    omitted: Vec<Omitted>,
}

impl Pruning {
    /// Takes out the parts this round's problems are in; `false` when nothing can be used.
    fn take_out(&mut self, found: &[Problem]) -> bool {
        let mut items: Vec<(usize, usize, String)> = Vec::new();
        for problem in found {
            let reason = problem.message.clone();
            match part_of(&problem.path, &self.pruned.value) {
                Part::Whole => return false,
                Part::Item(list, i) => {
                    if !items.iter().any(|(l, j, _)| *l == list && *j == i) {
                        items.push((list, i, reason));
                    }
                }
                Part::Field(path, part) => {
                    let original = self.pruned.original(&path);
                    if !self.omitted.iter().any(|o| o.path == original) {
                        self.pruned.remove_field(&path);
                        self.omitted.push(Omitted { path: original, part, id: None, reason });
                    }
                }
                Part::Programme if self.programme_usable => {
                    self.programme_usable = false;
                    self.omitted.push(Omitted { path: "programme".to_string(), part: "programme", id: None, reason });
                    self.stand_in();
                }
                Part::Programme => {}
            }
        }
        for (list, (prefix, part)) in LISTS.iter().enumerate() {
            let Some(Value::Array(held)) = self.pruned.at_mut(prefix) else { continue };
            let mine = |(l, i, _): &&(usize, usize, String)| *l == list && *i < held.len();
            let ids: Vec<&str> =
                items.iter().filter(mine).filter_map(|(_, i, _)| held.get(*i)?.get("id")?.as_str()).collect();
            // The items with a problem, and those sharing an id with one.
            let doomed: Vec<usize> = (0..held.len())
                .filter(|i| {
                    items.iter().filter(mine).any(|(_, j, _)| j == i)
                        || held.get(*i).and_then(|item| item.get("id")?.as_str()).is_some_and(|id| ids.contains(&id))
                })
                .collect();
            let reasons: Vec<(usize, String)> = doomed
                .iter()
                .map(|i| match items.iter().filter(mine).find(|(_, j, _)| j == i) {
                    Some((_, _, reason)) => (*i, reason.clone()),
                    None => {
                        let id = held.get(*i).and_then(|item| item.get("id")?.as_str()).unwrap_or_default();
                        (*i, format!("another part has its id {}", crate::words::quoted(id)))
                    }
                })
                .collect();
            for (i, item, path) in self.pruned.remove_items(prefix, &doomed) {
                let reason = reasons.iter().find(|(j, _)| *j == i).map(|(_, r)| r.clone()).unwrap_or_default();
                let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                self.omitted.push(Omitted { path, part, id, reason });
            }
        }
        true
    }

    /// A programme that decodes, in place of a broken one: the offers that do not need the programme
    /// are still decoded (and checked) against it, and the card and the rewards panel are hidden.
    /// Its rewards, ways to earn and badges go with it: they belong to the panel.
    fn stand_in(&mut self) {
        let value = &self.pruned.value;
        let language = match value.get("default_language").and_then(Value::as_str) {
            Some(language) if is_language_tag(language) => language.to_string(),
            _ => String::new(),
        };
        // The currency is kept when it reads: amounts in offers (`{reward}`) are formatted in it.
        let currency = match value.get("programme").and_then(|p| p.get("currency")) {
            Some(Value::String(code)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
                code.clone()
            }
            _ => "XXX".to_string(),
        };
        // The tiers' ids, so that an offer naming a tier is left out because it needs the
        // programme, not reported for a tier the marketer did write.
        let mut ids: Vec<String> = Vec::new();
        if let Some(Value::Array(tiers)) = value.get("programme").and_then(|p| p.get("tiers")) {
            for id in tiers.iter().filter_map(|t| t.get("id")?.as_str()) {
                let usable = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                if usable && !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
        }
        if language.is_empty() {
            // Every text needs the default language: no offer can be shown without it.
            let all: Vec<usize> = match value.get("offers") {
                Some(Value::Array(offers)) => (0..offers.len()).collect(),
                _ => Vec::new(),
            };
            for (_, offer, path) in self.pruned.remove_items("offers", &all) {
                let id = offer.get("id").and_then(Value::as_str).map(str::to_string);
                let reason = "its texts need the default language, which has a problem".to_string();
                self.omitted.push(Omitted { path, part: "offer", id, reason });
            }
        }
        let language = if language.is_empty() { "en".to_string() } else { language };
        let text = || Value::Object(vec![(language.clone(), Value::String("–".to_string()))]);
        let field = |name: &str, value| (name.to_string(), value);
        let tiers = ids
            .into_iter()
            .enumerate()
            .map(|(i, id)| {
                let threshold = Value::Number(i as f64);
                Value::Object(vec![
                    field("id", Value::String(id)),
                    field("name", text()),
                    field("threshold", threshold),
                ])
            })
            .collect();
        let earn = Value::Object(vec![field("points_per_unit", Value::Number(0.0))]);
        let programme = Value::Object(vec![
            field("name", text()),
            field("currency", Value::String(currency)),
            field("earn", earn),
            field("tiers", Value::Array(tiers)),
        ]);
        if let Value::Object(fields) = &mut self.pruned.value {
            fields.retain(|(name, _)| name != "programme" && name != "default_language");
            fields.push(field("default_language", Value::String(language)));
            fields.push(field("programme", programme));
        }
    }
}

impl Config {
    /// The config part by part: every part without a problem, and what the others cost
    /// (see the module's documentation). A valid document is decoded once, as by
    /// [`Config::from_value`].
    ///
    /// # Errors
    /// A document of which nothing can be used: no object, over the limit of offers, or one whose
    /// parts keep failing.
    pub fn in_parts(value: &Value) -> Result<Usable, Error> {
        if super::refused_whole(value) {
            // Decoded once, for its problems, with no copy made.
            return Err(match Config::from_value(value) {
                Err(error) => error,
                Ok(_) => Error::all(Document::Config, Vec::new()),
            });
        }
        let mut pruning: Option<Pruning> = None;
        let mut problems: Vec<Problem> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let current = pruning.as_ref().map_or(value, |p| &p.pruned.value);
            let (found, needing) = match decode::<Config>(Document::Config, current) {
                Ok(mut config) => {
                    let usable = pruning.as_ref().is_none_or(|p| p.programme_usable);
                    config.programme_usable = usable;
                    let found = config.problems();
                    // Offers that speak of tiers or points need the programme that failed: they go
                    // too, as a consequence rather than a problem of their own.
                    let needing: Vec<Problem> = config
                        .offers
                        .iter()
                        .enumerate()
                        .filter(|(_, offer)| !usable && offer.needs_programme())
                        .map(|(i, _)| Problem::at(index("offers", i), "it needs the programme, which has a problem"))
                        .collect();
                    if found.is_empty() && needing.is_empty() {
                        return Ok(Usable::new(config, problems, pruning));
                    }
                    (found, needing)
                }
                Err(error) => (error.problems, Vec::new()),
            };
            let pruning = pruning.get_or_insert_with(|| Pruning {
                pruned: Pruned::new(value),
                programme_usable: true,
                omitted: Vec::new(),
            });
            problems.extend(found.iter().map(|p| Problem { path: pruning.pruned.original(&p.path), ..p.clone() }));
            if !pruning.take_out(&[found, needing].concat()) {
                return Err(Error::all(Document::Config, problems));
            }
        }
        Err(Error::all(Document::Config, problems))
    }
}

impl Usable {
    fn new(config: Config, problems: Vec<Problem>, pruning: Option<Pruning>) -> Usable {
        let Some(pruning) = pruning else {
            return Usable { config, problems, omitted: Vec::new(), paths: Vec::new() };
        };
        // Each offer's path as the document has it, for warnings.
        let paths =
            (0..config.offers.len()).map(|i| index("offers", i)).map(|p| (pruning.pruned.original(&p), p)).collect();
        Usable { config, problems, omitted: pruning.omitted, paths }
    }

    /// A path into the config's parts (`offers[0].coupon_code`) as the document has it: the parts
    /// left out shift the others' indexes.
    pub fn original(&self, path: &str) -> String {
        for (original, current) in &self.paths {
            if let Some(rest) = path.strip_prefix(current.as_str()).filter(|r| r.is_empty() || r.starts_with('.')) {
                return format!("{original}{rest}");
            }
        }
        path.to_string()
    }

    /// The config's warnings, at their paths in the document.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut warnings = self.config.warnings();
        for warning in &mut warnings {
            warning.path = self.original(&warning.path);
        }
        warnings
    }
}

/// A part the widget would leave out if the file were published as it is, for `patron validate`
/// and the playground (issue 32).
#[derive(Clone, Debug)]
pub struct LeftOut<'a> {
    /// The part, at its path in the document.
    pub omitted: &'a Omitted,
    /// For an offer: its placement.
    pub placement: Option<String>,
    /// For an offer: the offers of its placement that its audience would see instead, in the order
    /// the widget weighs them (priority, highest first); each shopper sees the first they qualify
    /// for. Offers of a higher priority are shown as before.
    pub instead: Vec<String>,
}

impl LeftOut<'_> {
    /// The part in a marketer's words: `offer "win-back" (in "top"; its audience sees instead the
    /// first it qualifies for of "double-points-week")`, `the card and the rewards panel (the
    /// programme)`, `reward "five-off"`.
    pub fn describe(&self) -> String {
        let omitted = self.omitted;
        let named = omitted.id.as_deref().map_or(String::new(), |id| format!(" {}", crate::words::quoted(id)));
        match (omitted.part, &self.placement) {
            ("programme", _) => "the card and the rewards panel (the programme)".to_string(),
            ("offer", Some(placement)) if self.instead.is_empty() => {
                format!(
                    "offer{named} (in {}; no offer of lower priority takes its place)",
                    crate::words::quoted(placement)
                )
            }
            ("offer", Some(placement)) => format!(
                "offer{named} (in {}; its audience sees instead the first it qualifies for of {})",
                crate::words::quoted(placement),
                crate::words::list(self.instead.iter().map(|id| crate::words::quoted(id)))
            ),
            (part, _) => format!("{part}{named}"),
        }
    }
}

impl Usable {
    /// What the widget would leave out of `document` (this config as written), and for each offer
    /// what its audience would see instead.
    pub fn left_out<'a>(&'a self, document: &Value) -> Vec<LeftOut<'a>> {
        self.omitted
            .iter()
            .map(|omitted| {
                let raw = omitted
                    .path
                    .strip_prefix("offers[")
                    .and_then(|rest| rest.strip_suffix(']'))
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|i| match document.get("offers") {
                        Some(Value::Array(offers)) => offers.get(i),
                        _ => None,
                    });
                let placement = raw.and_then(|offer| offer.get("placement")?.as_str()).map(str::to_string);
                let priority = match raw.and_then(|offer| offer.get("priority")) {
                    Some(Value::Number(priority)) => *priority,
                    _ => 0.0,
                };
                let instead: Vec<(i32, String)> = self
                    .config
                    .offers
                    .iter()
                    .filter(|offer| placement.as_deref() == Some(offer.placement.as_str()))
                    .filter(|offer| f64::from(offer.priority) <= priority)
                    .map(|offer| (offer.priority, offer.id.clone()))
                    .collect();
                let instead = crate::rank::sorted(instead, |(priority, _)| (-i64::from(*priority), 0));
                LeftOut { omitted, placement, instead: instead.into_iter().map(|(_, id)| id).collect() }
            })
            .collect()
    }
}
