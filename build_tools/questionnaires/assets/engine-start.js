// Loaded from <head> on pages with a questionnaire, as a small classic script
// that runs as soon as it arrives: it starts the engine's worker before the
// page's heavier scripts keep the main thread busy. engine-client.js adopts
// the worker and replays what it said in the meantime. The build writes the
// runtime's and the worker's addresses on this script's own tag.
(() => {
  if (window.offerGuideEarlyEngine) return;
  const { engineRuntime, engineWorker } = document.currentScript.dataset;
  const worker = new Worker(new URL(engineWorker, document.baseURI), { type: "module" });
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
  worker.postMessage({ type: "SETUP", runtime: new URL(engineRuntime, document.baseURI).href });
  window.offerGuideEarlyEngine = early;
})();
