// @ts-check
// The element script: what the WASM module imports for <patron-widget> (web/host.rs, intl.rs,
// json.rs, view.rs, recs.rs). The scripts it gathers, one concern each, are in js/:
//   state.js     what belongs to the page rather than to one of its Patron modules
//   handover.js  what passes from one module to the next: the renderer, mount's options, the session
//   element.js   the <patron-widget> class
//   schedule.js  when a widget renders (after its attributes, its fetches, the first widget's paint)
//   shadow.js    a widget's shadow root: its stylesheet and its content, built from the module's tree
//   fetch.js     the configs and models, from the origins the page allows, started early
//   tape.js      a JSON value flattened for the module in one call
//   storage.js   what Patron keeps in the browser, and forgetting it
//   helpers.js   the console, Intl's methods and the document, as a page may have altered them
// scripts/build.sh bundles them, with the widgets' scripts (banners.js, recs.js, rewards.js, which
// share js/events.js), into each build's glue.
export { awaitModule, defineElement, recoverable, optionsOf, rememberOptions, sessionOverride, setSessionOverride, withCart } from "./js/handover.js";
export { loadBytes, loadText } from "./js/fetch.js";
export { describe, formatted, page, problems, say } from "./js/helpers.js";
export { build, clear, setStyles, wire } from "./js/shadow.js";
export { forgetStored } from "./js/storage.js";
export { jsonTape } from "./js/tape.js";
