//! A config as the shop publishes it: a problem costs only the part it is in (issue 32). A marketer's
//! typo in one offer must not take the card, the carousel and every other banner off the storefront,
//! as rule engines that marketers drive isolate a broken rule and keep serving the rest.
//!
//! The document is decoded strictly, as `patron validate` reads it. When something is wrong, each
//! problem is traced to the part it is in — one offer, one reward, one way to earn, one badge, one
//! rule of `recommendations`, one placement's limit, an unknown top-level field, or the programme's
//! core — and that part is taken out of a copy of the document, which is decoded again; a part that
//! needed a part taken out (an offer naming a tier of a broken programme) shows up as a problem of
//! its own in the next round and goes too. What is left is the config the widget uses; what was taken
//! out, and why, is reported with the original paths. Only what cannot be read at all is refused
//! whole: a document that is no object, or a list of offers over the limit (an attack, as are text
//! that is not JSON, over 10 MiB or nested too deep, refused before decoding).

use super::Config;
use crate::error::{Document, Error, Problem};
use crate::json::{decode, index, Value};
use crate::language::is_language_tag;

/// A part of the config left out, because of a problem in it or in a part it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omitted {
    /// Where it is in the document as written: `offers[1]`, `programme.rewards[0]`,
    /// `max_per_placement.top`, `programme`.
    pub path: String,
    /// What kind of part: `offer`, `reward`, `way to earn`, `badge`, `recommendation rule`,
    /// `recommendations`, `placement limit`, `field` (an unknown top-level field) or `programme`.
    pub part: &'static str,
    /// Its id, for parts that have one (an offer's, a reward's, a badge's).
    pub id: Option<String>,
    /// Why: the first problem found in it, or what it needed.
    pub reason: String,
}

/// A config with every part that can be used, and what the others cost.
#[derive(Clone, Debug)]
pub struct Usable {
    /// The parts that can be used. When the programme's core was broken, [`Config::programme_usable`]
    /// is false: the card and the rewards panel are hidden.
    pub config: Config,
    /// Every problem found, with its path in the document as written, in the order found.
    pub problems: Vec<Problem>,
    /// The parts left out.
    pub omitted: Vec<Omitted>,
    /// Where each left-out offer would have shown (`placement`, when it read), by path.
    #[cfg(not(target_arch = "wasm32"))]
    placements: Vec<(String, String)>,
    /// For each of `LISTS`, the index in the document of each item the config holds.
    origins: Vec<Vec<usize>>,
}

impl Usable {
    /// A path into the config's parts (`offers[0].coupon_code`) as the document has it: the items
    /// left out shift the others' indexes.
    pub fn original(&self, path: &str) -> String {
        original(&self.origins, path)
    }

    /// The config's warnings, at their paths in the document.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut warnings = self.config.warnings();
        for warning in &mut warnings {
            warning.path = self.original(&warning.path);
        }
        warnings
    }

    /// The placement an offer left out was written for, when it could be read.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn omitted_placement(&self, omitted: &Omitted) -> Option<String> {
        self.placements.iter().find(|(path, _)| *path == omitted.path).map(|(_, p)| p.clone())
    }
}

/// The lists whose items are parts of their own, as paths from the document's root.
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

