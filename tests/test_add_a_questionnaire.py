"""CONTRIBUTING.md's "Add a questionnaire" is true: a throwaway one, added in a temporary
copy by touching only the files it lists, loads, answers on the command line and builds
into the guide as a form."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.site, pytest.mark.slow]

TINY = {
    "id": "tiny-check",
    "title": "A tiny check",
    "intro": "One question, to show where a questionnaire lives.",
    "questions": [{"id": "ready", "type": "choice", "label": "Are you ready to decide?",
                   "help": None, "required": True,
                   "options": [{"value": "yes", "label": "Yes"},
                               {"value": "no", "label": "Not yet"}]}],
    "outcomes": [
        {"id": "decide", "title": "Decide now", "summary": "You are ready: make the call.",
         "advice": ["A1"], "as_change": "you could decide now"},
        {"id": "wait", "title": "Take a day", "summary": "Sleep on it, then decide.",
         "advice": ["B2"], "as_change": "taking a day would help"},
    ],
    "rules": [{"outcome": "decide", "when": {"answer": "ready", "in": ["yes"]}},
              {"outcome": "wait"}],
    "reasons": [{"outcomes": ["decide"], "when": {"answer": "ready", "in": ["yes"]},
                 "text": "You say you are ready.", "advice": ["A1"]}],
    "how_to_read": ["If you are ready, decide; if not, take a day."],
}  # fmt: skip
FIXTURES = """# tiny-check: answer sets and what the engine must say.

ready to decide
.
{"ready": "yes"}
.
outcome: decide
.
"""


def _listed_files() -> list[str]:
    """The paths CONTRIBUTING.md's "Add a questionnaire" names, as written there."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Add a questionnaire", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"`((?:engine|docs)/[^`]+)`", section)


def test_a_new_questionnaire_needs_only_the_files_contributing_lists(tmp_path):
    listed = _listed_files()
    for needed in ("engine/questionnaires/<id>.json", "engine/questionnaires/__init__.py",
                   "engine/cases/fixtures/<id>.md"):  # fmt: skip
        assert needed in listed, f"CONTRIBUTING.md no longer lists {needed}"
    copy = tmp_path / "guide"
    for part in ("engine", "docs", "build_tools", "web"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / part, copy / part)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")  # read only: Pyodide, Workbox

    # 1. The definition, 3. its place in the order, 4. its cases, 5. its page slot.
    (copy / "engine/questionnaires/tiny-check.json").write_text(json.dumps(TINY, indent=2))
    order = copy / "engine/questionnaires/__init__.py"
    last = '    "restructuring-risk",\n'
    order.write_text(order.read_text().replace(last, last + '    "tiny-check",\n'))
    (copy / "engine/cases/fixtures/tiny-check.md").write_text(FIXTURES)
    about = copy / "docs/about.md"
    about.write_text(about.read_text() + "\n<!-- questionnaire: tiny-check -->\n")

    env = {**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "http://127.0.0.1:8000/"}  # fmt: skip
    answered = subprocess.run(
        [sys.executable, "-m", "engine", "evaluate", "tiny-check", "--answers", "-"],
        input='{"ready": "yes"}',
        capture_output=True,
        text=True,
        cwd=copy,
        env=env,
        timeout=60,
    )
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["outcome"] == "decide"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(copy / "site")],
        capture_output=True, text=True, cwd=copy, env=env, timeout=570,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    page = (copy / "site/about/index.html").read_text(encoding="utf-8")
    assert 'data-questionnaire-root="tiny-check"' in page
    assert "Are you ready to decide?" in page
