// Gives wasm-bindgen's glue the short import and export names that wasm-opt's
// --minify-imports-and-exports-and-modules pass gave the module.
//
//   node scripts/minify-names.mjs DIR NAMES.json [NAME]     (NAME: the glue's, patron_core by default)
//
// wasm-bindgen names every import after its function plus a 16-digit hash
// (`__wbg_getAttribute_c7b80d4010284561`), under the module "./patron_core_bg.js" or a snippet's
// path; the names appear in both the .wasm and the glue, and hashes do not compress. wasm-opt renames
// them to "a", "b"… under one module "a" and prints the mapping (NAMES.json):
//   {"imports": [[module, old, new], …], "exports": [[old, new], …]}
// This script applies the same mapping to DIR/patron_core.js (its import object and its `wasm.X`
// calls) and to the two type declarations that list the module's exports. It refuses, rather than
// ships a glue that cannot instantiate, if any name is not where it expects.
import { readFileSync, writeFileSync } from "node:fs";

const [dir, namesFile, name = "patron_core"] = process.argv.slice(2);
if (!dir || !namesFile) {
  console.error("usage: node scripts/minify-names.mjs DIR NAMES.json");
  process.exit(2);
}
const names = JSON.parse(readFileSync(namesFile, "utf8"));
const fail = (message) => {
  console.error(`minify-names: ${message}`);
  process.exit(1);
};
const escape = (text) => text.replace(/[$.*+?()[\]{}|\\/]/g, "\\$&");

const gluePath = `${dir}/${name}.js`;
let glue = readFileSync(gluePath, "utf8");

// The import object: `function __wbg_get_imports() { const import0 = {…}; return { "./patron_core_bg.js":
// import0, "./snippets/…/element.js": import1, … }; }`. Functions of the glue's own module are
// renamed in place; a snippet's are taken from its namespace object, and all of them go into the one
// module "a".
const returned = /return \{\s*__proto__: null,\s*((?:"[^"]+": import\d+,\s*)+)\};/.exec(glue);
if (!returned) fail(`the import object of ${name}.js is not in the expected shape`);
const namespaces = new Map();
for (const [, path, binding] of returned[1].matchAll(/"([^"]+)": (import\d+),/g)) {
  if (!namespaces.has(path)) namespaces.set(path, binding);
}
const glueModule = namespaces.get(`./${name}_bg.js`);
if (!glueModule) fail("the glue's own import module is missing");
const moved = [];
for (const [module, from, to] of names.imports) {
  if (module === `./${name}_bg.js`) {
    const key = new RegExp(`(^|[\\s,{])${escape(from)}(\\s*:)`, "m");
    if (!key.test(glue)) fail(`import ${from} is not in the glue`);
    glue = glue.replace(key, (_, before, colon) => `${before}${to}${colon}`);
  } else {
    const namespace = namespaces.get(module);
    if (!namespace) fail(`import module ${module} is not in the glue`);
    moved.push(`${to}: ${namespace}.${from}`);
  }
}
glue = glue.replace(
  returned[0],
  () => `return { __proto__: null, a: Object.assign(${glueModule}, { ${moved.join(", ")} }) };`,
);

// Exports: the glue calls them as `wasm.name`.
for (const [from, to] of names.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), () => `wasm.${to}`);
}

// Check the result against the module itself: every import it asks for is in module "a" and given
// by the glue, and every export the glue calls exists.
const wasm = new WebAssembly.Module(readFileSync(`${dir}/${name}_bg.wasm`));
const given = new Set(names.imports.map(([, , to]) => to));
for (const { module, name } of WebAssembly.Module.imports(wasm)) {
  if (module !== "a" || !given.has(name)) fail(`the module imports ${module}.${name}, which the glue does not give`);
}
const exported = new Set(WebAssembly.Module.exports(wasm).map(({ name }) => name));
for (const [, name] of glue.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!exported.has(name)) fail(`the glue calls wasm.${name}, which the module does not export`);
}
writeFileSync(gluePath, glue);

// The declarations of the raw exports: `readonly name:` in patron_core.d.ts (InitOutput) and
// `export const name:` in patron_core_bg.wasm.d.ts.
for (const [file, prefix] of [
  [`${dir}/${name}.d.ts`, "readonly "],
  [`${dir}/${name}_bg.wasm.d.ts`, "export const "],
]) {
  let text = readFileSync(file, "utf8");
  for (const [from, to] of names.exports) {
    text = text.replace(new RegExp(`${escape(prefix)}${escape(from)}:`), () => `${prefix}${to}:`);
  }
  writeFileSync(file, text);
}
