"""``summarizer`` command line: a thin adapter over ``readers``, ``pipeline`` and ``rendering``.

    summarizer summarize INPUT... [--max-words N] [--max-sentences K] [--order ORDER]
                                  [--query TEXT] [--format json|markdown|text|html]

    summarizer digest [INPUT...] --date YYYY-MM-DD --out DIR [--formats json,markdown,html]
                                 [--timezone ZONE] [--max-words N] [--history-days N]
                                 [--workers N | --scheduler tcp://HOST:PORT]

    summarizer ingest --subscriptions FILE [--concurrency N] [--delay SECONDS] [--contact URL]
    summarizer feeds [list] [--subscriptions FILE] [--format text|json]
    summarizer feeds add URL --outlet NAME [--tag TAG]... [--language LANG] --subscriptions FILE.toml
    summarizer feeds remove URL --subscriptions FILE.toml
    summarizer feeds import OPML --subscriptions FILE.toml

INPUT is a file, a directory or ``-`` (standard input). A JSON input is the HTTP API's
request body; ``--format json`` prints what the API returns. Flags override options
given in the body. Exit codes (``errors`` lists them with their exceptions): 0 written,
2 bad invocation or unusable input (one line on stderr), 1 an internal error (one line;
``--debug`` shows the traceback); ``digest`` also exits 65 (no valid input for the day),
73 (the files could not be written; none was changed) and 75 (another run holds the lock);
``ingest`` exits 0 when it ran, even when some feeds failed (each failure is recorded
in the store and counted in its summary line), 2 for a bad invocation or unreadable
subscriptions, and 75 when another ingest holds the lock.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO
from zoneinfo import ZoneInfo

from .daily import WINDOW_DAYS, build_daily_digest, read_earlier, write_daily_digest
from .dates import parse_day, parse_zone
from .errors import InputError, NoValidInput, OutputError, SummarizerError
from .links import is_web_url
from .locks import file_lock
from .model import DailyDigest, Document
from .options import ORDERS, PUBLIC_OPTIONS, SummaryOptions
from .pipeline import Summarizer
from .readers import expand_inputs, read_inputs
from .rendering import DAILY_FORMATS, FORMATS, canonical_format, render
from .store import DocumentStore, FeedState, db_setting, open_store, store_location
from .stories import StoryOptions
from .tasks import Runner

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
    summarize.add_argument(
        "--max-sentences", type=int, help="cap on the digest's sentences (default: none, the word budget decides)"
    )
    summarize.add_argument("--order", choices=ORDERS, help="sentence order (default narrative)")
    summarize.add_argument("--query", help="focus the digest on this subject (a question or topic)")
    summarize.add_argument(
        "--format", type=canonical_format, choices=FORMATS, default="text", help="output format (default text)"
    )
    digest = commands.add_parser(
        "digest",
        help="write a day's digest: stories ranked by coverage, each with an attributed summary",
        description="Group a day's articles into stories and write DIR/digest-DATE.{json,md,html}. "
        "Exit codes: 0 written (possibly with skipped documents), 2 bad invocation, 65 no valid input, "
        "73 the files could not be written (none was changed), 75 another run holds the lock.",
    )
    digest.add_argument("inputs", nargs="*", metavar="INPUT", help="files or directories; none: the document store")
    digest.add_argument("--date", required=True, type=_day, help="the day, YYYY-MM-DD")
    digest.add_argument("--out", required=True, type=Path, help="output directory")
    digest.add_argument(
        "--formats", default=",".join(DAILY_FORMATS), type=_formats, help=f"comma-separated: {','.join(DAILY_FORMATS)}"
    )
    digest.add_argument("--timezone", default="UTC", type=_zone, help="IANA time zone of the day (default UTC)")
    digest.add_argument("--max-words", type=int, default=120, help="words per story summary (default 120)")
    digest.add_argument(
        "--history-days",
        type=_bounded_int(0, 366),
        default=WINDOW_DAYS,
        help=f"link stories to the digests in DIR of this many days before (default {WINDOW_DAYS}; 0: none)",
    )
    cluster = digest.add_mutually_exclusive_group()
    cluster.add_argument(
        "--workers",
        type=_bounded_int(1, 256),
        help="run the day on a local Dask cluster of this many processes (needs summarizer[dask])",
    )
    cluster.add_argument(
        "--scheduler",
        type=_scheduler,
        help="run the day on the Dask cluster whose scheduler listens here, e.g. tcp://host:8786",
    )
    _add_feed_commands(commands)
    return parser


def _add_feed_commands(commands: argparse._SubParsersAction[_ArgumentParser]) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="poll the subscribed feeds once and store their new articles (for cron)",
        description="Poll every feed of --subscriptions (OPML or TOML) once: conditional GET, new items' pages "
        "fetched and extracted, articles stored in the document store (SUMMARIZER_DB). Exit codes: 0 ran "
        "(failed feeds are recorded and counted), 2 bad invocation or unreadable subscriptions, 75 another "
        "ingest holds the lock.",
    )
    ingest.add_argument("--subscriptions", required=True, type=Path, help="OPML or TOML file of feeds")
    ingest.add_argument("--concurrency", type=_bounded_int(1, 64), default=4, help="feeds polled at once (default 4)")
    ingest.add_argument(
        "--delay", type=_seconds, default=1.0, help="seconds between two requests to one site (default 1)"
    )
    ingest.add_argument(
        "--contact",
        type=_contact,
        help="an http(s) URL or mailto: address of whoever runs the ingest, named in the User-Agent",
    )
    feeds = commands.add_parser(
        "feeds",
        help="list the feeds' health, or edit a TOML subscriptions file",
        description="list: each feed's health (last success, last error, consecutive failures, items seen). "
        "add, remove, import: edit a TOML subscriptions file (import reads an OPML export).",
    )
    actions = feeds.add_subparsers(dest="action", parser_class=_ArgumentParser)
    listing = actions.add_parser("list", help="each feed's health (the default)")
    # Given before or after "list": the subcommand's own default must not undo the former.
    for parser, unset in ((feeds, None), (listing, argparse.SUPPRESS)):
        parser.add_argument(
            "--subscriptions", type=Path, default=unset, help="only these feeds, also those never polled"
        )
        parser.add_argument("--format", choices=("text", "json"), default=unset or "text", help="output format")
    add = actions.add_parser("add", help="add a feed to a TOML subscriptions file")
    add.add_argument("url", help="the feed's URL")
    add.add_argument("--outlet", required=True, help="the outlet's name, as the digest cites it")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    add.add_argument("--language", help="the feed's language, such as en")
    remove = actions.add_parser("remove", help="remove a feed from a TOML subscriptions file")
    remove.add_argument("url", help="the feed's URL")
    import_ = actions.add_parser("import", help="add the feeds of an OPML file to a TOML subscriptions file")
    import_.add_argument("opml", type=Path, help="an OPML export of a feed reader")
    for parser in (add, remove, import_):
        parser.add_argument("--subscriptions", required=True, type=Path, help="the TOML file to edit")


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not an integer") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {number}")
        return number

    return parse


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 <= seconds <= 600:
        raise argparse.ArgumentTypeError(f"must be from 0 to 600 seconds, not {value}")
    return seconds


def _contact(value: str) -> str:
    address = value.removeprefix("mailto:")
    if is_web_url(value) or (address != value and "@" in address and is_web_url(f"https://{address}")):
        return value
    raise argparse.ArgumentTypeError(f"{value!r} is not an http(s) URL or a mailto: address")


def _scheduler(value: str) -> str:
    """A Dask scheduler address: tcp://HOST:PORT (or tls://), checked before any connection."""
    scheme, _, rest = value.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("tcp", "tls") or not host or not port.isdecimal() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a scheduler address such as tcp://host:8786")
    if any(c.isspace() or c in "/?#@" for c in host):
        raise argparse.ArgumentTypeError(f"{value!r} is not a scheduler address such as tcp://host:8786")
    return value


