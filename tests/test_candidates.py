"""Readability: what may stand in a digest on its own."""

from __future__ import annotations

import pytest

from summarizer.candidates import is_candidate, standalone_weight
from summarizer.model import Sentence
from summarizer.options import SummaryOptions


def candidate(text: str) -> bool:
    return is_candidate(Sentence(0, 0, 3, text), SummaryOptions())


@pytest.mark.parametrize(
    "text",
    [
        "He added that the ferry would be refloated at high tide on Friday.",  # pronoun, antecedent elsewhere
        "She said the company would pay for the passengers' hotel rooms.",
        "But this was not the first time a Blue Strait ferry ran aground.",  # connective
        "However, the coast guard said the weather had played no part.",
        "This led to a second inquiry into the company's safety record.",
        "They were taken to the island's clinic with minor injuries.",
        "“The captain did everything by the book,” he said on Thursday evening.",  # speaker is only "he"
        "“The captain did everything by the book, and we will show it.",  # half a quote
        "Why did the ferry leave port when the depth sounder was faulty?",  # a question
        "and then the ferry struck the sandbar about a mile from the harbour.",  # fragment
        "Ferry aground.",  # too short
        " ".join(["word"] * 61) + ".",  # run-on
        # issue 12: what leans on the sentence before, and transcript and quote fragments
        "Which is a good thing for the company that runs the ferry to Pellan.",
        "Meanwhile, the second ferry of the line kept to its timetable all week.",
        "In other words, the depth sounder had been broken for a month.",
        "More ferries, though, are due to join the fleet next spring.",
        "A: There are no rules on how deep a channel must be dredged.",
        "Yeah, give me a ferry that leaves on time every single day.''",
        "``The captain did everything by the book, and we will show it.",
    ],
)
def test_sentences_that_lean_on_context_are_not_candidates(text: str) -> None:
    assert not candidate(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ferry Marisol ran aground off Pellan Island on Thursday evening.",
        "“The captain did everything by the book,” said Martina Velez, a company spokeswoman.",
        "Four passengers were treated for minor injuries at the island's clinic.",
        "212 passengers and 14 crew were taken off by lifeboats, the coast guard said.",
        "Heavy fog had lifted by the time the ferry left Port Delane.",  # "He" only as a word prefix
        "Whichever route it took, the ferry would have crossed the sandbar at low tide.",
    ],
)
def test_standalone_reporting_sentences_are_candidates(text: str) -> None:
    assert candidate(text)


def test_quote_led_sentences_are_discounted_not_excluded() -> None:
    quoted = Sentence(0, 0, 1, "“We were lucky,” Mayor Luis Ortega told reporters at the scene.")
    reported = Sentence(0, 0, 1, "Mayor Luis Ortega told reporters the city had been lucky.")
    assert standalone_weight(quoted) < standalone_weight(reported) == 1.0
