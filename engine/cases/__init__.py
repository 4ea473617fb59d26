"""The engine's own cases: answer sets with what each questionnaire must say of them.

`fixtures/<id>.md` pins outcomes, flags and drafts; `personas/<id>.md` holds
readers as a careful coach would describe them, with what the coach would
sign. The tests check every case, and the runtime build runs every one to
find the standard-library modules the engine needs in the browser. Not
shipped to readers (the runtime build leaves this folder out).

Each case is three blocks closed by a line holding only ".": a title (the
line before the first "."), the answers as JSON, then "key: value" lines.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("fixtures", "personas")


def read_table(path: Path) -> list[tuple[int, str, str, str]]:
    """(line of the first ".", title, answers JSON text, expectations text) of each case."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cases: list[tuple[int, str, str, str]] = []
    section, start, current = 0, 0, []
    for number, line in enumerate(lines):
        if line.rstrip() != ".":
            continue
        if section == 0:
            current = [number, lines[number - 1].strip() if number else ""]
        else:
            current.append("".join(lines[start + 1 : number]))
            if section == 2:
                cases.append(tuple(current))
        section = (section + 1) % 3
        start = number
    return cases


def tables(kind: str, root: Path = HERE) -> list[Path]:
    """Every table of one kind ("fixtures" or "personas") under root, one per questionnaire."""
    if kind not in KINDS:
        raise ValueError(f"expected one of {KINDS} but received: {kind!r}")
    return sorted((root / kind).glob("*.md"))


def all_answers(root: Path = HERE) -> list[tuple[str, str]]:
    """(questionnaire, answers JSON text) of every case of both kinds under root, fixtures first."""
    return [
        (path.stem, answers.strip())
        for kind in KINDS
        for path in tables(kind, root)
        for _line, _title, answers, _expected in read_table(path)
    ]
