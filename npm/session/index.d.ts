import type { Session } from "./documents";

/** What `toSession` takes: the fields of a session document, and the shop's analytics secret. */
export interface SessionInput extends Partial<Session> {
  /**
   * The shop's secret for `customer.analytics_id` (HMAC-SHA256 of the customer id, its first 32
   * hexadecimal digits): at least 16 bytes, kept on the server. Without it, or without
   * `consent.analytics`, the session carries no analytics key.
   */
  analyticsKey?: string | Uint8Array;
}

/**
 * The session to embed in the page, as JSON text already escaped for a
 * `<script type="application/json">` block: the orders in compact form (`history`), nothing
 * personal beyond the customer's fields without consent to personalisation.
 * @throws {TypeError} naming the field of a wrong shape, with its JSON path
 */
export function toSession(input: SessionInput): string;
