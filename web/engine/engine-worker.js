// The engine's Web Worker: boots Pyodide from the site's own files (the
// engine's runtime, built for it: see build_tools/questionnaires/runtime.py),
// and answers EVALUATE and PLAN messages through the engine's own bridge,
// engine.evaluate_json and engine.plan_json: a string in, a string out, no
// Python source here and no Python object left behind. The messages, and the
// options Pyodide boots with, are the contract's (contract.js).

import { Message, pyodideOptions } from "./contract.js";

let pyodideReady = null;

// ---------------------------------------------------------------- boot
// The build's manifest, written into the page and sent with SETUP, names
// every file of the engine's runtime with its size and SRI hash: Pyodide's
// core, a standard library trimmed to what the engine imports (precompiled),
// and the engine's zip. Nothing is looked up first: every file is asked for
// at once.
// Each is downloaded here, counted for the page's progress line, checked
// against its hash, then handed to loadPyodide.
//
// A file that fails its check is dropped from every cache that holds it (the
// service worker answers from its cache first, so one bad copy there would
// fail every start after it), and FAILED names it: the page starts the engine
// once more, in a new worker, whose SETUP asks for it again past the browser's
// HTTP cache too (`reload`).

const PROGRESS_EVERY_MS = 100;

// A start failure in words a reader can act on.
class StartError extends Error {}

// A file that arrived, but not as the manifest describes it: a captive
// portal's sign-in page, a copy from another deploy, a flipped byte on disk.
class DamagedFile extends StartError {
  constructor(name, url) {
    super(
      `its file ${name} arrived damaged or from another version of the guide (it failed its ` +
        "integrity check, and no copy of it is kept); if this network asks you to sign in, sign in, " +
        "then reload the page; if not, the site may be part-way through an update: reload it in a minute",
    );
    this.url = url;
  }
}

// The files SETUP says to ask the server for again, past the HTTP cache.
let askedAfresh = new Set();

function checkWebAssemblyAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (error) {
    if (/Content.Security.Policy|unsafe-eval/i.test(String(error && error.message))) {
      throw new StartError(
        "this site's Content-Security-Policy does not allow WebAssembly, which the engine needs; " +
          "whoever runs the site must add 'wasm-unsafe-eval' to its script-src",
      );
    }
    throw new StartError("this browser cannot run WebAssembly, which the engine needs; try a current browser");
  }
}

function progressReporter(total) {
  let loaded = 0;
  let last = 0;
  return (bytes, force = false) => {
    loaded += bytes;
    const now = performance.now();
    if (!started && (force || now - last >= PROGRESS_EVERY_MS)) {
      last = now;
      self.postMessage({ type: Message.PROGRESS, loaded, total });
    }
  };
}

async function request(url, name, init = {}) {
  let response;
  try {
    response = await fetch(url, askedAfresh.has(url) ? { ...init, cache: "reload" } : init);
  } catch {
    throw new StartError(
      `its file ${name} could not be downloaded${init.integrity ? " intact" : ""}: this device ` +
        "may be offline, or the connection dropped; connect and reload the page",
    );
  }
  if (!response.ok) {
    throw new StartError(
      `its file ${name} is missing from the site (the server answered ${response.status}` +
        `${response.statusText ? " " + response.statusText : ""}); the site may be part-way ` +
        "through an update: reload the page in a minute",
    );
  }
  return response;
}

// No cache keeps a copy that failed its check: the next request reaches the server.
async function forget(url) {
  if (!self.caches) return; // not a secure context: no cache but the browser's own
  try {
    for (const name of await caches.keys()) await (await caches.open(name)).delete(url);
  } catch {
    // Storage the browser refuses to open holds nothing to forget.
  }
}

async function damaged(name, url, reader) {
  reader.cancel().catch(() => {});
  await forget(url);
  return new DamagedFile(name, url);
}

async function sri(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
  return "sha384-" + btoa(String.fromCharCode(...digest));
}

// A response's body, counted for progress as it arrives, checked against the
// file's size and SRI hash.
async function readChecked(response, file, url, name, counted) {
  const bytes = new Uint8Array(file.size);
  const reader = response.body.getReader();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > bytes.length) throw await damaged(name, url, reader);
    bytes.set(value, at);
    at += value.length;
    counted(value.length);
  }
  if (at !== bytes.length || (await sri(bytes)) !== file.integrity) throw await damaged(name, url, reader);
  return bytes;
}

// No SubtleCrypto outside secure contexts: there fetch checks the hash itself
// (and hands over the body whole, so no progress within the file).
const canHash = Boolean(self.crypto && crypto.subtle);

async function download(file, runtime, counted) {
  const url = new URL(file.url, runtime).href;
  const name = file.url.split("/").pop();
  if (!canHash) {
    const response = await request(url, name, { integrity: file.integrity });
    const bytes = new Uint8Array(await response.arrayBuffer());
    counted(bytes.length);
    return { url, bytes };
  }
  return { url, bytes: await readChecked(await request(url, name), file, url, name, counted) };
}

// The WebAssembly goes to Pyodide as the real response, so that the browser
// compiles it while it arrives and keeps the compiled code for the next
// visit; a copy of its body is counted and checked. None of its code runs
// before the check passes: Python starts after fsInit, which waits for it.
function streamChecked(file, runtime, counted) {
  const url = new URL(file.url, runtime).href;
  const name = file.url.split("/").pop();
  if (!canHash) {
    const response = request(url, name, { integrity: file.integrity });
    return { url, response, checked: response.then(() => counted(file.size)) };
  }
  const responded = request(url, name).then((real) => ({ real, copy: real.clone() }));
  return {
    url,
    response: responded.then(({ real }) => real),
    checked: responded.then(({ copy }) => readChecked(copy, file, url, name, counted)),
  };
}

