// Write the guide's service worker with Workbox (workbox-build's generateSW):
// no hand-written cache logic, only this configuration (and one plugin that
// says no).
//
//   node offline_sw.mjs SITE_DIR RUNTIME_DIR
//
// Precached (fetched when the worker installs, on any page): every page and
// the assets they use, and the PDF when the build has one. Not the engine's
// runtime: a reading page must not download it. The runtime is cached once a
// questionnaire page has started the engine: its files are named by their
// content, so a copy that passed its check stays right (CacheFirst). Their
// manifest is in the pages themselves, so nothing about the runtime is ever
// asked of the network first.
//
// A name is not a proof: a captive portal answers any address with its
// sign-in page, and a copy kept once is served forever. So the worker never
// writes the runtime's cache itself: the page does (web/offline/offline.js),
// with copies it asked for with their SRI hashes, which the browser checks
// before handing them over. (The engine's own requests cannot carry the hash:
// it counts bytes as they arrive, and a fetch that checks one hands over the
// body whole.) A copy damaged later, on disk, the engine's worker drops.

import path from "node:path";
import { generateSW } from "workbox-build";

import { RUNTIME_CACHE } from "../web/offline/runtime-cache.js";

const [siteDir, runtimeDir] = process.argv.slice(2);
// Regular expressions, not functions: Workbox writes them into the worker.
const folder = `/${runtimeDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`;
const named = new RegExp(`${folder}(core-[0-9a-f]+/|[a-z]+-[0-9a-f]+\\.zip$)`);

const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  swDest: path.join(siteDir, "sw.js"),
  // sitemap.xml: Material's instant navigation reads it to know which links it may take.
  globPatterns: ["**/*.{html,css,js,mjs,json,svg,png,ico,woff2,pdf}", "sitemap.xml"],
  globIgnores: [
    `${runtimeDir}/**`,
    "print_page/**",
    "bench/**",
    "assets/javascripts/lunr/**",
    "**/*.map",
    "sw.js",
    "workbox-*.js",
  ],
  maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
  // Material names its stylesheets and scripts by their content: those the
  // page has just loaded come from the HTTP cache, not a second download.
  dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.min\.(css|js)$/,
  // A new deploy waits until the reader agrees to reload (the page asks);
  // the first one takes the open page at once, so its runtime gets cached.
  skipWaiting: false,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  mode: "production",
  babelPresetEnvTargets: ["chrome >= 111", "firefox >= 115", "safari >= 16.4"],
  sourcemap: false,
  runtimeCaching: [
    {
      urlPattern: named,
      handler: "CacheFirst",
      options: {
        cacheName: RUNTIME_CACHE,
        expiration: { maxEntries: 16 },
        // Answered from the cache, or passed through from the network, never kept.
        plugins: [{ cacheWillUpdate: async () => null }],
      },
    },
  ],
});
for (const warning of warnings) process.stderr.write(`workbox: ${warning}\n`);
process.stdout.write(JSON.stringify({ count, size }) + "\n");
