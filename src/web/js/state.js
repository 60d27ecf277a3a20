// @ts-check
// What belongs to the page rather than to one of Patron's modules. A page may run several of them,
// each with its own copy of these scripts (the build bundles them into its glue): the card and
// banners module, and one with the recommendations or the rewards panel once the page shows them,
// which then renders every widget (npm/patron.js loads it). What belongs to the page is kept once,
// here, for all of them: under `Symbol.for("patron:page")`, no global name.

/**
 * A config or a model being fetched, by URL: `body` once it has arrived, `error` when it failed;
 * `waiting`, the elements to render on arrival.
 * @typedef {{ waiting: Set<HTMLElement>, body?: string | Uint8Array, error?: string }} Download
 */

/**
 * A step of a rewards panel's redemption flow (rewards.js).
 * @typedef {{ step: string, id: string, code?: string, message?: string }} RewardStep
 */

/**
 * The page's object. Each module sets what it uses when it is first evaluated (`??=`), so that
 * whichever of the page's modules runs first, the fields are there.
 * @typedef {object} Page
 * @property {WeakMap<HTMLElement, unknown>} mounted mount()'s options, by element
 * @property {Map<string, Download>} texts fetched configs and models, by URL
 * @property {Set<HTMLElement>} dirty elements to render at the end of the task
 * @property {Set<HTMLElement>} afterFirstPaint elements waiting for the first widget's paint
 * @property {Set<HTMLElement>} upgrading elements waiting for a module that renders them
 * @property {WeakSet<CSSStyleSheet>} sheets every stylesheet a module made, to replace in shadow roots
 * @property {Set<string>} said the warnings logged: each once per page, however many widgets meet it
 * @property {string[] | null} [left] helpers.js: the problems of this task, for one warning
 * @property {(host: HTMLElement) => void} [render] the rendering module's function
 * @property {number} [widgets] what it renders beyond the card and banners: 1 recommendations, 2 rewards
 * @property {CustomElementConstructor} [element] the class of <patron-widget>, defined once per page
 * @property {CSSStyleSheet | null} [sheet] the widgets' stylesheet; null where the browser cannot make one
 * @property {boolean} [built] the page's first widget has been built
 * @property {boolean} [painted] and has been painted (schedule.js)
 * @property {unknown} [session] the session given to update() (an object or JSON text)
 * @property {(string | number)[]} redeemed [id, cost, balance or -1, …] since the page set the
 *   session (rewards.js; setSessionOverride empties it)
 * @property {(placement: string) => void} [upgrade] npm/patron.js: loads a module with more widgets
 * @property {WeakMap<HTMLElement, IntersectionObserver | null>} bannerObservers banners.js
 * @property {Set<string>} reported banners.js: what was reported in this page view
 * @property {WeakMap<HTMLElement, RewardStep>} rewardSteps rewards.js: each panel's step
 * @property {Set<string | undefined>} rewardsSeen rewards.js: rewards with an impression in this page view
 * @property {WeakMap<HTMLElement, IntersectionObserver | null>} rewardObservers rewards.js
 * @property {WeakMap<HTMLElement, IntersectionObserver | null>} recObservers recs.js
 * @property {Set<string | undefined>} recsSeen recs.js: products with an impression in this page view
 */

/** @type {Page} */
export const shared = /** @type {any} */ (globalThis)[Symbol.for("patron:page")] ??= {};
shared.mounted ??= new WeakMap();
shared.texts ??= new Map();
shared.dirty ??= new Set();
shared.afterFirstPaint ??= new Set();
shared.upgrading ??= new Set();
shared.sheets ??= new WeakSet();
shared.said ??= new Set();
