"""Put the engine's own runtime into a built site: Pyodide's core, a trimmed library, the engine.

Built from the pinned npm `pyodide` by runtime.mjs, inside Pyodide's own
Python under Node: the standard-library modules that Pyodide's bootstrap and
the engine import (found by running every questionnaire's fixture cases and
personas, and the bridge's error paths) as unchecked hash-based `.pyc` in
one zip, and the engine as another. The result is cached under .cache/ by a
hash of every input (the pyodide package, the engine, the cases, the build
scripts), so a Pyodide upgrade or an engine change rebuilds it all and
nothing else does.

In the site, every file the worker fetches is named by its content; the
manifest gives each one's size and SRI hash, and the build writes it into
every page that starts the engine (runtime.json keeps a copy for tools).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from engine import cases

HERE = Path(__file__).resolve().parent
BUILDER = HERE / "runtime.mjs"
# The Python it runs inside Pyodide to compile the zips.
COMPILER = HERE / "runtime_compile.py"
# The contract the builder shares with the reader's worker: Pyodide's options.
CONTRACT = HERE.parents[1] / "web" / "engine" / "contract.js"
# Pyodide's files the trimmed runtime still uses, as shipped: the loader, its
# Emscripten module and the WebAssembly. Not its stdlib zip nor lock file.
CORE_FILES = {"loader": "pyodide.mjs", "module": "pyodide.asm.mjs", "wasm": "pyodide.asm.wasm"}
# The stock runtime's files (what any Pyodide site serves), for comparison.
STOCK_FILES = (*CORE_FILES.values(), "python_stdlib.zip", "pyodide-lock.json")
MANIFEST = "runtime.json"
# Error paths of the bridge beyond the tables: broken JSON, an unknown
# questionnaire, a date for the drafts and a bad one.
EXTRA_VECTORS = (
    ("should-i-decline", "{", None),
    ("should-i-decline", '{"offer_fit": 3, "offer_fit": 4}', None),
    ("should-i-decline", "[" * 40, None),
    ("no-such-questionnaire", "{}", None),
    ("follow-up-plan", '{"contact_name": "Zoë", "last_contact": "2028-02-29"}', "2028-03-01"),
    ("follow-up-plan", "{}", "not a date"),
)


class RuntimeSetupError(Exception):
    """The runtime could not be put in place; the message says what to do."""


def case_vectors(project: Path) -> list[tuple[str, str, str | None]]:
    """(questionnaire, answers JSON, today) of every fixture case and persona, a plan, error paths.

    "@plan" in place of a questionnaire sends the answers to engine.plan_json.
    """
    found = cases.all_answers(project / "engine" / "cases")
    vectors: list[tuple[str, str, str | None]] = [(name, answers, None) for name, answers in found]
    # One plan of every questionnaire's last case, through engine.plan_json.
    last = {questionnaire: json.loads(answers) for questionnaire, answers, _ in vectors}
    plans = [("@plan", json.dumps(last), "2026-11-26"), ("@plan", "{}", None)]
    return [*vectors, *plans, *EXTRA_VECTORS]


def _inputs(project: Path, pyodide_dir: Path) -> list[Path]:
    paths = [pyodide_dir / "package.json", *(pyodide_dir / name for name in STOCK_FILES)]
    paths += [BUILDER, COMPILER, CONTRACT, Path(__file__).resolve()]
    paths += sorted(p for p in (project / "engine").rglob("*") if "__pycache__" not in p.parts)
    return [path for path in paths if path.is_file()]


def inputs_digest(project: Path, pyodide_dir: Path) -> str:
    """A hash of everything the built runtime depends on."""
    digest = hashlib.sha256()
    for path in _inputs(project, pyodide_dir):
        name = path.relative_to(project) if path.is_relative_to(project) else path.name
        digest.update(str(name).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def engine_runtime(project: Path, pyodide_dir: Path, cache: Path) -> Path:
    """The folder holding stdlib.zip, engine.zip and runtime.json, built once per input change.

    Built in a private folder and moved into place whole, so builds running
    side by side never see half a runtime.
    """
    missing = [name for name in STOCK_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise RuntimeSetupError(
            f"the Pyodide runtime is missing from {pyodide_dir} "
            f"({', '.join(missing)}): run `npm ci`"
        )
    target = cache / inputs_digest(project, pyodide_dir)
    if (target / MANIFEST).is_file():
        return target
    node = shutil.which("node")
    if node is None:
        raise RuntimeSetupError("building the engine's runtime needs Node.js 20 or newer on PATH")
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    vectors = scratch / "vectors.json"
    vectors.write_text(json.dumps(case_vectors(project)), encoding="utf-8")
    out = scratch / "runtime"
    command = [node, str(BUILDER), "build", str(pyodide_dir), str(project / "engine")]
    result = subprocess.run(
        [*command, str(vectors), str(out)], capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0 or not (out / MANIFEST).is_file():
        shutil.rmtree(scratch, ignore_errors=True)
        raise RuntimeSetupError(
            f"building the engine's runtime inside Pyodide failed:\n{result.stdout}{result.stderr}"
        )
    try:
        out.rename(target)
    except OSError:  # another build put the same runtime in place first
        pass
    shutil.rmtree(scratch, ignore_errors=True)
    return target


def integrity(data: bytes) -> str:
    """The SRI hash of ``data`` (sha384, as browsers check it)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def _entry(data: bytes, url: str) -> dict[str, object]:
    return {"url": url, "size": len(data), "integrity": integrity(data)}


def _sources(pyodide_dir: Path, built: Path) -> dict[str, Path]:
    """Where each file of the runtime comes from, by its key in the manifest."""
    built_manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    sources = {key: pyodide_dir / name for key, name in CORE_FILES.items()}
    return sources | {key: built / built_manifest[key] for key in ("stdlib", "engine")}


def runtime_manifest(pyodide_dir: Path, built: Path) -> dict:
    """The manifest of the runtime as install_runtime lays it out: each file's name, size, SRI.

    Pyodide's core keeps its file names (its loader finds them by name), in a
    folder named by their hash; the zips are named by their own hash. Every
    name changes when its bytes do, so a cache may keep them forever. The
    build writes this manifest into every page that starts the engine, so the
    page and the files it asks for always belong to the same build.
    """
    built_manifest = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    data = {key: source.read_bytes() for key, source in _sources(pyodide_dir, built).items()}
    core = [data[key] for key in CORE_FILES]
    core_digest = hashlib.sha256(b"".join(hashlib.sha256(d).digest() for d in core))
    core_dir = f"core-{core_digest.hexdigest()[:12]}/"
    files = {key: _entry(data[key], core_dir + name) for key, name in CORE_FILES.items()}
    for key in ("stdlib", "engine"):
        digest = hashlib.sha256(data[key]).hexdigest()[:12]
        files[key] = _entry(data[key], f"{key}-{digest}.zip")
    return {
        "python": built_manifest["python"],
        "indexURL": core_dir,
        "enginePath": built_manifest["enginePath"],
        "modules": len(built_manifest["modules"]),
        "files": files,
        "lock": built_manifest["lock"],
    }


def install_runtime(pyodide_dir: Path, built: Path, destination: Path, manifest: dict) -> None:
    """Copy the runtime's files into ``destination`` under the names ``manifest`` gives them.

    runtime.json beside them is the same manifest, for tools (the bench, the
    tests); the pages carry their own copy and never fetch it.
    """
    sources = _sources(pyodide_dir, built)
    if destination.exists():
        shutil.rmtree(destination)
    for key, file in manifest["files"].items():
        target = destination / file["url"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[key], target)
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
