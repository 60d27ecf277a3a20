/**
 * Patron: loyalty card (and, later, offer banners and recommendations) computed in the shopper's
 * browser. Importing the module starts it; `<patron-widget>` elements render by themselves.
 */
export type { MountOptions } from "./patron_core.js";
export { mount, refresh, update } from "./patron_core.js";
