"""MkDocs hook: the guide works offline, through a service worker that Workbox writes.

    python -m build_tools.offline SITE_DIR   # again, after adding a file (the PDF)

offline_sw.mjs runs workbox-build's generateSW over the finished site (this
hook is listed after the Content-Security-Policy's, so the pages it
precaches are final). Every page loads web/offline/offline.js, which
registers the worker with workbox-window, offers "A new version of the guide
is available: reload" when a new deploy is waiting, and, on a page whose
engine has started, asks for the runtime's files once more through the
worker so that they are cached for offline use (see offline.js).

Workbox bundles its runtime with Rollup and Terser, which takes seconds, so
the output is cached under .cache/ by a hash of the site's files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Where the questionnaires plugin puts the engine's runtime, unless it says.
from build_tools.questionnaires.config import RUNTIME_DIR

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path(__file__).resolve().parent / "offline_sw.mjs"
ASSETS = ROOT / "web" / "offline"
WORKBOX_WINDOW = ROOT / "node_modules" / "workbox-window" / "build" / "workbox-window.prod.mjs"
ASSETS_DIR = "assets/offline"
WORKER = "sw.js"
CACHE = ROOT / ".cache" / "offline-sw"


class OfflineError(Exception):
    """The service worker could not be written; the message says why."""


def _written_by_workbox(path: Path, site_dir: Path) -> bool:
    return path.parent == site_dir and (path.name == WORKER or path.name.startswith("workbox-"))


def site_digest(site_dir: Path, runtime_dir: str = RUNTIME_DIR) -> str:
    """A hash of every file the worker could precache, and of how it is generated."""
    digest = hashlib.sha256(runtime_dir.encode())
    lock = ROOT / "package-lock.json"
    for path in [GENERATOR, *([lock] if lock.is_file() else [])]:
        digest.update(path.read_bytes())
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if not path.is_file() or relative.as_posix().startswith(runtime_dir + "/"):
            continue
        if _written_by_workbox(path, site_dir):
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def copy_assets(site_dir: Path) -> None:
    """The page script and workbox-window, beside each other in the site."""
    if not WORKBOX_WINDOW.is_file():
        raise OfflineError(f"{WORKBOX_WINDOW} is missing: run `npm ci`")
    target = site_dir / ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(ASSETS.iterdir()):
        if asset.name.endswith(".test.mjs"):
            continue
        shutil.copyfile(asset, target / asset.name)
    shutil.copyfile(WORKBOX_WINDOW, target / "workbox-window.mjs")


def write_service_worker(site_dir: Path, runtime_dir: str = RUNTIME_DIR) -> dict:
    """Write sw.js (and Workbox's runtime beside it) into ``site_dir``; return what it precaches.

    ``runtime_dir`` is where the engine's runtime lies in the site: never
    precached, cached when a questionnaire page fetches it.
    """
    runtime_dir = runtime_dir.strip("/")
    for old in site_dir.glob("workbox-*.js"):
        old.unlink()
    cached = CACHE / site_digest(site_dir, runtime_dir)
    if not (cached / "summary.json").is_file():
        node = shutil.which("node")
        if node is None:
            raise OfflineError("writing the service worker needs Node.js 20 or newer on PATH")
        CACHE.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
        # Generated in a copy: Workbox writes its output beside the pages.
        copy = scratch / "site"
        runtime = site_dir / runtime_dir
        shutil.copytree(
            site_dir,
            copy,
            ignore=lambda folder, _: [] if Path(folder) != runtime.parent else [runtime.name],
        )
        done = subprocess.run(
            [node, str(GENERATOR), str(copy), runtime_dir], capture_output=True, text=True
        )
        if done.returncode != 0:
            shutil.rmtree(scratch, ignore_errors=True)
            raise OfflineError(f"workbox-build failed:\n{done.stdout}{done.stderr}")
        out = scratch / "out"
        out.mkdir()
        for path in copy.iterdir():
            if _written_by_workbox(path, copy):
                shutil.copyfile(path, out / path.name)
        (out / "summary.json").write_text(done.stdout.strip().splitlines()[-1])
        try:
            out.rename(cached)
        except OSError:  # another build put the same worker in place first
            pass
        shutil.rmtree(scratch, ignore_errors=True)
    for path in cached.iterdir():
        if path.name != "summary.json":
            shutil.copyfile(path, site_dir / path.name)
    return json.loads((cached / "summary.json").read_text())


# ---------------------------------------------------------------- MkDocs hooks


def on_config(config):
    from mkdocs.config.config_options import ExtraScriptValue

    script = ExtraScriptValue(f"{ASSETS_DIR}/offline.js")
    script.type = "module"
    config.extra_javascript.append(script)
    config.extra_css.append(f"{ASSETS_DIR}/offline.css")
    return config


def on_post_build(*, config) -> None:
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import get_plugin_logger

    site_dir = Path(config.site_dir)
    questionnaires = config.plugins.get("offer-guide-questionnaires")
    runtime_dir = questionnaires.config.runtime_dir if questionnaires else RUNTIME_DIR
    try:
        copy_assets(site_dir)
        summary = write_service_worker(site_dir, runtime_dir)
    except OfflineError as error:
        raise PluginError(f"offline: {error}") from None
    get_plugin_logger(__name__).info(
        "Service worker written: %d files precached (%.0f kB)",
        summary["count"],
        summary["size"] / 1000,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--runtime-dir", default=RUNTIME_DIR, help="the runtime's folder in it")
    args = parser.parse_args(argv)
    try:
        summary = write_service_worker(args.site_dir, args.runtime_dir)
    except OfflineError as error:
        print(f"offline: {error}", file=sys.stderr)
        return 1
    print(f"offline: {WORKER} precaches {summary['count']} files ({summary['size']:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
