"""Command line: `python -m engine list | show ID | evaluate ID --answers FILE|-`."""

from __future__ import annotations

import argparse
import json
import sys

from . import QuestionnaireError, evaluate, get_definition, list_questionnaires
from .bridge import parse_answers

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2, as for bad answers
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m engine", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("list", help="print the questionnaire IDs and titles")
    show = commands.add_parser("show", help="print a questionnaire definition as JSON")
    show.add_argument("questionnaire")
    run = commands.add_parser("evaluate", help="evaluate answers and print the result as JSON")
    run.add_argument("questionnaire")
    run.add_argument("--answers", required=True, metavar="FILE", help="a JSON file, or - for stdin")
    return parser


def _read_answers(source: str) -> object:
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
        text = data.decode("utf-8")  # strict: invalid UTF-8 is refused, from stdin too
    except (OSError, UnicodeDecodeError) as error:
        raise QuestionnaireError(f"cannot read answers from {source}: {error}") from None
    return parse_answers(text)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            for item in list_questionnaires():
                print(f"{item['id']}\t{item['title']}")
            return 0
        if args.command == "show":
            output = get_definition(args.questionnaire)
        else:
            output = evaluate(args.questionnaire, _read_answers(args.answers))
    except QuestionnaireError as error:
        message = " ".join(str(error).split())  # always one line
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(output, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader closed the pipe early (`| head`): not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
