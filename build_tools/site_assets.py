"""MkDocs hook: the guide's own scripts and styles (web/site/) served at assets/site/.

They touch up Material's pages for every reader (names for controls, ticked
task lists kept); mkdocs.yml lists them under extra_css and extra_javascript.
The hook also puts web/theme/ before Material's templates, as a
theme's custom_dir would: the one partial there keeps Material's storage
helpers from throwing where the browser blocks storage.
"""

from __future__ import annotations

from pathlib import Path

WEB_SITE = Path(__file__).resolve().parent.parent / "web" / "site"
ASSETS_DIR = "assets/site"
THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "web" / "theme"


def on_config(config):
    config.theme.dirs.insert(0, str(THEME_OVERRIDES))
    return config


def on_files(files, *, config):
    from mkdocs.structure.files import File

    for asset in sorted(WEB_SITE.iterdir()):
        if asset.is_file() and not asset.name.endswith(".test.mjs"):
            files.append(
                File.generated(config, f"{ASSETS_DIR}/{asset.name}", abs_src_path=str(asset))
            )
    return files
