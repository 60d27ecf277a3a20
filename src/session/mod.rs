//! The session document: what the shop's server knows about the shopper, embedded in the page as
//! `<script type="application/json" id="patron-session">`.
//!
//! Patron reads nothing else about the shopper. Unknown fields are rejected rather than ignored, so a
//! misspelt optional field (`birth_day`) is reported instead of silently changing what a shopper sees.

mod history;
mod order;
#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
mod parts;

pub use history::History;
use order::total;
pub use order::{Line, Order};

use crate::error::{Document, Error, Problem};
use crate::hash::stable_hash;
use crate::json::{child, decode, index, Decode, Decoder, Value};
use crate::language::is_language_tag;
use crate::money::Currency;
use crate::money::Money;
use crate::time::{Date, Timestamp};
use crate::url::is_safe_url;
use crate::words::quoted;

/// The shopper's session as the shop embeds it.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Session {
    /// The JSON Schema this document follows; editors use it, Patron ignores it.
    #[cfg_attr(schema, serde(rename = "$schema", default, skip_serializing_if = "Option::is_none"))]
    pub schema: Option<String>,
    /// The signed-in customer; absent for a guest.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub customer: Option<Customer>,
    /// What the shopper agreed to. Without personalisation consent their history is not read.
    #[cfg_attr(schema, serde(default))]
    pub consent: Consent,
    /// Overrides the clock, for tests and previews; the browser's clock is used when absent.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub now: Option<Timestamp>,
    /// ISO 4217 code of every amount in this document, such as `EUR`.
    pub currency: Currency,
    /// BCP 47 language tag of the shop page, such as `de-DE`.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub locale: Option<String>,
    /// The customer's orders, in any order.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub orders: Vec<Order>,
    /// The orders in compact form, in place of `orders` (see [`History`]); decoded into `orders`,
    /// so that this is `None` in a decoded session.
    #[cfg(schema)]
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub history: Option<History>,
    /// The shop's points ledger; when present it is authoritative over points computed from orders.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub points: Option<PointsLedger>,
    /// What is in the cart now.
    #[cfg_attr(schema, serde(default))]
    pub cart: Cart,
}

/// The signed-in customer.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Customer {
    /// The shop's customer id. Patron only ever passes it on hashed.
    pub id: String,
    /// Used in greetings.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub first_name: Option<String>,
    /// For birthday rewards.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub birthday: Option<Date>,
    /// When the customer joined, for anniversaries.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub member_since: Option<Date>,
    /// The customer's personal referral link, for referral banners: http(s) or a path on the shop.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    pub referral_url: Option<String>,
    /// The customer's key in analytics: the first 32 hexadecimal digits of HMAC-SHA256(the shop's
    /// secret, customer id), computed on the shop's server. Events carry it, with analytics consent,
    /// so that a report can join them to orders; without the secret nobody can tell whose it is.
    #[cfg_attr(schema, serde(default, skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(schema, schemars(regex(pattern = r"^[0-9a-f]{32}$")))]
    pub analytics_id: Option<String>,
}

/// The shopper's consent choices.
#[derive(Clone, Copy, Debug, Default)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Consent {
    /// Whether the purchase history may be used to personalise the page (GDPR). Defaults to `false`.
    #[cfg_attr(schema, serde(default))]
    pub personalisation: bool,
    /// Whether the widget's events may carry `customer.analytics_id`. Defaults to `false`.
    #[cfg_attr(schema, serde(default))]
    pub analytics: bool,
}

/// The shop's points ledger.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct PointsLedger {
    /// Points available now.
    pub balance: u64,
    /// Points that will expire, and when.
    #[cfg_attr(schema, serde(default))]
    pub expiring: Vec<ExpiringPoints>,
    /// The rewards redeemed so far, for rewards limited per customer.
    #[cfg(decodes_rewards)]
    #[cfg_attr(schema, serde(default))]
    pub redeemed: Vec<Redemption>,
}

/// One redemption of a reward.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Redemption {
    /// The reward's id in the programme.
    pub reward_id: String,
    /// The day it was redeemed.
    pub on: Date,
}