/// Where a problem is, as a part of the document.
enum Part {
    /// The `i`th item (as the copy holds it now) of `LISTS[list]`.
    Item { list: usize, i: usize },
    /// A field of an object: `keys` from the root (`["max_per_placement", "top"]`).
    Field { keys: Vec<String>, part: &'static str },
    /// The programme's core, or the default language every text needs.
    Programme,
    /// Nothing can be used.
    Whole,
}

/// Which part a problem at `path` is in. `value` is the copy being decoded.
fn part_of(path: &str, value: &Value) -> Part {
    for (list, (prefix, _)) in LISTS.iter().enumerate() {
        if let Some(i) = path
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
        {
            return Part::Item { list, i };
        }
    }
    let keys: Vec<String> = path.split(['.', '[']).map(str::to_string).collect();
    let field = |n: usize, part| Part::Field { keys: keys.iter().take(n).cloned().collect(), part };
    match keys.first().map(String::as_str).unwrap_or_default() {
        // A document that is no object, or a required field missing at the root.
        "" if matches!(value, Value::Object(_)) => Part::Programme,
        "" => Part::Whole,
        "offers"
            if value.get("offers").is_some_and(|o| matches!(o, Value::Array(a) if a.len() > super::MAX_OFFERS)) =>
        {
            Part::Whole
        }
        "offers" => field(1, "offer"),
        "max_per_placement" => field(2, "placement limit"),
        // One rule (a boost's category, `max_per_category`), or the section when it is no object.
        "recommendations" if keys.len() > 1 => field(3.min(keys.len()), "recommendation rule"),
        "recommendations" => field(1, "recommendations"),
        "programme" if ["rewards", "ways_to_earn", "badges"].contains(&keys.get(1).map_or("", String::as_str)) => {
            field(2, "programme section")
        }
        "programme" | "default_language" => Part::Programme,
        // `$schema`, `analytics_salt` and unknown fields: the widget ignores them.
        _ => field(1, "field"),
    }
}

/// The value at `keys`, mutable.
fn at_mut<'v>(value: &'v mut Value, keys: &[String]) -> Option<&'v mut Value> {
    keys.iter().try_fold(value, |value, key| match value {
        Value::Object(fields) => fields.iter_mut().rev().find(|(name, _)| name == key).map(|(_, v)| v),
        _ => None,
    })
}

/// Removes the field at `keys`.
fn remove(value: &mut Value, keys: &[String]) {
    let Some((last, parents)) = keys.split_last() else { return };
    if let Some(Value::Object(fields)) = at_mut(value, parents) {
        fields.retain(|(name, _)| name != last);
    }
}

fn keys(path: &str) -> Vec<String> {
    path.split('.').map(str::to_string).collect()
}

/// `path` with the index of an item of one of `LISTS` mapped through `origins`.
fn original(origins: &[Vec<usize>], path: &str) -> String {
    for (list, (prefix, _)) in LISTS.iter().enumerate() {
        let Some(rest) = path.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('[')) else { continue };
        let Some((n, tail)) = rest.split_once(']') else { continue };
        let Some(i) = n.parse::<usize>().ok().and_then(|i| origins.get(list)?.get(i).copied()) else { continue };
        return format!("{}{tail}", index(prefix, i));
    }
    path.to_string()
}

/// The copy of the document as parts are taken out, with where each list's items came from.
struct Pruning {
    value: Value,
    /// For each of `LISTS`, the original index of each item the copy still holds.
    origins: Vec<Vec<usize>>,
    programme_usable: bool,
    omitted: Vec<Omitted>,
}

impl Pruning {
    fn new(value: &Value) -> Pruning {
        let origins = LISTS
            .iter()
            .map(|(path, _)| {
                let mut copy = value.clone();
                let len = match at_mut(&mut copy, &keys(path)) {
                    Some(Value::Array(items)) => items.len(),
                    _ => 0,
                };
                (0..len).collect()
            })
            .collect();
        Pruning { value: value.clone(), origins, programme_usable: true, omitted: Vec::new() }
    }

    /// `path` (as the copy has it) with list indexes as the document has them.
    fn original(&self, path: &str) -> String {
        original(&self.origins, path)
    }

