// The engine's Web Worker: boots Pyodide from the site's own files, loads the
// engine wheel through the site-local lock file, and answers EVALUATE messages
// through the engine's own bridge, engine.evaluate_json: a string in, a string
// out, no Python source here and no Python object left behind.
//
// Messages in:  SETUP {runtime}, EVALUATE {id, questionnaire, answers, today},
//               PLAN {id, answers (by questionnaire), today}
// Messages out: READY, FAILED {message}, RESULT {id, result}, PLAN {id, plan},
//               INVALID {id, question, message, reader_message}, CRASHED {id, message}
// `today` is the reader's date (YYYY-MM-DD): the engine dates drafts and plans
// with it and never reads a clock of its own.

let pyodideReady = null;

async function boot(runtime) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  return loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: ["offer-guide-engine"],
    stdout: () => {},
    stderr: () => {},
  });
}

// Calls one of the engine's bridge functions with strings only, and lets go of
// every proxy it made.
function callBridge(pyodide, name, ...args) {
  const engine = pyodide.pyimport("engine");
  const bridge = engine[name];
  try {
    return JSON.parse(bridge(...args));
  } finally {
    bridge.destroy();
    engine.destroy();
  }
}

function reply(pyodide, message) {
  const today = message.today || null;
  if (message.type === "PLAN") return callBridge(pyodide, "plan_json", JSON.stringify(message.answers), today);
  return callBridge(pyodide, "evaluate_json", message.questionnaire, JSON.stringify(message.answers), today);
}

function describe(error) {
  return String((error && error.message) || error).split("\n").filter(Boolean).pop();
}

// A runtime file that fails to load can abort Pyodide from inside a callback,
// where loadPyodide's promise never settles: report it here instead.
let started = false;
function reportFailure(reason) {
  if (started) return;
  started = true;
  self.postMessage({ type: "FAILED", message: describe(reason) });
}
self.addEventListener("unhandledrejection", (event) => reportFailure(event.reason));
self.addEventListener("error", (event) => reportFailure(event.error || event.message));

async function setup(runtime) {
  pyodideReady = boot(runtime);
  try {
    await pyodideReady;
  } catch (error) {
    reportFailure(error);
    return;
  }
  if (!started) {
    started = true;
    self.postMessage({ type: "READY" });
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
    self.postMessage({ ...reply(pyodide, message), id: message.id });
  } catch (error) {
    self.postMessage({ type: "CRASHED", id: message.id, message: describe(error) });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "SETUP") setup(message.runtime);
  else if (message.type === "EVALUATE" || message.type === "PLAN") answer(message);
});
