// Bundles wasm-bindgen's glue, DIR/NAME.js, with the element scripts it imports (src/web/*.js and
// the modules they import from src/web/js/, which wasm-bindgen copies to DIR/snippets/…) into one
// script, in place, and deletes the snippets.
//
//   node scripts/bundle-snippets.mjs DIR [NAME]     (NAME: the glue's, patron_core by default)
//
// Each snippet is a module the browser would otherwise discover only once it has parsed the glue:
// one more round trip before the widget can start, a request each, and a gzip stream each. esbuild
// puts them all in one scope, in the order module evaluation would run them (before the glue's own
// code), and leaves out what the build does not use (awaitModule in the build with every widget).
// The script refuses, rather than ships a glue that cannot load, when the result still imports
// anything or the glue is not in the shape it expects.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const [dir, name = "patron_core"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node scripts/bundle-snippets.mjs DIR [NAME]");
  process.exit(2);
}
/** @param {string} message */
const fail = (message) => {
  console.error(`bundle-snippets: ${message}`);
  process.exit(1);
};

const gluePath = join(dir, `${name}.js`);
let glue = readFileSync(gluePath, "utf8");

// wasm-bindgen's glue also offers initSync, which compiles the module on the main thread and which
// Patron never calls (patron.js awaits the default export): without the export, the bundler drops it
// with its code, 68 bytes gzipped (2026-11-28). The declarations follow.
const exportList = /^export \{ initSync, __wbg_init as default \};$/m;
if (!exportList.test(glue)) fail("the glue's exports are not `initSync, __wbg_init as default`");
glue = glue.replace(exportList, "export { __wbg_init as default };");
const typesPath = join(dir, `${name}.d.ts`);
const types = readFileSync(typesPath, "utf8");
// Its doc comment is the block just before it: one that does not close on the way.
const initSync = /^\/\*\*(?:(?!\*\/)[^])*\*\/\nexport function initSync\([^\n]*\n/m;
if (!initSync.test(types)) fail(`${name}.d.ts does not declare initSync as expected`);
writeFileSync(typesPath, types.replace(initSync, ""));

// Before everything, the first statement of Patron's code to run: the performance mark
// "patron:start", so that a page measuring Patron from it counts all of its work (once per page: a
// module loaded later does not move it). A page without performance marks, or one whose mark
// throws, loses the mark, not the module.
const mark = 'try { performance.getEntriesByName("patron:start").length || performance.mark("patron:start"); } catch {}';
const result = await build({
  stdin: { contents: glue, resolveDir: dir, sourcefile: `${name}.js`, loader: "js" },
  bundle: true,
  format: "esm",
  platform: "browser",
  // The syntax stays as written (the scripts use ES2022: class fields, `??=`).
  target: "esnext",
  // esbuild's minifier, then terser's (scripts/build.sh, for every script of the package): each
  // build's glue 51 to 80 bytes smaller gzipped than with terser's alone (2026-12-07).
  minify: true,
  banner: { js: mark },
  // No package.json between the snippets and the repository's says what may be dropped: every
  // module's top-level code runs, as it would unbundled (the page's state, the early fetches).
  ignoreAnnotations: true,
  write: false,
  logLevel: "silent",
}).catch((error) => fail(`${error.message}\n(a module of src/web/js/ that wasm-bindgen did not copy: is it in web/host.rs's \`scripts!\`?)`));
const code = result.outputFiles[0].text;
if (/^\s*import\b|\bimport\s*\(|\brequire\(/m.test(code)) fail("the bundle still imports a module");
if (!/\bexport\s*\{[^}]*\bas default\b/.test(code)) fail("the bundle lost the glue's default export");
writeFileSync(gluePath, code);
rmSync(join(dir, "snippets"), { recursive: true });