    /// Takes out the parts this round's problems are in (paths as the copy has them now); `false`
    /// when nothing can be used. Parts sharing an id with a part taken out go too: two offers with
    /// one id cannot both be meant.
    fn take_out(&mut self, found: &[Problem]) -> bool {
        let mut items: Vec<(usize, usize, String)> = Vec::new();
        for problem in found {
            let reason = problem.message.clone();
            match part_of(&problem.path, &self.value) {
                Part::Whole => return false,
                Part::Item { list, i } => {
                    if !items.iter().any(|(l, j, _)| *l == list && *j == i) {
                        items.push((list, i, reason));
                    }
                }
                Part::Field { keys, part } => {
                    let path = keys.join(".");
                    if self.omitted.iter().any(|o| o.path == path) {
                        continue;
                    }
                    remove(&mut self.value, &keys);
                    if let Some(list) = LISTS.iter().position(|(prefix, _)| *prefix == path) {
                        if let Some(origins) = self.origins.get_mut(list) {
                            origins.clear();
                        }
                    }
                    self.omitted.push(Omitted { path, part, id: None, reason });
                }
                Part::Programme if self.programme_usable => {
                    self.programme_usable = false;
                    self.omitted.push(Omitted { path: "programme".to_string(), part: "programme", id: None, reason });
                    self.stand_in();
                }
                Part::Programme => {}
            }
        }
        // The ids of the items taken out, then every item sharing one, from the last back so that
        // the indexes still to remove stay valid.
        for (list, (prefix, _)) in LISTS.iter().enumerate() {
            let Some(Value::Array(held)) = at_mut(&mut self.value, &keys(prefix)) else { continue };
            let ids: Vec<&str> = items
                .iter()
                .filter(|(l, _, _)| *l == list)
                .filter_map(|(_, i, _)| held.get(*i)?.get("id")?.as_str())
                .collect();
            let mut doomed: Vec<(usize, String)> = items
                .iter()
                .filter(|(l, i, _)| *l == list && *i < held.len())
                .map(|(_, i, reason)| (*i, reason.clone()))
                .collect();
            for (i, item) in held.iter().enumerate() {
                let shared = item.get("id").and_then(Value::as_str).filter(|id| ids.contains(id));
                if let (Some(id), false) = (shared, doomed.iter().any(|(j, _)| *j == i)) {
                    doomed.push((i, format!("another part has its id {}", crate::words::quoted(id))));
                }
            }
            doomed.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
            let mut gone = Vec::with_capacity(doomed.len());
            for (i, reason) in doomed {
                let item = held.remove(i);
                let original = match self.origins.get_mut(list) {
                    Some(origins) if i < origins.len() => origins.remove(i),
                    _ => i,
                };
                let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                let part = LISTS.get(list).map_or("offer", |(_, part)| *part);
                gone.push(Omitted { path: index(prefix, original), part, id, reason });
            }
            // Reported in document order.
            self.omitted.extend(gone.into_iter().rev());
        }
        true
    }

    /// A programme that decodes, in place of a broken one: the offers that do not need the
    /// programme are still decoded (and checked) against it, and the card and the rewards panel
    /// are hidden. Its rewards, ways to earn and badges go with it: they belong to the panel.
    fn stand_in(&mut self) {
        let language = match self.value.get("default_language").and_then(Value::as_str) {
            Some(language) if is_language_tag(language) => language.to_string(),
            _ => {
                // Every text needs the default language: no offer can be shown without it.
                if let Some(Value::Array(offers)) = at_mut(&mut self.value, &keys("offers")) {
                    let origins = self.origins.first().cloned().unwrap_or_default();
                    for (offer, i) in offers.drain(..).zip(origins) {
                        self.omitted.push(Omitted {
                            path: index("offers", i),
                            part: "offer",
                            id: offer.get("id").and_then(Value::as_str).map(str::to_string),
                            reason: "its texts need the default language, which has a problem".to_string(),
                        });
                    }
                }
                if let Some(origins) = self.origins.first_mut() {
                    origins.clear();
                }
                "en".to_string()
            }
        };
        // The currency is kept when it reads: amounts in offers (`{reward}`) are formatted in it.
        let currency = match self.value.get("programme").and_then(|p| p.get("currency")) {
            Some(Value::String(code)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
                code.clone()
            }
            _ => "XXX".to_string(),
        };
        let text = |s: &str| Value::Object(vec![(language.clone(), Value::String(s.to_string()))]);
        // The tiers' ids, so that an offer naming a tier is left out because it needs the programme,
        // not reported for a tier the marketer did write.
        let ids: Vec<String> = match self.value.get("programme").and_then(|p| p.get("tiers")) {
            Some(Value::Array(tiers)) => {
                tiers.iter().filter_map(|t| t.get("id")?.as_str().map(str::to_string)).collect()
            }
            _ => Vec::new(),
        };
        let mut seen: Vec<String> = Vec::new();
        let tiers = ids
            .into_iter()
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
            .filter(|id| {
                let new = !seen.contains(id);
                seen.push(id.clone());
                new
            })
            .enumerate()
            .map(|(i, id)| {
                Value::Object(vec![
                    ("id".to_string(), Value::String(id)),
                    ("name".to_string(), text("–")),
                    ("threshold".to_string(), Value::Number(i as f64)),
                ])
            })
            .collect();
        let programme = Value::Object(vec![
            ("name".to_string(), text("–")),
            ("currency".to_string(), Value::String(currency)),
            ("earn".to_string(), Value::Object(vec![("points_per_unit".to_string(), Value::Number(0.0))])),
            ("tiers".to_string(), Value::Array(tiers)),
        ]);
        let fields = match &mut self.value {
            Value::Object(fields) => fields,
            _ => return,
        };
        fields.retain(|(name, _)| name != "programme" && name != "default_language");
        fields.push(("default_language".to_string(), Value::String(language)));
        fields.push(("programme".to_string(), programme));
        for list in 1..4 {
            if let Some(origins) = self.origins.get_mut(list) {
                origins.clear();
            }
        }
    }
}

