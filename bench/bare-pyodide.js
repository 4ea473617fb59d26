// Benchmark baseline page's script (a file, not inline, so that it runs under
// the site's Content-Security-Policy like the guide's own scripts).
const form = document.querySelector("form[data-questionnaire]");
const worker = new Worker(new URL("./bare-pyodide-worker.js", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  form.dataset.engine = event.data.type === "READY" ? "ready" : "error";
});
worker.addEventListener("error", () => {
  form.dataset.engine = "error";
});
// Pyodide's stock npm files, copied beside this page by bench/run.py.
worker.postMessage({ type: "SETUP", runtime: new URL("./stock-pyodide/", location.href).href });
