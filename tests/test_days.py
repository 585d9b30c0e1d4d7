"""Stories followed across days (``summarizer.daily.days``, issue 16), on written fixtures.

Day 1 (10 March): the bridge collapse (five outlets) and the ferry grounding (three
outlets, undated, so carried again on the next day). Day 2 (11 March): the ferry again,
the Metro Bulletin's bridge follow-up, and a library fire that runs on day 2 only.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest

from summarizer.cli import main
from summarizer.daily.days import read_digest
from summarizer.model import STORY_ID_RE
from summarizer.rendering import daily_from_dict, daily_to_dict, render_daily

from .api_support import AppFactory
from .builders import EXAMPLES, FIXTURES

DAY1, DAY2 = "2026-03-10", "2026-03-11"


def run(out: Path, day: str, *inputs: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["digest", *map(str, inputs), "--date", day, "--out", str(out)], stdout, stderr)
    assert code == 0, stderr.getvalue()


def two_days(out: Path) -> None:
    run(out, DAY1, EXAMPLES, FIXTURES / "ferry")
    run(out, DAY2, EXAMPLES, FIXTURES / "ferry", FIXTURES / "library")


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both days written once for the tests that only read them."""
    out = tmp_path_factory.mktemp("days")
    two_days(out)
    return out


def stories(out: Path, day: str) -> list[dict[str, Any]]:
    data = json.loads((out / f"digest-{day}.json").read_text())
    return list(data["stories"])


def ferry(out: Path, day: str) -> dict[str, Any]:
    return next(s for s in stories(out, day) if "coastal-times" in s["documents"])


def test_a_continuing_story_keeps_its_id_and_a_new_one_gets_its_own(days: Path) -> None:
    first, second = ferry(days, DAY1), ferry(days, DAY2)
    assert first["developing"] is False
    assert first["first_seen"] == DAY1
    assert second["id"] == first["id"]
    assert second["developing"] is True
    assert second["first_seen"] == DAY1
    day1_ids = {s["id"] for s in stories(days, DAY1)}
    library = next(s for s in stories(days, DAY2) if "courier" in s["documents"])
    assert library["developing"] is False
    assert library["first_seen"] == DAY2
    assert library["id"] not in day1_ids
    assert str(library["id"]).startswith(DAY2)
    assert all(STORY_ID_RE.fullmatch(str(s["id"])) for s in stories(days, DAY2))


def test_repeated_facts_are_not_new_and_the_developing_story_leads_with_what_changed(days: Path) -> None:
    told = {str(s["text"]) for s in ferry(days, DAY1)["summary"]}
    summary = ferry(days, DAY2)["summary"]
    flags = [s["new"] for s in summary]
    assert False in flags
    assert True in flags
    assert flags == sorted(flags, reverse=True)  # new facts first, then one line of context
    assert flags.count(False) == 1
    assert all(s["text"] not in told for s in summary if s["new"])
    # On its first day every fact is new.
    assert all(s["new"] for s in ferry(days, DAY1)["summary"])


def test_first_reporter_is_the_earliest_carrier_and_lone_facts_of_wide_stories_are_exclusive(days: Path) -> None:
    bridge = stories(days, DAY1)[0]
    first_by_outlet = {o["outlet"]: o["first"] for o in bridge["timeline"]["outlets"]}
    for s in bridge["summary"]:
        carriers = {s["outlet"], *s["also_reported_by"]}
        earliest = min(first_by_outlet[c] for c in carriers)
        assert s["first_reported_by"] == {
            "outlet": min(c for c in carriers if first_by_outlet[c] == earliest),
            "published_at": earliest,
        }
        assert s["exclusive"] == (len(carriers) == 1)
    timeline = bridge["timeline"]
    assert timeline["first"] == "2026-03-10T00:00:00+00:00" <= timeline["last"]
    assert sum(o["articles"] for o in timeline["outlets"]) == 5


def test_rerunning_either_day_gives_byte_identical_files(tmp_path: Path) -> None:
    two_days(tmp_path)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    run(tmp_path, DAY1, EXAMPLES, FIXTURES / "ferry")
    run(tmp_path, DAY2, EXAMPLES, FIXTURES / "ferry", FIXTURES / "library")
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    page = (tmp_path / f"digest-{DAY1}.html").read_text()
    assert f'rel="next" href="/digests/{DAY2}"' in page  # the first day links to the day after it
    assert f'rel="prev" href="/digests/{DAY1}"' in (tmp_path / f"digest-{DAY2}.html").read_text()


