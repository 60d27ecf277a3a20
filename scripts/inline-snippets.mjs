// Moves wasm-bindgen's snippets (src/web/*.js, written to DIR/snippets/…) into the glue,
// DIR/patron_core.js, and deletes them.
//
//   node scripts/inline-snippets.mjs DIR [NAME]     (NAME: the glue's, patron_core by default)
//
// Each snippet is a module the browser would otherwise discover only once it has parsed the glue:
// one more round trip before the widget can start, a request each, and a gzip stream each. Inlined,
// a snippet becomes a closure that runs where its module would have been evaluated (before the
// glue's own code) and returns its exports; the glue's imports of it become constants. Snippets do
// not import each other, and each keeps its own scope, so their private names cannot clash with the
// glue's. The script refuses, rather than ships a glue that cannot load, when a snippet or an import
// is not in the shape it expects.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const [dir, name = "patron_core"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node scripts/inline-snippets.mjs DIR");
  process.exit(2);
}
const fail = (message) => {
  console.error(`inline-snippets: ${message}`);
  process.exit(1);
};

const files = (path) =>
  readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(path, entry.name)) : entry.name.endsWith(".js") ? [join(path, entry.name)] : []);

const gluePath = join(dir, `${name}.js`);
let glue = readFileSync(gluePath, "utf8");
const snippets = files(join(dir, "snippets")).sort();
const modules = [];
for (const [n, file] of snippets.entries()) {
  const path = `./${relative(dir, file)}`;
  let code = readFileSync(file, "utf8");
  if (/^\s*import\b/m.test(code) || /\bimport\.meta\b/.test(code)) fail(`${path} imports; inlining would break it`);
  const exported = [];
  code = code.replace(/^export (async function|function|const|let|class) ([\w$]+)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*export\b/m.test(code)) fail(`${path} has an export this script does not know`);
  const binding = `__snippet${n}`;
  modules.push(`const ${binding} = (() => {\n${code}\nreturn { ${exported.join(", ")} };\n})();\n`);

  // `import { a, b as c } from 'PATH';` and `import * as importN from "PATH"`.
  const quoted = `['"]${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}['"]`;
  let found = false;
  glue = glue.replace(new RegExp(`^import \\{([^}]*)\\} from ${quoted};?$`, "gm"), (_, names) => {
    found = true;
    return `const {${names.replace(/\s+as\s+/g, ": ")}} = ${binding};`;
  });
  glue = glue.replace(new RegExp(`^import \\* as ([\\w$]+) from ${quoted};?$`, "gm"), (_, name) => {
    found = true;
    return `const ${name} = ${binding};`;
  });
  if (!found) fail(`the glue does not import ${path}`);
}
if (/^import\b.*snippets\//m.test(glue)) fail("an import of a snippet was left in the glue");

// wasm-bindgen's glue also offers initSync, which compiles the module on the main thread and which
// Patron never calls (patron.js awaits the default export): without the export, terser drops it with
// its code, 68 bytes gzipped (2026-11-28). The declarations follow.
const exportList = /^export \{ initSync, __wbg_init as default \};$/m;
if (!exportList.test(glue)) fail("the glue's exports are not `initSync, __wbg_init as default`");
glue = glue.replace(exportList, "export { __wbg_init as default };");
const typesPath = join(dir, `${name}.d.ts`);
const types = readFileSync(typesPath, "utf8");
// Its doc comment is the block just before it: one that does not close on the way.
const initSync = /^\/\*\*(?:(?!\*\/)[^])*\*\/\nexport function initSync\([^\n]*\n/m;
if (!initSync.test(types)) fail(`${name}.d.ts does not declare initSync as expected`);
writeFileSync(typesPath, types.replace(initSync, ""));

// The snippets first, as module evaluation would have run them; the glue's leading comment (its
// TypeScript reference) stays on top. Before them, the first statement of Patron's code to run: the
// performance mark "patron:start", so that a page measuring Patron from it counts all of its work
// (once per page: a module loaded later does not move it).
const header = /^\/\* @ts-self-types="[^"]*" \*\/\n/.exec(glue)?.[0] ?? "";
// A page without performance marks, or one whose mark throws, loses the mark, not the module.
const mark = 'try { performance.getEntriesByName("patron:start").length || performance.mark("patron:start"); } catch {}\n';
writeFileSync(gluePath, header + mark + modules.join("") + glue.slice(header.length));
rmSync(join(dir, "snippets"), { recursive: true });
