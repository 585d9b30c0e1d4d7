"""The feeds a reader follows: an OPML file (what NetNewsWire, FreshRSS, Miniflux and
every other feed reader export; read with listparser) or a TOML file of the same
information. The file is the source of truth: ``summarizer ingest`` reads it on every
run, and ``summarizer feeds add|remove|import`` edit a TOML file.

TOML::

    [[feed]]
    url = "https://harbordaily.example/rss.xml"
    outlet = "Harbor Daily"
    tags = ["local", "transport"]      # optional
    language = "en"                    # optional

OPML: each ``<outline xmlUrl=...>`` is a feed, its ``text`` (else ``title``) the outlet;
the folders it is nested in, and its ``category`` attribute, become its tags; its
``language`` attribute (OPML 2.0) its language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..links import is_web_url

__all__ = ["Subscription", "parse_opml", "parse_toml", "read_subscriptions", "render_toml", "write_subscriptions"]

MAX_FILE_BYTES = 10_000_000


@dataclass(frozen=True)
class Subscription:
    url: str
    outlet: str
    tags: tuple[str, ...] = ()
    language: str | None = None


def read_subscriptions(path: Path) -> list[Subscription]:
    """The subscriptions in ``path``, OPML or TOML (by content, whatever the suffix).
    ``InputError`` (exit 2) when the file cannot be read or holds no valid feed."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"--subscriptions {path}: larger than {MAX_FILE_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"--subscriptions {path}: cannot be read ({error.strerror})") from None
    head = data.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<opml", b"<!--", b"\xef\xbb\xbf<")):
        return parse_opml(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"--subscriptions {path}: neither OPML nor UTF-8 TOML") from None
    return parse_toml(text, str(path))


def parse_toml(text: str, where: str) -> list[Subscription]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{where}: not valid TOML ({error})") from None
    unknown = sorted(set(data) - {"feed"})
    if unknown:
        raise InputError(f"{where}: unknown table {unknown[0]!r}; write each feed as a [[feed]] table")
    feeds = data.get("feed", [])
    if not isinstance(feeds, list):
        raise InputError(f"{where}: 'feed' must be an array of tables ([[feed]])")
    return _checked([_toml_entry(entry, f"{where}: feed {n + 1}") for n, entry in enumerate(feeds)], where)


def _toml_entry(entry: Any, where: str) -> Subscription:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be a table")
    unknown = sorted(set(entry) - {"url", "outlet", "tags", "language"})
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (url, outlet, tags, language)")
    url, outlet, tags, language = entry.get("url"), entry.get("outlet"), entry.get("tags", []), entry.get("language")
    if not isinstance(url, str) or not is_web_url(url.strip()):
        raise InputError(f"{where}: url must be an absolute http(s) URL, not {url!r}")
    # U+0000: no name means it, and PostgreSQL cannot store it.
    if not isinstance(outlet, str) or not outlet.strip() or "\x00" in outlet:
        raise InputError(f"{where}: outlet must be the outlet's name ({url})")
    if not isinstance(tags, list) or not all(isinstance(t, str) and "\x00" not in t for t in tags):
        raise InputError(f"{where}: tags must be a list of strings")
    if language is not None and (not isinstance(language, str) or "\x00" in language):
        raise InputError(f"{where}: language must be a string such as 'en'")
    return Subscription(url.strip(), " ".join(outlet.split()), _tags(tags), _language(language))


def parse_opml(data: bytes, where: str) -> list[Subscription]:
    import listparser

    parsed = listparser.parse(data)  # bytes: parsed as a document, never fetched as a URL
    languages = _opml_languages(data)
    subscriptions = []
    for feed in parsed.feeds:
        url = str(feed.get("url", "")).strip()
        if not is_web_url(url):
            continue  # a feed reader's export may hold other schemes (file:, feed:); not ours to fetch
        folders = [name for path in feed.get("categories", []) for name in path]
        outlet = " ".join(str(feed.get("title", "")).split())
        subscriptions.append(Subscription(url, outlet or _host(url), _tags(folders), languages.get(url)))
    if not subscriptions:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise InputError(f"{where}: no http(s) feed in this OPML file{problem}")
    return _checked(subscriptions, where)


def _opml_languages(data: bytes) -> dict[str, str]:
    """The OPML 2.0 ``language`` attribute of each outline, which listparser does not
    keep. lxml reads the file without entities or network access."""
    import lxml.etree

    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.LxmlError:
        return {}
    if root is None:
        return {}
    languages = {}
    for outline in root.iter("outline"):
        attributes = {k.lower(): v for k, v in outline.attrib.items() if isinstance(k, str)}
        language = _language(attributes.get("language"))
        if attributes.get("xmlurl") and language:
            languages[attributes["xmlurl"].strip()] = language
    return languages


def _checked(subscriptions: list[Subscription], where: str) -> list[Subscription]:
    seen: set[str] = set()
    for subscription in subscriptions:
        if subscription.url in seen:
            raise InputError(f"{where}: {subscription.url} is listed twice")
        seen.add(subscription.url)
    return subscriptions


def _tags(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(v.split()) for v in values if v.strip()))


def _language(value: str | None) -> str | None:
    return value.strip().lower().replace("_", "-") if value and value.strip() else None


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or url).removeprefix("www.")


def render_toml(subscriptions: list[Subscription]) -> str:
    """``subscriptions`` as the TOML file ``parse_toml`` reads back to the same list."""
    blocks = ["# Feeds for `summarizer ingest --subscriptions`: one [[feed]] table each.\n"]
    for s in subscriptions:
        lines = ["[[feed]]", f"url = {_toml_string(s.url)}", f"outlet = {_toml_string(s.outlet)}"]
        if s.tags:
            lines.append(f"tags = [{', '.join(_toml_string(t) for t in s.tags)}]")
        if s.language:
            lines.append(f"language = {_toml_string(s.language)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def write_subscriptions(path: Path, subscriptions: list[Subscription]) -> None:
    """Replace ``path`` with ``subscriptions`` as TOML, atomically (a temporary file
    renamed into place): a crash leaves the old list or the new one."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(render_toml(subscriptions), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"--subscriptions {path}: cannot be written ({error.strerror})") from None


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
