// The marketer playground: edit the config, pick or paste a session, and see at once what Patron
// makes of it — validation problems with their JSON paths, every offer's outcome and reason, and
// the banners, the loyalty card and the rewards panel as the shopper would see them. Runs the playground build of the
// same WASM module (the shipped widget does not carry validateConfig and explain).
import init, { explain, mount, validateConfig } from "/pkg-playground/patron_core.js";

const $ = (id) => document.getElementById(id);
const placements = ["top", "inline", "cart", "loyalty", "rewards"];

function item(tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function update() {
  const config = $("config").value;
  const session = $("session").value;
  const locale = $("locale").value;

  const report = validateConfig(config);
  const errors = report.problems.filter((p) => p.severity === "error").length;
  // The marketer's count, in the singular for one.
  const count = (n, one, other) => `${n} ${n === 1 ? one : other}`;
  $("verdict").textContent = report.valid
    ? `Valid${report.problems.length ? `, with ${count(report.problems.length, "warning", "warnings")}` : ""}.`
    : `${count(errors, "problem", "problems")} found.`;
  $("problems").replaceChildren(...report.problems.map((p) => {
    const line = item("li", "", p.severity);
    line.append(item("code", p.path || "(document)"), `: ${p.message}`);
    return line;
  }));
  // What the shop's widget would still show if this file were published anyway (issue 32).
  $("left-out-note").hidden = report.leftOut.length === 0;
  $("left-out").replaceChildren(...report.leftOut.map((line) => item("li", line)));

  const rows = explain(config, session, locale);
  const body = $("offers").tBodies[0];
  if (!Array.isArray(rows)) {
    const row = document.createElement("tr");
    const cell = item("td", rows.error);
    cell.colSpan = 3;
    row.append(cell);
    body.replaceChildren(row);
  } else {
    body.replaceChildren(...rows.map((r) => {
      const row = document.createElement("tr");
      row.className = r.shown ? "shown" : "hidden";
      const offer = item("td", "");
      offer.append(item("code", r.offer));
      if (r.headline) offer.append(document.createElement("br"), r.headline);
      row.append(offer, item("td", r.placement), item("td", r.reason));
      return row;
    }));
  }

  for (const placement of placements) {
    mount($(`preview-${placement}`), { config, session: session.trim() ? session : undefined, locale, placement });
  }
}

let timer = 0;
function later() {
  clearTimeout(timer);
  timer = setTimeout(update, 250);
}

async function load() {
  const [programme, persona] = $("example").value.split("/");
  const [config, session] = await Promise.all([
    fetch(`configs/${programme}.json`).then((r) => r.text()),
    fetch(`sessions/${persona}.json`).then((r) => r.text()),
  ]);
  $("config").value = config;
  $("session").value = session;
  update();
}

// Redeeming in the preview: answered at once with a sample code, as the shop's backend would answer,
// so that the marketer sees the whole flow; the balance drops by the reward's cost.
document.addEventListener("patron:reward-redeem", (event) => {
  event.detail.respondWith(Promise.resolve({ code: "PREVIEW-0000" }));
});

await init();
$("config").addEventListener("input", later);
$("session").addEventListener("input", later);
$("locale").addEventListener("change", update);
$("example").addEventListener("change", load);
await load();
