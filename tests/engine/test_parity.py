"""One engine, two runtimes: the fixture cases give identical results in CPython and Pyodide."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import test_plan
from engine_cases import load_cases
from personas import load_personas, problems

from engine import evaluate_json, plan_json

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
SCRIPT = Path(__file__).parent / "pyodide_parity.js"


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_pyodide_gives_the_same_results(tmp_path):
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.js").exists():
        pytest.fail("the parity test needs Node and the npm package pyodide (npm ci)")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(wheels)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = wheels.glob("offer_guide_engine-*.whl")

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
    vectors += [(p.questionnaire, json.dumps(p.answers), None) for p in personas]
    cases_path = tmp_path / "cases.json"
    cases_path.write_text(json.dumps(vectors), encoding="utf-8")
    out_path = tmp_path / "out.json"
    done = subprocess.run(
        [node, str(SCRIPT), str(PYODIDE), str(wheel), str(cases_path), str(out_path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    output = json.loads(out_path.read_text(encoding="utf-8"))
    assert output["python"].startswith("3.14")
    assert "site-packages" in output["engine_file"]  # the wheel, not the source tree

    vectors = [(*vector, None)[:3] for vector in vectors]
    expected = [
        json.loads(plan_json(text, today) if q == "@plan" else evaluate_json(q, text, today))
        for q, text, today in vectors
    ]
    assert {reply["type"] for reply in expected} == {"RESULT", "INVALID", "PLAN"}
    assert len(output["results"]) == len(expected)
    for vector, got, want in zip(vectors, output["results"], expected, strict=True):
        assert got == want, vector
    # The personas meet a coach's expectations inside Pyodide too.
    for persona, reply in zip(personas, output["results"][-len(personas) :], strict=True):
        assert problems(persona, reply["result"]) == [], persona.id
