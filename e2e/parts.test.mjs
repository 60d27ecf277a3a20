// End-to-end, on the shipped package: a mistake in the config or the session costs only the part it
// is in (issue 32). www/check/parts.html shows every placement on the demo's programme and the
// regular shopper's session (Anna) with one mistake put in. The page starts with the build for its
// widgets, which decodes strictly; meeting the mistake, it loads the recovery module (patron_lenient),
// which renders every widget with the mistake's part left out. Each test compares what every widget
// shows with the page without the mistake, and reads the console warning and the
// patron:config-problem events that say what was left out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const state = useBrowser();

/** What each widget shows, by its placement, once the page has rendered; the events; the warnings. */
async function shown(mistake = "", refused = false) {
  const tab = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const warnings = [];
  tab.on("console", (m) => (m.type() === "error" || m.type() === "warning") && warnings.push(m.text()));
  tab.on("pageerror", (error) => warnings.push(`exception: ${error.message}`));
  await tab.goto(`${state.base}check/parts.html#${mistake}`);
  // Everything that renders has rendered once the carousel's products are there; a refused config
  // renders nothing, and says so.
  if (refused) while (!warnings.length) await tab.waitForTimeout(50);
  else await tab.locator("patron-widget[placement=recommendations] .product").first().waitFor();
  await tab.waitForTimeout(150);
  const widgets = await tab.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("patron-widget")].map((w) => [
      w.getAttribute("placement") ?? "loyalty",
      (w.shadowRoot?.textContent ?? "").replace(/\s+/g, " ").trim(),
    ]),
  ));
  const problems = await tab.evaluate(() => window.__problems);
  const modules = await tab.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name.split("/").pop()).filter((n) => n.endsWith(".wasm")));
  await tab.close();
  return { widgets, problems, warnings, modules };
}

// The page without a mistake, read once (in the first test: the browser starts in a hook).
let baseline;

test("without a mistake every placement shows, from one module, and nothing is said", async () => {
  baseline = await shown();
  assert.deepEqual(baseline.warnings, []);
  assert.deepEqual(baseline.problems, []);
  assert.deepEqual(baseline.modules, ["patron_full_rewards_bg.wasm"]);
  for (const placement of ["loyalty", "top", "inline", "cart", "recommendations", "rewards"]) {
    assert.notEqual(baseline.widgets[placement], "", `${placement} shows something`);
  }
});

const warning = (...lines) =>
  `patron: showing what has no problem; left out (\`patron validate\` explains each): ${lines.join("; ")}`;
const problem = (document, path, reason, omitted) => ({ document, path, reason, omitted });

// Each case: the mistake (www/check/parts.js), what it changes — by placement, text the widget
// must now show (`shows`) or no longer show (`hides`), or `empty` — and what is said. Every
// placement not named shows exactly what it shows without the mistake.
const cases = [
  {
    mistake: "offer-typo", // The typo, in an offer Anna does not qualify for.
    changes: {},
    problems: [problem("config", "offers[1].cta_lable", "unknown field", 'offer "win-back" not shown')],
  },
  {
    mistake: "shown-offer-typo", // Her birthday banner: the top placement shows the next offer.
    changes: { top: { shows: ["Doppelte Punkte – nur diese Woche"], hides: ["Alles Gute zum Geburtstag"] } },
    problems: [
      problem("config", "offers[0].headlin", "unknown field", 'offer "birthday" not shown'),
      problem("config", "offers[0]", "missing field headline", 'offer "birthday" not shown'),
    ],
  },
  {
    mistake: "offer-unknown-tier",
    changes: { inline: { shows: ["10 € schenken, 10 € bekommen"], hides: ["Gratis-Packung"] } },
    problems: [problem("config", "offers[5].audience.tier_at_least", "unknown tier", 'offer "stamp-card" not shown')],
  },
  {
    mistake: "offer-duplicate-id", // Both offers with the id go.
    changes: { inline: "empty" },
    problems: [
      problem("config", "offers[5].id", "another offer has this id", 'offer "stamp-card" not shown'),
      problem("config", "offers[6].id", "another offer has this id", 'offer "stamp-card" not shown'),
    ],
  },
  {
    mistake: "reward-typo",
    changes: { rewards: { shows: ["Versandkostenfrei300 Punkte", "Gratis-Packung 250 g"], hides: ["5 € Rabatt"] } },
    problems: [problem("config", "programme.rewards[1].cost_point", "unknown field", 'reward "five-off" left out')],
  },
  {
    mistake: "badge-broken",
    changes: { rewards: { shows: ["Treue Seele"], hides: ["Stammgast"] } },
    problems: [
      problem("config", "programme.badges[0].condition.orders_atleast", "unknown field", 'badge "regular" not shown'),
    ],
  },
  {
    mistake: "programme-broken", // No card and no panel; the offers that need no programme stay.
    changes: { loyalty: "empty", rewards: "empty" },
    problems: [
      problem("config", "programme.earn.points_per_unit", "expected a number", "programme not shown"),
      problem("config", "offers[2]", "it needs the programme, which has a problem", 'offer "early-access" not shown'),
      problem("config", "offers[3]", "it needs the programme, which has a problem", 'offer "double-points-week" not shown'),
    ],
  },
  {
    mistake: "limit-broken", // The placement falls back to one banner.
    changes: { inline: { shows: ["Gratis-Packung"], hides: ["10 € schenken"] } },
    problems: [
      problem("config", "max_per_placement.inline", "expected at least 1 banner per placement, got 0", "placement limit left out"),
    ],
  },
  {
    mistake: "rules-broken", // The carousel uses the default rules, which are these.
    changes: {},
    problems: [problem("config", "recommendations.max_per_category", "expected a whole number", "recommendation rule left out")],
  },
  {
    mistake: "order-broken", // Her points and her stamp card count one order less.
    changes: {
      loyalty: { shows: ["1.160 Punkte"], hides: ["1.220 Punkte"] },
      inline: { shows: ["9 von 10 Bestellungen"] },
      rewards: { shows: ["1.160 Punkte"] },
    },
    problems: [
      problem("session", "orders[0].placed_at", "expected an RFC 3339 timestamp such as 2026-11-23T09:30:00+01:00", 'order "A-2001" left out'),
    ],
  },
  {
    mistake: "cart-broken", // The cart's points go, and the carousel may show the product again.
    changes: {
      loyalty: { hides: ["Ihr Warenkorb bringt Ihnen"] },
      recommendations: { shows: ["Hausmischung 1 kg"] },
    },
    problems: [problem("session", "cart.lines[0].quantity", "expected a whole number", "cart line left out")],
  },
  {
    mistake: "ledger-broken", // Points from her orders; she is still greeted, not asked to sign in.
    changes: {},
    problems: [problem("session", "points.balance", "expected a whole number", "points ledger left out")],
  },
  {
    mistake: "redemption-code", // The ledger without the one redemption: she can redeem.
    changes: {
      loyalty: { shows: ["412 Punkte"] },
      rewards: { shows: ["412 Punkte", "Einlösen"], hides: ["Melden Sie sich an"] },
    },
    problems: [problem("session", "points.redeemed[0].code", "unknown field", "redemption left out")],
  },
];