// loadPyodide fetches the WebAssembly and the library itself: answer with
// the WebAssembly's real response and the library's checked bytes.
async function withRuntimeFiles(wasm, stdlib, start) {
  const network = self.fetch;
  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, self.location).href;
    if (url === wasm.url) return wasm.response;
    if (url === stdlib.url) {
      const headers = { "Content-Type": "application/zip" };
      return stdlib.download.then(({ bytes }) => new Response(bytes, { headers }));
    }
    return network(input, init);
  };
  try {
    return await start();
  } finally {
    self.fetch = network;
  }
}

async function boot(runtime, manifest, reload = []) {
  checkWebAssemblyAllowed();
  if (!manifest || !manifest.files) {
    throw new StartError("this page was built without the engine's runtime; rebuild the site with it");
  }
  const { files } = manifest;
  askedAfresh = new Set(reload);
  const indexURL = new URL(manifest.indexURL, runtime).href;
  const counted = progressReporter(Object.values(files).reduce((sum, file) => sum + file.size, 0));
  counted(0, true);
  const script = async (file) => {
    let module;
    try {
      module = await import(new URL(file.url, runtime).href);
    } catch {
      throw new StartError(
        `its file ${file.url.split("/").pop()} could not be loaded (missing, damaged or ` +
          "blocked); reload the page, and if this persists the site is part-way through an update",
      );
    }
    counted(file.size);
    return module;
  };
  // Everything at once: Pyodide imports its Emscripten module from indexURL
  // by this very URL, so importing it now downloads it beside the rest.
  const wasm = streamChecked(files.wasm, runtime, counted);
  const stdlib = { url: new URL(files.stdlib.url, runtime).href };
  stdlib.download = download(files.stdlib, runtime, counted);
  const engineDownload = download(files.engine, runtime, counted);
  checks = Promise.allSettled([wasm.checked, stdlib.download, engineDownload]);
  const everything = Promise.all([script(files.module), wasm.checked, stdlib.download, engineDownload]);
  // A failure is reported at once, whatever Pyodide is doing meanwhile.
  everything.catch(reportFailure);
  const { loadPyodide } = await script(files.loader);
  const pyodide = await withRuntimeFiles(wasm, stdlib, () =>
    loadPyodide(
      pyodideOptions({
        indexURL,
        stdLibURL: stdlib.url,
        lock: manifest.lock,
        engineBytes: async () => {
          // Python starts when this resolves: never with a file that failed.
          const [, , , engine] = await everything.catch(() => new Promise(() => {}));
          counted(0, true);
          return engine.bytes;
        },
      }),
    ),
  );
  // Every definition read and checked before READY, not at the first answer.
  const module = pyodide.pyimport("engine");
  try {
    module.load_all().destroy();
  } finally {
    module.destroy();
  }
  return pyodide;
}

// Calls one of the engine's bridge functions with strings only, and lets go of
// every proxy it made. Its reply goes to the page as the text it is: parsed
// there, once (contract.js, parseReply).
function callBridge(pyodide, name, ...args) {
  const engine = pyodide.pyimport("engine");
  const bridge = engine[name];
  try {
    return bridge(...args);
  } finally {
    bridge.destroy();
    engine.destroy();
  }
}

function reply(pyodide, message) {
  const today = message.today || null;
  if (message.type === Message.PLAN) return callBridge(pyodide, "plan_json", JSON.stringify(message.answers), today);
  return callBridge(pyodide, "evaluate_json", message.questionnaire, JSON.stringify(message.answers), today);
}

function describe(error) {
  if (error instanceof StartError) return error.message;
  return String((error && error.message) || error).split("\n").filter(Boolean).pop();
}

// Settles once every checked file has arrived whole or failed.
let checks = Promise.resolve([]);

async function damagedFiles() {
  return (await checks).map((check) => check.reason).filter((reason) => reason instanceof DamagedFile);
}

// A runtime file that fails to load can abort Pyodide from inside a callback,
// where loadPyodide's promise never settles: report it here instead.
let started = false;
async function reportFailure(reason) {
  if (started) return;
  started = true;
  // Pyodide may stumble on a damaged file before its check is done, and a
  // captive portal damages every file at once: wait for every check's verdict,
  // so that FAILED names all of them and its message says what went wrong.
  let damaged = [];
  if (reason instanceof DamagedFile || !(reason instanceof StartError)) {
    damaged = await damagedFiles();
    if (damaged.length && !(reason instanceof DamagedFile)) reason = damaged[0];
  }
  self.postMessage({ type: Message.FAILED, message: describe(reason), damaged: damaged.map((file) => file.url) });
}
self.addEventListener("unhandledrejection", (event) => reportFailure(event.reason));
self.addEventListener("error", (event) => reportFailure(event.error || event.message));

async function setup(runtime, manifest, reload) {
  pyodideReady = boot(runtime, manifest, reload);
  try {
    await pyodideReady;
  } catch (error) {
    reportFailure(error);
    return;
  }
  if (!started) {
    started = true;
    self.postMessage({ type: Message.READY });
  }
}

async function answer(message) {
  let pyodide;
  try {
    pyodide = await pyodideReady;
  } catch {
    return; // FAILED was already reported once.
  }
  try {
    self.postMessage({ type: Message.REPLY, id: message.id, text: reply(pyodide, message) });
  } catch (error) {
    self.postMessage({ type: Message.CRASHED, id: message.id, message: describe(error) });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === Message.SETUP) setup(message.runtime, message.manifest, message.reload);
  else if (message.type === Message.EVALUATE || message.type === Message.PLAN) answer(message);
});
