"""Subscriptions from OPML (as feed readers export them) and TOML, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.ingest import Subscription, read_subscriptions, render_toml
from summarizer.ingest.subscriptions import parse_toml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions exported from NetNewsWire</title></head>
  <body>
    <outline text="Local">
      <outline text="Harbor Daily" title="Harbor Daily (all)" type="rss" xmlUrl="https://harbordaily.example/rss.xml"
               htmlUrl="https://harbordaily.example/" language="en-US"/>
      <outline text="Transport">
        <outline title="Metro Bulletin" type="rss" xmlUrl="https://metro.example/feed/"/>
      </outline>
    </outline>
    <outline text="Le Courrier" type="rss" xmlUrl="https://courrier.example/feed.json" category="world"/>
    <outline text="Local file" type="rss" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_opml_outlines_become_subscriptions_with_folders_as_tags(tmp_path: Path) -> None:
    subscriptions = read_subscriptions(write(tmp_path, "feeds.opml", OPML))
    assert subscriptions == [
        Subscription("https://harbordaily.example/rss.xml", "Harbor Daily", ("Local",), "en-us"),
        Subscription("https://metro.example/feed/", "Metro Bulletin", ("Local", "Transport")),
        Subscription("https://courrier.example/feed.json", "Le Courrier", ("world",)),
    ]  # the file: URL is not ours to fetch


def test_toml_round_trips_through_render(tmp_path: Path) -> None:
    subscriptions = [
        Subscription("https://a.example/rss", 'The "A" Times', ("local", "Ünïcode"), "en"),
        Subscription("https://b.example/atom", "B\\C"),
    ]
    assert read_subscriptions(write(tmp_path, "feeds.toml", render_toml(subscriptions))) == subscriptions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feed]]\nurl = 'ftp://x.example/f'\noutlet = 'X'\n", r"absolute http\(s\) URL"),
        ("[[feed]]\nurl = 'https://x.example/f'\n", "outlet must be"),
        # U+0000, which PostgreSQL cannot store: the feed's health could not be saved.
        ('[[feed]]\nurl = "https://x.example/f"\noutlet = "X\\u0000"\n', "outlet must be"),
        ('[[feed]]\nurl = "https://x.example/f"\noutlet = "X"\ntags = ["a\\u0000"]\n', "tags must be"),
        ('[[feed]]\nurl = "https://x.example/f"\noutlet = "X"\nlanguage = "en\\u0000"\n', "language must be"),
        ("[[feed]]\nurl = 'https://x.example/f'\noutlet = 'X'\ncolour = 'red'\n", "unknown key 'colour'"),
        (
            "[[feed]]\nurl = 'https://x.example/f'\noutlet = 'X'\n" * 2,
            "listed twice",
        ),
        ("[feed\n", "not valid TOML"),
        ("[[feeds]]\nurl = 'https://x.example/f'\n", "unknown table 'feeds'"),
    ],
)
def test_bad_toml_is_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        parse_toml(text, "feeds.toml")
    assert "\n" not in str(raised.value)


def test_unreadable_or_empty_subscriptions_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_subscriptions(tmp_path / "missing.toml")
    with pytest.raises(InputError, match="no http"):
        read_subscriptions(write(tmp_path, "empty.opml", b"<?xml version='1.0'?><opml><body></body></opml>"))
    with pytest.raises(InputError, match="neither OPML nor UTF-8"):
        read_subscriptions(write(tmp_path, "binary", b"\xff\xfe\x00garbage"))
