// @ts-check
// The rewards panel's redemption flow (builds with the cargo feature "rewards"). The WASM module
// draws the panel and the flow's current step (web/rewards.rs); this script keeps the step, asks the
// page to redeem through the cancelable `patron:reward-redeem` event, waits for its answer and
// reports what happened. Patron never deducts points or makes a code: the shop's backend does, and
// identifies the shopper by its own signed-in session, never by anything in the event.
import { copy, dispatch, observer, watch } from "./js/events.js";
import { say as warn } from "./js/helpers.js";
import { shared } from "./js/state.js";

/** @typedef {import("./js/state.js").RewardStep} RewardStep */

const steps = shared.rewardSteps ??= new WeakMap(); // host → {step, id, code, message}
shared.redeemed ??= []; // [id, cost, balance or -1, …] since the page set the session (js/handover.js empties it)
const seen = shared.rewardsSeen ??= new Set(); // rewards with an impression in this page view
/** @type {WeakSet<HTMLElement>} */
const wired = new WeakSet();
// How long the page's answer may take before the attempt counts as failed.
const TIMEOUT_MS = 15000;

/**
 * [step, id, code, message] of `host`'s flow; empty when no step is open.
 * @param {HTMLElement} host
 */
export function rewardStep(host) {
  const s = steps.get(host);
  return s ? [s.step, s.id, s.code ?? "", s.message ?? ""] : [];
}

export function redeemedHere() { return shared.redeemed; }

/**
 * The detail names the reward, never the shopper: analyticsId is the key the shop's server computed
 * with its secret, null without one or without analytics consent.
 * @param {HTMLElement} host
 * @param {string} name
 * @param {object} detail
 */
function report(host, name, detail) {
  const analyticsId = /** @type {HTMLElement | null | undefined} */ (host.shadowRoot?.querySelector(".rewards"))?.dataset.analyticsId ?? null;
  // A panel the page took away while the answer was awaited (a single-page app changed route):
  // its events go to the document, where the page still listens.
  dispatch(host.isConnected ? host : /** @type {any} */ (document), `patron:reward-${name}`, { ...detail, analyticsId });
}

/**
 * `read()`, or `fallback` when reading throws: a rejection may be a revoked proxy, or an object
 * whose getters throw, and the panel must still say that the attempt failed.
 * @template T
 * @param {() => T} read
 * @param {T} fallback
 */
function safely(read, fallback) {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** @type {WeakSet<HTMLElement>} */
const inFlight = new WeakSet(); // panels with a redemption from confirm to its answer

/**
 * Sets `host`'s step and renders it again; `undefined` closes the flow.
 * @param {HTMLElement} host
 * @param {RewardStep} [step]
 */
function go(host, step) {
  if (step) steps.set(host, step);
  else steps.delete(host);
  shared.render?.(host);
}

/**
 * A reward's element by id, without building a selector from the config's text.
 * @param {HTMLElement} host
 * @param {string | undefined} id
 */
function rewardItem(host, id) {
  return rewardItems(host).find((item) => item.dataset.reward === id);
}
/** @param {HTMLElement} host */
const rewardItems = (host) => [.../** @type {NodeListOf<HTMLElement>} */ (/** @type {ShadowRoot} */ (host.shadowRoot).querySelectorAll("[data-reward]"))];

// A request id unique per attempt, for the backend's idempotency.
function requestId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Asks the page to redeem `id`, then shows and reports its answer.
 * @param {HTMLElement} host
 * @param {string} id
 */
async function redeem(host, id) {
  // One redemption at a time, from the confirmation on: a page's handler that clicks confirm again
  // while the event is dispatched starts no second one.
  if (inFlight.has(host)) return;
  inFlight.add(host);
  try {
    await tryRedeem(host, id);
  } finally {
    inFlight.delete(host);
  }
}

/**
 * One attempt to redeem `id`: the event, the answer, what the panel shows and reports.
 * @param {HTMLElement} host
 * @param {string} id
 */
async function tryRedeem(host, id) {
  const cost = Number(rewardItem(host, id)?.dataset.cost);
  const attempt = { rewardId: id, costPoints: cost, requestId: requestId() };
  /** @type {Promise<any> | null} */
  let answer = null;
  let dispatching = true;
  const event = new CustomEvent("patron:reward-redeem", {
    bubbles: true,
    composed: true,
    cancelable: true,
    detail: {
      ...attempt,
      // As FetchEvent's: only while the event is dispatched, and once.
      /** @param {unknown} promise */
      respondWith(promise) {
        if (!dispatching) throw new DOMException("respondWith() must be called while patron:reward-redeem is dispatched", "InvalidStateError");
        if (answer) throw new DOMException("respondWith() was already called", "InvalidStateError");
        answer = Promise.resolve(promise);
      },
    },
  });
  // The ledger as it stands before the page hears of the attempt: a session the page hands over
  // from now on (even from its handler, before it answers) is the ledger's truth, with or without
  // this redemption (js/handover.js starts a new list then), and the answer's balance no longer
  // applies.
  const ledger = shared.redeemed;
  try {
    host.dispatchEvent(event);
  } finally {
    dispatching = false;
  }
  if (!answer) {
    if (event.defaultPrevented) return go(host);
    report(host, "redeem-failed", { ...attempt, reason: "unavailable" });
    return go(host, { step: "unavailable", id });
  }
  go(host, { step: "pending", id });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("no answer within 15 s")), TIMEOUT_MS); });
  // Awaited rather than then(), which a page may have replaced.
  /** @type {unknown} */
  let result;
  try {
    result = await Promise.race([answer, late]);
  } catch (/** @type {any} */ error) {
    clearTimeout(timer);
    // Read with care: a rejection may throw when read (a revoked proxy, a throwing getter).
    const why = safely(() => String(error?.message ?? error), "an unreadable rejection");
    const timeout = why === "no answer within 15 s";
    // A plain {message} carries the shop's words for the shopper; an Error's message is for developers.
    const words = safely(() => (!(error instanceof Error) && typeof error?.message === "string" ? error.message : ""), "");
    warn(`redeeming ${JSON.stringify(id)} failed: ${why}`);
    report(host, "redeem-failed", { ...attempt, reason: timeout ? "timeout" : "rejected" });
    return go(host, { step: "failed", id, message: words });
  }
  clearTimeout(timer);
  // The answer must be an object: a handler that forgot its `return` resolves with undefined, and
  // the backend's answer is then unknown, not a success.
  const fields = safely(() => {
    if (result === null || typeof result !== "object") return null;
    const { code, message, balance } = /** @type {any} */ (result);
    return { code, message, balance };
  }, null);
  if (!fields) {
    warn(`redeeming ${JSON.stringify(id)} failed: respondWith() must answer an object such as {code, balance}, not ${safely(() => String(result), "this")}`);
    report(host, "redeem-failed", { ...attempt, reason: "rejected" });
    return go(host, { step: "failed", id, message: "" });
  }
  const { code, message, balance } = fields;
  // A code may come as a number (a voucher number); anything else is not shown, and said.
  const shown = typeof code === "string" ? code : typeof code === "number" && Number.isFinite(code) ? String(code) : "";
  if (code != null && shown === "" && code !== "") warn(`redeeming ${JSON.stringify(id)}: a code must be a string or a number`);
  const points = Number.isSafeInteger(balance) && balance >= 0 ? balance : -1;
  if (shared.redeemed === ledger) ledger.push(id, cost, points);
  report(host, "redeemed", attempt);
  go(host, { step: "done", id, code: shown, message: typeof message === "string" ? message : "" });
}

