// The guide offline: registers the service worker that Workbox wrote at build
// time (sw.js, at the site's root), offers a reload when a new deploy is
// waiting (or has already taken this tab, from another one), takes it at once
// on a page whose runtime the deploy removed, and keeps the engine's runtime
// for offline use.
//
// The worker precaches every page and asset when it installs, but not the
// engine's runtime: a reading page must not download it. On the first visit
// of a questionnaire page the engine starts before the worker controls the
// page, so its files bypass the worker. Once the engine is ready and the
// worker in control, the runtime's files are asked for again, from the HTTP
// cache (no second download), with their SRI hashes, which the browser checks,
// and the page puts them in the cache that the worker's Workbox route
// (CacheFirst) answers from; later visits find them there and ask for
// nothing. The worker itself keeps nothing: no copy that failed its hash is
// ever kept (offline_sw.mjs). The page then publishes <html data-offline="ready">.

import { RUNTIME_CACHE } from "./runtime-cache.js";
import { Workbox } from "./workbox-window.mjs";

const SITE = new URL("../../", import.meta.url);
const WORKER_URL = new URL("sw.js", SITE).href;
const UPDATE_CHECK_MS = 60 * 60 * 1000;
// Whether a worker served this page: then it may be from an older deploy.
const servedByWorker = Boolean(navigator.serviceWorker?.controller);

// The new version, in this tab: a waiting worker is told to take over, and the
// page reloads once it has. If another tab already let it take over, this
// page is an old one under the new worker, and a reload is all it needs.
async function takeNewVersion(registration) {
  navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), {
    once: true,
  });
  // The message Workbox's generated worker listens for (as messageSkipWaiting sends it).
  if (registration.waiting) registration.waiting.postMessage({ type: "SKIP_WAITING" });
  else window.location.reload();
}

function offerReload(registered) {
  if (document.querySelector("[data-offline-update]")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "reload";
  const notice = document.createElement("aside");
  notice.className = "offline-update";
  notice.dataset.offlineUpdate = "";
  notice.setAttribute("role", "status");
  notice.append("A new version of the guide is available: ", button);
  button.addEventListener("click", async () => {
    button.disabled = true;
    await takeNewVersion(await registered);
  });
  document.body.append(notice);
}

// Resolves once the engine of a questionnaire (or My plan) is in one of `states`.
function engineIn(...states) {
  const selector = states
    .flatMap((state) => [
      `form[data-questionnaire][data-engine='${state}']`,
      `[data-plan][data-engine='${state}']`,
    ])
    .join(", ");
  if (document.querySelector(selector)) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-engine"],
    });
  });
}

// The worker's precache (every page, fetched when it installs) would share a
// first visit's connection and processor with the engine's start: it waits
// until the page has what the reader came for. On a questionnaire page that
// is the engine, started or failed; elsewhere the page's own load.
function pageSettled() {
  if (document.querySelector("[data-questionnaire-root]")) return engineIn("ready", "error");
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

// A page the worker kept from an older deploy names that deploy's runtime;
// once a newer deploy has removed it, the engine cannot start (its files
// answer 404), and reloading brings the same page back for as long as the
// newer worker waits. Such a page takes the newer version itself, moments
// after it opened: the reader's answers are in this browser's storage, and a
// page whose engine cannot start has nothing else to lose.
async function takeNewVersionIfRuntimeGone(registered) {
  if (!servedByWorker) return; // from the network: as new as the site has
  await engineIn("error");
  const root = document.querySelector("[data-questionnaire-root], [data-plan]");
  if (!root) return;
  const { engine } = JSON.parse(root.dataset.questionnaireData ?? root.dataset.planData);
  const runtime = new URL(engine.runtime, document.baseURI);
  const urls = Object.values(engine.manifest.files).map((file) => new URL(file.url, runtime));
  let statuses;
  try {
    const responses = await Promise.all(urls.map((url) => fetch(url, { method: "HEAD", cache: "no-store" })));
    statuses = responses.map((response) => response.status);
  } catch {
    return; // offline: the engine's own message says so
  }
  if (!statuses.includes(404)) return;
  const registration = await registered;
  if (!registration) return;
  try {
    await registration.update();
  } catch {
    return;
  }
  const newer = registration.installing ?? registration.waiting;
  if (newer && (await installed(newer))) await takeNewVersion(registration);
}

// Resolves with whether a worker installed (it waits, or already took over)
// rather than failed.
function installed(worker) {
  if (worker.state !== "installing") return Promise.resolve(worker.state !== "redundant");
  return new Promise((resolve) => {
    worker.addEventListener("statechange", () => resolve(worker.state !== "redundant"), { once: true });
  });
}

function controlled() {
  if (navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }),
  );
}

// The runtime's files are checked against their hashes and cached, and the
// WebAssembly compiled once more to be held, by a worker of this page
// (keep-runtime-worker.js): hashing ten megabytes and compiling them would
// otherwise pause the page while the reader answers. The worker lives as long
// as the page, holding that compiled code for the engine's next start in
// this tab.
let keeper = null;
function keepInWorker(message) {
  keeper ??= new Worker(new URL("keep-runtime-worker.js", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    const heard = ({ data }) => {
      keeper.removeEventListener("message", heard);
      if (data.kept) resolve();
      else reject(new Error(data.error));
    };
    keeper.addEventListener("message", heard);
    keeper.addEventListener("error", (event) => reject(new Error(event.message)), { once: true });
    keeper.postMessage(message);
  });
}

// Resolves once the runtime's files are in the worker's cache.
let runtimeKept = null;
async function keepRuntime() {
  // The runtime's address and manifest, as the build wrote them into the questionnaire's
  // data, read now: after the waits below the reader may be on another page,
  // part-way through Material's instant navigation (new address, old page).
  const root = document.querySelector("[data-questionnaire-root]");
  const { engine } = JSON.parse(root.dataset.questionnaireData);
  const runtime = new URL(engine.runtime, document.baseURI);
  const { manifest } = engine;
  await Promise.all([engineIn("ready"), controlled()]);
  await keepInWorker({
    cache: RUNTIME_CACHE,
    files: Object.values(manifest.files).map((file) => ({
      url: new URL(file.url, runtime).href,
      integrity: file.integrity,
    })),
    wasm: new URL(manifest.files.wasm.url, runtime).href,
  });
}

// The page says when it would work offline: <html data-offline="ready">.
async function publishReadiness() {
  if (document.querySelector("[data-questionnaire-root]")) {
    if (!runtimeKept) delete document.documentElement.dataset.offline;
    runtimeKept ??= keepRuntime().catch((error) => {
      runtimeKept = null; // offline or mid-deploy: the next page tries again
      throw error;
    });
    try {
      await runtimeKept;
    } catch {
      return;
    }
  }
  await controlled();
  document.documentElement.dataset.offline = "ready";
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  const workbox = new Workbox(WORKER_URL);
  const registered = pageSettled().then(() => workbox.register());
  workbox.addEventListener("waiting", () => offerReload(registered));
  // A newer worker in control of a page it did not serve: another tab took it.
  workbox.addEventListener("controlling", (event) => {
    if (event.isUpdate || event.isExternal) offerReload(registered);
  });
  registered.then((registration) => {
    if (registration) setInterval(() => registration.update(), UPDATE_CHECK_MS);
  });
  takeNewVersionIfRuntimeGone(registered);
  if (window.document$) window.document$.subscribe(publishReadiness);
  else publishReadiness();
}
