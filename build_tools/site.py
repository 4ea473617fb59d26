"""Build the guide with MkDocs: the one build that `make`, the tests and the bench run.

    python -m build_tools.site [--site-dir site] [--site-url URL] [--no-strict]

The site's address comes from --site-url, else SITE_URL, else mkdocs.yml's
default. The build runs in a child process so that a caller (pytest, the
bench) keeps no MkDocs state between builds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Build:
    """What one build did: whether it succeeded, its log, and its wall time."""

    ok: bool
    log: str
    seconds: float


def build_site(
    destination: Path,
    site_url: str | None = None,
    *,
    strict: bool = True,
    env: Mapping[str, str] | None = None,
) -> Build:
    """Build the guide into ``destination``, published at ``site_url`` (default: SITE_URL)."""
    child_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if site_url is not None:
        child_env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(destination)]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=child_env, capture_output=True, text=True)
    return Build(done.returncode == 0, done.stdout + done.stderr, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--site-url", help="where the site is published (default: $SITE_URL)")
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fail on any MkDocs warning (default: on)",
    )
    args = parser.parse_args(argv)
    build = build_site(args.site_dir.resolve(), args.site_url, strict=args.strict)
    sys.stderr.write(build.log)
    if not build.ok:
        print(f"build: mkdocs build failed after {build.seconds:.1f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
