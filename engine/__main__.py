"""Command line: `python -m engine list | show ID | evaluate ID --answers FILE|-`."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys

from . import QuestionnaireError, evaluate, get_definition, list_questionnaires
from .bridge import MAX_JSON_CHARS, parse_answers

EXIT_BAD_INPUT = 2
# The most bytes the answers can take (4 per character in UTF-8): reading one
# more is enough to know a file is too large, whatever its real size.
MAX_ANSWER_BYTES = 4 * MAX_JSON_CHARS


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
            data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        else:
            # A device or a pipe could be endless (/dev/zero) or never open (a
            # FIFO with no writer): only a regular file is read by name.
            if not stat.S_ISREG(os.stat(source).st_mode):
                raise QuestionnaireError(
                    f"cannot read answers from {source}: not a regular file "
                    "(use --answers - to read from a pipe)"
                )
            with open(source, "rb") as handle:
                data = handle.read(MAX_ANSWER_BYTES + 1)
        if len(data) > MAX_ANSWER_BYTES:
            raise QuestionnaireError(
                f"cannot read answers from {source}: larger than {MAX_ANSWER_BYTES} bytes"
            )
        text = data.decode("utf-8")  # strict: invalid UTF-8 is refused, from stdin too
    except (OSError, UnicodeDecodeError) as error:
        raise QuestionnaireError(f"cannot read answers from {source}: {error}") from None
    return parse_answers(text)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            text = "".join(f"{item['id']}\t{item['title']}\n" for item in list_questionnaires())
        else:
            if args.command == "show":
                output = get_definition(args.questionnaire)
            else:
                output = evaluate(args.questionnaire, _read_answers(args.answers))
            text = json.dumps(output, indent=2, ensure_ascii=False) + "\n"
    except QuestionnaireError as error:
        message = " ".join(str(error).split())  # always one line
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:  # e.g. > /dev/full: say so in one line, not a traceback
        _discard_stdout()
        print(f"error: cannot write the result: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _discard_stdout() -> None:
    """Point stdout at nothing, so that Python's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader closed the pipe early (`| head`): not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
