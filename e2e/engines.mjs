// End-to-end smoke test of the demo storefront and the rewards page in the two other engines: Firefox
// (Debian's firefox-esr, headless, through geckodriver) and WebKitGTK (Debian's MiniBrowser through
// WebKitWebDriver, under an Xvfb display this file starts and stops by its own process id: MiniBrowser
// has no headless mode). Driven by selenium-webdriver over plain W3C WebDriver (issue 30): the drivers
// are started here from explicit paths and the client only connects to them, so selenium-manager never
// runs and nothing is downloaded. scripts/setup.sh --engines installs the engines and geckodriver.
//
// Run by its own step of scripts/test.sh (`node --test e2e/engines.mjs`); its name keeps it out of
// `node --test e2e/`, whose files run in Chromium. The same expectations as Chromium's
// (e2e/demo.test.mjs, e2e/storefront.test.mjs, e2e/rewards.test.mjs): every placement with its exact
// text, a redemption with its code, no error reaching the page, no CSP violation.
//
// What is observed, and how. WebDriver cannot run a script before the page's own (WebKitWebDriver has
// no BiDi, and the demo's CSP refuses inline scripts), so the test serves the demo through a small
// front server that (1) adds one same-origin classic script, /__engines/probe.js, before the demo's
// module script: it records console.error and console.warn calls, uncaught exceptions, unhandled
// rejections, resources that failed to load and `securitypolicyviolation` events from the document's
// first script on; and (2) adds `report-uri /__engines/csp-report` to the page's unchanged CSP, so
// that the engine itself reports every violation to the server, including any before the probe ran.
// A third listener for violations is registered with executeScript right after navigation, as a page
// without the probe would. Each page's last check plants a violation (an inline script) to show that
// the observers do see one in that engine. Messages an engine writes only to its own console (not
// through console.* or an error event) are not observed.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, request } from "node:http";
import { once } from "node:events";
import { homedir } from "node:os";
import { Builder } from "selenium-webdriver";
import { startDemo } from "./support.mjs";

// Explicit paths, each overridable: cargo install's geckodriver, Debian's Firefox, WebKitWebDriver
// and MiniBrowser.
const geckodriver = process.env.GECKODRIVER ?? `${process.env.CARGO_HOME ?? `${homedir()}/.cargo`}/bin/geckodriver`;
const firefox = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const webkitDriver = process.env.WEBKIT_WEBDRIVER ?? "/usr/bin/WebKitWebDriver";
const multiarch = { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu" }[process.arch] ?? `${process.arch}-linux-gnu`;
const miniBrowser = process.env.MINIBROWSER ?? `/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`;

/** Waits until `check` returns something truthy, polling every 50 ms; fails with `what` after `ms`. */
async function until(check, what, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A free loopback port, from the system. */
async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}

/** Starts `command` in a process group of its own; `stop()` ends that group (by its id, never by name). */
function start(command, args, options = {}) {
  const child = spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "pipe"], ...options });
  let stderr = "";
  child.stderr?.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(-child.pid, "SIGTERM"); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch {} }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until a WebDriver server answers /status. */
async function ready(url, driver) {
  await until(async () => {
    if (driver.child.exitCode !== null) throw new Error(`the driver exited: ${driver.stderr()}`);
    try { return (await fetch(`${url}/status`)).ok; } catch { return false; }
  }, `${url}/status`, 30_000);
}

// The probe: a classic script, so it runs before the demo's module script and Patron.
const probe = `(() => {
  const seen = (window.__engines = { problems: [], violations: [] });
  const text = (value) => value instanceof Error ? value.name + ": " + value.message : String(value);
  for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = function (...args) {
      seen.problems.push((level === "warn" ? "warning" : level) + ": " + args.map(text).join(" "));
      return original.apply(this, args);
    };
  }
  addEventListener("error", (event) => {
    const target = event.target;
    seen.problems.push(target === window ? "exception: " + event.message : "failed to load: " + (target.src || target.href || target.tagName));
  }, true);
  addEventListener("unhandledrejection", (event) => seen.problems.push("unhandled rejection: " + text(event.reason)));
  document.addEventListener("securitypolicyviolation", (event) => seen.violations.push(event.violatedDirective + " " + event.blockedURI));
})();
`;

/**
 * The demo server (scripts/serve.mjs, as e2e/support.mjs starts it) behind a front server that adds
 * the probe and the CSP's report-uri; `reports` collects the violations the engine reported.
 */
