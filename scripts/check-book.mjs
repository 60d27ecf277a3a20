// Checks the built book (mdBook's HTML in target/book/ by default) for broken internal links: every
// href and src that stays inside the book must name a file that exists and, when it has a
// #fragment, an element with that id in it. mdBook does not check either (issue 31). Links to other
// sites are not followed: the book is checked offline, as everything else here.
//   node scripts/check-book.mjs [DIR]     exits 1 and lists each broken link with its page
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "target/book");
if (!existsSync(join(root, "index.html"))) {
  console.error(`check-book: ${relative(process.cwd(), root)}/ has no index.html; build the book first (mdbook build docs)`);
  process.exit(2);
}

const pages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".html")) pages.push(path);
  }
};
walk(root);

// The ids of each page, read once.
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const html = readFileSync(file, "utf8");
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
};

// mdBook's own pages and assets: its theme links to these whether or not a page uses them.
const generated = new Set(["print.html", "404.html", "toc.html"]);
let links = 0;
const broken = [];
for (const page of pages) {
  if (generated.has(relative(root, page))) continue;
  // Code samples show HTML as text (`<link href="/patron/patron.js">`): their contents are not links.
  const html = readFileSync(page, "utf8").replace(/<pre\b[\s\S]*?<\/pre>|<code\b[\s\S]*?<\/code>/g, "");
  for (const [, attribute, target] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    if (/^([a-z]+:|\/\/)/i.test(target) || target === "") continue; // another site, mailto:, data:
    const [path, fragment] = target.split("#");
    const file = path === "" ? page : resolve(dirname(page), decodeURIComponent(path.split("?")[0]));
    if (!file.startsWith(root)) {
      broken.push(`${relative(root, page)}: ${attribute}="${target}" leaves the book`);
      continue;
    }
    links++;
    const exists = existsSync(file) && statSync(file).isFile();
    const index = !exists && existsSync(join(file, "index.html")) ? join(file, "index.html") : null;
    if (!exists && !index) {
      broken.push(`${relative(root, page)}: ${attribute}="${target}": no such file`);
    } else if (fragment && /\.html$/.test(index ?? file) && !idsOf(index ?? file).has(decodeURIComponent(fragment))) {
      broken.push(`${relative(root, page)}: ${attribute}="${target}": no element with id "${fragment}"`);
    }
  }
}

if (broken.length > 0) {
  console.error(`check-book: ${broken.length} broken of ${links} links in ${pages.length} pages:\n${broken.join("\n")}`);
  process.exit(1);
}
console.log(`check-book: ${links} internal links and anchors in ${pages.length} pages, none broken`);
