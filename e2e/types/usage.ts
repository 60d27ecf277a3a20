// Type-checked by scripts/test.sh (tsc --noEmit) against the built package's declarations: what a
// developer writes with a bundler must compile, and a mistake in a document must not.
import { forget, mount, update, refresh, type Config, type RecommendationReason, type Session } from "../../pkg/patron.js";

const session: Session = {
  customer: { id: "c-2002", first_name: "Anna", birthday: "1990-11-25" },
  consent: { personalisation: true },
  currency: "EUR",
  locale: "de-DE",
  orders: [{ id: "o-1", placed_at: "2026-10-01T10:00:00+02:00", lines: [{ sku: "BEAN-HOUSE-1KG", quantity: 2, unit_price: 21.9 }] }],
  cart: { lines: [] },
};

update(session);
update(JSON.stringify(session));
update(null);
refresh();
forget();
mount(document.createElement("div"), { configSrc: "/patron/config.json", session, locale: "en-GB", placement: "recommendations", modelSrc: "/patron/model.ptrm", count: 8 });

// @ts-expect-error: the session needs its currency.
const withoutCurrency: Session = { orders: [] };

// @ts-expect-error: an order line's quantity is a number.
const badLine: Session = { currency: "EUR", orders: [{ id: "o", placed_at: "2026-01-01T00:00:00Z", lines: [{ sku: "A", quantity: "two", unit_price: 1 }] }] };

declare const config: Config;
mount(document.createElement("div"), { config });
// @ts-expect-error: mount needs an element.
mount("#loyalty", { config });

// The carousel's events are typed: their detail names the product, its place and its reason.
const counts = new Map<RecommendationReason, number>();
document.querySelector<HTMLElement>("patron-widget")?.addEventListener("patron:rec-click", (event) => {
  const { sku, position, reason, analyticsId } = event.detail;
  counts.set(reason, (counts.get(reason) ?? 0) + position + sku.length + (analyticsId?.length ?? 0));
});
const explore: RecommendationReason = "similar_shoppers";
// @ts-expect-error: not a reason Patron gives.
const unknown: RecommendationReason = "because";

export { withoutCurrency, badLine, explore, unknown };
