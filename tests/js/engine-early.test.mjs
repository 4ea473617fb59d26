// A worker started early from <head> (engine-start.js) is adopted, and what it
// said in the meantime replayed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { installBrowser } from "./fakes.mjs";

installBrowser();
const { Message } = await import("../../web/engine/contract.js");

test("the client adopts the early worker and replays its messages", async () => {
  const listeners = [];
  const worker = {
    sent: [],
    addEventListener: (type, listener) => type === "message" && listeners.push(listener),
    postMessage(message) {
      this.sent.push(message);
    },
    terminate() {},
  };
  let released = false;
  window.offerGuideEarlyEngine = {
    worker,
    messages: [{ type: Message.PROGRESS, loaded: 1, total: 2 }, { type: Message.READY }],
    failed: false,
    release: () => (released = true),
  };
  globalThis.Worker = class {
    constructor() {
      throw new Error("no second worker");
    }
  };
  const { theEngine } = await import("../../web/engine/engine-client.js");
  const engine = theEngine({ runtime: "/pyodide/", worker: "/w.js", manifest: {} });
  assert.ok(released);
  assert.equal(engine.state, "ready");
  assert.deepEqual(worker.sent, [], "SETUP was sent by the starter, not again");
  assert.equal(listeners.length, 1);
});
