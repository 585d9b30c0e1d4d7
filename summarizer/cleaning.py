"""Article -> CleanArticle: keep the prose paragraphs, drop everything around them.

Scraped news pages carry navigation, share prompts, photo captions and credits,
bylines, agency sign-offs, disclaimers and lists of unrelated headlines between their
sentences. None of it may reach a digest. The rules work on paragraphs, in order:

1. Markdown syntax is reduced to its text (links, emphasis, escapes); headings are dropped.
2. A "Read more" / "Articles You May Like" header drops itself and the headline list
   under it, up to the next paragraph that reads as prose.
3. A paragraph that matches a clutter rule (navigation, prompts, credits, bylines,
   sign-offs, copyright, wire-service notes) is dropped whole.
4. A dateline ("PINE RIDGE, S.D. (AP) --") is cut from the start of a paragraph.
5. What is left must read as prose: it ends with sentence punctuation, or it is long.
   Headlines, captions, section headings and date lines end without punctuation.

Everything here sees user text, so everything runs in time linear in it (issue 11: a
regex that rescans from every start turned 100 KB of ``[`` into half a minute). No
pattern retries a scan from every character of a run; where a regex would have to,
Markdown links and emphasis are found by a scan in Python instead.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from statistics import median

from .model import Article, CleanArticle

__all__ = ["clean_article", "clean_text", "split_paragraphs"]

# A paragraph without closing punctuation is kept only from this many words up:
# headlines and captions are shorter, unpunctuated prose is not.
MIN_UNPUNCTUATED_WORDS = 30

SENTENCE_END_RE = re.compile(r"""[.!?…][\"'”’»)\]]*\s*$""")

MARKDOWN_CHARS_RE = re.compile(r"[\[\]*_\\]|^\s*(?:\d{1,3}[.)]|[-*+•·▪])\s")
# A backslash run either matches whole (its last backslash is itself escapable) or is a
# single backslash, so no run is rescanned.
MARKDOWN_ESCAPE_RE = re.compile(r"\\+([\\`*_{}\[\]()#+\-.!$|>~])")
# Emphasis delimiters: a run of one character, paired by ``_strip_emphasis``.
EMPHASIS_RUN_RE = re.compile(r"\*+|_+")
# Each level of nested emphasis takes a pass (real text nests two or three deep). The
# cap keeps a paragraph nested thousands deep from taking thousands of passes; past it,
# the innermost markers stay.
MAX_EMPHASIS_PASSES = 8
MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s")
LIST_MARKER_RE = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*+•·▪])\s+")
# Every kind of white space but the line break, which separates paragraphs: a run of
# any other (form feeds, information separators, NEL) left in a paragraph would be
# rescanned by each pattern that starts with ``\s*``.
WHITESPACE_RE = re.compile(r"[^\S\n]+")
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")

# Headers of lists of other stories; the short lines after one are headlines.
RELATED_BLOCK_RE = re.compile(
    r"^(?:read more|related|more from|more on this|see also|also read|read also|"
    r"most read|most popular|recommended|you may also like|you might also like|"
    r"articles you may like|trending|what to read next|related (?:stories|articles|coverage)|"
    r"more stories|latest news|top stories|more news|further reading)\b[^.!?]{0,60}:?$",
    re.IGNORECASE,
)
RELATED_BLOCK_MAX_WORDS = 8