/// A batch of points with its expiry date.
#[derive(Clone, Debug)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct ExpiringPoints {
    /// How many points.
    pub points: u64,
    /// The last day they can be used.
    pub on: Date,
}

/// The cart.
#[derive(Clone, Debug, Default)]
#[cfg_attr(schema, derive(serde::Serialize, schemars::JsonSchema), serde(deny_unknown_fields))]
pub struct Cart {
    /// What is in it.
    #[cfg_attr(schema, serde(default))]
    pub lines: Vec<Line>,
}

impl Cart {
    /// The cart's value.
    pub fn total(&self) -> Money {
        total(&self.lines)
    }
}

impl Session {
    /// Parses and checks a session document.
    ///
    /// # Errors
    /// Malformed JSON, with line and column; or every problem in the document, with its JSON path.
    #[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
    pub fn from_json(text: &str) -> Result<Session, Error> {
        let value = crate::json::parse_text(Document::Session, text)?;
        Session::from_value(&value)
    }

    /// Checks an already parsed session document (the widget parses with the browser's `JSON.parse`).
    ///
    /// # Errors
    /// Every problem in the document, with its JSON path.
    pub fn from_value(value: &Value) -> Result<Session, Error> {
        let session: Session = decode(Document::Session, value)?;
        let problems = session.problems();
        if problems.is_empty() {
            Ok(session)
        } else {
            Err(Error::all(Document::Session, problems))
        }
    }

    /// The session as the widget uses it (issue 32), by the config's rule (`Config::lenient`): a
    /// malformed order, order line, cart line, redemption or batch of expiring points is left out
    /// with its path; a malformed ledger is left out whole, so that the points are computed from
    /// the orders (and the rewards panel waits for a ledger to redeem, as it does without one); an
    /// optional field that does not read (`locale`, `now`, `customer.birthday`, …) is ignored. A
    /// signed-in shopper is never asked to sign in because of a data problem. `Session::in_parts`
    /// (native) reaches the same parts another way; `tests/parts.rs` holds the two together.
    ///
    /// # Errors
    /// A session of which nothing can be used: no object, without a readable currency (every amount
    /// is in it), or whose customer has no readable id.
    #[cfg(lenient_decoding)]
    pub fn lenient(value: &Value) -> Result<crate::json::Lenient<Session>, Error> {
        crate::json::decode_leniently(Document::Session, value)
    }

    /// A guest's session: no customer, no history, nothing in the cart.
    pub fn guest(currency: Currency) -> Session {
        Session {
            schema: None,
            customer: None,
            consent: Consent::default(),
            now: None,
            currency,
            locale: None,
            orders: Vec::new(),
            #[cfg(schema)]
            history: None,
            points: None,
            cart: Cart::default(),
        }
    }

    /// Whether the purchase history may be read: a signed-in customer who gave consent.
    pub fn personalised(&self) -> bool {
        self.customer.is_some() && self.consent.personalisation
    }

    /// The customer's analytics key for events: only with analytics consent.
    pub fn analytics_id(&self) -> Option<&str> {
        self.customer.as_ref().and_then(|c| c.analytics_id.as_deref()).filter(|_| self.consent.analytics)
    }

    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let customer = self.customer.as_ref();
        if let Some(problem) = self.locale.as_deref().and_then(locale_problem) {
            problems.push(problem);
        }
        if let Some(problem) = customer.and_then(|c| c.referral_url.as_deref()).and_then(referral_problem) {
            problems.push(problem);
        }
        if let Some(problem) = customer.and_then(|c| c.analytics_id.as_deref()).and_then(analytics_problem) {
            problems.push(problem);
        }
        for (i, order) in self.orders.iter().enumerate() {
            check_lines(&order.lines, &child(&index("orders", i), "lines"), &mut problems);
        }
        // A shop that sends an order twice would double its points and spend; say so rather than
        // count it twice. Ranking by a hash of the id keeps this fast for long histories (and reuses
        // the crate's one sort), equal ids ending up side by side.
        let hashed = crate::rank::ranked(self.orders.iter().map(|o| (stable_hash(&[&o.id]) as i64, 0)));
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for pair in hashed.windows(2) {
            if let [a, b] = pair {
                let (first, again) = ((*a).min(*b), (*a).max(*b));
                let same = self.orders.get(first).zip(self.orders.get(again)).is_some_and(|(x, y)| x.id == y.id);
                if same {
                    seen.push((first, again));
                }
            }
        }
        for (first, again) in crate::rank::ordered(&seen, |(_, again)| (*again as i64, 0)) {
            if let Some(order) = self.orders.get(again) {
                problems.push(Problem::at(
                    child(&index("orders", again), "id"),
                    why!(
                        "the order id is already used";
                        "order id {} is already used by orders[{first}]",
                        quoted(&order.id)
                    ),
                ));
            }
        }
        check_lines(&self.cart.lines, "cart.lines", &mut problems);
        problems
    }
}

