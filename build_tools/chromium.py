"""Find a Chromium for Playwright, installing one where this machine allows.

Order: Playwright's own browser; a Chromium or Chrome on PATH;
`playwright install chromium`; Debian's `chromium` package (as root, where
apt-get exists). Prints the executable's path, or one message saying what
to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Headless Chromium on a machine whose only network is loopback: without the
# background-networking flags it keeps trying to reach Google's services.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "No Chromium found for the browser tests. Install one of: Debian/Ubuntu "
    "`sudo apt-get install chromium`, or `.venv/bin/playwright install chromium`, "
    "or put Chromium/Chrome on PATH (or set CHROMIUM=/path/to/chrome)."
)


def playwright_chromium() -> str | None:
    """The Chromium that `playwright install` put in place, if any."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and Path(path).is_file() else None


def on_path() -> str | None:
    for name in PATH_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(command: list[str]) -> bool:
    print(f"chromium: trying `{' '.join(command)}`", file=sys.stderr, flush=True)
    try:
        return subprocess.run(command, stdout=sys.stderr, timeout=900).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def install() -> str | None:
    if _run([sys.executable, "-m", "playwright", "install", "chromium"]):
        found = playwright_chromium()
        if found:
            return found
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], stdout=sys.stderr, env=env, check=False)
        if (
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "chromium"], stdout=sys.stderr, env=env
            ).returncode
            == 0
        ):
            return on_path()
    return None


def find(allow_install: bool = False) -> str | None:
    """Return a Chromium executable, or None when there is none."""
    explicit = os.environ.get("CHROMIUM")
    if explicit and Path(explicit).is_file():
        return explicit
    return playwright_chromium() or on_path() or (install() if allow_install else None)


def main() -> int:
    found = find(allow_install="--install" in sys.argv[1:])
    if not found:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
