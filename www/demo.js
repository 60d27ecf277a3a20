// The demo storefront's own script: it plays the shop's server by embedding the chosen persona's
// session, then lets the widget render. A real shop embeds the session server-side and needs only
// the module import.

const personas = {
  new: { config: "configs/consumer.json", note: { de: "Lena hat sich gerade registriert und noch nichts bestellt.", en: "Lena has just signed up and not ordered yet." } },
  regular: { config: "configs/consumer.json", note: { de: "Anna bestellt alle fünf Wochen Kaffee.", en: "Anna orders coffee every five weeks." } },
  lapsed: { config: "configs/consumer.json", note: { de: "Markus hat seit über einem Jahr nicht bestellt.", en: "Markus has not ordered for over a year." } },
  partner: { config: "configs/b2b.json", note: { de: "Ein Großküchenbetrieb mit über 500.000 € Jahresumsatz.", en: "A commercial kitchen with over €500,000 annual revenue." } },
  // `#persona=heaviest` only (no button): a grocer's heaviest customer, 162 orders in a year, whose
  // session scripts/heavy-session.mjs writes; scripts/measure-page.mjs measures the page with it.
  heaviest: { config: "configs/consumer.json", note: { de: "Hanna kauft seit Jahren jede Woche ein: 162 Bestellungen im Jahr.", en: "Hanna has shopped every week for years: 162 orders a year." } },
};

const state = new URLSearchParams(location.hash.slice(1));
let persona = personas[state.get("persona")] ? state.get("persona") : "regular";
let locale = state.get("locale") === "en-GB" ? "en-GB" : "de-DE";

let patron = null;
// The account page, with the rewards panel; the shop's front page otherwise.
const account = document.querySelector('patron-widget[placement="rewards"]') !== null;
const titles = account
  ? { de: "Ihre Prämien", en: "Your rewards" }
  : { de: "Frisch geröstet, jede Woche.", en: "Freshly roasted, every week." };
// The session as the page embedded it, for handing Patron the new ledger after a redemption.
let session = null;

async function show() {
  const response = await fetch(`sessions/${persona}.json`);
  const text = await response.text();
  session = JSON.parse(text);
  document.getElementById("patron-session").textContent = text;
  // Stands in for the shop's login on the account page: the demo's points backend knows the shopper
  // by it. (Patron itself sets no cookie: e2e/demo.test.mjs checks the front page for any.)
  if (account) document.cookie = `demo-persona=${persona}; path=/; SameSite=Strict`;
  const language = locale.slice(0, 2);
  document.documentElement.lang = language;
  document.getElementById("shop-title").textContent = titles[language];
  for (const link of document.querySelectorAll("[data-page]")) {
    link.hash = `persona=${persona}&locale=${locale}`;
    if (link.getAttribute("href") === "rewards.html") link.textContent = language === "de" ? "Prämien" : "Rewards";
  }
  document.getElementById("persona-note").textContent = personas[persona].note[language];
  for (const button of document.querySelectorAll("[data-persona]")) {
    button.setAttribute("aria-pressed", String(button.dataset.persona === persona));
  }
  for (const button of document.querySelectorAll("[data-locale]")) {
    button.setAttribute("aria-pressed", String(button.dataset.locale === locale));
  }
  history.replaceState(null, "", `#persona=${persona}&locale=${locale}`);
  for (const widget of document.querySelectorAll("patron-widget")) {
    widget.setAttribute("config-src", personas[persona].config);
    widget.setAttribute("locale", locale);
  }
  patron?.refresh();
}

document.querySelector(".controls").addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  persona = button.dataset.persona ?? persona;
  locale = button.dataset.locale ?? locale;
  show();
});

// `#recs=off`: the storefront without its carousel, a page that shows the card and the banners only
// and so downloads no recommendation code (scripts/measure-page.mjs measures both kinds of page).
const recommendations = state.get("recs") !== "off" && document.querySelector(".picks") !== null;
if (!recommendations) document.querySelector(".picks")?.remove();

// Redeeming: what a shop's page does with patron:reward-redeem. It asks its own backend (which
// knows the shopper from its session cookie), hands the widget the answer, and then the new ledger
// with update(), so that every widget shows the ledger's truth.
document.addEventListener("patron:reward-redeem", (event) => {
  const { rewardId, requestId } = event.detail;
  event.detail.respondWith((async () => {
    const response = await fetch("/demo/redeem", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rewardId, requestId, locale }),
    });
    const answer = await response.json();
    // A plain {message}: words for the shopper, which the widget shows under its own.
    if (!response.ok) throw { message: answer.message };
    session = { ...session, points: answer.points };
    setTimeout(() => patron?.update(session));
    return { code: answer.code, balance: answer.points.balance };
  })());
});

// What a shop puts in its <head> for the quickest first paint (the book, integrate/embed.md and integrate/layout-and-csp.md): the
// modules and the WASM download with the page rather than one after another once the entry runs,
// the full build's where the page shows recommendations, the card and banners build's elsewhere.
// The demo adds them here only so that `#widget=off` leaves Patron out entirely.
if (state.get("widget") !== "off") {
  const build = recommendations ? (account ? "patron_full_rewards" : "patron_full") : (account ? "patron_rewards" : "patron_core");
  const hints = [
    ["modulepreload", "/pkg/patron.js"],
    ["modulepreload", `/pkg/${build}.js`],
    ["preload", `/pkg/${build}_bg.wasm`, "application/wasm"],
    ["preload", personas[persona].config, "application/json"],
    ...(recommendations ? [["preload", "catalogue/model.ptrm", "application/octet-stream"]] : []),
  ];
  for (const [rel, href, type] of hints) {
    const link = Object.assign(document.createElement("link"), { rel, href });
    // `fetch` with crossorigin: the request the module makes for it, so the browser reuses it.
    if (type) Object.assign(link, { as: "fetch", type, crossOrigin: "anonymous" });
    document.head.append(link);
  }
}

// Embed the first persona, then load Patron: importing the module starts it, and its first render
// already has the right session.
await show();
// The shipped package, as a shop installs it: with the carousel on the page, patron.js starts the
// full build. `#widget=off` leaves Patron out, for measuring the page without it (scripts/measure-page.mjs).
if (state.get("widget") !== "off") patron = await import("/pkg/patron.js");
