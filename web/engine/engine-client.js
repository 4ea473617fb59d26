// The one engine of a tab: a Web Worker running the Python engine in Pyodide.
// Modules are instantiated once per page, so every importer shares it, and it
// outlives Material's instant navigation. Pages with a questionnaire start its
// worker early from <head> (engine-start.js, inlined); this module then adopts it.
// Otherwise it starts the worker itself, from the addresses the build wrote
// into the questionnaire's data. The messages are the contract's (contract.js).
//
// A start that fails on damaged files (FAILED names them; the worker has
// dropped every cached copy) is tried once more, in a new worker that asks for
// them afresh: one bad copy, from a captive portal or a failing disk, costs a
// second download, not the engine.

import { Message, parseReply } from "./contract.js";

// No fixed limit on the start: a slow link may take minutes to bring the
// runtime. The worker reports progress as bytes arrive; only silence fails.
const STALL_TIMEOUT_MS = 60000;

class Engine {
  // addresses: {runtime, worker}, absolute URLs, and the runtime's manifest.
  constructor(addresses) {
    this.addresses = addresses;
    this.state = "loading";
    this.failure = "";
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.startedAgain = false;
    const early = window.offerGuideEarlyEngine;
    this.listen(early ? early.worker : new Worker(addresses.worker, { type: "module" }));
    this.progress = null;
    this.timer = null;
    this.watchForStall();
    if (early) {
      // Started from <head> by engine-start.js: take over its worker.
      early.release();
      for (const message of early.messages) this.receive(message);
      if (early.failed) this.fail("The questionnaire engine stopped unexpectedly.");
    } else {
      const { runtime, manifest } = addresses;
      this.worker.postMessage({ type: Message.SETUP, runtime, manifest });
    }
  }

  // Only the current worker is heard: one ended for a new start says nothing more.
  listen(worker) {
    this.worker = worker;
    worker.addEventListener("message", (event) => {
      if (this.worker === worker) this.receive(event.data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (this.worker === worker) this.fail("The questionnaire engine stopped unexpectedly.");
    });
  }

  // The second start, in a new worker: `reload` names the files to ask the
  // server for again; the questions asked meanwhile go to it.
  startAgain(reload) {
    this.startedAgain = true;
    this.worker.terminate();
    this.listen(new Worker(this.addresses.worker, { type: "module" }));
    const { runtime, manifest } = this.addresses;
    this.worker.postMessage({ type: Message.SETUP, runtime, manifest, reload });
    for (const { message } of this.pending.values()) this.worker.postMessage(message);
    this.progress = null;
    this.setState("loading");
  }

  // Calls listener now and on every change of state; returns the function
  // that unsubscribes it (called when its page is left).
  onChange(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  watchForStall() {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        this.fail(
          "The questionnaire engine could not start: nothing arrived for a minute; " +
            "check the connection and reload the page.",
        ),
      STALL_TIMEOUT_MS,
    );
  }

  // What the reader is told while the engine gets ready.
  loadingText() {
    const mb = (bytes) => (bytes / 1e6).toFixed(1);
    if (!this.progress) return "Getting the engine ready… You can answer already.";
    const { loaded, total } = this.progress;
    return `Getting the engine ready: ${mb(loaded)} of ${mb(total)} MB. You can answer already.`;
  }

  setState(state) {
    this.state = state;
    if (state !== "loading") clearTimeout(this.timer);
    for (const listener of this.listeners) listener(state);
  }

  fail(reason) {
    if (this.state === "error") return;
    this.failure = reason;
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
    this.setState("error");
    this.worker.terminate();
  }

  receive(message) {
    if (this.state === "error") return; // a failure is final, whatever follows it
    if (this.state === "loading") this.watchForStall();
    if (message.type === Message.PROGRESS) {
      this.progress = { loaded: message.loaded, total: message.total };
      return this.setState("loading");
    }
    if (message.type === Message.READY) return this.setState("ready");
    if (message.type === Message.FAILED) {
      if (message.damaged?.length && !this.startedAgain) return this.startAgain(message.damaged);
      return this.fail(`The questionnaire engine could not start: ${message.message}.`);
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === Message.CRASHED) waiting.reject(new Error(message.message));
    else waiting.resolve(parseReply(message.text));
  }

  // Resolves with the engine's reply (contract.js, Reply), and its `text`:
  // {type: RESULT, result} or {type: INVALID, question, message, reader_message}.
  evaluate(questionnaire, answers) {
    return this.ask({ type: Message.EVALUATE, questionnaire, answers });
  }

  // Resolves with {type: PLAN, plan} for every questionnaire's answers
  // ({id: answers}), or INVALID.
  plan(answers) {
    return this.ask({ type: Message.PLAN, answers });
  }

  ask(message) {
    if (this.state === "error") return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    const asked = { ...message, id, today: localToday() };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, message: asked });
      this.worker.postMessage(asked);
    });
  }
}

// The reader's own date, as the engine expects it: drafts and plans are dated
// from it (the engine never reads a clock).
export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

let engine = null;

// The tab's engine is also window.offerGuideEngine: a handle for the browser
// tests and for anyone curious in the developer tools (for example, how many
// forms listen to it: offerGuideEngine.listeners.size). Nothing else uses it.

// The tab's engine, started on first use from `addresses` ({runtime, worker}
// relative to the current page, and the runtime's manifest, as the build
// wrote them).
export function theEngine(addresses) {
  if (!engine) {
    const absolute = (url) => new URL(url, document.baseURI).href;
    engine = new Engine({
      runtime: absolute(addresses.runtime),
      worker: absolute(addresses.worker),
      manifest: addresses.manifest,
    });
    window.offerGuideEngine = engine;
  }
  return engine;
}