def test_feeds_validate_with_one_stable_entry_per_day(days: Path) -> None:
    atom = feedparser.parse((days / "feed.atom").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.version == "atom10"
    assert [e.id for e in atom.entries] == [f"urn:summarizer:digest:{DAY2}", f"urn:summarizer:digest:{DAY1}"]
    assert "<h1>News digest</h1>" in atom.entries[0].content[0].value
    feed = json.loads((days / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert isinstance(feed["items"], list)
    assert len(feed["items"]) == 2
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert item["id"]
        assert item["content_html"].startswith("<header>")
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None


def test_story_pages_and_archive_are_written(days: Path) -> None:
    story = ferry(days, DAY2)
    page = (days / "stories" / f"{story['id']}.html").read_text()
    assert page.count("<h2>") == 2
    assert f'href="/digests/{DAY1}"' in page
    assert "<script" not in page
    archive = (days / "index.html").read_text()
    assert archive.index(DAY2) < archive.index(DAY1)  # newest first
    assert f'href="/stories/{story["id"]}"' in (days / f"digest-{DAY2}.html").read_text()


def test_the_json_digest_reads_back_to_the_same_renderings(days: Path) -> None:
    daily = read_digest(days / f"digest-{DAY2}.json")
    again = daily_from_dict(daily_to_dict(daily))
    for fmt in ("json", "markdown", "html"):
        assert render_daily(again, fmt) == render_daily(daily, fmt)
    assert render_daily(daily, "json") == (days / f"digest-{DAY2}.json").read_text()


def test_an_unreadable_earlier_digest_is_left_alone_and_not_linked(tmp_path: Path) -> None:
    (tmp_path / f"digest-{DAY1}.json").write_text("{not json")
    stderr = io.StringIO()
    args = ["digest", str(FIXTURES / "ferry"), "--date", DAY2, "--out", str(tmp_path)]
    assert main(args, io.StringIO(), stderr) == 0
    assert "not a digest" in stderr.getvalue()
    assert "its stories are not linked" in stderr.getvalue()
    assert (tmp_path / f"digest-{DAY1}.json").read_text() == "{not json"
    assert all(s["developing"] is False for s in stories(tmp_path, DAY2))


def test_history_days_zero_links_nothing(tmp_path: Path) -> None:
    run(tmp_path, DAY1, FIXTURES / "ferry")
    assert main(["digest", str(FIXTURES / "ferry"), "--date", DAY2, "--out", str(tmp_path), "--history-days", "0"]) == 0
    assert ferry(tmp_path, DAY2)["developing"] is False


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/feeds/digest.atom", "application/atom+xml"),
        ("/feeds/digest.json", "application/feed+json"),
        ("/digests/", "text/html"),
    ],
)
def test_the_service_serves_feeds_archive_and_story_pages(
    days: Path, make_app: AppFactory, path: str, mimetype: str
) -> None:
    out = days
    client = make_app(digest_dir=str(out)).test_client()
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.mimetype == mimetype
    story = ferry(out, DAY2)["id"]
    assert client.get(f"/stories/{story}").mimetype == "text/html"
    missing = client.get("/stories/2020-01-01-00000000")
    assert missing.status_code == 404
    assert missing.mimetype == "application/problem+json"
    assert client.get("/stories/..%2Ffeed.atom").status_code == 404


def test_nothing_written_yet_is_a_404_problem(make_app: AppFactory) -> None:
    client = make_app().test_client()
    for path in ("/feeds/digest.atom", "/feeds/digest.json", "/digests/"):
        answer = client.get(path)
        assert answer.status_code == 404
        assert answer.mimetype == "application/problem+json"


def test_days_of_the_window_only_are_linked(tmp_path: Path) -> None:
    run(tmp_path, DAY1, FIXTURES / "ferry")
    late = date(2026, 3, 10 + 8).isoformat()  # eight days later: outside the default 7
    run(tmp_path, late, FIXTURES / "ferry")
    assert ferry(tmp_path, late)["developing"] is False
    assert datetime(2026, 3, 18, tzinfo=UTC).date().isoformat() == late