impl Config {
    /// The config as the widget uses it: every part without a problem, and what the others cost
    /// (see the module's documentation). A valid document is decoded once, as by [`Config::from_value`].
    ///
    /// # Errors
    /// A document of which nothing can be used: no object, over the limit of offers, or one whose
    /// parts keep failing.
    pub fn in_parts(value: &Value) -> Result<Usable, Error> {
        let mut pruning: Option<Pruning> = None;
        let mut problems: Vec<Problem> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let current = pruning.as_ref().map_or(value, |p| &p.value);
            let found = match decode::<Config>(Document::Config, current) {
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
                        let (omitted, origins) = match pruning {
                            Some(p) => (p.omitted, p.origins),
                            None => (Vec::new(), Vec::new()),
                        };
                        #[cfg(not(target_arch = "wasm32"))]
                        let placements = omitted
                            .iter()
                            .filter(|o| o.part == "offer")
                            .filter_map(|o| {
                                let i: usize = o.path.strip_prefix("offers[")?.strip_suffix(']')?.parse().ok()?;
                                let offer = match value.get("offers") {
                                    Some(Value::Array(offers)) => offers.get(i)?,
                                    _ => return None,
                                };
                                Some((o.path.clone(), offer.get("placement")?.as_str()?.to_string()))
                            })
                            .collect();
                        return Ok(Usable {
                            config,
                            problems,
                            omitted,
                            #[cfg(not(target_arch = "wasm32"))]
                            placements,
                            origins,
                        });
                    }
                    (found, needing)
                }
                Err(error) => (error.problems, Vec::new()),
            };
            let (found, needing) = found;
            let pruning = pruning.get_or_insert_with(|| Pruning::new(value));
            problems.extend(found.iter().map(|p| Problem { path: pruning.original(&p.path), ..p.clone() }));
            if !pruning.take_out(&[found, needing].concat()) {
                return Err(Error::all(Document::Config, problems));
            }
        }
        Err(Error::all(Document::Config, problems))
    }
}

impl Omitted {
    /// What leaving the part out means on the page: `offer "win-back" not shown`.
    pub fn consequence(&self) -> String {
        let named = match &self.id {
            Some(id) => format!("{} {}", self.part, crate::words::quoted(id)),
            None => format!("{} {}", self.part, self.path),
        };
        match self.part {
            "programme" => "the card and the rewards panel not shown".to_string(),
            "recommendations" => "the carousel uses the default rules".to_string(),
            "placement limit" => format!("{} shows 1 banner", self.path.trim_start_matches("max_per_placement.")),
            "field" => format!("field {} ignored", self.path),
            "offer" | "badge" => format!("{named} not shown"),
            _ => format!("{named} left out"),
        }
    }
}

impl Usable {
    /// Each problem with what it cost, in document order: `(path, reason, consequence)`, the
    /// consequence empty for a problem whose part is reported already. A part left out because it
    /// needed another (an offer of tiers without the programme) is listed at its own path.
    pub fn costs(&self) -> Vec<(String, String, String)> {
        let mut told: Vec<&str> = Vec::new();
        let mut costs = Vec::new();
        for problem in &self.problems {
            let within = |o: &&Omitted| {
                problem.path.starts_with(&o.path)
                    || (o.part == "programme"
                        && (problem.path.is_empty() || problem.path.starts_with("default_language")))
            };
            let consequence = match self.omitted.iter().find(within) {
                Some(o) if !told.contains(&o.path.as_str()) => {
                    told.push(&o.path);
                    o.consequence()
                }
                _ => String::new(),
            };
            costs.push((problem.path.clone(), problem.message.clone(), consequence));
        }
        for o in self.omitted.iter().filter(|o| !told.contains(&o.path.as_str())) {
            costs.push((o.path.clone(), o.reason.clone(), o.consequence()));
        }
        costs
    }
}
