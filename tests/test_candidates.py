"""Readability: what may stand in a digest on its own."""

from __future__ import annotations

import pytest

from summarizer.candidates import (
    candidate_flags,
    candidate_verdicts,
    is_candidate,
    leaning_pairs,
    leans_on_context,
    leans_on_context_for_credit,
    rejection,
    standalone_weight,
)
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
        # near misses of the rules for sentences that name no one
        "Officials urged those living near the harbour to leave before the storm.",
        "The coast guard offered rooms to those over 65 and to families with children.",
        "Police said those responsible for the fuel spill would be fined.",
        "Jonas Arlen, who is also the line's safety officer, signed the log.",
        "The Marisol, also spelled Marizol in the port's records, ran aground.",
        "Other than the captain, none of the 212 passengers was hurt.",
        "Nor'easter winds kept the ferry in port for two more days.",
        "Harbour officials say high fuel prices are here to stay.",
        "Mine rescuers from Pellan reached the island by boat on Friday.",
        "The mine's owner, Pellan Quarries, lent two boats to the rescue.",
    ],
)
def test_standalone_reporting_sentences_are_candidates(text: str) -> None:
    assert candidate(text)


def test_quote_led_sentences_are_discounted_not_excluded() -> None:
    quoted = Sentence(0, 0, 1, "“We were lucky,” Mayor Luis Ortega told reporters at the scene.")
    reported = Sentence(0, 0, 1, "Mayor Luis Ortega told reporters the city had been lucky.")
    assert standalone_weight(quoted) < standalone_weight(reported) == 1.0


@pytest.mark.parametrize(
    ("text", "discounted"),
    [
        ('"Black Boxes" are the flight data recorder and the cockpit voice recorder.', False),
        ("“Sea legs” is what the crew calls the ferry's new stabilisers.", False),
        ('"We were lucky," Mayor Luis Ortega told reporters at the scene.', True),
        ('"We did everything we could to keep the ferry off the sandbar" in the fog, he said.', True),
        ("“Unsafe at any speed”, the inspectors wrote of the ferry in 2019.", True),
        ("‘We’re lucky,’ Mayor Luis Ortega told reporters at the scene.", True),  # an apostrophe, not the close
        ("'We're not leaving,' a passenger said on the quay.", True),
    ],
)
def test_a_term_in_quotation_marks_opens_no_quotation(text: str, discounted: bool) -> None:
    assert (standalone_weight(Sentence(0, 0, 1, text)) < 1.0) is discounted


def test_a_chronology_entry_is_not_a_candidate() -> None:
    assert rejection(
        Sentence(0, 0, 3, "1:50 a.m. EST -- Plane begins descent from 33,000 feet."), SummaryOptions()
    ) == ("timeline entry")
    assert candidate("At 1:50 a.m. the plane began its descent from 33,000 feet -- too steeply, investigators said.")
    assert candidate("10–15 people were injured in the blast on the ferry's car deck, police said.")
    assert candidate("20 -- 30 houses on the island were flooded after the storm, officials said.")