async function useDemo() {
  const state = { base: "", reports: [], server: null, front: null };
  before(async () => {
    const port = await freePort();
    state.server = await startDemo(port);
    state.front = createServer((incoming, outgoing) => {
      if (incoming.url === "/__engines/probe.js") {
        outgoing.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
        outgoing.end(probe);
        return;
      }
      if (incoming.url === "/__engines/csp-report") {
        let body = "";
        incoming.on("data", (chunk) => { body += chunk; });
        incoming.on("end", () => {
          try {
            const report = JSON.parse(body)["csp-report"] ?? {};
            state.reports.push(`${report["violated-directive"] ?? report["effective-directive"]} ${report["blocked-uri"]}`);
          } catch {
            state.reports.push(`unreadable report: ${body}`);
          }
          outgoing.writeHead(204).end();
        });
        return;
      }
      // Uncompressed and never a 304, so that every page's HTML passes through here whole.
      const headers = { ...incoming.headers, host: `127.0.0.1:${port}` };
      delete headers["accept-encoding"];
      delete headers["if-none-match"];
      const upstream = request({ host: "127.0.0.1", port, method: incoming.method, path: incoming.url, headers }, (answer) => {
        const out = { ...answer.headers };
        if (out["content-security-policy"]) out["content-security-policy"] += "; report-uri /__engines/csp-report";
        if (!String(out["content-type"]).startsWith("text/html")) {
          outgoing.writeHead(answer.statusCode, out);
          answer.pipe(outgoing);
          return;
        }
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("end", () => {
          const html = Buffer.concat(chunks).toString("utf8");
          const marked = html.replace("<head>", '<head>\n  <script src="/__engines/probe.js"></script>');
          assert.notEqual(marked, html, `${incoming.url}: no <head> for the probe`);
          delete out["content-length"];
          delete out.etag;
          outgoing.writeHead(answer.statusCode, out);
          outgoing.end(marked);
        });
      });
      upstream.on("error", (error) => { outgoing.writeHead(502).end(String(error)); });
      incoming.pipe(upstream);
    });
    state.front.listen(0, "127.0.0.1");
    await once(state.front, "listening");
    state.base = `http://127.0.0.1:${state.front.address().port}/`;
  });
  after(() => {
    state.front?.close();
    state.server?.kill();
  });
  return state;
}

const demo = await useDemo();

