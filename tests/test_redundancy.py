from __future__ import annotations

import numpy as np
import pytest

from summarizer.redundancy import FactIndex
from summarizer.terms import TermAnalyzer

# Background sentences give the cluster its IDF, as a real cluster would.
BACKGROUND = [
    "Assad arrived in China on Thursday ahead of the Asian Games in Hangzhou.",
    "Syria's civil war began in 2011 and has killed more than half a million people.",
    "Beijing brokered a deal between Saudi Arabia and Iran earlier this year.",
    "China is a permanent member of the UN Security Council.",
    "The Asian Games open on Saturday with leaders from across the region.",
]


def overlap(a: str, b: str) -> float:
    analyzer = TermAnalyzer()
    index = FactIndex([analyzer.terms(t) for t in (a, b, *BACKGROUND)])
    return float(index.overlap_matrix([0, 1])[0, 1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "al-Assad" vs "Assad", "Syrian" vs "Syria", "met" vs "held talks"
        (
            "Chinese President Xi Jinping met Syrian President Bashar al-Assad on Friday "
            "and announced a strategic partnership.",
            "Xi held talks with Bashar Assad of Syria on Friday, and China declared a strategic partnership.",
        ),
        (
            "Xi Jinping and Bashar al-Assad announced a strategic partnership on Friday.",
            "China and Syria announced the establishment of a strategic partnership after Xi met Assad.",
        ),
        (
            "Three people were injured when the bridge collapsed, officials said.",
            "The bridge collapse injured three people, according to officials.",
        ),
    ],
)
def test_paraphrases_across_outlets_are_one_fact(a: str, b: str) -> None:
    assert overlap(a, b) >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Xi Jinping and Bashar al-Assad announced a strategic partnership on Friday.",
            "Assad arrived in China on Thursday to attend the opening of the Asian Games.",
        ),
        (
            "Xi Jinping and Bashar al-Assad announced a strategic partnership on Friday.",
            "Syria joined China's Belt and Road Initiative in 2022.",
        ),
    ],
)
def test_different_facts_about_the_same_people_are_not_one_fact(a: str, b: str) -> None:
    assert overlap(a, b) < 0.5


def test_overlap_is_symmetric_and_one_for_identical_sentences() -> None:
    analyzer = TermAnalyzer()
    sentences = [
        "The ferry ran aground on Thursday.",
        "All passengers were evacuated by lifeboat.",
        "The ferry ran aground on Thursday.",
    ]
    index = FactIndex([analyzer.terms(t) for t in sentences])
    overlap = index.overlap_matrix([0, 1, 2])
    assert overlap[0, 2] == pytest.approx(1.0)
    assert overlap[0, 1] == pytest.approx(overlap[1, 0])


def test_stated_share_counts_what_the_picked_sentences_already_say() -> None:
    analyzer = TermAnalyzer()
    sentences = [
        "Ferry aground near island.",
        "Passengers evacuated by lifeboat.",
        "Ferry passengers evacuated near island.",
    ]
    index = FactIndex([analyzer.terms(t) for t in sentences])
    stated = FactIndex.StatedKeys(index, np.arange(3))
    assert 0 < stated.add(0)[2] < 1
    assert stated.add(1)[2] == pytest.approx(1.0)
