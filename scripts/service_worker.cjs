#!/usr/bin/env node
// The post-build step (Trunk.toml's post_build hook; also run by hand on a
// copy of dist/ by the update test): stamps index.html with a build id and
// writes sw.js, a Workbox service worker that precaches every file of the
// built site with a revision hash, so the site opens offline after one
// visit and a new deployment is noticed on the next.
//
//   node scripts/service_worker.cjs [DIR]
//
// DIR is trunk's staging directory ($TRUNK_STAGING_DIR) when run as a hook,
// or dist/. Workbox comes from npm's workbox-build, which scripts/setup.sh
// installs into the cache ($WORKBOX_BUILD overrides where it is looked for).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist");
const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
const workboxBuild =
  process.env.WORKBOX_BUILD ||
  path.join(cache, "plan-workbench/workbox/node_modules/workbox-build");

const SW = "sw.js";
// Written by this step, so left out of the build id (which must come out
// the same when the step runs again on the same files).
const STAMPS = /\s*<meta name="workbench-(?:build|service-worker)" content="[^"]*">/g;

function filesUnder(root, rel = "") {
  return fs
    .readdirSync(path.join(root, rel), { withFileTypes: true })
    .flatMap((e) => {
      const r = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? filesUnder(root, r) : [r];
    })
    .sort();
}

async function main() {
  const indexPath = path.join(dir, "index.html");
  const html = fs.readFileSync(indexPath, "utf8").replace(STAMPS, "");

  // The build id: a short hash of every built file (index.html without its
  // stamps), so any change to what users download gives a new id.
  const hash = crypto.createHash("sha256");
  for (const rel of filesUnder(dir)) {
    if (rel === SW) continue;
    hash.update(rel + "\0");
    hash.update(rel === "index.html" ? html : fs.readFileSync(path.join(dir, rel)));
    hash.update("\0");
  }
  const buildId = hash.digest("hex").slice(0, 10);

  // The app registers the worker named here; the single-file build removes
  // this line (file:// pages have no service workers).
  const stamps =
    `\n    <meta name="workbench-build" content="${buildId}">` +
    `\n    <meta name="workbench-service-worker" content="${SW}">`;
  if (!html.includes("</head>")) throw new Error(`no </head> in ${indexPath}`);
  fs.writeFileSync(indexPath, html.replace(/(\s*)<\/head>/, `${stamps}$1</head>`));

  const { generateSW } = require(workboxBuild);
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ["**/*"],
    globIgnores: [SW, `${SW}.map`],
    swDest: path.join(dir, SW),
    // One file, no CDN: the Workbox runtime is bundled into sw.js.
    inlineWorkboxRuntime: true,
    mode: "production",
    sourcemap: false,
    // Never swap versions under a user: a new worker waits until the page's
    // "Reload to update" button posts SKIP_WAITING (generateSW adds that
    // listener when skipWaiting is false).
    skipWaiting: false,
    clientsClaim: false,
    cleanupOutdatedCaches: true,
    // Cache names include the scope, so two copies on one host keep apart.
    cacheId: "plan-workbench",
    // ./ and ./index.html, with any query (a hash never reaches the worker),
    // are answered with the precached index.html.
    directoryIndex: "index.html",
    ignoreURLParametersMatching: [/.*/],
    // The wasm is well over Workbox's default limit of 2 MiB in debug builds.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  });
  for (const w of warnings) console.warn(`service_worker.cjs: ${w}`);
  console.log(
    `service_worker.cjs: build ${buildId}; ${SW} precaches ${count} files (${size} bytes) in ${dir}`,
  );
}

main().catch((e) => {
  console.error(`service_worker.cjs: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