for (const { mistake, changes, problems } of cases) {
  test(`${mistake}: costs only its part`, async () => {
    const page = await shown(mistake);
    assert.deepEqual(page.modules, ["patron_full_rewards_bg.wasm", "patron_lenient_bg.wasm"]);
    for (const [placement, text] of Object.entries(page.widgets)) {
      const change = changes[placement];
      if (!change) assert.equal(text, baseline.widgets[placement], `${placement} is as without the mistake`);
      else if (change === "empty") assert.equal(text, "", `${placement} is empty`);
      else {
        assert.notEqual(text, baseline.widgets[placement], `${placement} changed`);
        for (const shows of change.shows ?? []) assert.ok(text.includes(shows), `${placement} shows ${shows}: ${text}`);
        for (const hides of change.hides ?? []) assert.ok(!text.includes(hides), `${placement} hides ${hides}: ${text}`);
      }
    }
    assert.deepEqual(page.problems, problems);
    const said = problems.map((p) => `${p.document} ${p.path}: ${p.reason} — ${p.omitted}`);
    assert.deepEqual(page.warnings, [warning(...said)]);
  });
}

test("a config that is no object is refused whole, as before, and nothing shows", async () => {
  const page = await shown("not-an-object", true);
  assert.deepEqual(page.problems, []);
  // The recovery module could not use it either: it is not loaded.
  assert.deepEqual(page.modules, ["patron_full_rewards_bg.wasm"]);
  assert.deepEqual(page.warnings, ["patron: config is invalid: expected an object (`patron validate` explains each problem)"]);
  for (const text of Object.values(page.widgets)) assert.equal(text, "");
});

test("a session with a mistake handed over later: the recovery module takes over, and no product is reported twice", async () => {
  const tab = await state.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const warnings = [];
  tab.on("console", (m) => (m.type() === "error" || m.type() === "warning") && warnings.push(m.text()));
  await tab.goto(`${state.base}check/parts.html`);
  const carousel = tab.locator("patron-widget[placement=recommendations]");
  await carousel.locator(".product").first().waitFor();
  await carousel.scrollIntoViewIfNeeded();
  await tab.waitForFunction(() => window.__recs.length > 0);
  await tab.waitForTimeout(300);
  const before = await tab.evaluate(() => window.__recs.length);
  // A ledger that does not read, handed over as after a sign-in: the strict build hands the page to
  // the recovery module, which renders every widget again with the ledger left out.
  await tab.evaluate(() => window.__patron.update({ ...window.__session, points: { balance: "viele" } }));
  await tab.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith("patron_lenient_bg.wasm")));
  await tab.waitForFunction(() => window.__problems.length > 0);
  await tab.waitForTimeout(500);
  // A click on a product after the takeover: one event, not one per module.
  await tab.evaluate(() => document.addEventListener("click", (event) => event.preventDefault(), true));
  await carousel.locator("[data-action=rec-click]").first().click();
  await tab.waitForTimeout(200);
  const recs = await tab.evaluate(() => window.__recs);
  const impressions = recs.filter((r) => r.startsWith("patron:rec-impression"));
  assert.equal(impressions.length, new Set(impressions).size, `an impression reported twice: ${recs.join(", ")}`);
  assert.equal(impressions.length, before, "no impression after the takeover: every product had been seen");
  assert.equal(recs.filter((r) => r.startsWith("patron:rec-click")).length, 1, recs.join(", "));
  assert.deepEqual(await tab.evaluate(() => window.__problems),
    [{ document: "session", path: "points.balance", reason: "expected a whole number", omitted: "points ledger left out" }]);
  assert.deepEqual(warnings, [warning("session points.balance: expected a whole number — points ledger left out")]);
  await tab.close();
});
