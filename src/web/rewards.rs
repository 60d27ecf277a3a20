//! The rewards panel in the DOM (`<patron-widget placement="rewards">`, builds with the cargo feature
//! "rewards"). The redemption flow — the confirmation, the `patron:reward-redeem` event, waiting for
//! the shop's answer, the events for the report — is rewards.js's: it keeps each panel's step and
//! asks for a render, and this module draws the panel and the step from the core's words.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::Tree;
use crate::format::Formatter;
use crate::language::Language;
use crate::loyalty::{self, PanelText, RewardText, Spent};
use crate::session::Session;
use crate::time::Timestamp;

#[wasm_bindgen(module = "/src/web/rewards.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireRewards)]
    fn wire_rewards(host: &HtmlElement);
    // [step, reward id, code, message]: the panel's step of the flow ("" when none).
    #[wasm_bindgen(js_name = rewardStep)]
    fn reward_step(host: &HtmlElement) -> js_sys::Array;
    // [reward id, cost, balance or -1, …]: what was redeemed on this page since the session was set.
    #[wasm_bindgen(js_name = redeemedHere)]
    fn redeemed_here() -> js_sys::Array;
    #[wasm_bindgen(js_name = afterRewards)]
    fn after_rewards(host: &HtmlElement);
}

/// What was redeemed on this page since the session was set: the shop's answer carries the new
/// balance (or the cost is taken off), until the page hands over the ledger's own truth with
/// `update(session)`.
fn spent_here() -> Vec<Spent> {
    let here = redeemed_here();
    let mut spent = Vec::new();
    let mut i = 0;
    while i + 2 < here.length() {
        let balance = here.get(i + 2).as_f64().unwrap_or(-1.0);
        spent.push(Spent {
            reward_id: here.get(i).as_string().unwrap_or_default(),
            cost_points: here.get(i + 1).as_f64().unwrap_or(0.0) as u64,
            balance: (balance >= 0.0).then_some(balance as u64),
        });
        i += 3;
    }
    spent
}

/// Computes the panel and draws it, with the flow's current step.
///
/// # Errors
/// A DOM exception, which only a broken browser environment raises.
pub(super) fn render(
    host: &HtmlElement,
    session: &Session,
    config: &crate::config::Config,
    now: Timestamp,
    locale: &str,
    language: Language,
    format: &dyn Formatter,
) -> Result<(), JsValue> {
    let panel = loyalty::panel(session, &config.programme, &config.default_language, now, locale, &spent_here());
    let text = loyalty::panel_text(&panel, language, format);
    let step: Vec<String> = reward_step(host).iter().map(|v| v.as_string().unwrap_or_default()).collect();
    let field = |i: usize| step.get(i).map_or("", String::as_str);
    wire_rewards(host);
    let mut tree = Tree::new();
    panel_tree(&mut tree, &text, session.analytics_id());
    if !field(0).is_empty() {
        dialog(&mut tree, &text, field(0), field(1), field(2), field(3));
    }
    tree.show(host)?;
    after_rewards(host);
    Ok(())
}

fn panel_tree(t: &mut Tree, text: &PanelText, analytics_id: Option<&str>) {
    t.open("section", "card rewards").attr("part", "rewards").attr("aria-label", text.title);
    // The customer's analytics key, for rewards.js's events: only with analytics consent.
    if let Some(id) = analytics_id {
        t.attr("data-analytics-id", id);
    }
    t.open("h2", "title").attr("tabindex", "-1").text(text.title).close();
    if let (Some(balance), Some(note)) = (&text.balance, &text.balance_note) {
        t.open("p", "balance").leaf("strong", "points", balance).leaf("span", "note", note).close();
    }
    if let Some(note) = &text.redeem_note {
        t.open("p", "note").text(note);
        if let Some((label, url)) = &text.sign_in {
            t.open("a", "cta sign-in").attr("href", url).attr("part", "button").text(label).close();
        }
        t.close();
    }
    t.leaf("h3", "list-heading", text.rewards_heading);
    t.open("ul", "reward-list");
    for reward in &text.rewards {
        reward_tree(t, reward, text.flow.redeem);
    }
    t.close();
    if let Some(heading) = &text.earn_heading {
        t.leaf("h3", "list-heading", heading).open("ul", "earn");
        for (what, points) in &text.earn {
            t.open("li", "row").leaf("span", "", what).leaf("strong", "", points).close();
        }
        t.close();
    }
    if let Some(heading) = &text.badges_heading {
        t.leaf("h3", "list-heading", heading).open("ul", "badges");
        for badge in &text.badges {
            t.open("li", if badge.earned { "badge earned" } else { "badge" }).attr("data-badge", &badge.id);
            t.leaf("strong", "", &badge.name).leaf("span", "note", &badge.description);
            if let Some(percent) = badge.percent {
                bar(t, percent, &badge.name, &badge.status);
            }
            t.leaf("span", "status", &badge.status).close();
        }
        t.close();
    }
    t.close();
}

