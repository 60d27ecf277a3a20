/**
 * Patron: loyalty card, offer banners and recommendations computed in the shopper's browser.
 * Importing the module starts it; `<patron-widget>` elements render by themselves.
 *
 * `Session` and `Config` are the documents' types, generated from the Rust types (documents.d.ts).
 */
import type { Config, Session } from "./documents.js";

export type * from "./documents.js";

/** Options for `mount`. */
export interface MountOptions {
  /** The marketer's config, as JSON text or an object. */
  config?: string | Config;
  /** A same-origin URL to fetch the config from, when `config` is not given. */
  configSrc?: string;
  /** The session document, as JSON text or an object; omitted for a guest. */
  session?: string | Session;
  /** A BCP 47 locale such as "de-DE"; defaults to the session's, then `<html lang>`. */
  locale?: string;
  /** What to render: "loyalty" (the default), an offer placement such as "top", "recommendations" or "rewards". */
  placement?: string;
  /** With placement "recommendations": a same-origin URL of the model from `patron model build`. */
  modelSrc?: string;
  /** With placement "recommendations": how many products, 1 to 50 (default 12). */
  count?: number;
}

/**
 * Renders into `element`'s shadow root from explicit options, for pages that do not use the
 * `<patron-widget>` element. Never throws: problems are logged with `console.warn`.
 */
export function mount(element: HTMLElement, options: MountOptions): void;

/**
 * Replaces the session of every widget on the page and renders them again (sign-in, sign-out, a
 * route change). `null` goes back to the session embedded in the page.
 */
export function update(session: Session | string | null): void;

/** Renders every `<patron-widget>` on the page again. */
export function refresh(): void;

/**
 * Removes everything Patron keeps in this browser (the offer memory in localStorage, under
 * "patron:"), for a shop's "delete my data" page. Never throws; storage the browser refuses holds
 * nothing of Patron's.
 */
export function forget(): void;

/**
 * Why a product is recommended, as `patron recommend` and the events carry it: a consumable whose
 * interval has passed, a product bought before, one often bought with a product bought (`detail` in
 * `patron recommend`), one bought by shoppers whose purchases are like this shopper's, one popular
 * in a category the shopper buys from, one popular overall, or one the shop pinned.
 */
export type RecommendationReason =
  | "repurchase_due"
  | "buy_again"
  | "bought_with"
  | "similar_shoppers"
  | "popular_in"
  | "trending"
  | "pinned";

/** The `detail` of `patron:rec-impression` and `patron:rec-click`. */
export interface RecommendationEventDetail {
  sku: string;
  /** The product's place in the carousel, from 1. */
  position: number;
  reason: RecommendationReason;
  /** The session's `customer.analytics_id`, or null when it has none. */
  analyticsId: string | null;
}

declare global {
  interface HTMLElementEventMap {
    "patron:rec-impression": CustomEvent<RecommendationEventDetail>;
    "patron:rec-click": CustomEvent<RecommendationEventDetail>;
  }
}