// How each engine is started. `session()` returns { driver, stop }.
const engines = {
  Firefox: {
    available: () => existsSync(geckodriver) && existsSync(firefox),
    missing: `needs ${geckodriver} and ${firefox} (scripts/setup.sh --engines)`,
    async session() {
      const port = await freePort();
      const driverProcess = start(geckodriver, ["--port", String(port), "--host", "127.0.0.1"]);
      const url = `http://127.0.0.1:${port}`;
      await ready(url, driverProcess);
      const driver = await new Builder()
        .usingServer(url)
        .withCapabilities({
          browserName: "firefox",
          // WebDriver BiDi, for the browser's own log of console messages and uncaught errors.
          webSocketUrl: true,
          "moz:firefoxOptions": {
            binary: firefox,
            args: ["-headless", "-width", "1280", "-height", "900"],
            // Nothing of the browser's own reaches for the network: this machine reaches none.
            prefs: {
              "app.update.enabled": false,
              "browser.shell.checkDefaultBrowser": false,
              "datareporting.policy.dataSubmissionEnabled": false,
              "toolkit.telemetry.enabled": false,
              "network.captive-portal-service.enabled": false,
              "browser.safebrowsing.update.enabled": false,
              "intl.accept_languages": "de-DE",
            },
          },
        })
        .build();
      // Firefox's own log, from the session's start: a second observer beside the page's probe.
      const logged = [];
      const bidi = await driver.getBidi();
      await bidi.subscribe("log.entryAdded");
      (await bidi.socket).on("message", (message) => {
        const { method, params } = JSON.parse(String(message));
        if (method === "log.entryAdded" && (params.level === "error" || params.level === "warn")) {
          logged.push(`${params.type === "javascript" ? "exception" : params.level}: ${params.text}`);
        }
      });
      return { driver, logged, stop: async () => { await driver.quit().catch(() => {}); await driverProcess.stop(); } };
    },
  },
  WebKitGTK: {
    available: () => existsSync(webkitDriver) && existsSync(miniBrowser) && existsSync("/usr/bin/Xvfb"),
    missing: `needs ${webkitDriver}, ${miniBrowser} and /usr/bin/Xvfb (scripts/setup.sh --engines)`,
    async session() {
      // -displayfd: Xvfb picks a free display and writes its number to the pipe.
      const display = start("/usr/bin/Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        { stdio: ["ignore", "ignore", "pipe", "pipe"] });
      const number = await new Promise((resolve, reject) => {
        let text = "";
        display.child.stdio[3].on("data", (chunk) => { text += chunk; if (text.includes("\n")) resolve(text.trim()); });
        display.child.once("exit", () => reject(new Error(`Xvfb exited: ${display.stderr()}`)));
      });
      const port = await freePort();
      const driverProcess = start(webkitDriver, [`--port=${port}`, "--host=127.0.0.1"],
        { env: { ...process.env, DISPLAY: `:${number}` } });
      const url = `http://127.0.0.1:${port}`;
      try {
        await ready(url, driverProcess);
      } catch (error) {
        await driverProcess.stop();
        await display.stop();
        throw error;
      }
      const driver = await new Builder()
        .usingServer(url)
        .withCapabilities({
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { binary: miniBrowser, args: ["--automation"] },
        })
        .build();
      await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
      return {
        driver,
        stop: async () => { await driver.quit().catch(() => {}); await driverProcess.stop(); await display.stop(); },
      };
    },
  },
};

// Reads from the page: a placement's texts through its open shadow root.
const read = {
  card: () => {
    const root = document.querySelector("#card").shadowRoot;
    const text = (selector) => root.querySelector(selector)?.textContent ?? null;
    const bar = root.querySelector("[role=progressbar]");
    return {
      title: text(".title"), greeting: text(".greeting"), points: text(".points"), tier: text(".tier"),
      caption: text(".caption"), progress: bar && bar.getAttribute("aria-valuenow"), top: text(".top"),
      expiring: text(".expiring"),
    };
  },
  headlines: (placement) =>
    [...(document.querySelector(`patron-widget[placement=${placement}]`)?.shadowRoot?.querySelectorAll(".banner .headline") ?? [])]
      .map((h) => h.textContent),
  carousel: () =>
    [...(document.querySelector("patron-widget[placement=recommendations]")?.shadowRoot?.querySelectorAll(".product") ?? [])]
      .map((item) => [
        item.querySelector(".product-title").textContent,
        item.querySelector(".product-price")?.textContent ?? null,
        item.querySelector(".product-reason").textContent,
      ]),
};

/** Runs `fn` (a function of no free variables) in the page with `args`, and returns its result. */
const run = (driver, fn, ...args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args);

/** Opens `path` in a new document, and registers the after-navigation listener for violations. */
async function open(driver, path) {
  // (From the storefront to the storefront with another hash is no navigation: a blank page between.)
  await driver.get("about:blank");
  await driver.get(`${demo.base}${path}`);
  await run(driver, () => {
    window.__late = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__late.push(event.violatedDirective));
  });
}

/**
 * Asserts that no error reached the page and no CSP rule was broken, through every observer (the
 * probe, the listener registered after navigation, the engine's reports, and in Firefox its BiDi log);
 * then plants an inline script, which the CSP blocks, and asserts that each observer saw that one.
 */
async function assertClean({ driver, logged }, engine) {
  const seen = await run(driver, () => ({ probe: window.__engines, late: window.__late }));
  assert.ok(seen.probe, `${engine}: the probe did not run`);
  assert.deepEqual(seen.probe.problems, [], `${engine}: errors reached the page`);
  assert.deepEqual(seen.probe.violations, [], `${engine}: CSP violations (probe)`);
  assert.deepEqual(seen.late, [], `${engine}: CSP violations (listener registered after navigation)`);
  assert.deepEqual(demo.reports, [], `${engine}: CSP violations (reported by the engine)`);
  if (logged) assert.deepEqual(logged, [], `${engine}: errors in the browser's log (BiDi)`);
  await run(driver, () => {
    const script = document.createElement("script");
    script.textContent = "window.__planted = true";
    document.head.append(script);
  });
  const planted = await until(async () => {
    const now = await run(driver, () => ({ ran: window.__planted === true, probe: window.__engines.violations, late: window.__late }));
    return now.probe.length && now.late.length && demo.reports.length && (!logged || logged.length) ? now : null;
  }, `${engine}: the planted inline script's violation to be seen by every observer`, 5000)
    .catch(async (error) => {
      const now = await run(driver, () => ({ probe: window.__engines.violations, late: window.__late }));
      throw new Error(`${error.message}: probe ${JSON.stringify(now.probe)}, late ${JSON.stringify(now.late)}, reports ${JSON.stringify(demo.reports)}, log ${JSON.stringify(logged)}`);
    });
  assert.equal(planted.ran, false, `${engine}: the CSP let an inline script run`);
  assert.match(planted.probe[0], /^script-src/);
  if (logged) assert.match(logged[0], /Content-Security-Policy/);
  demo.reports.length = 0;
  if (logged) logged.length = 0;
}

