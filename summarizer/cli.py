"""``summarizer`` command line: a thin adapter over ``readers``, ``pipeline`` and ``rendering``.

    summarizer summarize INPUT... [--max-words N] [--max-sentences K] [--order ORDER]
                                  [--query TEXT] [--format json|markdown|text|html]

INPUT is a file, a directory or ``-`` (standard input). A JSON input is the HTTP API's
request body; ``--format json`` prints what the API returns. Flags override options
given in the body. Exit codes: 0 written, 2 bad invocation or unusable input (one
line on stderr), 1 an internal error (one line; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from .errors import SummarizerError
from .options import ORDERS, PUBLIC_OPTIONS, SummaryOptions
from .pipeline import Summarizer
from .readers import read_inputs
from .rendering import FORMATS, render

__all__ = ["main"]

PROG = "summarizer"


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage; a cron log wants one line.
        self.exit(2, f"{PROG}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog=PROG, description="Attributed multi-document news digests.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)
    summarize = commands.add_parser(
        "summarize",
        help="summarize a set of articles about one event",
        description="Summarize articles about one event into a digest that cites every outlet.",
    )
    summarize.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a .json request body, .jsonl, .txt, .md or .html file, a directory of them, or - for stdin",
    )
    summarize.add_argument("--max-words", type=int, help="hard cap on the digest's words (default 150)")
    summarize.add_argument("--max-sentences", type=int, help="cap on the digest's sentences (default 10)")
    summarize.add_argument("--order", choices=ORDERS, help="sentence order (default narrative)")
    summarize.add_argument("--query", help="focus the digest on this subject (a question or topic)")
    summarize.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _summarize(args, stdout, stderr)
    except SummarizerError as error:
        print(f"{PROG}: error: {error}", file=stderr)
        return error.exit_code
    except Exception as error:
        if args.debug:
            raise
        print(f"{PROG}: internal error: {type(error).__name__}: {error} (rerun with --debug)", file=stderr)
        return 1


def _summarize(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    request = read_inputs(args.inputs, stdin=sys.stdin.buffer if "-" in args.inputs else None)
    flags = {
        "max_words": args.max_words,
        "max_sentences": args.max_sentences,
        "order": args.order,
        "query": args.query,
    }
    values = {**request.options, **{k: v for k, v in flags.items() if v is not None}}
    options = SummaryOptions.from_mapping(values, allowed=PUBLIC_OPTIONS)
    digest = Summarizer().summarize(request.documents, options)
    if args.format != "json":
        for notice in digest.warnings:
            where = f"{notice.document_id}: " if notice.document_id else ""
            print(f"{PROG}: warning: {where}{notice.message}", file=stderr)
    stdout.write(render(digest, args.format))
    return 0


def entry_point() -> NoReturn:
    sys.exit(main())
