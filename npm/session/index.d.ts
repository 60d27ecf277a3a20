import type { Session } from "./documents";

/** What `toSession` takes: the fields of a session document, and the shop's analytics secret. */
export interface SessionInput extends Partial<Session> {
  /**
   * The shop's secret for `customer.analytics_id` (HMAC-SHA256 of the customer id, its first 32
   * hexadecimal digits): at least 16 bytes, kept on the server. Without it, or without
   * `consent.analytics`, the session carries no analytics key.
   */
  analyticsKey?: string | Uint8Array;
  /**
   * Lossy: at most this many products in the compact history, those bought in the most orders.
   * The orders and their totals stay, so the loyalty card is the same; conditions on the products
   * left out, and their recommendations, change (`patron eval --session-max-products` measures it).
   */
  maxProducts?: number;
}

/**
 * The session to embed in the page, as JSON text already escaped for a
 * `<script type="application/json">` block: the orders in compact form (`history`), nothing
 * personal beyond the customer's fields without consent to personalisation.
 * @throws {TypeError} naming the field of a wrong shape, with its JSON path
 */
export function toSession(input: SessionInput): string;
