// The engine's client: its start, its states, and its questions to the worker,
// with a stand-in worker that records what it is sent.
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
  removeEventListener(type, listener) {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
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
const { Message, Reply } = await import("../../web/engine/contract.js");
const { localToday, theEngine } = await import("../../web/engine/engine-client.js");

test("the reader's date is today's, as YYYY-MM-DD", () => {
  assert.match(localToday(), /^\d{4}-\d{2}-\d{2}$/);
});

test("the engine starts its worker from the build's addresses, resolved from the page", async (t) => {
  const manifest = { files: {} };
  const engine = theEngine({ runtime: "../pyodide/", worker: "../assets/app/engine/engine-worker.js", manifest });
  assert.equal(theEngine({}), engine, "one engine per tab");
  assert.equal(window.offerGuideEngine, engine);
  const [worker] = FakeWorker.made;
  assert.equal(worker.url, "https://guide.example/assets/app/engine/engine-worker.js");
  assert.deepEqual(worker.options, { type: "module" });
  assert.deepEqual(worker.sent, [{ type: Message.SETUP, runtime: "https://guide.example/pyodide/", manifest }]);

  const states = [];
  engine.onChange((state) => states.push(state));
  await t.test("progress is reported while it loads", () => {
    worker.say({ type: Message.PROGRESS, loaded: 1.5e6, total: 12e6 });
    assert.equal(engine.loadingText(), "Getting the engine ready: 1.5 of 12.0 MB. You can answer already.");
  });
  worker.say({ type: Message.READY });
  assert.deepEqual(states, ["loading", "loading", "ready"]);

  await t.test("a reply's text is parsed once, and kept", async () => {
    const asked = engine.evaluate("offer-check", { fit: "3" });
    const question = worker.sent.at(-1);
    assert.equal(question.type, Message.EVALUATE);
    assert.equal(question.questionnaire, "offer-check");
    assert.deepEqual(question.answers, { fit: "3" });
    assert.equal(question.today, localToday());
    const text = '{"type": "RESULT", "result": {"outcome": "strong_fit"}}';
    worker.say({ type: Message.REPLY, id: question.id + 1000, text: "not for anyone" });
    worker.say({ type: Message.REPLY, id: question.id, text });
    assert.deepEqual(await asked, { type: Reply.RESULT, result: { outcome: "strong_fit" }, text });
  });

  await t.test("a plan is asked for every questionnaire's answers at once", async () => {
    const asked = engine.plan({ "offer-check": { fit: "3" } });
    const question = worker.sent.at(-1);
    assert.equal(question.type, Message.PLAN);
    worker.say({ type: Message.REPLY, id: question.id, text: '{"type": "PLAN", "plan": {}}' });
    assert.equal((await asked).type, Reply.PLAN);
  });

  await t.test("a crash answers only the question that caused it", async () => {
    const asked = engine.evaluate("x", {});
    worker.say({ type: Message.CRASHED, id: worker.sent.at(-1).id, message: "RecursionError" });
    await assert.rejects(asked, /RecursionError/);
    assert.equal(engine.state, "ready");
  });

  await t.test("a failure is final: every question waiting is refused, the worker ended", async () => {
    const waiting = engine.evaluate("x", {});
    worker.say({ type: Message.FAILED, message: "its file stdlib.zip arrived damaged" });
    await assert.rejects(waiting, /could not start: its file stdlib.zip arrived damaged/);
    assert.equal(engine.state, "error");
    assert.ok(worker.terminated);
    worker.say({ type: Message.READY });
    assert.equal(engine.state, "error");
    await assert.rejects(engine.evaluate("x", {}), /could not start/);
  });
});