fn reward_tree(t: &mut Tree, reward: &RewardText, redeem: &str) {
    t.open("li", "reward")
        .attr("part", "reward")
        .attr("data-reward", &reward.id)
        .attr("data-state", reward.state)
        .attr("data-cost", &reward.cost_points.to_string());
    t.open("p", "row").leaf("strong", "", &reward.name).leaf("span", "cost", &reward.cost).close();
    for detail in &reward.details {
        t.leaf("span", "note", detail);
    }
    if let Some(status) = &reward.status {
        if let Some(percent) = reward.percent {
            bar(t, percent, &reward.name, status);
        }
        t.leaf("span", "status", status);
    }
    if let Some(label) = &reward.redeem {
        t.open("button", "cta redeem").attr("aria-label", label);
        action(t, "redeem", redeem);
    }
    t.close();
}

/// A progress bar with its accessible name and value in words.
fn bar(t: &mut Tree, percent: u8, name: &str, value: &str) {
    t.open("div", "progress")
        .attr("role", "progressbar")
        .attr("aria-label", name)
        .attr("aria-valuenow", &percent.to_string())
        .attr("aria-valuetext", value)
        .open("div", "fill")
        .attr("--patron-progress", &format!("{percent}%"))
        .close()
        .close();
}

/// The flow's modal dialog at `step`: "confirm", "pending", "done", "failed" or "unavailable".
fn dialog(t: &mut Tree, text: &PanelText, step: &str, id: &str, code: &str, message: &str) {
    let flow = &text.flow;
    let reward = text.rewards.iter().find(|r| r.id == id);
    let title = match (step, reward) {
        ("done", Some(reward)) => reward.done.as_str(),
        _ => flow.dialog_title,
    };
    t.open("dialog", "dialog").attr("aria-labelledby", "patron-flow-title").attr("data-step", step);
    t.open("h2", "title").attr("id", "patron-flow-title").text(title).close();
    match step {
        "confirm" | "pending" => {
            t.leaf("p", "", reward.map_or("", |r| r.confirm.as_str())).open("p", "actions");
            if step == "confirm" {
                t.open("button", "cta redeem").attr("autofocus", "");
                action(t, "confirm", flow.yes);
                t.open("button", "cta secondary");
                action(t, "close", flow.cancel);
            } else {
                t.open("button", "cta redeem")
                    .attr("aria-disabled", "true")
                    .attr("aria-busy", "true")
                    .attr("autofocus", "");
                action(t, "confirm", flow.busy);
            }
            t.close();
        }
        _ => {
            if step == "done" {
                if !code.is_empty() {
                    t.open("p", "coupon").text(flow.code_label).leaf("code", "code", code);
                    t.open("button", "cta secondary").attr("data-text", code).attr("data-copied", flow.copied);
                    action(t, "copy", flow.copy);
                    t.close();
                }
                if let Some(balance) = &text.balance {
                    t.open("p", "").text(flow.new_balance).leaf("strong", "", balance).close();
                }
            } else {
                let words = if step == "unavailable" { flow.unavailable } else { flow.failed };
                t.open("p", "error").attr("role", "alert").text(words).close();
            }
            if !message.is_empty() {
                t.leaf("p", "note", message);
            }
            t.open("p", "actions").open("button", "redeem").attr("autofocus", "");
            action(t, "close", flow.close);
            t.close();
        }
    }
    t.close();
}

/// Ends a button the caller opened with its own attributes: its type, part, action and label.
fn action(t: &mut Tree, action: &str, label: &str) {
    t.attr("type", "button").attr("part", "button").attr("data-action", action).text(label).close();
}