CLUTTER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "navigation",
        re.compile(
            r"^(?:skip to\b|jump to\b|back to top\b|home\s*[»›>|/]|menu$|search$|"
            r"(?:previous|next) (?:article|story)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "prompt",
        re.compile(
            r"^(?:please\s+)?(?:subscribe|sign up|sign in|log in|follow us|click|tap|share|"
            r"download (?:our|the) app|join (?:us|our)|don'?t miss|listen to|watch:|"
            r"support (?:our|independent)|become a (?:member|subscriber|supporter)|"
            r"comment on\b|advertisement$|sponsored\b|feel free to|tell us\b|"
            # A column's contact line: "Address questions to Garden Q&A, The New York Times, ..."
            r"(?:address|send|e-?mail|mail|write|direct) (?:your )?(?:questions|letters|comments|queries)\b|"
            # \W* also takes the white space: "\W*\s*" would split a run two ways.
            r"(?:last )?updated\b\W*(?:\w+\.? \d|\d)|published\b\W*(?:\w+ \d|\d)|posted\b\W*(?:\w+ \d|\d))",
            re.IGNORECASE,
        ),
    ),
    (
        "date-line",
        # "March 11, 2026 | Updated 7:00 a.m.": a date with page furniture, not prose.
        re.compile(
            r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"
            r"(?:\s*(?:[|•·,–—-].*)?)$|^\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
            r"[a-z]* \d{4}\b(?:\s*(?:[|•·,–—-].*)?)$",
            re.IGNORECASE,
        ),
    ),
    (
        "byline",
        re.compile(
            r"^(?:by\s+[A-Z][\w.'’-]*(?:[\s,]+[\w.'’&-]+){0,7}$|"
            r"(?:articles|reporting|additional reporting|written|edited|compiled) by\b|"
            r"\w[\w ]{0,40}\b(?:staff|associated press) writers?$|"
            r"[A-Za-z ]+ contributed (?:to )?(?:this )?report(?:ing)?\.?$)",
            re.IGNORECASE,
        ),
    ),
    (
        "sign-off",
        # Agency initials and sources at an article's foot: "wmr/wd (AFP, Reuters)".
        re.compile(r"^[a-z]{1,5}(?:/[a-z]{1,5})+\s*(?:\([^)]*\)\s*)?$"),
    ),
    (
        "copyright",
        re.compile(
            r"^(?:copyright\b|©|\(c\)\s*\d{4}|disclaimer\b|note to readers\b|"
            r"terms of (?:use|service)\b|privacy policy\b|for media inquiries\b|"
            r"the original source of this article\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "wire-note",
        # "(Story can end here. Optional adds follow)", "ENDIT", "(MORE)", "NNNN".
        re.compile(
            r"^(?:\(.*\)|\[.*\]|endit|nnnn|end(?: of)? (?:story|optional|adv)\b.*|"
            r"(?:optional )?(?:adds|trim) follows?\b.*|[-=_*#~ ]+)$",
            re.IGNORECASE,
        ),
    ),
)

# One search per flag set instead of one per rule: cleaning runs on every paragraph.
# Every rule above is anchored at the paragraph's start, so each search tries one place.
CLUTTER_SEARCHES = tuple(
    re.compile("|".join(f"(?:{p.pattern})" for _, p in CLUTTER_PATTERNS if p.flags == flags), flags)
    for flags in sorted({p.flags for _, p in CLUTTER_PATTERNS})
)

# Clutter phrases anywhere in a paragraph, each starting a word. They are written
# without a leading \b, which would stop ``re`` from skipping ahead to a phrase's first
# letters (five times slower on news text); ``_has_phrase`` checks the word start. The
# lower-case ones are searched in the lower-cased paragraph: IGNORECASE is slower still.
CLUTTER_PHRASES = re.compile(
    # prompts
    r"(?:newsletter|click here|share (?:this|the) (?:article|story)|share button|"
    r"follow us on|subscribe to (?:our|the)|repost and share|translate website|"
    r"button (?:below|above)|video player|enable javascript|your browser|"
    r"notifications? (?:on|off)|cookie (?:policy|settings)|in the comments)\b|"
    # copyright and disclaimers
    r"all rights reserved|fair use\b|copyrighted material|may not be (?:published|reproduced|"
    r"redistributed|rewritten)|responsible for any inaccurate"
)
# Photo captions carry a credit: "... Pic: SANA/Handout via Reuters". Case matters.
CREDIT_PHRASES = re.compile(
    r"(?:Pics?|Photos?|Images?|Picture|Photograph|Video|Credit|Featured image|Illustration|Graphic)\s?:|"
    r"Getty Images\b|via Reuters$"
)
# "(photo by ...)": the opening of a parenthesized credit, closed further on
# (``_has_photo_note``; "[^)]*\)" would scan to the end from every opening).
PHOTO_NOTE_RE = re.compile(r"\((?:photo|image|picture)\b")

# Inline wire notes inside a prose paragraph. A note is short: its text is read up to
# WIRE_NOTE_CHARS, so an unclosed one is not scanned to the end from every opening.
# The white space before a note goes too (``_drop_inline_wire_notes``).
WIRE_NOTE_CHARS = 300
INLINE_WIRE_NOTE_RE = re.compile(
    r"\((?:MORE|END OPTIONAL TRIM|OPTIONAL TRIM|BEGIN OPTIONAL TRIM|"
    r"(?:Story can end here|Optional add|Editors?:|EDS:)[^)]{0," + str(WIRE_NOTE_CHARS) + r"})\)\s*",
)

# A news service's routing note after a budget line's byline, in parentheses or not:
# "By JODIE SNYDER. Story will move in the ``A'' category." (``_drop_inline_wire_notes``).
ROUTING_NOTE_RE = re.compile(
    r"\(?(?:Story )?will move (?:in|on) the [`'\"“‘]{0,2}\w{1,3}[`'\"”’]{0,2} (?:category|wire)\.?\)?\s*"
)