// The browser features Patron uses, and what it does without each (the book, integrate/embed.md, "What the widget tolerates";
// e2e/altered.test.mjs holds Chromium to the same): a missing one is named by the test.
const features = () => ({
  "WebAssembly": typeof WebAssembly === "object",
  "custom elements": typeof customElements === "object",
  "shadow DOM": typeof Element.prototype.attachShadow === "function",
  "constructable stylesheets": "adoptedStyleSheets" in ShadowRoot.prototype && typeof CSSStyleSheet.prototype.replaceSync === "function",
  "Intl.NumberFormat, DateTimeFormat, PluralRules": ["NumberFormat", "DateTimeFormat", "PluralRules"].every((name) => typeof Intl[name] === "function"),
  "IntersectionObserver (else every banner and product counts as seen when shown)": typeof IntersectionObserver === "function",
  "queueMicrotask (else the widgets render in a later task)": typeof queueMicrotask === "function",
  "<dialog> showModal": typeof HTMLDialogElement === "function" && typeof HTMLDialogElement.prototype.showModal === "function",
  "crypto.randomUUID (else the request id comes from crypto.getRandomValues)": typeof crypto.randomUUID === "function",
  "navigator.clipboard (else the copy button stays as it is)": typeof navigator.clipboard?.writeText === "function",
});
// What each engine lacks of them: nothing, in Debian's firefox-esr 153 and WebKitGTK 2.50.
const lacking = { Firefox: [], WebKitGTK: [] };

