// Run the engine's fixture cases inside real Pyodide (the pinned npm package)
// from the built wheel, and write the results as JSON.
//
// Usage: node pyodide_parity.js PYODIDE_DIR WHEEL CASES_JSON OUT_JSON
// CASES_JSON holds [[questionnaire, answers_json], ...]; each goes through
// engine.evaluate_json, the function the browser calls.
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
  // The very bridge the browser's worker calls, through pyimport: no Python
  // source here, and only strings cross the boundary.
  const engine = pyodide.pyimport("engine");
  const sys = pyodide.pyimport("sys");
  const cases = JSON.parse(fs.readFileSync(casesPath, "utf8"));
  // "@plan" vectors go through engine.plan_json, the plan page's bridge.
  const results = cases.map(([questionnaire, answersJson, today]) =>
    JSON.parse(
      questionnaire === "@plan"
        ? engine.plan_json(answersJson, today)
        : engine.evaluate_json(questionnaire, answersJson, today),
    ),
  );
  const output = JSON.stringify({
    python: sys.version.split(" ")[0],
    engine_file: engine.__file__,
    results,
  });
  engine.destroy();
  sys.destroy();
  fs.writeFileSync(outPath, output);
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