# "PINE RIDGE, S.D. (AP) --", "BEIJING, Sept. 22 (Xinhua) --", "PHOENIX _",
# "Carver Falls, Ohio (Northline) —": an upper-case place, optional state or date,
# optional agency, a dash; the sentence after it starts with a capital.
DATELINE_RE = re.compile(
    r"""^(?:
        [A-Z][A-Z.'’-]+(?:\ [A-Z][A-Z.'’-]+)*          # PINE RIDGE
        (?:,\ [A-Z][A-Za-z.]*(?:\ [A-Z][A-Za-z.]*)*)?  # , S.D.  / , Sept.
        (?:\ \d{1,2})?                                 # 22
        (?:\ \([A-Za-z][A-Za-z .&/-]{0,30}\))?         # (AP)
      |
        [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,3}        # Carver Falls
        (?:,\ [A-Z][A-Za-z.]*(?:\ [A-Z][A-Za-z.]*)*)?  # , Ohio
        \ \([A-Z][A-Za-z .&/-]{0,30}\)                 # (Northline)  -- required here
    )
    \ *(?:--|—|–|_|-)\ +(?=[A-Z“"‘'])""",
    re.VERBOSE,
)


def clean_article(article: Article) -> CleanArticle:
    return CleanArticle(article=article, paragraphs=clean_text(article.text))


