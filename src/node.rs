//! The session builder for the shop's server, compiled for Node.js: the npm package `patron-session`
//! (`npm/session/`, built by `scripts/build-session.sh`). Its `toSession` wraps [`to_session`].
//!
//! It is the same code as `patron session`: the session's decoder checks what the server hands over
//! (every problem with its JSON path), and the compact history's encoder writes what Patron reads of
//! the orders. The secret for the analytics key stays on the server: only the key goes into the page.

use wasm_bindgen::prelude::*;

use crate::json::{parse_text, script_safe};
use crate::session::History;
use crate::{Document, Session};

/// The session to embed in the page for `document`, a session in either form (`orders` or
/// `history`) as JSON text: the orders in compact form, and `customer.analytics_id` computed from
/// `secret` when one is given and the shopper consented to analytics. Without consent to
/// personalisation the history and the points are left out: the widget would not read them.
///
/// The JSON is escaped for a `<script type="application/json">` block: `<`, `>` and `&` inside its
/// strings are written as `\u003c`, `\u003e` and `\u0026` (and U+2028, U+2029 escaped too), so
/// that no string can close the block or open a comment.
///
/// With `max_products`, the history keeps at most that many products (lossy; see
/// [`History::from_orders_keeping`]).
///
/// # Errors
/// Every problem of the document, with its JSON path; or a secret shorter than 16 bytes.
#[wasm_bindgen(js_name = buildSession)]
pub fn to_session(document: &str, secret: Option<Vec<u8>>, max_products: Option<u32>) -> Result<String, String> {
    if let Some(secret) = &secret {
        if secret.len() < 16 {
            return Err(format!("analyticsKey: the secret has {} bytes; use at least 16 random bytes", secret.len()));
        }
    }
    let parsed = parse_text(Document::Session, document).map_err(|e| e.to_string())?;
    let session = Session::from_value(&parsed).map_err(|e| e.to_string())?;
    let Ok(serde_json::Value::Object(mut out)) = serde_json::from_str::<serde_json::Value>(document) else {
        // parse_text read it as JSON and the decoder as an object: not reached.
        return Err("expected a session object".to_string());
    };
    // The editor's schema link is of no use in the page.
    out.remove("$schema");
    out.remove("orders");
    out.remove("history");
    if session.consent.personalisation {
        if !session.orders.is_empty() {
            let most = max_products.map_or(usize::MAX, |n| n as usize);
            out.insert("history".into(), History::from_orders_keeping(&session.orders, most).to_json());
        }
    } else {
        out.remove("points");
    }
    if let Some(serde_json::Value::Object(customer)) = out.get_mut("customer") {
        // A key the caller computed is replaced, or dropped without consent: it is the key this
        // secret gives, or none.
        customer.remove("analytics_id");
        if let (Some(secret), Some(id), true) = (&secret, session.customer.as_ref(), session.consent.analytics) {
            customer.insert("analytics_id".into(), crate::hash::analytics_id(secret, &id.id).into());
        }
    }
    let text = serde_json::to_string(&serde_json::Value::Object(out)).map_err(|e| e.to_string())?;
    Ok(script_safe(&text))
}
