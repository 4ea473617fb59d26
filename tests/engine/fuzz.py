"""A long fuzz run without hypothesis: `python -m tests.engine.fuzz --count 100000`.

Generates hostile answer sets for every questionnaire (valid values mixed with
huge numbers, deep nesting, lone surrogates, C1 controls, separators, long
strings, wrong types, duplicate keys in JSON text) and checks that each ends
in a result or InvalidAnswers, through both evaluate and evaluate_json. The
suite runs the same kinds of input through hypothesis
(tests/engine/test_hostile_input.py); this is the fast path to 100,000.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

import engine
from engine import InvalidAnswers, evaluate, evaluate_json

NASTY_TEXT = ["", " ", "\ud800", "a\udfffb", "Sam\u0085Ortiz", "x\u009by", "line\u2028sep",
              "para\u2029", "\x00", "tab\there", "new\nline", "é" * 3000, "1" * 5000,
              "-" + "9" * 60 + ".5", "1e400", "NaN", "Infinity", "２", "0x10", "<b>hi</b>",
              "2026-02-30", "26/11/2026", "2026-11-26T10:00", "🙂" * 50]  # fmt: skip


def nasty(rng: random.Random, depth: int = 0):
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(NASTY_TEXT)
    if kind == 1:
        return rng.choice([10**5000, -(10**60), 2**63, 2**64 + 1, 0, -1, 10**400])
    if kind == 2:
        return rng.choice([float("nan"), float("inf"), -0.0, 1e308, 2.5, 1e-300])
    if kind == 3:
        return rng.choice([None, True, False])
    if kind == 4 and depth < 4:
        return [nasty(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 5 and depth < 4:
        return {rng.choice(NASTY_TEXT): nasty(rng, depth + 1) for _ in range(rng.randrange(3))}
    if kind == 6:
        value = []
        for _ in range(rng.randrange(1, 300)):
            value = [value]
        return value
    if kind == 7:
        return "".join(chr(rng.randrange(0, 0x110000)) for _ in range(rng.randrange(1, 20)))
    return rng.choice(NASTY_TEXT)


def valid(rng: random.Random, question: dict):
    if question.get("options"):
        values = [option["value"] for option in question["options"]]
        if question["type"] == "multichoice":
            return rng.sample(values, rng.randrange(len(values) + 1))
        return rng.choice(values)
    if question["type"] in ("integer", "number"):
        return str(rng.randint(question["min"], question["max"]))
    if question["type"] == "date":
        return f"20{rng.randrange(10, 40)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return rng.choice(["Sam Ortiz", "Acme", "I led the launch", "ok"])


def answer_set(rng: random.Random, questions: list[dict]) -> dict:
    answers = {}
    # A third of the sets are valid throughout, so results and documents get
    # fuzzed too; the rest mix in hostile values.
    hostile = 0.3 if rng.random() > 1 / 3 else 0.0
    for question in questions:
        roll = rng.random()
        if roll < hostile:
            answers[question["id"]] = nasty(rng)
        elif roll < 0.85:
            answers[question["id"]] = valid(rng, question)
    if hostile and rng.random() < 0.1:
        answers[rng.choice(NASTY_TEXT)] = nasty(rng)
    return answers


def as_json(rng: random.Random, answers: dict) -> str:
    roll = rng.random()
    if roll < 0.05:
        key = rng.choice(list(answers) or ["x"])
        return json.dumps({key: 1}).rstrip("}") + f", {json.dumps(key)}: 2}}"  # a key twice
    if roll < 0.1:
        depth = rng.randrange(1, 100_000)
        return "[" * depth + "]" * depth
    try:
        return json.dumps(answers)
    except ValueError:  # 10**5000 cannot even be written as JSON text
        return "{}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="answer sets in all")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    definitions = {item["id"]: engine.get_definition(item["id"])["questions"]
                   for item in engine.list_questionnaires()}  # fmt: skip
    outcomes = {"result": 0, "invalid": 0}
    start = time.perf_counter()
    for n in range(args.count):
        questionnaire = list(definitions)[n % len(definitions)]
        answers = answer_set(rng, definitions[questionnaire])
        try:
            result = evaluate(questionnaire, answers)
            json.dumps(result, ensure_ascii=False).encode("utf-8")
            outcomes["result"] += 1
        except InvalidAnswers as error:
            assert len(str(error)) < 2_000, str(error)[:200]
            outcomes["invalid"] += 1
        reply = json.loads(evaluate_json(questionnaire, as_json(rng, answers)))
        assert reply["type"] in ("RESULT", "INVALID"), reply
    seconds = time.perf_counter() - start
    print(f"{args.count} answer sets across {len(definitions)} questionnaires (seed {args.seed}): "
          f"{outcomes['result']} results, {outcomes['invalid']} InvalidAnswers, no other "
          f"exception, in {seconds:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
