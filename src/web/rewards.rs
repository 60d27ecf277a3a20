//! The rewards panel in the DOM (`<patron-widget placement="rewards">`, builds with the cargo feature
//! "rewards"). The redemption flow — the confirmation, the `patron:reward-redeem` event, waiting for
//! the shop's answer, the events for the report — is rewards.js's: it keeps each panel's step and
//! asks for a render, and this module draws the panel and the step from the core's words.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::view::{show, Node};
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
    let panel = loyalty::panel(session, config, now, locale, &spent_here());
    let text = loyalty::panel_text(&panel, language, format);
    let step: Vec<String> = reward_step(host).iter().map(|v| v.as_string().unwrap_or_default()).collect();
    let field = |i: usize| step.get(i).map_or("", String::as_str);
    wire_rewards(host);
    let mut nodes = vec![panel_node(&text)];
    if !field(0).is_empty() {
        nodes.push(dialog(&text, field(0), field(1), field(2), field(3)));
    }
    show(host, &nodes)?;
    after_rewards(host);
    Ok(())
}

fn panel_node(text: &PanelText) -> Node {
    let mut section = Node::new("section", "card rewards")
        .attr("part", "rewards")
        .attr("aria-label", &text.title)
        .child(Node::new("h2", "title").attr("tabindex", "-1").text(&text.title));
    if let (Some(balance), Some(note)) = (&text.balance, &text.balance_note) {
        section.push(
            Node::new("p", "balance")
                .child(Node::new("strong", "points").text(balance))
                .child(Node::new("span", "note").text(note)),
        );
    }
    if let Some(note) = &text.redeem_note {
        let mut line = Node::new("p", "note").text(note);
        if let Some((label, url)) = &text.sign_in {
            line.push(Node::new("a", "sign-in").attr("href", url).attr("part", "button").text(label));
        }
        section.push(line);
    }
    section.push(Node::new("h3", "list-heading").text(&text.rewards_heading));
    let mut list = Node::new("ul", "reward-list");
    for reward in &text.rewards {
        list.push(reward_node(reward, &text.flow.redeem));
    }
    section.push(list);
    if let Some(heading) = &text.earn_heading {
        section.push(Node::new("h3", "list-heading").text(heading));
        let mut list = Node::new("ul", "earn");
        for (what, points) in &text.earn {
            list.push(Node::new("li", "row").child(Node::new("span", "").text(what)).child(Node::new("strong", "").text(points)));
        }
        section.push(list);
    }
    if let Some(heading) = &text.badges_heading {
        section.push(Node::new("h3", "list-heading").text(heading));
        let mut list = Node::new("ul", "badges");
        for badge in &text.badges {
            let mut item = Node::new("li", if badge.earned { "badge earned" } else { "badge" })
                .attr("data-badge", &badge.id)
                .child(Node::new("strong", "").text(&badge.name))
                .child(Node::new("span", "note").text(&badge.description));
            if let Some(percent) = badge.percent {
                item.push(bar(percent, &badge.name, &badge.status));
            }
            item.push(Node::new("span", "status").text(&badge.status));
            list.push(item);
        }
        section.push(list);
    }
    section
}

fn reward_node(reward: &RewardText, redeem: &str) -> Node {
    let mut item = Node::new("li", "reward")
        .attr("part", "reward")
        .attr("data-reward", &reward.id)
        .attr("data-state", reward.state)
        .attr("data-cost", &reward.cost_points.to_string())
        .child(
            Node::new("p", "row")
                .child(Node::new("strong", "").text(&reward.name))
                .child(Node::new("span", "cost").text(&reward.cost)),
        );
    for detail in &reward.details {
        item.push(Node::new("span", "note").text(detail));
    }
    if let Some(status) = &reward.status {
        if let Some(percent) = reward.percent {
            item.push(bar(percent, &reward.name, status));
        }
        item.push(Node::new("span", "status").text(status));
    }
    if let Some(label) = &reward.redeem {
        item.push(
            Node::new("button", "redeem")
                .attr("type", "button")
                .attr("part", "button")
                .attr("data-action", "redeem")
                .attr("aria-label", label)
                .text(redeem),
        );
    }
    item
}

/// A progress bar with its accessible name and value in words.
fn bar(percent: u8, name: &str, value: &str) -> Node {
    Node::new("div", "progress")
        .attr("role", "progressbar")
        .attr("aria-label", name)
        .attr("aria-valuenow", &percent.to_string())
        .attr("aria-valuetext", value)
        .child(Node::new("div", "fill").attr("--patron-progress", &format!("{percent}%")))
}

/// The flow's modal dialog at `step`: "confirm", "pending", "done", "failed" or "unavailable".
fn dialog(text: &PanelText, step: &str, id: &str, code: &str, message: &str) -> Node {
    let flow = &text.flow;
    let reward = text.rewards.iter().find(|r| r.id == id);
    let button = |class: &'static str, action: &str, label: &str| {
        Node::new("button", class).attr("type", "button").attr("part", "button").attr("data-action", action).text(label)
    };
    let mut body = Node::new("dialog", "dialog").attr("aria-labelledby", "patron-flow-title").attr("data-step", step);
    let title = match (step, reward) {
        ("done", Some(reward)) => reward.done.as_str(),
        _ => flow.dialog_title.as_str(),
    };
    body.push(Node::new("h2", "title").attr("id", "patron-flow-title").text(title));
    match step {
        "confirm" | "pending" => {
            body.push(Node::new("p", "").text(reward.map_or("", |r| r.confirm.as_str())));
            let mut actions = Node::new("p", "actions");
            if step == "confirm" {
                actions.push(button("redeem", "confirm", &flow.yes).attr("autofocus", ""));
                actions.push(button("secondary", "close", &flow.cancel));
            } else {
                actions.push(
                    button("redeem", "confirm", &flow.busy)
                        .attr("aria-disabled", "true")
                        .attr("aria-busy", "true")
                        .attr("autofocus", ""),
                );
            }
            body.push(actions);
        }
        _ => {
            if step == "done" {
                if !code.is_empty() {
                    body.push(
                        Node::new("p", "coupon")
                            .text(&flow.code_label)
                            .child(Node::new("code", "code").text(code))
                            .child(button("secondary", "copy", &flow.copy).attr("data-text", code).attr("data-copied", &flow.copied)),
                    );
                }
                if let Some(balance) = &text.balance {
                    body.push(Node::new("p", "").text(&flow.new_balance).child(Node::new("strong", "").text(balance)));
                }
            } else {
                let words = if step == "unavailable" { &flow.unavailable } else { &flow.failed };
                body.push(Node::new("p", "error").attr("role", "alert").text(words));
            }
            if !message.is_empty() {
                body.push(Node::new("p", "note").text(message));
            }
            body.push(Node::new("p", "actions").child(button("redeem", "close", &flow.close).attr("autofocus", "")));
        }
    }
    body
}