def clean_text(text: str) -> tuple[str, ...]:
    """The prose paragraphs of a scraped text, clutter removed, in order."""
    kept: list[str] = []
    in_related_block = False
    for raw in split_paragraphs(text):
        if MARKDOWN_HEADING_RE.match(raw):
            continue
        paragraph = _strip_markdown(raw)
        if not paragraph:
            continue
        if in_related_block:
            if not _reads_as_prose(paragraph):
                continue
            in_related_block = False
        if RELATED_BLOCK_RE.match(paragraph) and len(paragraph.split()) <= RELATED_BLOCK_MAX_WORDS:
            in_related_block = True
            continue
        if _is_clutter(paragraph):
            continue
        noted = paragraph
        for notes in (INLINE_WIRE_NOTE_RE, ROUTING_NOTE_RE):
            paragraph = _drop_inline_wire_notes(paragraph, notes)
        paragraph = paragraph.strip()
        if paragraph != noted and _is_clutter(paragraph):  # "By Carol Smith. (Story will move ...)"
            continue
        paragraph = DATELINE_RE.sub("", paragraph, count=1)
        if _reads_as_prose(paragraph):
            kept.append(paragraph)
    return tuple(kept)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text, respecting its line breaks.

    Blank lines always separate paragraphs. Inside a block, each line is its own
    paragraph (scraped pages put one paragraph on a line), unless the block is
    hard-wrapped (wire copy, e-mail): lines of similar width that mostly stop
    mid-sentence, which are joined back into one paragraph.
    """
    text = _normalize(text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = INVISIBLE_RE.sub("", text)
    return WHITESPACE_RE.sub(" ", text)


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    widths = [len(line) for line in inner]
    open_ended = sum(1 for line in inner if not SENTENCE_END_RE.search(line))
    return max(widths) <= 100 and median(widths) >= 45 and open_ended * 2 >= len(inner)


def _strip_markdown(paragraph: str) -> str:
    if not MARKDOWN_CHARS_RE.search(paragraph):
        return paragraph.strip()  # plain prose, the common case: nothing to reduce
    paragraph = _strip_links(paragraph, "![", keep_text=False)  # images
    paragraph = _strip_links(paragraph, "[", keep_text=True)
    paragraph = LIST_MARKER_RE.sub("", paragraph)
    paragraph = _strip_emphasis(paragraph)
    paragraph = MARKDOWN_ESCAPE_RE.sub(r"\1", paragraph)
    return WHITESPACE_RE.sub(" ", paragraph).strip()


def _strip_links(text: str, opener: str, *, keep_text: bool) -> str:
    """``text`` with each ``[text](url)`` (``opener`` "[") or ``![alt](src)`` ("![")
    reduced to its text, or removed.

    The links are those ``re.sub`` finds with ``\\[([^\\]]*)\\]\\([^)]*\\)``, found by
    ``str.find``: the regex tries each opening in turn and scans from it to the next
    ``]``, quadratic on a run of openings, though all the openings before one ``]``
    share its fate and none after the last ``]`` or ``)`` can match.
    """
    pieces: list[str] = []
    position = 0
    while (start := text.find(opener, position)) >= 0:
        close = text.find("]", start + len(opener))
        if close < 0:
            break
        if not text.startswith("(", close + 1):
            pieces.append(text[position : close + 1])  # "[a] b": not a link
            position = close + 1
            continue
        end = text.find(")", close + 2)
        if end < 0:
            break
        pieces.append(text[position:start])
        if keep_text:
            pieces.append(text[start + len(opener) : close])
        position = end + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _strip_emphasis(paragraph: str) -> str:
    """``paragraph`` with Markdown emphasis (``*a*``, ``__a__``, ``***a***``) reduced to its text.

    Each pass pairs what ``re.sub`` would with
    ``(?<![\\w*])(\\*{1,3}|_{1,3})(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])``; passes repeat
    for nested emphasis (``*a **b** c*``). The regex scans from each opening run to the
    end of the paragraph when nothing closes it, so pairs are found from the list of
    delimiter runs instead. A paragraph holds no line break (which ``.`` would not cross).
    """
    for _ in range(MAX_EMPHASIS_PASSES):
        if "*" not in paragraph and "_" not in paragraph:
            break
        stripped = _strip_emphasis_once(paragraph)
        if stripped == paragraph:
            break
        paragraph = stripped
    return paragraph


def _strip_emphasis_once(text: str) -> str:
    """One ``re.sub`` pass: left to right, each opening run takes the nearest closing."""
    runs = [(found.start(), found.end()) for found in EMPHASIS_RUN_RE.finditer(text)]
    closings = _emphasis_closings(text, runs)
    pieces: list[str] = []
    position = 0
    for start, end in runs:
        if start < position or (start > 0 and _is_word_or_star(text[start - 1])):
            continue
        for width in range(min(3, end - start), 0, -1):  # the regex tries the widest opening first
            if width == end - start and (end == len(text) or text[end].isspace()):
                continue  # the emphasized text must start with a non-space
            candidates = closings.get((text[start], width), [])
            found = bisect_left(candidates, start + width + 1)  # the nearest, past a non-empty text
            if found < len(candidates):
                close = candidates[found]
                pieces += [text[position:start], text[start + width : close]]
                position = close + width
                break
    pieces.append(text[position:])
    return "".join(pieces)


def _emphasis_closings(text: str, runs: list[tuple[int, int]]) -> dict[tuple[str, int], list[int]]:
    """Where a closing delimiter of each character and width may start, in order: the
    end of a run, after a non-space and before neither a word character nor ``*``."""
    closings: dict[tuple[str, int], list[int]] = {}
    for start, end in runs:
        if end < len(text) and _is_word_or_star(text[end]):
            continue
        for width in range(1, min(3, end - start) + 1):
            close = end - width
            if close > 0 and not text[close - 1].isspace():
                closings.setdefault((text[start], width), []).append(close)
    return closings


def _is_word_or_star(character: str) -> bool:
    return _is_word_character(character) or character == "*"


def _is_clutter(paragraph: str) -> bool:
    return (
        any(pattern.search(paragraph) for pattern in CLUTTER_SEARCHES)
        or _has_phrase(CLUTTER_PHRASES, paragraph.lower())
        or _has_phrase(CREDIT_PHRASES, paragraph)
        or _has_photo_note(paragraph)
    )


def _has_photo_note(paragraph: str) -> bool:
    """Whether ``\\((?:photo|image|picture)\\b[^)]*\\)`` matches: an opening with a ``)``
    anywhere after it (if the first opening has none, no later one has)."""
    found = PHOTO_NOTE_RE.search(paragraph)
    return found is not None and paragraph.find(")", found.end()) >= 0


def _drop_inline_wire_notes(paragraph: str, notes: re.Pattern[str] = INLINE_WIRE_NOTE_RE) -> str:
    """``paragraph`` with each inline wire note (``notes``), and the white space around it,
    as one space. The space before a note is trimmed here: a pattern starting with ``\\s*``
    would be tried from every character of a run of spaces."""
    pieces: list[str] = []
    position = 0
    for note in notes.finditer(paragraph):
        pieces += [paragraph[position : note.start()].rstrip(), " "]
        position = note.end()
    pieces.append(paragraph[position:])
    return "".join(pieces)


def _has_phrase(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches where a word starts (or at a non-word character)."""
    position = 0
    while (found := pattern.search(text, position)) is not None:
        start = found.start()
        if start == 0 or not _is_word_character(text[start]) or not _is_word_character(text[start - 1]):
            return True
        position = start + 1
    return False


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _reads_as_prose(paragraph: str) -> bool:
    if not any(c.isalpha() for c in paragraph):
        return False
    upper, lower = sum(map(str.isupper, paragraph)), sum(map(str.islower, paragraph))
    if upper > 3 and upper > 4 * lower:
        return False  # an all-capitals headline or wire slug (over 80% capitals)
    return bool(SENTENCE_END_RE.search(paragraph)) or len(paragraph.split()) >= MIN_UNPUNCTUATED_WORDS
