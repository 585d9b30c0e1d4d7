"""CleanArticle paragraphs -> sentences, with NLTK's Punkt (Kiss & Strunk 2006).

Punkt needs parameters (abbreviations, collocations, sentence starters, orthographic
contexts). NLTK's own are a separate download, which we may not do; ours ship in
``summarizer/punkt_english/`` in NLTK's ``punkt_tab`` format, trained by
``scripts/train_punkt.py`` on newswire text and extended with a hand-reviewed list of
abbreviations. Loading them takes tens of milliseconds, so a ``SentenceSegmenter`` is
built once (``load_segmenter``) and reused; it holds no per-call state.

Paragraphs are segmented one at a time, so a sentence never spans a paragraph or line
break (``cleaning.split_paragraphs`` decides what a paragraph is).

NLTK 3.10 runs each of its patterns under a 5-second wall-clock limit, one scan of a
whole paragraph included, and raises ``TimeoutError`` past it: a 490 KB paragraph of
"!? " hit it, and on a busy machine a far shorter one would. Punkt's patterns are
fixed and linear, and a document's length is capped (``max_document_chars``), so ours
run without that limit (issue 11): every one of them, down to the test of a single token,
which a loaded machine can also hold up past a short limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from .model import CleanArticle, Sentence

try:
    from nltk.redos import TimedPattern as _TimedPattern
    from nltk.redos import compile as _untimed_compile
except ImportError:  # NLTK before 3.10 puts no limit on its patterns
    _TimedPattern = ()

__all__ = ["SentenceSegmenter", "is_collocation", "load_segmenter", "segment_articles"]

PARAMETERS_PACKAGE = "summarizer.punkt_english"
# A collocation tells Punkt that a period between two words ends no sentence ("Dr. John",
# "Aug. 5", "a.m. EST"). Learned over every period (INCLUDE_ALL_COLLOCS), the corpus also
# gave pairs of ordinary words that met once across a sentence end, "autos. Properly" or
# "million. Creating", and Punkt then glued those two sentences wherever the pair recurred.
# Only a collocation whose first word is an abbreviation or an initial is kept: after a
# number too, the corpus gave sentence ends ("in 1994. Montana outlawed ..."). The
# initials "a" and "i" are kept as such ("A. Kampouris"), though not as abbreviations.
INITIAL_RE = re.compile(r"[a-z](?:\.[a-z])*")
# Punkt's own test of a token type that is not only punctuation (``punkt._re_non_punct``).
NON_PUNCTUATION_RE = re.compile(r"[^\W\d]")


class SentenceSegmenter:
    """Splits a paragraph into verbatim sentences."""

    def __init__(self, parameters: PunktParameters) -> None:
        self._tokenizer = PunktSentenceTokenizer(parameters, lang_vars=_UntimedLanguageVars(), token_cls=_UntimedToken)

    def split(self, paragraph: str) -> list[str]:
        return [
            paragraph[start:end].strip()
            for start, end in self._tokenizer.span_tokenize(paragraph)
            if paragraph[start:end].strip()
        ]


def _untimed(pattern: Any) -> Any:
    """``pattern`` without NLTK's wall-clock limit (module docstring)."""
    return _untimed_compile(pattern, timeout=None) if isinstance(pattern, _TimedPattern) else pattern


class _UntimedLanguageVars(PunktLanguageVars):  # type: ignore[misc]
    """Punkt's English, its patterns run without NLTK's wall-clock limit."""

    re_boundary_realignment = _untimed(PunktLanguageVars.re_boundary_realignment)

    def period_context_re(self) -> Any:
        return _untimed(super().period_context_re())

    def _word_tokenizer_re(self) -> Any:
        return _untimed(super()._word_tokenizer_re())


class _UntimedToken(PunktToken):  # type: ignore[misc]
    """Punkt's token, its patterns run without NLTK's wall-clock limit."""

    _RE_ELLIPSIS = _untimed(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _untimed(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _untimed(PunktToken._RE_INITIAL)
    _RE_ALPHA = _untimed(PunktToken._RE_ALPHA)

    @property
    def is_non_punct(self) -> bool:
        """True if the token's type holds a letter (numbers are typed "##number##")."""
        return NON_PUNCTUATION_RE.search(self.type) is not None


def is_collocation(first: str, abbreviations: set[str]) -> bool:
    """Whether Punkt may learn a collocation starting with the type ``first`` (``INITIAL_RE``)."""
    return first in abbreviations or INITIAL_RE.fullmatch(first) is not None


def load_segmenter() -> SentenceSegmenter:
    return SentenceSegmenter(load_punkt_parameters())


def load_punkt_parameters() -> PunktParameters:
    files = resources.files(PARAMETERS_PACKAGE)
    parameters = PunktParameters()
    parameters.abbrev_types = set(_lines(files.joinpath("abbrev_types.txt").read_text("utf-8")))
    parameters.sent_starters = set(_lines(files.joinpath("sent_starters.txt").read_text("utf-8")))
    for line in _lines(files.joinpath("collocations.tab").read_text("utf-8")):
        first, second = line.split("\t")
        parameters.collocations.add((first, second))
    for line in _lines(files.joinpath("ortho_context.tab").read_text("utf-8")):
        word, flags = line.split("\t")
        parameters.ortho_context[word] = int(flags)
    return parameters


def segment_articles(articles: Sequence[CleanArticle], segmenter: SentenceSegmenter) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for article_index, article in enumerate(articles):
        position = 0
        for paragraph in article.paragraphs:
            for text in segmenter.split(paragraph):
                sentences.append(Sentence(len(sentences), article_index, position, text))
                position += 1
    return tuple(sentences)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]
