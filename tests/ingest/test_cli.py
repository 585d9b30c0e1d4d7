"""``summarizer ingest`` and ``summarizer feeds`` as cron and a person run them."""

from __future__ import annotations

import fcntl
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.feed_server import FeedServer
from summarizer.cli import main
from summarizer.store import SQLiteStore

from .support import feed, item, page


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "documents.db"
    monkeypatch.setenv("SUMMARIZER_DB", str(path))
    return path


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        running.routes["/feed.xml"] = feed([item(1), item(2)])
        running.routes["/a/1.html"] = page(1)
        running.routes["/a/2.html"] = page(2)
        running.routes["/gone.xml"] = feed([])
        running.routes["/gone.xml"].status = 410
        yield running


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def subscriptions(tmp_path: Path, server: FeedServer) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(
        f'[[feed]]\nurl = "{server.url("/feed.xml")}"\noutlet = "Harbor Daily"\ntags = ["local"]\n\n'
        f'[[feed]]\nurl = "{server.url("/gone.xml")}"\noutlet = "Old Times"\n'
        f'[[feed]]\nurl = "{server.url("/missing.xml")}"\noutlet = "Nowhere"\n'
    )
    return path


def test_ingest_prints_one_summary_line_and_logs_json_lines(tmp_path: Path, db: Path, server: FeedServer) -> None:
    code, out, err = cli("ingest", "--subscriptions", str(subscriptions(tmp_path, server)), "--delay", "0")
    assert code == 0, err
    assert out.startswith("ingest: 3 feeds, 2 new articles, 1 failures, 1 gone, 0 backing off, ")
    assert out.count("\n") == 1
    events = [json.loads(line) for line in err.splitlines()]
    assert {e["url"]: e["status"] for e in events if e["event"] == "feed"} == {
        server.url("/feed.xml"): "ok",
        server.url("/gone.xml"): "gone",
        server.url("/missing.xml"): "failed",
    }
    assert "\r" not in err  # no progress bar off a terminal
    code, out, _ = cli("ingest", "--subscriptions", str(subscriptions(tmp_path, server)), "--delay", "0")
    assert out.startswith("ingest: 3 feeds, 0 new articles, 0 failures, 1 gone, 1 backing off, ")
    assert len(SQLiteStore(db).list()) == 2


def test_feeds_shows_each_feeds_health(tmp_path: Path, db: Path, server: FeedServer) -> None:
    subs = str(subscriptions(tmp_path, server))
    cli("ingest", "--subscriptions", subs, "--delay", "0")
    code, out, _ = cli("feeds", "--format", "json")
    assert code == 0
    health = {f["url"].rsplit("/", 1)[1]: f for f in json.loads(out)["feeds"]}
    assert (health["feed.xml"]["status"], health["feed.xml"]["items_seen"]) == ("ok", 2)
    assert health["gone.xml"]["status"] == "gone"
    assert (health["missing.xml"]["status"], health["missing.xml"]["last_error"]) == ("failing", "HTTP 404")
    code, out, _ = cli("feeds", "list")
    assert code == 0
    assert "failing      " + server.url("/missing.xml") in out


def test_feeds_options_count_before_and_after_list(tmp_path: Path, db: Path, server: FeedServer) -> None:
    subs = str(subscriptions(tmp_path, server))  # never polled: known only from the file
    before = cli("feeds", "--subscriptions", subs, "--format", "json", "list")
    after = cli("feeds", "list", "--subscriptions", subs, "--format", "json")
    assert before == after
    assert len(json.loads(before[1])["feeds"]) == 3
    assert json.loads(cli("feeds", "--format", "json", "list")[1])["feeds"] == []


def test_a_second_ingest_exits_75_while_the_first_holds_the_lock(tmp_path: Path, db: Path, server: FeedServer) -> None:
    SQLiteStore(db)
    with (db.parent / "documents.db.ingest.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        code, out, err = cli("ingest", "--subscriptions", str(subscriptions(tmp_path, server)))
    assert (code, out) == (75, "")
    assert "another ingest run holds" in err
    assert err.count("\n") == 1


def test_unreadable_subscriptions_exit_2_with_one_line(db: Path) -> None:
    code, out, err = cli("ingest", "--subscriptions", "/nonexistent/feeds.toml")
    assert (code, out) == (2, "")
    assert "cannot be read" in err
    assert err.count("\n") == 1


def test_subscriptions_with_no_feed_exit_2_and_store_nothing(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "feeds.toml"
    empty.write_text("# every feed removed\n", encoding="utf-8")
    code, out, err = cli("ingest", "--subscriptions", str(empty))
    assert (code, out) == (2, "")
    assert "no feed to poll" in err
    assert err.count("\n") == 1
    assert not db.exists() or SQLiteStore(db).list() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "required: --subscriptions"),
        (["ingest", "--subscriptions", "x.toml", "--concurrency", "0"], "must be from 1 to 64"),
        (["ingest", "--subscriptions", "x.toml", "--delay", "soon"], "not a number of seconds"),
        *(
            (["ingest", "--subscriptions", "x.toml", "--contact", contact], "not an http(s) URL or a mailto: address")
            for contact in ("javascript:alert(1)", "ops) evil", "mailto:nobody", "https://x.example/a b")
        ),
    ],
)
def test_bad_invocations_exit_2_with_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli(*args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_feeds_add_remove_and_import_edit_a_toml_file(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "feeds.toml"
    assert (
        cli(
            "feeds",
            "add",
            "https://a.example/rss",
            "--outlet",
            "A Times",
            "--tag",
            "local",
            "--subscriptions",
            str(path),
        )[0]
        == 0
    )
    code, _, err = cli("feeds", "add", "https://a.example/rss", "--outlet", "A", "--subscriptions", str(path))
    assert (code, "subscribed already" in err) == (2, True)
    opml = tmp_path / "export.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml><body><outline text="B News" xmlUrl="https://b.example/feed"/></body></opml>'
    )
    assert cli("feeds", "import", str(opml), "--subscriptions", str(path))[0] == 0
    assert cli("feeds", "remove", "https://a.example/rss", "--subscriptions", str(path))[0] == 0
    assert path.read_text().count("\n[[feed]]") == 1
    assert 'outlet = "B News"' in path.read_text()
    code, _, err = cli("feeds", "add", "https://c.example/rss", "--outlet", "C", "--subscriptions", str(opml))
    assert (code, "an OPML file" in err) == (2, True)


def test_ingest_names_the_project_and_the_given_contact(tmp_path: Path, db: Path, server: FeedServer) -> None:
    subs = str(subscriptions(tmp_path, server))
    code, _, err = cli("ingest", "--subscriptions", subs, "--delay", "0", "--contact", "mailto:ops@example.org")
    assert code == 0, err
    agents = {seen.headers["user-agent"] for seen in server.seen}
    assert agents == {"summarizer/0.1 (news digest feed reader; +mailto:ops@example.org)"}