def _day(value: str) -> date:
    try:
        return parse_day(value, "--date")
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--date: ")) from None


def _formats(value: str) -> tuple[str, ...]:
    """The formats named, in their order, each once (``md,markdown`` is one format)."""
    formats = tuple(dict.fromkeys(canonical_format(f.strip()) for f in value.split(",") if f.strip()))
    if not formats or not set(formats) <= set(DAILY_FORMATS):
        raise argparse.ArgumentTypeError(f"formats must be from {','.join(DAILY_FORMATS)}, not {value!r}")
    return formats


def _zone(value: str) -> ZoneInfo:
    try:
        return parse_zone(value, "--timezone")
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--timezone: ")) from None


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "digest":
            return _digest(args, stdout, stderr)
        if args.command == "ingest":
            return _ingest(args, stdout, stderr)
        if args.command == "feeds":
            return _feeds(args, stdout)
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
    flags = {name: getattr(args, name) for name in PUBLIC_OPTIONS}  # --max-words sets max_words
    values = {**request.options, **{k: v for k, v in flags.items() if v is not None}}
    options = SummaryOptions.from_mapping(values, allowed=PUBLIC_OPTIONS)
    digest = Summarizer().summarize(request.documents, options)
    if args.format != "json":
        for notice in digest.warnings:
            where = f"{notice.document_id}: " if notice.document_id else ""
            print(f"{PROG}: warning: {where}{notice.message}", file=stderr)
    stdout.write(render(digest, args.format))
    return 0


