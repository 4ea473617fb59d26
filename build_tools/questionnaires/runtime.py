"""Put the browser runtime into a built site: Pyodide core, engine wheel, lock file.

Nothing here is committed: every build copies the pinned npm Pyodide, builds
the engine wheel (cached by the hash of its sources), and registers it in a
site-local lock file with pyodide-build, so the browser loads the engine
with an integrity check.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
LOCK_FILE = "pyodide-lock.json"
WHEEL_SOURCES = ("pyproject.toml", "README.md", "engine")


class RuntimeSetupError(Exception):
    """The runtime could not be put in place; the message says what to do."""


def _sources_digest(project: Path) -> str:
    digest = hashlib.sha256()
    paths = [project / "pyproject.toml", project / "README.md", *(project / "engine").rglob("*")]
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(project).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def engine_wheel(project: Path, cache: Path) -> Path:
    """The engine's pure wheel, built with `python -m build` once per source change.

    Built in a private folder and moved into place whole, so builds running
    side by side never see half a wheel.
    """
    target = cache / _sources_digest(project)
    wheels = sorted(target.glob("*.whl"))
    if wheels:
        return wheels[0]
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    # setuptools writes build/ and *.egg-info beside the sources: build from a
    # copy so side-by-side builds cannot trip over each other's leftovers.
    sources = scratch / "sources"
    sources.mkdir()
    for name in WHEEL_SOURCES:
        if (project / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(project / name, sources / name, ignore=ignore)
        else:
            shutil.copyfile(project / name, sources / name)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(scratch)],
        cwd=sources,
        capture_output=True,
        text=True,
    )
    shutil.rmtree(sources, ignore_errors=True)
    if result.returncode != 0 or not list(scratch.glob("*.whl")):
        shutil.rmtree(scratch, ignore_errors=True)
        raise RuntimeSetupError(
            f"building the engine wheel failed:\n{result.stdout}{result.stderr}"
        )
    try:
        scratch.rename(target)
    except OSError:  # another build put the same wheel in place first
        shutil.rmtree(scratch, ignore_errors=True)
    return sorted(target.glob("*.whl"))[0]


def install_runtime(pyodide_dir: Path, wheel: Path, destination: Path) -> Path:
    """Copy the Pyodide core and the wheel into ``destination``; write its lock file."""
    missing = [name for name in RUNTIME_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise RuntimeSetupError(
            f"the Pyodide runtime is missing from {pyodide_dir} "
            f"({', '.join(missing)}): run `npm ci`"
        )
    destination.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(pyodide_dir / name, destination / name)
    shutil.copyfile(wheel, destination / wheel.name)
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    command = [
        str(pyodide_cli) if pyodide_cli.exists() else "pyodide",
        "lockfile",
        "add-wheels",
        "--input",
        str(pyodide_dir / LOCK_FILE),
        "--output",
        str(destination / LOCK_FILE),
        "--base-path",
        str(destination),
        str(destination / wheel.name),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeSetupError(
            f"`pyodide lockfile add-wheels` failed:\n{result.stdout}{result.stderr}"
        )
    return destination / LOCK_FILE
