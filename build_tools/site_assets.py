"""MkDocs hook: the guide's own scripts and styles (web/site/) served at assets/site/.

They touch up Material's pages for every reader (names for controls, ticked
task lists kept); mkdocs.yml lists them under extra_css and extra_javascript.
"""

from __future__ import annotations

from pathlib import Path

WEB_SITE = Path(__file__).resolve().parent.parent / "web" / "site"
ASSETS_DIR = "assets/site"


def on_files(files, *, config):
    from mkdocs.structure.files import File

    for asset in sorted(WEB_SITE.iterdir()):
        if asset.is_file() and not asset.name.endswith(".test.mjs"):
            files.append(
                File.generated(config, f"{ASSETS_DIR}/{asset.name}", abs_src_path=str(asset))
            )
    return files