def _digest(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    started = time.monotonic()
    options = SummaryOptions.from_mapping({"max_words": args.max_words}, allowed=PUBLIC_OPTIONS)
    _make_output_directory(args.out)
    with file_lock(args.out / ".digest.lock", "digest", "--out"):
        documents, skipped = _day_documents(args)
        if not documents:
            raise NoValidInput(f"no documents published on {args.date.isoformat()} ({args.timezone.key})")
        progress = _progress_bar(stderr) if stderr.isatty() else None
        earlier, unreadable = read_earlier(args.out, args.date, args.history_days)
        for problem in unreadable:
            print(f"{PROG}: warning: --out {args.out}: {problem}; its stories are not linked", file=stderr)
        with _runner(args) as runner:
            daily = build_daily_digest(
                args.date, args.timezone, documents, Summarizer(), options, StoryOptions(), progress, earlier, runner
            )
        daily = DailyDigest(daily.day, daily.stories, (*skipped, *daily.skipped), daily.documents + len(skipped))
        if daily.documents == 0:
            raise NoValidInput(f"no documents published on {args.date.isoformat()} ({args.timezone.key})")
        if not daily.stories:
            raise NoValidInput(
                f"none of the {daily.documents} documents of {args.date.isoformat()} could be summarized"
            )
        try:
            written = write_daily_digest(daily, args.out, args.formats)
        except OSError as error:
            raise OutputError(
                f"--out {args.out}: the digest could not be written, nothing was changed: {error}"
            ) from None
    print(
        f"digest {args.date.isoformat()}: {daily.documents} documents, {len(daily.stories)} stories, "
        f"{len(daily.skipped)} skipped, {time.monotonic() - started:.1f} s -> {', '.join(map(str, written))}",
        file=stdout,
    )
    return 0


@contextmanager
def _runner(args: argparse.Namespace) -> Iterator[Runner | None]:
    """Where the day runs: here, or on Dask (``--workers``, ``--scheduler``)."""
    if args.workers is None and args.scheduler is None:
        yield None
        return
    from .daily.distributed import dask_runner  # Dask is imported only when asked for

    with dask_runner(args.workers, args.scheduler) as runner:
        yield runner


def _day_documents(args: argparse.Namespace) -> tuple[list[Document], list[tuple[str, str]]]:
    """Documents from INPUT files (a bad file is skipped with its reason; the day is
    chosen after extraction, when HTML pages have told their dates), or the store's
    documents of the day."""
    if not args.inputs:
        store = _open_store()
        try:
            return store.published_on(args.date, args.timezone), []
        finally:
            store.close()
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    file_of: dict[str, str] = {}  # document id -> the file that gave it first
    for name in expand_inputs(args.inputs):
        try:
            read = read_inputs([name]).documents
        except InputError as error:
            skipped.append((Path(name).stem, str(error)))
            continue
        for document in read:
            if document.id in file_of:
                reason = f"{name}: same id as a document of {file_of[document.id]}, which was kept"
                skipped.append((document.id, reason))
                continue
            file_of[document.id] = name
            documents.append(document)
    return documents, skipped


def _make_output_directory(path: Path) -> None:
    """``--out`` exists as a directory, or is made one; else the invocation is bad (exit 2)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"--out {path}: cannot be used as the output directory ({error.strerror})") from None


def _ingest(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .ingest import Fetcher, FetchOptions, ingest, read_subscriptions
    from .ingest.fetch import user_agent

    started = time.monotonic()
    subscriptions = read_subscriptions(args.subscriptions)
    if not subscriptions:  # an empty OPML file is refused as it is read; TOML may be empty between edits
        raise InputError(f"--subscriptions {args.subscriptions}: no feed to poll (summarizer feeds add URL)")
    store = _open_store()
    with closing(store), store.exclusive("ingest"), _log_lines(stderr):
        options = FetchOptions(delay=args.delay, concurrency=args.concurrency, user_agent=user_agent(args.contact))
        progress = _progress_bar(stderr, "feeds") if stderr.isatty() else None
        with Fetcher(options) as fetcher:
            report = ingest(subscriptions, store, fetcher, progress=progress)
    statuses = [f.status for f in report.feeds]
    print(
        f"ingest: {len(report.feeds)} feeds, {report.new} new articles, {report.failures} failures, "
        f"{statuses.count('gone')} gone, {statuses.count('backing-off')} backing off, "
        f"{time.monotonic() - started:.1f} s",
        file=stdout,
    )
    return 0


def _open_store() -> DocumentStore:
    """The store ``SUMMARIZER_DB`` names (a bad setting: exit 2; unreachable: exit 69)."""
    return open_store(store_location(db_setting(os.environ)))


@contextmanager
def _log_lines(stream: TextIO) -> Iterator[None]:
    """The run's JSON log lines (one per feed, one per page that fell back) on ``stream``."""
    logger = logging.getLogger("summarizer.ingest")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _feeds(args: argparse.Namespace, stdout: TextIO) -> int:
    from .ingest import feed_health, read_subscriptions, write_subscriptions
    from .ingest.subscriptions import Subscription

    action = args.action or "list"
    if action == "list":
        with closing(_open_store()) as store:
            states = {s.url: s for s in store.feed_states()}
        if args.subscriptions is not None:
            chosen = read_subscriptions(args.subscriptions)
            states = {s.url: states.get(s.url, FeedState(s.url, s.outlet)) for s in chosen}
        rows = [feed_health(states[url]) for url in sorted(states)]
        if args.format == "json":
            stdout.write(json.dumps({"feeds": rows}, indent=2) + "\n")
        else:
            for row in rows:
                error = f"  last error: {row['last_error']}" if row["last_error"] else ""
                stdout.write(
                    f"{row['status']:<12} {row['url']}  [{row['outlet'] or '?'}]  last success: "
                    f"{row['last_success'] or 'never'}  failures: {row['consecutive_failures']}  "
                    f"items: {row['items_seen']}{error}\n"
                )
        return 0
    path: Path = args.subscriptions
    current = read_subscriptions(path) if path.exists() else []
    if path.exists() and path.read_bytes().lstrip()[:1] == b"<":
        raise InputError(
            f"--subscriptions {path}: an OPML file; edit it in its feed reader, or import it into a TOML file"
        )
    urls = [s.url for s in current]
    if action == "add":
        from .ingest.subscriptions import parse_toml, render_toml

        added = parse_toml(
            render_toml([Subscription(args.url, args.outlet, tuple(args.tag), args.language)]), "feeds add"
        )
        if added[0].url in urls:
            raise InputError(f"feeds add: {args.url} is subscribed already")
        updated = [*current, *added]
    elif action == "remove":
        if args.url not in urls:
            raise InputError(f"feeds remove: {args.url} is not in {path}")
        updated = [s for s in current if s.url != args.url]
    else:
        imported = read_subscriptions(args.opml)
        updated = [*current, *(s for s in imported if s.url not in urls)]
    write_subscriptions(path, updated)
    print(f"{path}: {len(updated)} feeds ({len(updated) - len(current):+d})", file=stdout)
    return 0


def _progress_bar(stream: TextIO, what: str = "stories") -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        filled = round(30 * done / total)
        stream.write(f"\r{what} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def entry_point() -> NoReturn:
    sys.exit(main())
