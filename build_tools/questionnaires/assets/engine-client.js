// The one engine of a tab: a Web Worker running the Python engine in Pyodide.
// Modules are instantiated once per page, so every importer shares it, and it
// outlives Material's instant navigation. Pages with a questionnaire start its
// worker early from <head> (engine-start.js); this module then adopts it.

const RUNTIME_URL = new URL("../../pyodide/", import.meta.url).href;
const WORKER_URL = new URL("./engine-worker.js", import.meta.url);
// No fixed limit on the start: a slow link may take minutes to bring the
// runtime. The worker reports progress as bytes arrive; only silence fails.
const STALL_TIMEOUT_MS = 60000;

// ---------------------------------------------------------------- engine

class Engine {
  constructor() {
    this.state = "loading";
    this.failure = "";
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    const early = window.offerGuideEarlyEngine;
    this.worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail("The questionnaire engine stopped unexpectedly.");
    });
    this.progress = null;
    this.timer = null;
    this.watchForStall();
    if (early) {
      // Started from <head> by engine-start.js: take over its worker.
      early.release();
      for (const message of early.messages) this.receive(message);
      if (early.failed) this.fail("The questionnaire engine stopped unexpectedly.");
    } else {
      this.worker.postMessage({ type: "SETUP", runtime: RUNTIME_URL });
    }
  }

  // Calls listener now and on every change of state; it returns false once its
  // form has left the page (instant navigation), which unsubscribes it.
  onChange(listener) {
    this.listeners.add(listener);
    if (listener(this.state) === false) this.listeners.delete(listener);
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
    for (const listener of this.listeners) {
      if (listener(state) === false) this.listeners.delete(listener);
    }
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
    if (message.type === "PROGRESS") {
      this.progress = { loaded: message.loaded, total: message.total };
      return this.setState("loading");
    }
    if (message.type === "READY") return this.setState("ready");
    if (message.type === "FAILED") {
      return this.fail(`The questionnaire engine could not start: ${message.message}.`);
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === "CRASHED") waiting.reject(new Error(message.message));
    else waiting.resolve(message);
  }

  // Resolves with {type: "RESULT", result} or {type: "INVALID", message, question}.
  evaluate(questionnaire, answers) {
    if (this.state === "error") return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "EVALUATE", id, questionnaire, answers });
    });
  }
}

let engine = null;
export function theEngine() {
  if (!engine) engine = new Engine();
  return engine;
}

