// Run the engine's fixture cases inside real Pyodide (the pinned npm package)
// from the built wheel, and write the results as JSON.
//
// Usage: node pyodide_parity.js PYODIDE_DIR WHEEL CASES_JSON OUT_JSON
// CASES_JSON holds [[questionnaire, answers], ...]. Only strings cross the
// JS/Python boundary, so no PyProxy outlives a call.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const [pyodideDir, wheel, casesPath, outPath] = process.argv.slice(2);
  const { loadPyodide } = require(path.join(path.resolve(pyodideDir), "pyodide.js"));
  const pyodide = await loadPyodide({
    indexURL: path.resolve(pyodideDir) + path.sep,
    stdout: (line) => process.stderr.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  // Install without micropip: write the wheel into the virtual file system
  // and unzip it into site-packages with the standard library.
  pyodide.FS.writeFile("/tmp/engine.whl", fs.readFileSync(wheel));
  pyodide.runPython(`
import sysconfig, zipfile
zipfile.ZipFile("/tmp/engine.whl").extractall(sysconfig.get_paths()["purelib"])
`);
  pyodide.globals.set("cases_json", fs.readFileSync(casesPath, "utf8"));
  const output = pyodide.runPython(`
import json, sys
import engine

def run(questionnaire, answers):
    try:
        return {"result": engine.evaluate(questionnaire, answers)}
    except engine.QuestionnaireError as error:
        return {"error": type(error).__name__, "message": str(error),
                "question": getattr(error, "question", None)}

json.dumps({
    "python": sys.version.split()[0],
    "engine_file": engine.__file__,
    "results": [run(q, a) for q, a in json.loads(cases_json)],
}, sort_keys=True)
`);
  fs.writeFileSync(outPath, output);
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