/// A session's locale that is no language tag.
fn locale_problem(locale: &str) -> Option<Problem> {
    (!is_language_tag(locale)).then(|| {
        Problem::at(
            "locale",
            why!(
                "expected a language tag such as \"de-DE\"";
                "expected a language tag such as \"de-DE\", got {}",
                quoted(locale)
            ),
        )
    })
}

/// A referral URL that is neither http(s) nor a path on the shop.
fn referral_problem(url: &str) -> Option<Problem> {
    (!is_safe_url(url)).then(|| {
        Problem::at(
            "customer.referral_url",
            why!(
                "expected an http(s) URL or a path on the shop";
                "expected an http(s) URL or a path on the shop, got {}",
                quoted(url)
            ),
        )
    })
}

/// An analytics id that is not what the shop's server computes.
fn analytics_problem(id: &str) -> Option<Problem> {
    (id.len() != 32 || !id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))).then(|| {
        Problem::at(
            "customer.analytics_id",
            why!(
                "expected 32 lowercase hexadecimal digits";
                "expected 32 lowercase hexadecimal digits (the first 32 of HMAC-SHA256 with the shop's secret), got {}",
                quoted(id)
            ),
        )
    })
}

fn check_lines(lines: &[Line], path: &str, problems: &mut Vec<Problem>) {
    for (i, line) in lines.iter().enumerate() {
        if line.quantity == 0 {
            problems.push(Problem::at(child(&index(path, i), "quantity"), order::ZERO_QUANTITY));
        }
    }
}

impl Decode for Session {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Session> {
        let mark = d.mark();
        let fields = d.object(
            value,
            path,
            &["customer", "consent", "now", "currency", "locale", "orders", "history", "points", "cart"],
        )?;
        // A part of the session costs only itself (issue 32, `Session::lenient`): the widget ignores
        // fields it does not know and optional ones that do not read (`now`, `locale`).
        d.omit_each(mark, "field");
        let at = d.mark();
        let now = fields.opt(d, "now");
        d.omit_each(at, "field");
        // Either form of the history; both are read, so that each one's problems are reported.
        // Of an order sent twice, the first is kept.
        let orders: Vec<Order> = fields.parts(d, "orders", ("order", "orders"), Some(false), &mut |_, _, _, _| {});
        let at = d.mark();
        let orders = match fields.opt::<History>(d, "history") {
            Some(_) if value.get("orders").is_some() => {
                d.report(&child(path, "history"), "expected either orders or history, not both".to_string());
                orders
            }
            Some(history) => history.orders(&child(path, "history"), now, d).unwrap_or_default(),
            None => orders,
        };
        d.omit(at, "history", "orders", None);
        // In the order the strict decoder has always reported them.
        let schema = fields.opt(d, "$schema");
        let customer = fields.opt(d, "customer");
        let at = d.mark();
        let consent = fields.get_or(d, "consent", Consent::default());
        d.omit(at, "consent", "consent", None);
        let currency = fields.req(d, "currency");
        let at = d.mark();
        let locale: Option<String> = fields.opt(d, "locale");
        if d.is_lenient() {
            if let Some(problem) = locale.as_deref().and_then(locale_problem) {
                d.problems.push(problem);
            }
        }
        d.omit_each(at, "field");
        // Without the ledger, the points are computed from the orders, and the rewards panel waits
        // for a ledger to redeem: a signed-in shopper is never asked to sign in for a data problem.
        let at = d.mark();
        let points = fields.opt(d, "points");
        d.omit(at, "points", "points ledger", None);
        let at = d.mark();
        let cart = fields.get_or(d, "cart", Cart::default());
        d.omit(at, "cart", "cart", None);
        let session = Session {
            schema,
            customer,
            consent,
            now,
            currency,
            locale,
            orders,
            #[cfg(schema)]
            history: None,
            points,
            cart,
        };
        d.finish(mark, session)
    }
}

