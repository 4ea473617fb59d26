// Loaded from <head> on pages with a questionnaire, as a small classic script
// that runs as soon as it arrives: it starts the engine's worker before the
// page's heavier scripts keep the main thread busy. engine-client.js adopts
// the worker and replays what it said in the meantime.
(() => {
  if (window.offerGuideEarlyEngine) return;
  const here = document.currentScript.src;
  const worker = new Worker(new URL("./engine-worker.js", here), { type: "module" });
  const early = { worker, messages: [], failed: false };
  const keep = (event) => early.messages.push(event.data);
  const fail = (event) => {
    event.preventDefault();
    early.failed = true;
  };
  worker.addEventListener("message", keep);
  worker.addEventListener("error", fail);
  early.release = () => {
    worker.removeEventListener("message", keep);
    worker.removeEventListener("error", fail);
  };
  worker.postMessage({ type: "SETUP", runtime: new URL("../../pyodide/", here).href });
  window.offerGuideEarlyEngine = early;
})();
