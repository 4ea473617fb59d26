"""One engine, two runtimes: the fixture cases give identical results in CPython and Pyodide.

Pyodide runs the engine as the site does: from engine.zip, with the trimmed library.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import test_plan
from engine_cases import load_cases
from personas import load_personas, problems

from build_tools.questionnaires.runtime import BUILDER, engine_runtime
from engine import evaluate_json, plan_json

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"


def parity_vectors() -> tuple[list[tuple], list]:
    """Every vector both runtimes must agree on, and the personas (last among them)."""
    cases = load_cases()
    # Extra vectors beyond the tables: documents with non-ASCII text, floats.
    extra = [
        ("follow-up-plan", {"contact_name": "Zoë", "company": "Ærø; Co, Ltd",
                            "last_contact": "2028-02-29", "cadence_weeks": 4,
                            "check_ins": 12, "accomplishments": "Ran a 10 km race.\nNew job."}),
        ("should-i-decline", {"offer_fit": 3, "homework": "done",
                              "first_choice_stage": "strong_maybe", "restructuring": "no",
                              "decision_weeks": 7.5, "runway_months": 5.25,
                              "no_would_feel": "fine", "ready_to_search": "yes"}),
    ]  # fmt: skip
    # Every answer set crosses as JSON text, as it does from the page; a few
    # are not valid JSON at all, to compare the bridge's INVALID replies too.
    vectors = [(q, json.dumps(a)) for q, a in [(c.questionnaire, c.answers) for c in cases] + extra]
    vectors += [("should-i-decline", "{"), ("no-such-questionnaire", "{}")]
    # Whole plans, dated, and drafts dated by a reader's today.
    vectors += [("@plan", json.dumps(test_plan.EVERYTHING), "2026-11-26"),
                ("@plan", json.dumps(test_plan.EVERYTHING), None), ("@plan", "{}", "2026-11-26"),
                ("should-i-decline", json.dumps(test_plan.TRIAGE), "2026-12-24")]  # fmt: skip
    personas = load_personas()
    vectors += [(p.questionnaire, json.dumps(p.answers), p.today.isoformat()) for p in personas]
    return vectors, personas


def expected_replies(vectors: list[tuple]) -> list[dict]:
    """CPython's replies to the vectors, through the same bridges."""
    vectors = [(*vector, None)[:3] for vector in vectors]
    return [
        json.loads(plan_json(text, today) if q == "@plan" else evaluate_json(q, text, today))
        for q, text, today in vectors
    ]


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_trimmed_runtime_gives_the_same_results(tmp_path):
    """The site's runtime (trimmed library, engine zip) misses no module any vector needs."""
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.mjs").exists():
        pytest.fail("the parity test needs Node and the npm package pyodide (npm ci)")
    built = engine_runtime(ROOT, PYODIDE, ROOT / ".cache" / "engine-runtime")
    vectors, personas = parity_vectors()
    vectors = [(*vector, None)[:3] for vector in vectors]
    cases_path = tmp_path / "cases.json"
    cases_path.write_text(json.dumps(vectors), encoding="utf-8")
    out_path = tmp_path / "out.json"
    command = [node, str(BUILDER), "run", str(PYODIDE), str(built), str(cases_path)]
    done = subprocess.run([*command, str(out_path)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    output = json.loads(out_path.read_text(encoding="utf-8"))
    assert output["python"].startswith("3.14")
    assert output["engine_file"].endswith(".zip/engine/__init__.pyc")  # the precompiled zip
    assert output["crossed"] == "TypeError"  # an error crossed into JavaScript, formatted
    expected = expected_replies(vectors)
    assert {reply["type"] for reply in expected} == {"RESULT", "INVALID", "PLAN"}
    for vector, got, want in zip(vectors, output["results"], expected, strict=True):
        assert got == want, vector
    # The personas meet a coach's expectations inside Pyodide too.
    for persona, reply in zip(personas, output["results"][-len(personas) :], strict=True):
        assert problems(persona, reply["result"]) == [], persona.id