/**
 * One delegated click listener per panel, and the dialog's Escape. Safe to call again.
 * @param {HTMLElement} host
 */
export function wireRewards(host) {
  const root = host.shadowRoot;
  if (!root || wired.has(host)) return;
  wired.add(host);
  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest("[data-action]")) : null;
    const now = steps.get(host);
    const action = target?.dataset.action;
    if (!action || now?.step === "pending" || inFlight.has(host)) return; // one redemption in flight; a second click does nothing
    if (action === "redeem") go(host, { step: "confirm", id: /** @type {string} */ (/** @type {HTMLElement} */ (target?.closest("[data-reward]")).dataset.reward) });
    else if (action === "confirm" && now?.step === "confirm") redeem(host, now.id);
    else if (action === "close") close(host);
    else if (action === "copy") copy(/** @type {HTMLElement} */ (target));
  });
  // Escape closes the dialog, except while the shop's answer is awaited.
  root.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (steps.get(host)?.step !== "pending") close(host);
  }, true);
}

/**
 * Closes the flow; the focus goes back to the reward's button, or to the panel's heading.
 * @param {HTMLElement} host
 */
function close(host) {
  const id = steps.get(host)?.id;
  go(host);
  const item = rewardItem(host, id);
  /** @type {HTMLElement | null | undefined} */ (item?.querySelector("button") ?? /** @type {ShadowRoot} */ (host.shadowRoot).querySelector(".title"))?.focus();
}

const observers = shared.rewardObservers ??= new WeakMap();

/**
 * After a render: opens the flow's dialog as a modal (focus moves into it; the page behind is inert)
 * and watches the rewards for impressions, once per reward per page view.
 * @param {HTMLElement} host
 */
export function afterRewards(host) {
  const dialog = /** @type {ShadowRoot} */ (host.shadowRoot).querySelector("dialog");
  if (dialog && !dialog.open) {
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute("open", "");
      /** @type {HTMLElement | null} */ (dialog.querySelector("[autofocus]"))?.focus();
    }
  }
  let watching = observers.get(host);
  // Without IntersectionObserver (an old or altered browser) the panel works; it reports no impressions.
  if (watching === undefined) {
    observers.set(host, watching = observer((item) => {
      const { reward, state } = item.dataset;
      if (seen.has(reward)) return;
      seen.add(reward);
      report(host, "impression", { rewardId: reward, state });
    }));
  }
  watch(watching, rewardItems(host));
}
