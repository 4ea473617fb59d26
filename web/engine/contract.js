// The contract between the page, the engine's worker and the engine, defined
// once: the messages they exchange, the engine's replies, and how Pyodide
// boots the engine's runtime. Imported by engine-client.js, engine-worker.js
// and the Node runtime build (build_tools/questionnaires/runtime.mjs); the
// build inlines it with engine-start.js. The engine's end is engine/bridge.py
// (evaluate_json, plan_json): a string in, a string out.
//
// Only `export const` and `export function` here, no imports: the build
// inlines this file by dropping the word `export` (plugin.py, engine_starter).

// Page -> worker: SETUP {runtime, manifest, reload?}, EVALUATE {id, questionnaire,
// answers, today}, PLAN {id, answers (by questionnaire), today}.
// Worker -> page: PROGRESS {loaded, total} (bytes), READY, FAILED {message, damaged},
// REPLY {id, text} (the engine's reply as the bridge wrote it), CRASHED {id, message}.
// FAILED's `damaged` lists the URLs of files that failed their integrity check,
// already dropped from every cache; a SETUP's `reload` lists URLs to ask the
// server for again, past the browser's HTTP cache (a start after such a failure).
// `today` is the reader's date (YYYY-MM-DD): the engine never reads a clock.
export const Message = Object.freeze({
  SETUP: "SETUP",
  EVALUATE: "EVALUATE",
  PLAN: "PLAN",
  PROGRESS: "PROGRESS",
  READY: "READY",
  FAILED: "FAILED",
  REPLY: "REPLY",
  CRASHED: "CRASHED",
});

// The `type` of the engine's reply (engine/bridge.py): RESULT {result},
// PLAN {plan}, or INVALID {question, message, reader_message}.
export const Reply = Object.freeze({ RESULT: "RESULT", PLAN: "PLAN", INVALID: "INVALID" });

// The engine's reply text, parsed once; `text` keeps it, to tell a new
// result from the one already shown.
export function parseReply(text) {
  return { ...JSON.parse(text), text };
}

// Where the engine's zip lands in Pyodide's file system, on sys.path.
export const ENGINE_PATH = "/lib/offer-guide-engine.zip";

// The options every runtime of the engine boots with, in the reader's worker
// and in the build that makes and proves it: the trimmed library, the
// engine's zip written before Python starts (engineBytes() resolves to its
// bytes; Python starts only when it has), and a lock file listing nothing.
export function pyodideOptions({ indexURL, stdLibURL, lock, engineBytes, stderr = () => {} }) {
  return {
    indexURL,
    stdLibURL,
    lockFileContents: lock,
    env: { PYTHONPATH: ENGINE_PATH },
    fsInit: async (FS) => FS.writeFile(ENGINE_PATH, await engineBytes()),
    stdout: () => {},
    stderr,
  };
}
