// End-to-end: the quick start's first command, scripts/demo.sh. A second run with unchanged sources
// serves at once: the builds are skipped when a digest of their inputs' contents matches the last
// build's (scripts/test.sh built through `demo.sh --build-only` just before). File times do not count,
// which a `git checkout` resets; a changed or added source does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { rm, stat, utimes, writeFile } from "node:fs/promises";

const status = () => spawnSync("bash", ["scripts/demo.sh", "--status"], { encoding: "utf8" });

test("the demo's builds are up to date after the test command's build", () => {
  const run = status();
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /up to date: the sources are those of the last build, nothing to build/);
});

test("a file's time does not call for a build; a change to the sources does", async () => {
  const file = "www/catalogue/products.csv";
  const { atime, mtime } = await stat(file);
  try {
    await utimes(file, new Date(), new Date(Date.now() + 3600_000));
    assert.equal(status().status, 0, "only the time changed");
  } finally {
    await utimes(file, atime, mtime);
  }
  const probe = "src/demo-status-probe.txt";
  try {
    await writeFile(probe, "a new source file\n");
    const run = status();
    assert.equal(run.status, 1);
    assert.match(run.stdout, /a build is due: the sources changed since the last build, or nothing was built yet/);
  } finally {
    await rm(probe, { force: true });
  }
  assert.equal(status().status, 0, "back as it was");
});

test("a second demo.sh serves without building", async () => {
  const port = 20000 + Math.floor(Math.random() * 2000);
  // A process group of its own, so that the test stops exactly what it started.
  const demo = spawn("bash", ["scripts/demo.sh"], { env: { ...process.env, PORT: String(port) }, detached: true });
  let output = "";
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo.sh did not serve within 60 s:\n${output}`)), 60_000);
      demo.stdout.on("data", (chunk) => {
        output += chunk;
        if (output.includes("http://")) {
          clearTimeout(timer);
          resolve();
        }
      });
      demo.stderr.on("data", (chunk) => { output += chunk; });
      demo.on("exit", (code) => reject(new Error(`demo.sh exited with ${code}:\n${output}`)));
    });
    assert.match(output, /up to date/);
    assert.doesNotMatch(output, /Compiling|wasm-opt|\[build\]/);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
  } finally {
    process.kill(-demo.pid, "SIGTERM");
  }
});
