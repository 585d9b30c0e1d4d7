"""Sentence text -> content terms: the words that carry a sentence's meaning, stemmed.

Terms feed both the TF-IDF vectors (ranking) and the fact keys (redundancy). Stop
words are scikit-learn's English list plus words that every news sentence shares
(reporting verbs, honorifics, the Arabic article "al"), which would otherwise make
unrelated sentences look alike. Stemming is NLTK's Snowball (Porter 2001), which
needs no downloaded data.
"""

from __future__ import annotations

import functools
import re

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["QUERY_INSTRUCTION_STEMS", "STOP_WORDS", "Stemmer", "TermAnalyzer", "stop_word_ratio", "words"]

STEM_MEMO_SIZE = 100_000

NEWS_STOP_WORDS = frozenset(
    """
    said says say saying told tells according added adds reported reports mr mrs ms dr al el
    ul bin s t ll ve d m re also just like
    """.split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP_WORDS

# Words that tell a summarizer what to do rather than what the subject is
# ("Discuss conditions on reservations. Include benefits and drawbacks."), as stems.
QUERY_INSTRUCTION_STEMS = frozenset(
    """
    discuss describ includ identifi explain inform specif detail give provid list mention
    report relat regard concern aspect issu type kind exampl effect
    """.split()
)

# Letters and digits, with inner apostrophes kept ("don't") and the possessive "'s"
# split off below. Hyphens split: "al-Assad" -> "al", "assad".
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
POSSESSIVE_ENDINGS = ("'s", "’s")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessives removed."""
    return [w[:-2] if w.endswith(POSSESSIVE_ENDINGS) else w for w in WORD_RE.findall(text.lower())]


def stop_word_ratio(text: str) -> float:
    """Share of tokens that are English stop words: about 0.4 in English news prose,
    near 0 in other languages, which is how a non-English document is recognised."""
    tokens = words(text)
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t in ENGLISH_STOP_WORDS) / len(tokens)


class Stemmer:
    """Snowball stems, memoised. Built once with the ``Summarizer`` and shared by its
    calls: news reuses a small vocabulary, and stemming is the costliest step of
    term analysis. The memo is bounded (an LRU of ``STEM_MEMO_SIZE`` words) and a
    stem depends only on its word, so no call can see another's data through it."""

    def __init__(self) -> None:
        self.stem = functools.lru_cache(maxsize=STEM_MEMO_SIZE)(SnowballStemmer("english").stem)

    def __reduce__(self) -> tuple[type[Stemmer], tuple[()]]:
        # Sent to a Dask worker as a fresh stemmer: the memo is a cache, not state.
        return (Stemmer, ())


class TermAnalyzer:
    """Content terms of sentences and queries."""

    def __init__(self, stemmer: Stemmer | None = None) -> None:
        self._stem = (stemmer or Stemmer()).stem

    def terms(self, text: str) -> list[str]:
        return [self._stem(w) for w in words(text) if w not in STOP_WORDS and len(w) >= 2 and not w.isdigit()]

    def fact_terms(self, text: str) -> list[str]:
        """Terms plus the numbers a sentence states ("212 passengers", "in 2024"): two
        sentences giving the same figures most likely report the same fact. Numbers
        stay out of ranking, where they would only add noise."""
        return [self._stem(w) if not w.isdigit() else w for w in words(text) if w not in STOP_WORDS and len(w) >= 2]

    def query_terms(self, query: str) -> list[str]:
        return [t for t in self.terms(query) if t not in QUERY_INSTRUCTION_STEMS]