const counts = {};
for (const [engine, setup] of Object.entries(engines)) {
  describe(engine, () => {
    const tally = (counts[engine] = { passed: 0, failed: 0 });
    let session;
    before(async () => {
      assert.ok(setup.available(), `${engine} ${setup.missing}`);
      session = await setup.session();
    });
    after(async () => { await session?.stop(); });
    /** A test whose outcome is tallied for the engine's count. */
    const check = (name, fn) => test(name, { timeout: 120_000 }, async () => {
      try {
        await fn(session.driver, session);
        tally.passed += 1;
      } catch (error) {
        tally.failed += 1;
        throw error;
      }
    });

    check("the storefront shows every placement with its exact text", async (driver, session) => {
      await fetch(`${demo.base}demo/reset`, { method: "POST" });
      await open(driver, "#persona=regular&locale=de-DE");
      await until(() => run(driver, () => document.querySelector("#card")?.shadowRoot?.querySelector(".points")), "the card");
      await until(async () => (await run(driver, read.carousel)).length >= 5, "the carousel");
      await until(async () => (await run(driver, read.headlines, "inline")).length === 2, "the inline banners");
      assert.deepEqual(await run(driver, read.card), {
        title: "Bohnenhaus Club", greeting: "Hallo Anna!", points: "1.220 Punkte", tier: "Silber",
        caption: "Noch 941,59\u00a0€ bis Gold", progress: "37", top: null, expiring: "49 Punkte verfallen am 9. Dezember 2026.",
      });
      assert.deepEqual(await run(driver, read.headlines, "top"), ["Alles Gute zum Geburtstag, Anna!"]);
      assert.deepEqual(await run(driver, read.headlines, "inline"), ["Bestellungen bis zur Gratis-Packung: noch 10", "10 € schenken, 10 € bekommen"]);
      assert.deepEqual((await run(driver, read.carousel)).slice(0, 5), [
        ["Espresso Classico 1 kg", "24,90\u00a0€", "Zeit für Nachschub?"],
        ["Filtertüten Größe 102", "3,49\u00a0€", "Wieder bestellen?"],
        ["Earl Grey 250 g", "8,90\u00a0€", "Zeit für Nachschub?"],
        ["Sencha 250 g", "9,90\u00a0€", "Oft zusammen gekauft mit Earl Grey 250 g"],
        ["Handmühle", "89,00\u00a0€", "Oft zusammen gekauft mit Espresso Classico 1 kg"],
      ]);
      const missing = Object.entries(await run(driver, features)).filter(([, has]) => !has).map(([name]) => name);
      console.log(`${engine}: ${missing.length ? `lacks ${missing.join("; ")}` : "has every browser feature Patron uses"}`);
      assert.deepEqual(missing, lacking[engine]);
      await assertClean(session, engine);
    });

    check("the persona and language switchers re-render the card", async (driver, session) => {
      await open(driver, "#persona=new&locale=de-DE");
      const tier = () => run(driver, () => document.querySelector("#card")?.shadowRoot?.querySelector(".tier")?.textContent ?? null);
      await until(async () => (await tier()) === "Bronze", "the new shopper's card");
      await (await run(driver, () => document.querySelector("button[data-persona=partner]"))).click();
      await until(async () => (await tier()) === "Strategischer Partner", "the partner's card");
      await (await run(driver, () => document.querySelector("button[data-locale=en-GB]"))).click();
      await until(async () => (await tier()) === "Strategic partner", "the card in English");
      assert.deepEqual(await run(driver, read.card), {
        title: "Küchenprofi Partner Programme", greeting: "Hello Petra!", points: "118,940 points", tier: "Strategic partner",
        caption: null, progress: null, top: "You have reached our top tier – thank you for your loyalty!", expiring: null,
      });
      await assertClean(session, engine);
    });

    check("the rewards page redeems a reward and shows its code", async (driver, session) => {
      await fetch(`${demo.base}demo/reset`, { method: "POST" });
      await open(driver, "rewards.html#persona=lapsed&locale=de-DE");
      const inPanel = (selector) => run(driver, (selector) => document.querySelector("#rewards")?.shadowRoot?.querySelector(selector) ?? null, selector);
      const textOf = async (selector) => run(driver, (selector) => document.querySelector("#rewards").shadowRoot.querySelector(selector)?.textContent ?? null, selector);
      await until(() => inPanel(".reward"), "the rewards panel");
      assert.equal(await textOf(".balance .points"), "412 Punkte");
      const states = () => run(driver, () =>
        [...document.querySelector("#rewards").shadowRoot.querySelectorAll(".reward")].map((r) => [r.dataset.reward, r.dataset.state]));
      assert.deepEqual(await states(), [
        ["free-shipping", "affordable"], ["five-off", "next"], ["free-bag", "short"], ["roastery-visit", "locked"],
      ]);
      // A WebDriver click on the element the page's script found in the shadow root.
      const redeem = await inPanel("[data-reward=free-shipping] button.redeem");
      assert.ok(redeem, "a Redeem button on Versandkostenfrei");
      assert.equal(await redeem.getAttribute("aria-label"), "Versandkostenfrei einlösen");
      await redeem.click();
      await until(() => inPanel("dialog[data-step=confirm]"), "the confirmation");
      assert.equal(await textOf("dialog p"), "300 Punkte für Versandkostenfrei einlösen?");
      const yes = await inPanel("dialog button[data-action=confirm]");
      assert.equal(await yes.getText(), "Ja, einlösen");
      await yes.click();
      await until(() => inPanel("dialog[data-step=done]"), "the redemption", 20_000);
      assert.equal(await textOf("dialog h2"), "Eingelöst: Versandkostenfrei.");
      assert.match(await textOf("dialog .code"), /^BH-[0-9A-F]{8}$/);
      assert.equal(await run(driver, () => document.querySelector("#rewards").shadowRoot.querySelectorAll("dialog p")[1].textContent),
        "Ihr neuer Punktestand: 112 Punkte");
      // The page handed over the new ledger: the card shows it too.
      await until(async () => (await run(driver, () => document.querySelector("#card").shadowRoot.querySelector(".points")?.textContent)) === "112 Punkte",
        "the card's new balance");
      await (await inPanel("dialog button[data-action=close]")).click();
      await until(async () => !(await inPanel("dialog")), "the dialog to close");
      assert.equal(await textOf(".balance .points"), "112 Punkte");
      assert.equal(await textOf("[data-reward=free-shipping] .status"), "Noch 188 Punkte bis Versandkostenfrei");
      assert.deepEqual((await states())[0], ["free-shipping", "next"]);
      await assertClean(session, engine);
    });
  });
}

after(() => {
  for (const [engine, { passed, failed }] of Object.entries(counts)) console.log(`${engine}: ${passed} passed, ${failed} failed`);
});
