"""Which sentences may stand in a digest on their own.

A digest sentence is read out of its context, so one that leans on context reads
badly: "He added that...", "But this...", a question, a quote attributed to "he", a
fragment starting in lower case. Those stay in the graph (they still vote for what
matters) but are not selected.
"""

from __future__ import annotations

import re

from .model import Sentence
from .options import SummaryOptions

__all__ = ["QUOTE_WEIGHT", "is_candidate", "standalone_weight"]

# A digest reports; a sentence that opens with a direct quote is kept for when the
# quote is the news, so it is discounted rather than excluded.
QUOTE_WEIGHT = 0.85

# An opening word whose referent is outside the sentence.
DANGLING_OPENING_RE = re.compile(
    r"^[\"“‘'`]*(?:he|she|they|it|its|his|her|their|this|that|these|those|such|but|and|or|"
    r"so|yet|still|however|also|instead|then|thus|hence|there|here|both|neither|either|"
    # issue 12: a relative or a connective that leans on the sentence before. (Openings with
    # "some", "most", "another" or "I", and "the report said" without the report, were tried:
    # they lowered query-focused ROUGE-2 on DUC 2006, and are left to a rule that reads the
    # article's earlier sentences.)
    r"which|meanwhile|in other words|after that|even so|out of this|"
    r"for (?:him|her|them)|on the (?:inside|other hand))\b",
    re.IGNORECASE,
)
# A connective set off inside the sentence: "More air bags, though, are on the way."
INNER_CONNECTIVE_RE = re.compile(r",\s?(?:though|however|too|meanwhile|instead|nonetheless|nevertheless)\s?[,.]")
# An interview transcript's "Q:" and "A:".
TRANSCRIPT_RE = re.compile(r"^[QA]:\s")
# "...,” he said." – the speaker is only a pronoun.
PRONOUN_ATTRIBUTION_RE = re.compile(
    r"[,.!?][\"”’']\s+(?:he|she|they|it)\s+(?:said|added|says|told|continued|explained)",
    re.IGNORECASE,
)
OPEN_QUOTE_RE = re.compile(r"[\"“”]")


def is_candidate(sentence: Sentence, options: SummaryOptions) -> bool:
    text = sentence.text
    if not options.min_sentence_words <= sentence.words <= options.max_sentence_words:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False  # a fragment, or a line the segmenter could not split well
    if text.rstrip("\"”’' )").endswith("?"):
        return False
    if DANGLING_OPENING_RE.match(text) or PRONOUN_ATTRIBUTION_RE.search(text):
        return False
    if INNER_CONNECTIVE_RE.search(text) or TRANSCRIPT_RE.match(text):
        return False
    # An odd number of double quotes, or of wire copy's `` and '', is half a quotation.
    return len(OPEN_QUOTE_RE.findall(text)) % 2 == 0 and text.count("``") == text.count("''")


def standalone_weight(sentence: Sentence) -> float:
    """Multiplier on a candidate's relevance for how well it reads as reporting."""
    return QUOTE_WEIGHT if sentence.text[0] in "\"“‘'" else 1.0
