"""Typed options of the questionnaires plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

# Where the engine's runtime lands in the site unless mkdocs.yml says (the
# offline hook reads it too, to leave the runtime out of the precache).
RUNTIME_DIR = "pyodide"


class QuestionnairesConfig(Config):
    enabled = c.Type(bool, default=True)
    # Where each advice ID is explained, relative to docs_dir.
    advice_map = c.Type(str, default="advice-map.yml")
    # Build the engine's runtime (Pyodide core, trimmed library, engine) into
    # the site. Off only for builds that never run a questionnaire (the forms
    # still render).
    runtime = c.Type(bool, default=True)
    # The pinned npm package the runtime is built from.
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    # Where in the site the runtime and the reader's app (web/engine,
    # web/questionnaires, web/plan, each folder kept whole) land.
    runtime_dir = c.Type(str, default=RUNTIME_DIR)
    assets_dir = c.Type(str, default="assets/app")
