//! `patron recommend`: recommendations for session documents, one JSON line per session.

use std::fmt::Write as _;
use std::path::Path;

use super::input::{clock, read};
use super::problems::report;
use crate::config::Config;
use crate::recommend::{self, Model, Reason, Rules};
use crate::session::Session;

pub(crate) fn recommend(model_path: &Path, sessions: &Path, k: usize, config: Option<&Path>) -> Result<String, String> {
    let bytes =
        std::fs::read(model_path).map_err(|e| format!("patron: cannot read {}: {e}\n", model_path.display()))?;
    let model = Model::from_bytes(&bytes).map_err(|e| format!("patron: {}: {e}\n", model_path.display()))?;
    let rules = match config {
        Some(path) => {
            let text = read(path)?;
            Config::from_json(&text).map_err(|e| report(path, &text, &e))?.recommendations
        }
        None => Rules::default(),
    };
    let text = read(sessions)?;
    let mut out = String::new();
    let mut broken = String::new();
    for (i, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let value = match Session::from_json(line) {
            Ok(session) => {
                let now = session.now.unwrap_or_else(clock);
                let list = recommend::for_session(&session, &model, now, k, &rules);
                serde_json::json!({
                    "customer_id": session.customer.as_ref().map(|c| c.id.clone()),
                    "recommendations": list.iter().filter_map(|r| {
                        let product = model.product(r.product)?;
                        let mut item = serde_json::json!({
                            "sku": product.sku,
                            "score": (f64::from(r.score) * 10_000.0).round() / 10_000.0,
                            "reason": r.reason.code(),
                        });
                        // bought_with names the product bought, popular_in the category.
                        if let (Some(map), Some(detail)) = (item.as_object_mut(), reason_detail(&r.reason)) {
                            map.insert("detail".to_string(), detail);
                        }
                        Some(item)
                    }).collect::<Vec<_>>(),
                })
            }
            Err(error) => {
                let _ = writeln!(broken, "{}:{}: {error}", sessions.display(), i + 1);
                serde_json::json!({ "customer_id": null, "error": error.to_string() })
            }
        };
        let _ = writeln!(out, "{value}");
    }
    if broken.is_empty() {
        Ok(out)
    } else {
        super::input::emit(&out);
        Err(broken)
    }
}

/// The reason's object: the SKU of `bought_with`, the category of `popular_in`.
fn reason_detail(reason: &Reason) -> Option<serde_json::Value> {
    match reason {
        Reason::BoughtWith(sku) => Some(serde_json::Value::String(sku.clone())),
        Reason::PopularIn(category) => Some(serde_json::Value::String(category.clone())),
        _ => None,
    }
}
