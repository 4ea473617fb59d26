// Build the engine's runtime inside Pyodide's own Python, under Node: the
// trimmed standard library and the engine, both as zips of precompiled .pyc.
//
//   node runtime.mjs build PYODIDE_DIR ENGINE_DIR VECTORS_JSON OUT_DIR
//   node runtime.mjs run   PYODIDE_DIR RUNTIME_DIR VECTORS_JSON OUT_JSON
//
// `build` boots the stock runtime, runs every vector through the engine's
// bridge (engine.evaluate_json, called from JavaScript as the worker calls
// it), and keeps exactly the standard-library modules that were imported:
// by Pyodide's bootstrap, by the engine, and by an error crossing into
// JavaScript. Each is compiled by Pyodide's Python 3.14 into an unchecked
// hash-based .pyc. It then boots the trimmed runtime as the browser will and
// runs the vectors again: any difference (a missing module among them)
// fails the build. `run` boots a built runtime and writes the replies.
//
// VECTORS_JSON: [[questionnaire or "@plan", answers_json, today_or_null], ...]
// Everything crosses as JSON text; no Python object outlives a call. The
// Python that compiles the zips is runtime_compile.py, a file of its own.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { ENGINE_PATH, pyodideOptions } from "../../web/engine/contract.js";

const STDLIB = "stdlib.zip";
const ENGINE = "engine.zip";

const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(line + "\n") };

async function stockPyodide(pyodideDir) {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  return loadPyodide;
}

// The options the browser's worker boots with too (the contract's).
export function trimmedOptions(pyodideDir, stdlibPath, engineBytes, lock) {
  return pyodideOptions({
    indexURL: pyodideDir + path.sep,
    stdLibURL: stdlibPath,
    lock,
    engineBytes: () => engineBytes,
    stderr: quiet.stderr,
  });
}

// Every vector through the bridge, then one error crossing into JavaScript
// (its traceback is formatted by Python modules the page may need too).
function runVectors(pyodide, vectors) {
  const engine = pyodide.pyimport("engine");
  try {
    engine.load_all().destroy();
    // "@plan" vectors go through engine.plan_json, the plan's bridge.
    const replies = vectors.map(([questionnaire, answers, today]) =>
      JSON.parse(
        questionnaire === "@plan"
          ? engine.plan_json(answers, today ?? undefined)
          : engine.evaluate_json(questionnaire, answers, today ?? undefined),
      ),
    );
    let crossed = "";
    try {
      engine.evaluate_json();
    } catch (error) {
      crossed = error.type;
    }
    return { replies, crossed };
  } finally {
    engine.destroy();
  }
}

// The Python that writes the zips and reports what was imported, loaded
// into a runtime once (runtime_compile.py, which imports only json and sys at
// its top, so loading it adds nothing to what it reports).
const COMPILER = fileURLToPath(new URL("./runtime_compile.py", import.meta.url));
const loaded = new WeakSet();

function callPython(pyodide, name, ...args) {
  if (!loaded.has(pyodide)) {
    pyodide.runPython(fs.readFileSync(COMPILER, "utf8"));
    loaded.add(pyodide);
  }
  const fn = pyodide.globals.get(name);
  try {
    return fn(...args);
  } finally {
    fn.destroy();
  }
}

function importedFiles(pyodide) {
  return JSON.parse(callPython(pyodide, "imported_files")).filter(Boolean);
}

// The zips are written by the runtime's own compiler, through a NODEFS
// mount of the output folder at /mnt/out.
function mountOut(pyodide, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  pyodide.FS.mkdirTree("/mnt/out");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: outDir }, "/mnt/out");
}

async function build(pyodideDir, engineDir, vectorsPath, outDir) {
  const loadPyodide = await stockPyodide(pyodideDir);
  const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
  const info = JSON.parse(fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8")).info;
  const lock = { info, packages: {} };

  // 1. The engine's zip, compiled from its sources (mounted read-only).
  const compiler = await loadPyodide({ indexURL: pyodideDir + path.sep, ...quiet });
  compiler.FS.mkdirTree("/mnt/src");
  compiler.FS.mount(compiler.FS.filesystems.NODEFS, { root: path.dirname(engineDir) }, "/mnt/src");
  mountOut(compiler, outDir);
  callPython(compiler, "build_engine", "/mnt/src/" + path.basename(engineDir), `/mnt/out/${ENGINE}`, ENGINE_PATH);
  const engineBytes = fs.readFileSync(path.join(outDir, ENGINE));

  // 2. The stock library with the engine loaded as the page loads it (from
  //    its zip, which needs zipfile for its data): what did the vectors import?
  const stockZip = path.join(pyodideDir, "python_stdlib.zip");
  const stock = await loadPyodide(trimmedOptions(pyodideDir, stockZip, engineBytes, lock));
  const expected = runVectors(stock, vectors);
  const imported = importedFiles(stock);
  mountOut(stock, outDir);
  const summary = JSON.parse(callPython(stock, "build_stdlib", imported, `/mnt/out/${STDLIB}`));

  // 3. The proof: the trimmed runtime, booted as the browser boots it, gives
  //    the very replies the stock runtime gave.
  const trimmed = await loadPyodide(
    trimmedOptions(pyodideDir, path.join(outDir, STDLIB), engineBytes, lock),
  );
  compare(vectors, expected, runVectors(trimmed, vectors));
  const engineFile = trimmed.runPython("import engine; engine.__file__");
  if (!engineFile.startsWith(ENGINE_PATH)) {
    throw new Error(`the trimmed runtime imported the engine from ${engineFile}, not ${ENGINE_PATH}`);
  }
  fs.writeFileSync(
    path.join(outDir, "runtime.json"),
    JSON.stringify({ ...summary, stdlib: STDLIB, engine: ENGINE, enginePath: ENGINE_PATH, lock }, null, 1),
  );
}

function compare(vectors, expected, got) {
  if (got.crossed !== expected.crossed) {
    throw new Error(`an error crossing into JavaScript differs: ${got.crossed} != ${expected.crossed}`);
  }
  vectors.forEach((vector, index) => {
    const want = JSON.stringify(expected.replies[index]);
    const have = JSON.stringify(got.replies[index]);
    if (want !== have) {
      throw new Error(`the trimmed runtime answers ${JSON.stringify(vector)} differently:\n  stock:   ${want}\n  trimmed: ${have}`);
    }
  });
}

async function run(pyodideDir, runtimeDir, vectorsPath, outPath) {
  const loadPyodide = await stockPyodide(pyodideDir);
  const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, "runtime.json"), "utf8"));
  const pyodide = await loadPyodide(
    trimmedOptions(
      pyodideDir,
      path.join(runtimeDir, manifest.stdlib),
      fs.readFileSync(path.join(runtimeDir, manifest.engine)),
      manifest.lock,
    ),
  );
  const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
  const { replies, crossed } = runVectors(pyodide, vectors);
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  const engineFile = pyodide.runPython("import engine; engine.__file__");
  fs.writeFileSync(outPath, JSON.stringify({ python, engine_file: engineFile, crossed, results: replies }));
}

const [command, ...args] = process.argv.slice(2);
const commands = { build, run };
if (!commands[command] || args.length !== 4) {
  process.stderr.write("usage: node runtime.mjs build|run PYODIDE_DIR DIR VECTORS_JSON OUT\n");
  process.exit(2);
}
commands[command](...args.map((arg) => path.resolve(arg))).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
