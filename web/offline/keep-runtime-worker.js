// Keeps the engine's runtime for offline use, off the page's main thread.
// offline.js starts this worker once the engine is ready and the service
// worker in control, and sends it the runtime's files: {cache, files:
// [{url, integrity}], wasm}. It asks for each file again, from the HTTP cache
// (the engine's own download: no second one), with its SRI hash, which the
// browser checks before handing the bytes over, and puts the checked copy in
// the cache the service worker answers from. Checking a hash reads the whole
// file (ten megabytes for the WebAssembly): here, that is no pause for the
// reader.
//
// Then it compiles the WebAssembly once and holds it for as long as the page
// is open: when the tab starts the engine again (a reload, a return in this
// tab), the browser reuses compiled code that something still holds instead
// of compiling it all again. Compiling here, not in the page, keeps that work
// off the main thread too.

let compiled = null; // held, never read

async function keep({ cache: name, files }) {
  const cache = await caches.open(name);
  await Promise.all(
    files.map(async ({ url, integrity }) => {
      if (await cache.match(url)) return;
      const response = await fetch(url, { cache: "force-cache", integrity });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await cache.put(url, response);
    }),
  );
}

async function hold(url) {
  try {
    compiled = await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // Only the next start's speed depends on it.
  }
}

self.addEventListener("message", async ({ data }) => {
  try {
    await keep(data);
  } catch (error) {
    self.postMessage({ kept: false, error: String(error?.message ?? error) });
    return;
  }
  self.postMessage({ kept: true });
  await hold(data.wasm);
});
