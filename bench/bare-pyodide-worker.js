// Benchmark baseline: a bare loadPyodide() from Pyodide's stock npm files,
// what any site that ships Pyodide pays before running a line of its own.
//
// Messages in:  SETUP {runtime}
// Messages out: READY, FAILED {message}

self.addEventListener("message", async (event) => {
  if (event.data.type !== "SETUP") return;
  const runtime = event.data.runtime;
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
    await loadPyodide({
      indexURL: runtime,
      lockFileURL: new URL("pyodide-lock.json", runtime).href,
      stdout: () => {},
      stderr: () => {},
    });
    self.postMessage({ type: "READY" });
  } catch (error) {
    self.postMessage({ type: "FAILED", message: String((error && error.message) || error) });
  }
});
