"""Benchmark the engine: one should-i-decline evaluation, and a fresh import.

Prints JSON: {"cpython_evaluate_us": ..., "engine_import_ms": ...} (medians).
Run from the repository root: python bench/bench_engine.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import evaluate  # noqa: E402

# A realistic, fully answered triage whose result has reasons, flags and changes.
ANSWERS = {
    "offer_fit": 3,
    "current_job": "no",
    "homework": "partly",
    "first_choice_stage": "finalist",
    "restructuring": "unsure",
    "decision_weeks": 6,
    "runway_months": 4,
    "no_would_feel": "disappointed",
    "ready_to_search": "not_sure",
    "offer_deadline_days": 14,
}
ROUNDS = 21
CALLS_PER_ROUND = 500
IMPORT_RUNS = 7
IMPORT_CODE = (
    "import time; start = time.perf_counter(); import engine; "
    "print((time.perf_counter() - start) * 1000)"
)


def evaluate_us() -> float:
    evaluate("should-i-decline", ANSWERS)  # load and validate the definition first
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS_PER_ROUND):
            evaluate("should-i-decline", ANSWERS)
        rounds.append((time.perf_counter() - start) / CALLS_PER_ROUND * 1e6)
    return statistics.median(rounds)


def import_ms() -> float:
    times = []
    for _ in range(IMPORT_RUNS):
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_CODE],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout))
    return statistics.median(times)


def main() -> None:
    result = {
        "cpython_evaluate_us": round(evaluate_us(), 1),
        "engine_import_ms": round(import_ms(), 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
