// Puts one mistake (named by the page's hash, #MISTAKE) into the demo's programme or the regular
// shopper's session (Anna), embeds both, and starts Patron through its entry (npm/patron.js); records every patron:config-problem event in
// window.__problems. Without a hash, both documents are as the demo has them.
const mistakes = {
  // The config.
  "offer-typo": (c) => { c.offers[1].cta_lable = c.offers[1].cta_label; delete c.offers[1].cta_label; },
  "shown-offer-typo": (c) => { c.offers[0].headlin = c.offers[0].headline; delete c.offers[0].headline; },
  "offer-unknown-tier": (c) => { c.offers[5].audience = { tier_at_least: "platin" }; },
  "offer-duplicate-id": (c) => { c.offers[6].id = c.offers[5].id; },
  "reward-typo": (c) => { c.programme.rewards[1].cost_point = 500; },
  "badge-broken": (c) => { c.programme.badges[0].condition = { orders_atleast: 3 }; },
  "programme-broken": (c) => { c.programme.earn.points_per_unit = "one"; },
  "limit-broken": (c) => { c.max_per_placement.inline = 0; },
  "rules-broken": (c) => { c.recommendations = { max_per_category: "two" }; },
  "unknown-field": (c) => { c.colour = "blue"; },
  "not-an-object": () => ["not", "a", "config"],
  // The session.
  "order-broken": (_, s) => { s.orders[0].placed_at = "yesterday"; },
  "line-broken": (_, s) => { s.orders[1].lines[0].unit_price = "12,90"; },
  "cart-broken": (_, s) => { s.cart.lines[0].quantity = -1; },
  "ledger-broken": (_, s) => { s.points = { balance: "viele" }; },
  "redemption-code": (_, s) => { s.points = { balance: 412, redeemed: [{ reward_id: "five-off", on: "2026-10-01", code: "X" }] }; },
};
const mistake = location.hash.slice(1);
const [config, session] = await Promise.all(
  ["../configs/consumer.json", "../sessions/regular.json"].map(async (path) => (await fetch(path)).json()),
);
// A mistake changes a document in place, or returns the config to use instead.
const replaced = mistakes[mistake]?.(config, session);
document.getElementById("patron-config").textContent = JSON.stringify(replaced ?? config);
document.getElementById("patron-session").textContent = JSON.stringify(session);
window.__problems = [];
document.addEventListener("patron:config-problem", (event) => window.__problems.push(event.detail));
// The carousel's events, for the test of a takeover after the page has rendered.
window.__recs = [];
for (const name of ["patron:rec-impression", "patron:rec-click"]) {
  document.addEventListener(name, (event) => window.__recs.push(`${event.type} ${event.detail.sku}`));
}
window.__patron = await import("/pkg/patron.js");
window.__session = session;
