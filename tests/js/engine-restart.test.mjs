// A start that fails on damaged files is tried once more, in a new worker that
// asks for them afresh; the questions asked meanwhile reach it; a second such
// failure is final.
import assert from "node:assert/strict";
import { test } from "node:test";

import { installBrowser } from "./fakes.mjs";

class FakeWorker {
  static made = [];
  constructor(url, options) {
    Object.assign(this, { url, options, sent: [], listeners: {}, terminated: false });
    FakeWorker.made.push(this);
  }
  addEventListener(type, listener) {
    (this.listeners[type] ||= []).push(listener);
  }
  postMessage(message) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(data) {
    for (const listener of this.listeners.message || []) listener({ data });
  }
}

installBrowser({ href: "https://guide.example/look/" });
globalThis.Worker = FakeWorker;
const { Message } = await import("../../web/engine/contract.js");
const { theEngine } = await import("../../web/engine/engine-client.js");

const WASM = "https://guide.example/pyodide/core-0a/pyodide.asm.wasm";
const DAMAGED = "its file pyodide.asm.wasm arrived damaged";

test("a damaged file costs a second start, not the engine", async () => {
  const manifest = { files: {} };
  const engine = theEngine({ runtime: "../pyodide/", worker: "../w.js", manifest });
  const [first] = FakeWorker.made;
  const states = [];
  engine.onChange((state) => states.push(state));
  const asked = engine.evaluate("offer-check", { fit: "3" });
  const question = first.sent.at(-1);

  first.say({ type: Message.FAILED, message: DAMAGED, damaged: [WASM] });
  assert.ok(first.terminated);
  assert.equal(FakeWorker.made.length, 2);
  const second = FakeWorker.made[1];
  assert.equal(second.url, "https://guide.example/w.js");
  assert.deepEqual(second.sent, [
    { type: Message.SETUP, runtime: "https://guide.example/pyodide/", manifest, reload: [WASM] },
    question,
  ]);
  assert.equal(engine.state, "loading");

  first.say({ type: Message.READY }); // an ended worker is not heard
  assert.equal(engine.state, "loading");
  second.say({ type: Message.READY });
  assert.deepEqual(states, ["loading", "loading", "ready"]);
  second.say({ type: Message.REPLY, id: question.id, text: '{"type": "RESULT", "result": {}}' });
  assert.equal((await asked).type, "RESULT");
});

test("a second start that fails on a damaged file is final", async () => {
  // A fresh copy of the module: another tab, with an engine of its own.
  const { theEngine: anotherTabsEngine } = await import("../../web/engine/engine-client.js?another-tab");
  const made = FakeWorker.made.length;
  const engine = anotherTabsEngine({ runtime: "../pyodide/", worker: "../w.js", manifest: {} });
  FakeWorker.made[made].say({ type: Message.FAILED, message: DAMAGED, damaged: [WASM] });
  const second = FakeWorker.made[made + 1];
  second.say({ type: Message.FAILED, message: DAMAGED, damaged: [WASM] });
  assert.equal(FakeWorker.made.length, made + 2, "no third start");
  assert.equal(engine.state, "error");
  assert.ok(second.terminated);
  assert.equal(engine.failure, `The questionnaire engine could not start: ${DAMAGED}.`);
});
