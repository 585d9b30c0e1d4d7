"""The daily page in a real headless browser (Debian's chromium): DOM and screenshot."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .builders import EXAMPLES, FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,  # a real browser
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs Debian's package)"),
]
# Flags for a sandboxed, offline machine: no GPU, no network chatter, a fresh profile.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stories = 0
        self.badges: list[list[str]] = []
        self.citations: list[str | None] = []
        self.scripts = 0
        self._tag_stack: list[str] = []
        self._in_badge = False
        self._in_cite = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "story" in classes:
            self.stories += 1
            self.badges.append([])
        self._in_badge = tag == "li" and "badge" in classes
        if tag == "cite":
            self._in_cite = True
            self.citations.append(None)
        if tag == "a" and self._in_cite:
            self.citations[-1] = dict(attrs).get("href")
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "cite":
            self._in_cite = False

    def handle_data(self, data: str) -> None:
        if self._in_badge and data.strip():
            self.badges[-1].append(data.strip())
            self._in_badge = False


@pytest.fixture(scope="module")
def page() -> Path:
    out = Path(tempfile.mkdtemp())
    command = [sys.executable, "-m", "summarizer", "digest", str(EXAMPLES), str(FIXTURES / "ferry")]
    subprocess.run([*command, "--date", "2026-03-10", "--out", str(out)], check=True, capture_output=True, timeout=120)
    return out / "digest-2026-03-10.html"


def browser(*args: str) -> subprocess.CompletedProcess[str]:
    profile = tempfile.mkdtemp()
    return subprocess.run(
        [CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )


def test_page_dom_in_a_browser_shows_ranked_stories_with_badges_and_sources(page: Path) -> None:
    dom = browser("--dump-dom", page.as_uri()).stdout
    parsed = _Page()
    parsed.feed(dom)
    assert parsed.stories == 2
    assert [len(b) for b in parsed.badges] == [5, 3]  # coverage, most outlets first (Metro Bulletin is dated the 11th)
    assert "Harbor Daily" in parsed.badges[0]
    assert parsed.citations
    bridge_links = [c for c in parsed.citations if c]
    assert all(link.startswith("https://") for link in bridge_links)
    assert parsed.scripts == 0


def test_page_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "digest.png"
    browser(f"--screenshot={shot}", "--window-size=1100,1600", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank canvas
    shutil.copy(shot, Path(tempfile.gettempdir()) / "summarizer-digest-screenshot.png")
