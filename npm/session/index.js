// patron-session: the session document for Patron's widget, built on the shop's server.
//
//   const { toSession } = require("patron-session");   // or: import { toSession } from "patron-session"
//   const json = toSession({ customer, consent, orders, points, cart, locale, currency, analyticsKey });
//   // <script type="application/json" id="patron-session">${json}</script>
//
// The work is done by the same Rust code as `patron session` (patron_session.js and its WASM): the
// session is checked as the widget checks it, and the orders are written in compact form. This file
// checks the shape of the call, so that a mistake is a TypeError naming the field.
"use strict";

const { buildSession } = require("./patron_session.js");

function kind(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function expect(ok, field, what, value) {
  if (!ok) throw new TypeError(`toSession: ${field}: expected ${what}, got ${kind(value)}`);
}

// An application's own objects (class instances, ORM models) are read as JSON.stringify reads them.
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The session to embed in the page, as JSON text already safe inside
 * `<script type="application/json">`.
 * @param {object} input the session's fields (customer, consent, orders or history, points, cart,
 *   locale, currency, now), `analyticsKey`, the shop's secret for `customer.analytics_id`, and
 *   `maxProducts`, a lossy cap on the history's products (those bought in the most orders stay)
 * @returns {string}
 * @throws {TypeError} naming the field of a wrong shape
 */
function toSession(input) {
  expect(isObject(input), "the argument", "an object with the session's fields", input);
  const { analyticsKey, maxProducts, ...session } = input;
  // The session's own fields are checked by the same decoder as the widget's, which names each
  // problem's JSON path ("orders[3].placed_at: expected an RFC 3339 timestamp …").
  let secret;
  if (analyticsKey !== undefined) {
    if (typeof analyticsKey === "string") secret = new TextEncoder().encode(analyticsKey);
    else if (analyticsKey instanceof Uint8Array) secret = analyticsKey;
    else expect(false, "analyticsKey", "a string or a Uint8Array (a Buffer)", analyticsKey);
  }
  if (maxProducts !== undefined) {
    expect(Number.isInteger(maxProducts) && maxProducts >= 1 && maxProducts <= 0xffffffff, "maxProducts", "a whole number of at least 1", maxProducts);
  }
  // JSON.stringify throws its own TypeError on a cyclic object or a BigInt; Dates become their
  // ISO strings, as the session's moments are written.
  const text = JSON.stringify(session);
  try {
    return buildSession(text, secret, maxProducts);
  } catch (problem) {
    throw new TypeError(`toSession: ${problem}`);
  }
}

module.exports = { toSession };
