// Inlined by the build first in <head> on pages with a questionnaire (see
// on_post_page in build_tools/questionnaires/plugin.py): it starts the engine's worker while the parser
// reads the page, before the page's stylesheets and scripts are fetched.
// engine-client.js adopts the worker and replays what it said in the
// meantime. The build writes the runtime's and the worker's addresses, and
// the runtime's manifest, on this script's own tag. The build inlines it with
// the contract it imports, as one classic script (plugin.py, engine_starter).

import { Message } from "./contract.js";

(() => {
  if (window.offerGuideEarlyEngine) return;
  const { engineRuntime, engineWorker, engineManifest } = document.currentScript.dataset;
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
  worker.postMessage({
    type: Message.SETUP,
    runtime: new URL(engineRuntime, document.baseURI).href,
    manifest: JSON.parse(engineManifest),
  });
  window.offerGuideEarlyEngine = early;
})();