# issue 12, point 4: each rule with a sentence it rejects and a close one it keeps.
@pytest.mark.parametrize(
    ("rejected", "kept", "reason"),
    [
        (
            "In contrast, only 71 percent of the ferry's passengers wore life jackets.",
            "In March, only 71 percent of the ferry's passengers wore life jackets.",
            "connective opening",
        ),
        (
            "Another ferry company, Blue Strait Lines, cancelled its evening crossings.",
            "A second ferry company, Blue Strait Lines, cancelled its evening crossings.",
            "connective opening",
        ),
        (
            "Martina Velez: No, the captain was not on the bridge at the time.",
            "Martina Velez said the captain was not on the bridge at the time.",
            "label line",
        ),
        (
            "INTERVIEWS WITH: Martina Velez, the company's spokeswoman, and two passengers.",
            "Reporters spoke with Martina Velez, the company's spokeswoman, and two passengers.",
            "label line",
        ),
        ("Ferry Runs Aground Off Pellan Island.", "A ferry ran aground off Pellan Island.", "headline"),
        (
            "The ferry left Port Delane at noon.The coast guard was called at four.",
            "The ferry Explore.Zip left Port Delane at noon and ran aground at four.",
            "glued sentences",
        ),
        (
            "Refloating will be tried again at the next spring tide.)",
            "Refloating (a tug is on its way) will be tried at the next spring tide.",
            "half a parenthesis",
        ),
        (
            "I don't know where the lifeboats went after that night.",
            "“I don't know where the lifeboats went,” said Luis Ortega, a passenger.",
            "first person without a speaker",
        ),
        (
            "My daughter isn't ready for the crossing yet.",  # the capital is the sentence's
            "US inspectors said the ferry was not ready for the crossing yet.",  # an acronym, not "us"
            "first person without a speaker",
        ),
        (
            "Most were treated for minor injuries at the island's clinic.",
            "Most passengers were treated for minor injuries at the island's clinic.",
            "quantifier without its set",
        ),
        (
            "Twelve passengers were hurt during those crossings.",
            "Of 40 crossings, 12 ran late, and six of those crossings were cancelled.",  # named in the sentence
            "demonstrative",
        ),
        (
            "Salvage crews also pumped water from the damaged hull.",
            "The ferry Marisol, also known as the Blue Lady, ran aground on Thursday.",
            "also with nothing before",
        ),
        (
            "Nor did the inquiry say whether the sounder had been repaired.",
            "Norway's coast guard did not say whether the sounder had been repaired.",
            "opening refers back",
        ),
        (
            "Other ferries were held in port until the fog lifted.",
            "Othello, the line's oldest ferry, was held in port until the fog lifted.",
            "opening refers back",
        ),
        (
            "None seems to have been damaged in the grounding.",
            "None of the passengers seems to have been hurt in the grounding.",
            "quantifier without its set",
        ),
        (
            "We're told the ferry will be refloated on Friday.",
            "“We're going to refloat her on Friday,” said Martina Velez, a company spokeswoman.",
            "first person without a speaker",
        ),
        (
            "I'm told the ferry will be refloated on Friday.",
            "Im Ha-neul, a deckhand, said the ferry will be refloated on Friday.",
            "first person without a speaker",
        ),
        (
            "My daughter isn’t ready for the crossing yet.",  # an apostrophe, not a quotation
            "Ana Ruiz’s daughter isn’t ready for the crossing yet, her mother said.",
            "first person without a speaker",
        ),
        (
            "The coast guard’s cutter here towed the ferry off the sandbar.",
            "The coast guard’s cutter from Port Delane towed the ferry off the sandbar.",
            "here without a place",
        ),
        (
            "I also think the ferry should never have left port.",  # first person, paired or not
            "Martina Velez thinks the ferry should never have left port.",
            "first person without a speaker",
        ),
        (
            "The coast guard said here on Friday that the ferry would be refloated.",
            "“We will refloat her here,” said Martina Velez, a company spokeswoman.",
            "here without a place",
        ),
        (
            "Finally, divers sealed the crack in the ferry's hull.",
            "Finally sealed, the ferry's hull held through the night.",  # no step of a sequence
            "step of a sequence",
        ),
        (
            "First, salvage crews pumped water from the damaged hull.",
            "First Minister Ana Ruiz said salvage crews pumped water from the hull.",
            "step of a sequence",
        ),
        (
            "One reason is that the depth sounder had failed an hour before.",
            "One reason for the grounding was a depth sounder that had failed an hour before.",
            "shell noun",
        ),
        (
            "The question is whether the ferry can be refloated at the next spring tide.",
            "The question of refloating the ferry will be decided at the next spring tide.",
            "shell noun",
        ),
        (
            "The results were in line with what the inspectors had found in 2019.",
            "The results of the 2019 inspection were published on Friday.",
            "shell noun",
        ),
        (
            "The cause was a faulty valve in the ferry's fuel line.",
            "The problem was found by divers in the ferry's hull.",  # a passive: a definite description
            "shell noun",
        ),
        (
            "The problem is that the depth sounder had failed an hour before.",
            "A problem was found in the ferry's depth sounder.",  # an indefinite introduces one
            "shell noun",
        ),
        (
            "Finally, divers sealed the crack below the waterline.",
            "Finally, after six days of work, divers sealed the crack below the waterline.",  # at last
            "step of a sequence",
        ),
    ],
)
def test_each_new_rule_rejects_its_case_and_keeps_a_close_one(rejected: str, kept: str, reason: str) -> None:
    assert rejection(Sentence(0, 0, 3, rejected), SummaryOptions()) == reason
    assert candidate(kept)


def article(*texts: str, index: int = 0) -> list[Sentence]:
    return [Sentence(n, index, n, text) for n, text in enumerate(texts)]


def test_a_surname_alone_is_not_a_candidate_once_the_article_gave_the_full_name() -> None:
    sentences = article(
        "Captain Jonas Arlen had commanded the ferry Marisol for six years.",
        "Arlen told investigators the depth sounder had failed an hour before.",
        "Jonas Arlen told investigators the depth sounder had failed an hour before.",
        "Mr. Arlen told investigators the depth sounder had failed an hour before.",
    )
    assert candidate_flags(sentences, SummaryOptions()) == [True, False, True, False]
    # Alone, the sentence cannot know the article named him before.
    assert candidate(sentences[1].text)


