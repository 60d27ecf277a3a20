//! Exports for the marketer playground (`www/playground.html`), built only with the cargo feature
//! `playground`: the shipped widget does not carry them.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::host::clock;
use super::{intl, json};
use crate::config::Config;
use crate::error::Problem;
use crate::offers::{self, Memory, Outcome};
use crate::session::Session;

fn set(object: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

fn problem(problem: &Problem, severity: &str) -> JsValue {
    let object = Object::new();
    set(&object, "severity", JsValue::from_str(severity));
    set(&object, "path", JsValue::from_str(&problem.path));
    set(&object, "message", JsValue::from_str(&problem.message));
    object.into()
}

/// Checks a config as `patron validate` does: `{valid, problems: [{severity, path, message}],
/// leftOut: ["offers[1]: offer \"win-back\" (in \"top\"; …)"]}`, the last being what the widget would
/// leave out if the file were published as it is.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(text: &str) -> JsValue {
    let problems = Array::new();
    let left_out = Array::new();
    // In one pass, as `patron validate`: the problems of each part, the checks across sections on
    // every part that decoded, and the warnings of those parts (issue 32).
    let (errors, warnings) = match json::parse(text).map_err(|message| vec![Problem::at("", message)]) {
        Ok(value) => match Config::in_parts(&value) {
            Ok(usable) => {
                for left in usable.left_out(&value) {
                    left_out.push(&JsValue::from_str(&format!("{}: {}", left.omitted.path, left.describe())));
                }
                (usable.problems.clone(), usable.warnings())
            }
            Err(error) => (error.problems, Vec::new()),
        },
        Err(errors) => (errors, Vec::new()),
    };
    for error in &errors {
        problems.push(&problem(error, "error"));
    }
    for warning in &warnings {
        problems.push(&problem(warning, "warning"));
    }
    let valid = errors.is_empty();
    let report = Object::new();
    set(&report, "valid", JsValue::from_bool(valid));
    set(&report, "problems", problems.into());
    set(&report, "leftOut", left_out.into());
    report.into()
}

/// For a config and a session (JSON texts), every offer's outcome as `patron simulate` reports it:
/// `[{offer, placement, shown, qualifies, reason, headline}]`, or `{error}` when a document is broken.
#[wasm_bindgen]
pub fn explain(config: &str, session: &str, locale: &str) -> JsValue {
    let error = |message: String| {
        let object = Object::new();
        set(&object, "error", JsValue::from_str(&message));
        JsValue::from(object)
    };
    let config = match json::parse(config)
        .map_err(|p| p.to_string())
        .and_then(|v| Config::from_value(&v).map_err(|e| e.to_string()))
    {
        Ok(config) => config,
        Err(message) => return error(message),
    };
    let session = if session.trim().is_empty() {
        Session::guest(config.programme.currency.clone())
    } else {
        match json::parse(session)
            .map_err(|p| p.to_string())
            .and_then(|v| Session::from_value(&v).map_err(|e| e.to_string()))
        {
            Ok(session) => session,
            Err(message) => return error(message),
        }
    };
    let Ok(format) = intl::IntlFormatter::new(locale, session.currency.code()) else {
        return error("the browser has no Intl support".to_string());
    };
    let now = session.now.unwrap_or_else(clock);
    let rows = Array::new();
    for decision in offers::decide(&session, config.offer_config(), now, locale, &Memory::default(), &format) {
        let row = Object::new();
        set(&row, "offer", JsValue::from_str(&decision.id));
        set(&row, "placement", JsValue::from_str(&decision.placement));
        set(&row, "shown", JsValue::from_bool(matches!(decision.outcome, Outcome::Shown)));
        set(&row, "qualifies", JsValue::from_bool(decision.outcome.qualifies()));
        set(&row, "reason", JsValue::from_str(&decision.outcome.describe()));
        set(&row, "headline", decision.banner.map_or(JsValue::NULL, |b| JsValue::from_str(&b.headline)));
        rows.push(&row);
    }
    rows.into()
}

/// Times the recommender in this browser on the synthetic benchmark inputs (the same as the native
/// `cargo bench --bench recommend`): `{products, lines, modelBytes, parseMs, scoreMs, memoryBytes}`,
/// each time the mean over `iterations` runs; `memoryBytes` is the module's whole linear memory
/// with the model parsed. For scripts/bench-browser.mjs.
#[wasm_bindgen(js_name = benchRecommendations)]
pub fn bench_recommendations(products: u32, lines: u32, iterations: u32) -> JsValue {
    use crate::recommend::{recommend, synthetic, Model, Rules, Weights};
    let now = || {
        let performance =
            Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).unwrap_or(JsValue::UNDEFINED);
        Reflect::get(&performance, &JsValue::from_str("now"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&performance).ok())
            .and_then(|t| t.as_f64())
            .unwrap_or(0.0)
    };
    let memory = || {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map_or(0.0, |m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| f64::from(b.byte_length())))
    };
    let bytes = synthetic::model(products).to_bytes();
    let iterations = iterations.max(1);
    let start = now();
    let mut model = None;
    for _ in 0..iterations {
        model = Model::from_bytes(&bytes).ok();
    }
    let parse = (now() - start) / f64::from(iterations);
    let Some(model) = model else { return JsValue::NULL };
    let memory_used = memory();
    let today = crate::time::Date::new(2026, 11, 20).unwrap_or(crate::time::Date::MIN);
    let history = synthetic::history(&model, lines, today);
    let (rules, weights) = (Rules::default(), Weights::default());
    let start = now();
    let mut shown = 0;
    for _ in 0..iterations {
        shown += recommend(&model, &history, today, 12, &rules, &weights).len();
    }
    let score = (now() - start) / f64::from(iterations);
    let result = Object::new();
    set(&result, "products", JsValue::from(products));
    set(&result, "lines", JsValue::from(lines));
    set(&result, "modelBytes", JsValue::from(bytes.len() as u32));
    set(&result, "parseMs", JsValue::from(parse));
    set(&result, "scoreMs", JsValue::from(score));
    set(&result, "memoryBytes", JsValue::from(memory_used));
    set(&result, "shown", JsValue::from(shown as u32 / iterations));
    result.into()
}
