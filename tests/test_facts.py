"""The same-fact rule of credit (issue 12): cores must agree, not only words."""

from __future__ import annotations

import pytest

from summarizer import Summarizer, SummaryOptions
from summarizer.facts import FactCores
from summarizer.redundancy import FactIndex
from summarizer.terms import Stemmer, TermAnalyzer

from .builders import make_document

SOURCE = (
    "Harbor Authority chief Lena Ortiz and Mayor Tom Reyes signed a $40 million dredging agreement "
    "in Port Ellis on Tuesday. The deal pays for deepening the main shipping channel to 14 meters, "
    "which container lines have demanded for years. Work is due to start in March and take "
    "two years, the authority said. Dock workers welcomed the agreement at a rally outside city hall."
)
# Other outlets telling the same facts in their own words: the same people, place, day and sums.
PARAPHRASES = {
    "Bay Courier": (
        "Port Ellis Mayor Tom Reyes signed a $40 million deal on Tuesday with Lena Ortiz, head of the "
        "Harbor Authority, to dredge the harbor. The money will deepen the main shipping channel to 14 "
        "meters, as container lines have long asked. The work should begin in March and last two years."
    ),
    "Coastline News": (
        "A $40 million agreement to dredge Port Ellis harbor was signed on Tuesday by Mayor Tom Reyes and "
        "Harbor Authority chief Lena Ortiz. Deepening the shipping channel to 14 meters has been a demand "
        "of container lines for years. Dock workers rallied outside city hall to welcome the agreement."
    ),
}
# The source article with one part of its core changed: (text, the original words, their
# replacement). Sentences the change does not touch still state the same facts.
CHANGES = {
    "Decoy Actors": (("Lena Ortiz", "Maria Lind"), ("Tom Reyes", "Sam Holt")),
    "Decoy Place": (("Port Ellis", "Bay Harbor"),),
    "Decoy Numbers": (("$40 million", "$25 million"), ("14 meters", "12 meters"), ("two years", "three years")),
    "Decoy Date": (("on Tuesday", "on Friday"), ("in March", "in June")),
    "Decoy Negation": (("signed a", "did not sign the"), ("welcomed", "did not welcome"), ("is due", "is not due")),
}


def decoy_text(name: str) -> str:
    text = SOURCE
    for original, replacement in CHANGES[name]:
        text = text.replace(original, replacement)
    return text


def cluster() -> list:  # type: ignore[type-arg]
    outlets = {"Harbor Wire": SOURCE, **PARAPHRASES}
    return [make_document(text, id=name.lower().replace(" ", "-"), outlet=name) for name, text in outlets.items()]


@pytest.mark.parametrize("decoy", sorted(CHANGES))
def test_a_decoy_is_never_credited_with_a_fact_it_changed(summarizer: Summarizer, decoy: str) -> None:
    documents = [*cluster(), make_document(decoy_text(decoy), id="decoy", outlet=decoy)]
    touched = 0
    for max_words in (60, 120, 200, 300):
        for sentence in summarizer.summarize(documents, SummaryOptions(max_words=max_words)).summary:
            credited = {sentence.outlet, *sentence.also_reported_by}
            originals = [o for o, _ in CHANGES[decoy] if o in sentence.text]
            replacements = [r for _, r in CHANGES[decoy] if r in sentence.text]
            if originals:  # a real fact the decoy changed: never credited to the decoy
                assert decoy not in credited, (sentence.text, credited)
            if replacements:  # the decoy's changed fact: never credited to a real outlet
                assert credited == {decoy}, (sentence.text, credited)
            touched += bool(originals or replacements)
    assert touched  # the digests did state facts the decoy changed


def test_true_paraphrases_are_credited(summarizer: Summarizer) -> None:
    digest = summarizer.summarize(cluster(), SummaryOptions(max_words=200))
    main = next(s for s in digest.summary if "$40 million" in s.text)
    assert {main.outlet, *main.also_reported_by} == {"Harbor Wire", *PARAPHRASES}
    assert [e.outlet for e in main.evidence] == list(main.also_reported_by)
    assert all("$40 million" in e.text for e in main.evidence)


def cores_of(*texts: str) -> tuple[FactCores, FactIndex]:
    analyzer = TermAnalyzer(Stemmer())
    facts = FactIndex([analyzer.fact_terms(t) for t in texts])
    return FactCores(texts, facts.key, Stemmer().stem), facts


def test_numbers_are_normalised() -> None:
    cores, _ = cores_of(
        "An estimated 1.7 million children, or 1,700,000, are taught at home; eight of them are 9-year-old twins.",
    )
    assert cores.core(0).marks.numbers == {"1700000", "8", "9"}


def test_names_are_runs_of_capitalised_words_without_titles() -> None:
    cores, facts = cores_of(
        "Syrian President Bashar al-Assad met Chinese President Xi Jinping in Hangzhou.",
        "The president said Assad and Xi met in Hangzhou, where the president flew on Thursday.",
    )
    names = cores.core(0).names
    assert frozenset({facts.key("bashar"), facts.key("assad")}) in names
    assert all(facts.key("presid") not in name for name in names)  # "the president" is no name here
    assert frozenset({facts.key("hangzhou")}) in names


@pytest.mark.parametrize(
    ("text", "negated", "anonymous_quote"),
    [
        ("The council did not approve the budget.", True, False),
        ("No one knows what causes it, and it isn't rare.", False, False),  # two negations: affirmed
        ("``Yeah, give me the gold medal.''", False, True),
        ('"We will rebuild," Mayor Tom Reyes said.', False, False),
    ],
)
def test_polarity_and_anonymous_quotes(text: str, negated: bool, anonymous_quote: bool) -> None:
    cores, _ = cores_of(text, "Mayor Tom Reyes spoke in Port Ellis.")
    assert (cores.core(0).marks.negated, cores.core(0).anonymous_quote) == (negated, anonymous_quote)