def test_credit_reads_a_sentence_whose_fact_is_whole() -> None:
    """An early "also" or a "here" keeps a sentence out of the digest, not out of credit."""
    for text in (
        "West Nile can also cause encephalitis, a swelling of the brain.",
        "The cabinet here approved a ban.",
        "Finally, divers sealed the crack below the waterline.",
    ):
        assert leans_on_context(text) is not None
        assert leans_on_context_for_credit(text) is None
    assert leans_on_context_for_credit("Most were treated for minor injuries at the clinic.") is not None


def test_the_new_rules_lean_on_the_sentence_before() -> None:
    """A set, a thing, an "also" or a he or she the sentence does not name may be read right
    after the sentence that names it."""
    sentences = article(
        "Four passengers of the ferry Marisol were taken to the island's clinic.",
        "Most were treated for minor injuries and released.",
        "Salvage crews worked through the night on the ferry's hull.",
        "Divers also found a second crack below the waterline.",
        "The crews had seen such damage on two ferries last year.",
        "Divers said neither of those ferries sank after the damage was found.",
    )
    verdicts = candidate_verdicts(sentences, SummaryOptions())
    assert verdicts[1::2] == ["quantifier without its set", "also with nothing before", "demonstrative"]
    assert leaning_pairs(sentences, verdicts) == {1: 0, 3: 2, 5: 4}


def test_a_shell_noun_and_a_step_of_a_sequence_lean_on_the_sentence_before() -> None:
    sentences = article(
        "The ferry Marisol ran aground off Pellan Island on Thursday.",
        "One reason is that its depth sounder had failed an hour before.",
        "Salvage crews first pumped water from the damaged hull.",
        "Finally, divers sealed the crack below the waterline.",
    )
    verdicts = candidate_verdicts(sentences, SummaryOptions())
    assert verdicts == [None, "shell noun", None, "step of a sequence"]
    assert leaning_pairs(sentences, verdicts) == {1: 0, 3: 2}


def test_he_or_she_in_a_sentence_that_names_no_one_is_not_a_candidate() -> None:
    """The first word names someone only if the cluster never writes it in lower case."""
    sentences = [
        *article(
            "Captain Jonas Arlen said doctors had seen four passengers.",
            "Doctors told her to rest for a week.",  # "doctors" is a common word here
            "Properly fitted life jackets halve the risk of drowning, he said.",
            "The storm is over, and he's back at the helm.",  # "he's"
            "In his report, Captain Arlen wrote that the sounder had failed.",  # named after
        ),
        Sentence(5, 1, 0, "Arlen said he had followed the charted route."),  # "Arlen" names him
        Sentence(6, 2, 0, "Arlen's lawyer said she would speak for him on Monday."),
        # "Police" is capitalised inside a name, but the cluster also writes "police"
        Sentence(7, 3, 0, "The Harbour Police said the police had closed the quay."),
        Sentence(8, 4, 0, "Police told her to wait on the quay until noon."),
    ]
    verdicts = candidate_verdicts(sentences, SummaryOptions())
    assert verdicts == [
        *[None, "pronoun without a name", "pronoun without a name", "pronoun without a name", None],
        *[None, None, None, "pronoun without a name"],
    ]


def test_a_principal_of_the_story_needs_no_first_name() -> None:
    """Named in at least half of the articles (and in three), a person is the story's own."""
    first = "Captain Jonas Arlen had commanded the ferry Marisol for six years."
    second = "Arlen told investigators the depth sounder had failed an hour before."
    principal = [s for i in range(3) for s in article(first, second, index=i)]
    assert candidate_flags(principal, SummaryOptions()) == [True, True] * 3
    minor = principal[:2] + [
        s for i in (1, 2) for s in article("Four passengers were treated for minor injuries.", index=i)
    ]
    assert candidate_flags(minor, SummaryOptions()) == [True, False, True, True]


def test_a_sentence_leaning_on_the_candidate_before_it_is_paired_with_it() -> None:
    sentences = [
        *article(
            "Captain Jonas Arlen had commanded the ferry Marisol for six years.",
            "He told investigators the depth sounder had failed an hour before.",  # leans on 0
            "However, the coast guard said the sounder was inspected in May.",  # leans on 1, not a candidate
            "Salvage crews pumped water from the damaged hull through the night.",
            "Is the ferry safe to refloat before the storm season begins?",  # a question: no pair
        ),
        # Another article's first sentence leans on nothing this article said.
        Sentence(5, 1, 0, "They said the inquiry would report by the end of the month."),
    ]
    verdicts = candidate_verdicts(sentences, SummaryOptions())
    assert [v is None for v in verdicts] == candidate_flags(sentences, SummaryOptions())
    assert leaning_pairs(sentences, verdicts) == {1: 0}