impl Decode for Customer {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Customer> {
        let mark = d.mark();
        let fields =
            d.object(value, path, &["id", "first_name", "birthday", "member_since", "referral_url", "analytics_id"])?;
        // The widget ignores a field it does not know or cannot read; without an id, the customer
        // cannot be used at all.
        d.omit_each(mark, "field");
        let id = fields.req(d, "id");
        let at = d.mark();
        let customer = Customer {
            id,
            first_name: fields.opt(d, "first_name"),
            birthday: fields.opt(d, "birthday"),
            member_since: fields.opt(d, "member_since"),
            referral_url: fields.opt(d, "referral_url"),
            analytics_id: fields.opt(d, "analytics_id"),
        };
        if d.is_lenient() {
            let referral = customer.referral_url.as_deref().and_then(referral_problem);
            let analytics = customer.analytics_id.as_deref().and_then(analytics_problem);
            for problem in [referral, analytics].into_iter().flatten() {
                d.problems.push(problem);
            }
        }
        d.omit_each(at, "field");
        d.finish(mark, customer)
    }
}

impl Decode for Consent {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Consent> {
        let mark = d.mark();
        let fields = d.object(value, path, &["personalisation", "analytics"])?;
        let consent = Consent {
            personalisation: fields.get_or(d, "personalisation", false),
            analytics: fields.get_or(d, "analytics", false),
        };
        d.finish(mark, consent)
    }
}

impl Decode for PointsLedger {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<PointsLedger> {
        let mark = d.mark();
        let fields = d.object(value, path, &["balance", "expiring", "redeemed"])?;
        let ledger = PointsLedger {
            balance: fields.req(d, "balance"),
            expiring: fields.parts(d, "expiring", ("expiring points", ""), None, &mut |_, _, _, _| {}),
            // A widget built without the rewards panel accepts the list and leaves it unread.
            #[cfg(decodes_rewards)]
            redeemed: fields.parts(d, "redeemed", ("redemption", ""), None, &mut |_, _, _, _| {}),
        };
        d.finish(mark, ledger)
    }
}

impl Decode for History {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<History> {
        let mark = d.mark();
        let fields = d.object(value, path, &["version", "orders", "skus", "categories", "products"])?;
        let history = History {
            version: fields.req(d, "version"),
            orders: fields.req(d, "orders"),
            skus: fields.get_or(d, "skus", Vec::new()),
            categories: fields.get_or(d, "categories", Vec::new()),
            products: fields.get_or(d, "products", String::new()),
        };
        d.finish(mark, history)
    }
}

impl Decode for ExpiringPoints {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<ExpiringPoints> {
        let mark = d.mark();
        let fields = d.object(value, path, &["points", "on"])?;
        let batch = ExpiringPoints { points: fields.req(d, "points"), on: fields.req(d, "on") };
        d.finish(mark, batch)
    }
}

impl Decode for Cart {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Cart> {
        let mark = d.mark();
        let fields = d.object(value, path, &["lines"])?;
        let cart = Cart { lines: fields.parts(d, "lines", ("cart line", ""), None, &mut |_, _, _, _| {}) };
        d.finish(mark, cart)
    }
}

#[cfg(decodes_rewards)]
impl Decode for Redemption {
    fn decode(value: &Value, path: &str, d: &mut Decoder) -> Option<Redemption> {
        let mark = d.mark();
        let fields = d.object(value, path, &["reward_id", "on"])?;
        let redemption = Redemption { reward_id: fields.req(d, "reward_id"), on: fields.req(d, "on") };
        d.finish(mark, redemption)
    }
}
