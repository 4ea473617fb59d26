// The engine's Web Worker: boots Pyodide from the site's own files, loads the
// engine wheel through the site-local lock file, and answers EVALUATE messages.
//
// Messages in:  SETUP {runtime}, EVALUATE {id, questionnaire, answers}
// Messages out: READY, FAILED {message}, RESULT {id, result},
//               INVALID {id, message, question}, CRASHED {id, message}

const BRIDGE = `
import json
import engine


def evaluate_json(questionnaire, answers_json):
    """JSON in, JSON out: no Python object crosses into JavaScript."""
    try:
        result = engine.evaluate(questionnaire, json.loads(answers_json))
    except engine.InvalidAnswers as error:
        return json.dumps({"type": "INVALID", "message": str(error), "question": error.question})
    return json.dumps({"type": "RESULT", "result": result})
`;

let pyodideReady = null;

async function boot(runtime) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: ["offer-guide-engine"],
    stdout: () => {},
    stderr: () => {},
  });
  pyodide.runPython(BRIDGE);
  return pyodide;
}

function evaluate(pyodide, questionnaire, answers) {
  const bridge = pyodide.globals.get("evaluate_json");
  try {
    return JSON.parse(bridge(questionnaire, JSON.stringify(answers)));
  } finally {
    bridge.destroy();
  }
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

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "SETUP") {
    pyodideReady = boot(message.runtime);
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
    return;
  }
  if (message.type === "EVALUATE") {
    let pyodide;
    try {
      pyodide = await pyodideReady;
    } catch {
      return; // FAILED was already reported once.
    }
    try {
      const reply = evaluate(pyodide, message.questionnaire, message.answers);
      self.postMessage({ ...reply, id: message.id });
    } catch (error) {
      self.postMessage({ type: "CRASHED", id: message.id, message: describe(error) });
    }
  }
});
