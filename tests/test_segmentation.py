from __future__ import annotations

import pytest

from summarizer.model import Article, CleanArticle
from summarizer.segmentation import SentenceSegmenter, is_collocation, load_punkt_parameters, segment_articles

ELLIPSIS_INSIDE = "China opposes foreign interference, unilateral bullying ... and will support reconstruction."

# Tricky cases for a news sentence splitter: (paragraph, expected sentences).
CASES = [
    (
        "Mr. Smith went to Washington. He met the U.S. envoy.",
        ["Mr. Smith went to Washington.", "He met the U.S. envoy."],
    ),
    (
        "The U.N. Security Council met on Sept. 22. It voted 13-2.",
        ["The U.N. Security Council met on Sept. 22.", "It voted 13-2."],
    ),
    (
        "Prices rose 3.5 percent in the U.S. The Fed said so.",
        ["Prices rose 3.5 percent in the U.S.", "The Fed said so."],
    ),
    (
        "J. R. R. Tolkien wrote it. George W. Bush read it.",
        ["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
    ),
    (
        "“We will rebuild the world,” he said. Then he left.",
        ["“We will rebuild the world,” he said.", "Then he left."],
    ),
    ('She said, "Leave now." He stayed.', ['She said, "Leave now."', "He stayed."]),
    ("“It is over.” The crowd cheered.", ["“It is over.”", "The crowd cheered."]),
    (
        "He paused... then continued. Wait... What happened?",
        ["He paused... then continued.", "Wait... What happened?"],
    ),
    (ELLIPSIS_INSIDE, [ELLIPSIS_INSIDE]),
    (
        "The company, Acme Inc., fell 2%. Shares of Foo Corp. rose.",
        ["The company, Acme Inc., fell 2%.", "Shares of Foo Corp. rose."],
    ),
    (
        "He was born in Washington, D.C. He moved to N.Y. in 1990.",
        ["He was born in Washington, D.C.", "He moved to N.Y. in 1990."],
    ),
    ("The vote was 5 to 4. Dr. Jones dissented.", ["The vote was 5 to 4.", "Dr. Jones dissented."]),
    ("Is it over? No. It is not!", ["Is it over?", "No.", "It is not!"]),
    (
        "He ranked No. 1 in the world. The answer was no. They left.",
        ["He ranked No. 1 in the world.", "The answer was no.", "They left."],
    ),
    ("The meeting ended at 5 p.m. on Friday.", ["The meeting ended at 5 p.m. on Friday."]),
    (
        "Gen. Mark Milley spoke. Sen. John McCain replied.",
        ["Gen. Mark Milley spoke.", "Sen. John McCain replied."],
    ),
    (
        "The rate fell to 0.25 percent. Markets rose 1.5%.",
        ["The rate fell to 0.25 percent.", "Markets rose 1.5%."],
    ),
    ("No punctuation at the end here", ["No punctuation at the end here"]),
    pytest.param(
        "The meeting ended at 5 p.m. Officials then left.",
        ["The meeting ended at 5 p.m.", "Officials then left."],
        marks=pytest.mark.xfail(
            strict=True,
            reason="Punkt keeps an abbreviation followed by a capitalised word it has seen mid-sentence",
        ),
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), CASES)
def test_tricky_sentence_boundaries(segmenter: SentenceSegmenter, paragraph: str, expected: list[str]) -> None:
    assert segmenter.split(paragraph) == expected


def test_sentences_never_span_paragraphs(segmenter: SentenceSegmenter) -> None:
    article = Article("a", "Outlet", "", None, None, "")
    clean = CleanArticle(article, ("The vote ended at 5 p.m.", "Officials left the hall. Then the lights went out."))
    sentences = segment_articles([clean], segmenter)
    assert [s.text for s in sentences] == [
        "The vote ended at 5 p.m.",
        "Officials left the hall.",
        "Then the lights went out.",
    ]
    assert [s.position for s in sentences] == [0, 1, 2]


def test_sentences_are_verbatim_substrings(segmenter: SentenceSegmenter) -> None:
    paragraph = "  Mr. Lee arrived.   She left at 3 p.m. on Monday.  "
    for sentence in segmenter.split(paragraph):
        assert sentence in paragraph


def test_two_ordinary_words_met_once_across_a_sentence_end_do_not_glue_it(segmenter: SentenceSegmenter) -> None:
    """The training corpus had "autos. Properly" once; learned as a collocation, the pair
    glued the two sentences wherever it recurred (three DUC 2006 digest sentences held two)."""
    paragraph = "Most child seats are badly installed in autos. Properly used seats halve the risk."
    assert segmenter.split(paragraph) == [
        "Most child seats are badly installed in autos.",
        "Properly used seats halve the risk.",
    ]


def test_every_shipped_collocation_follows_an_abbreviation_a_number_or_an_initial() -> None:
    parameters = load_punkt_parameters()
    assert parameters.collocations
    assert all(is_collocation(first, parameters.abbrev_types) for first, _ in parameters.collocations)
    assert not is_collocation("autos", parameters.abbrev_types)
