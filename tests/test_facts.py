"""The same-fact rule of credit (issue 12): cores must agree, not only words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.attribution import LABELS, SyntheticScores, score_synthetic
from summarizer import Document, Summarizer, SummaryOptions
from summarizer.facts import FactCores, FactRule, framing_opening
from summarizer.redundancy import FactIndex
from summarizer.segmentation import load_segmenter
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


def cluster() -> list[Document]:
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


def stating_first(*texts: str) -> list[int]:
    """The sentences the same-fact rule says state the first one's fact, over ``texts``."""
    rule = FactRule.for_texts(list(texts), Stemmer(), SummaryOptions().redundancy_threshold)
    (stating,) = rule.stating([0])
    return list(stating)


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


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("More than 300,000 people fled the floods.", {">300000"}),
        ("As many as 300,000 people fled the floods.", {"<300000"}),
        ("About 300,000 people fled the floods.", {"300000"}),  # an estimate, not a bound
        ("The flood reached over 12 villages in nearly two days.", {">12", "<2"}),
    ],
)
def test_a_bound_is_part_of_the_number(text: str, numbers: set[str]) -> None:
    cores, _ = cores_of(text)
    assert cores.core(0).marks.numbers == numbers


def test_places_keep_their_compass_point() -> None:
    cores, facts = cores_of(
        "The talks were held in the eastern city of Hangzhou on Friday.",
        "The summit took place in the southern city of Hangzhou.",
        "Hangzhou, an eastern city, hosted the summit.",  # no "<compass> city of": no mark
    )
    assert cores.marks(0).places == {(facts.key("hangzhou"), "east")}
    assert cores.marks(1).places == {(facts.key("hangzhou"), "south")}
    assert cores.marks(2).places == frozenset()
    assert cores.place_conflict(0, 1)
    assert cores.place_conflict(1, 0)
    assert not cores.place_conflict(0, 2)


# One fact told three ways: two outlets agree on the detail, the third tells it otherwise.
TOLL = "Officials said the fire at the Redhill textile mill in Port Ellis killed {} workers on Tuesday night."
BACKGROUND = (
    " Fire crews from three towns fought the blaze until dawn."
    " The mill's owner said the cause was not yet known."
    " Inspectors had visited the plant in March and ordered new exits."
)


def disputed_cluster(majority: str, minority: str) -> list[Document]:
    return [
        make_document(majority + BACKGROUND, id="first", outlet="First Wire"),
        make_document(majority + " Relatives gathered outside the gates.", id="second", outlet="Second Post"),
        make_document(minority + " Investigators arrived from the capital.", id="third", outlet="Third Herald"),
    ]


@pytest.mark.parametrize(
    ("majority", "minority"),
    [
        (TOLL.format(12), TOLL.format(15)),
        (
            "The Carver River bridge in Hale County was closed to traffic on Monday after the collapse.",
            "The Carver River bridge in Hale County was not closed to traffic on Monday after the collapse.",
        ),
        (
            "A jury in Hale County convicted the Redhill mill's owner on Monday of ignoring fire safety orders.",
            "A jury in Hale County acquitted the Redhill mill's owner on Monday of ignoring fire safety orders.",
        ),
        (
            "Flooding forced 3,000 residents of the northern town of Kestrel to leave their homes on Sunday.",
            "Flooding forced 3,000 residents of the southern town of Kestrel to leave their homes on Sunday.",
        ),
    ],
)
def test_the_version_most_outlets_carry_is_told_and_marked_disputed(
    summarizer: Summarizer, majority: str, minority: str
) -> None:
    for max_words in (40, 80, 200):
        digest = summarizer.summarize(disputed_cluster(majority, minority), SummaryOptions(max_words=max_words))
        texts = [s.text for s in digest.summary]
        assert minority not in texts  # never the minority version, so never both
        told = next(s for s in digest.summary if s.text == majority)
        assert {told.outlet, *told.also_reported_by} == {"First Wire", "Second Post"}
        assert [(e.outlet, e.text) for e in told.disputed_by] == [("Third Herald", minority)]


def test_a_tie_prints_one_version_only_and_marks_it(summarizer: Summarizer) -> None:
    documents = [
        make_document(TOLL.format(12) + BACKGROUND, id="first", outlet="First Wire"),
        make_document(TOLL.format(15) + " Relatives gathered outside the gates.", id="third", outlet="Third Herald"),
    ]
    digest = summarizer.summarize(documents, SummaryOptions(max_words=200))
    tolls = [s for s in digest.summary if s.text.startswith("Officials said")]
    assert len(tolls) == 1
    (other,) = tolls[0].disputed_by
    assert other.outlet != tolls[0].outlet
    assert other.text != tolls[0].text


def test_a_number_left_out_is_not_a_dispute(summarizer: Summarizer) -> None:
    documents = [
        make_document(TOLL.format(12) + BACKGROUND, id="first", outlet="First Wire"),
        make_document(
            "Officials said the fire at the Redhill textile mill in Port Ellis killed workers on Tuesday night.",
            id="second",
            outlet="Second Post",
        ),
    ]
    digest = summarizer.summarize(documents, SummaryOptions(max_words=200))
    assert not any(s.disputed_by for s in digest.summary)


@pytest.fixture(scope="module")
def synthetic() -> SyntheticScores:
    items = json.loads((LABELS / "paraphrases.json").read_text(encoding="utf-8"))
    return score_synthetic(items, load_segmenter(), Stemmer())


def test_true_paraphrases_written_blind_are_credited(synthetic: SyntheticScores) -> None:
    # Issue 12's target: at least 90% of true paraphrases credited (measured: 69 of 72).
    assert synthetic.paraphrases == 72
    assert synthetic.paraphrases_credited >= 0.9 * synthetic.paraphrases


def test_decoys_written_blind_are_not_credited(synthetic: SyntheticScores) -> None:
    assert synthetic.decoys == 120
    # Every changed actor, place, number, date, negation or opposite ("acquitted" for
    # "convicted") is caught.
    assert synthetic.decoys_credited == ()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Xi, Assad and Putin met in Sochi.", [{"xi"}, {"assad"}, {"putin"}, {"sochi"}]),
        ("A boy in Conyers, Ga., wounded six students.", [{"conyer", "ga"}]),  # a place set off after its town
        ("Estravia's National Assembly passed the bill.", [{"estravia"}, {"nation", "assembl"}]),
        ("Crews drilled the Halvard Glacier near New York.", [{"halvard"}, {"york"}]),  # "Glacier" says which kind
    ],
)
def test_names_end_at_punctuation_and_possessives_and_keep_what_tells_them_apart(
    text: str, names: list[set[str]]
) -> None:
    cores, facts = cores_of(
        text, "with Xi, Assad, Putin, Sochi, Conyers, Ga, Estravia, National Assembly, Halvard Glacier, New York"
    )
    assert [set(name) for name in cores.core(0).names] == [{facts.key(k) for k in name} for name in names]


AGREE, ANOTHER_FACT, DISPUTE = "agree", "another fact", "dispute"


@pytest.mark.parametrize(
    ("claim", "other", "reading"),
    [
        ("The court convicted Halloran of fraud.", "The court acquitted Halloran of fraud.", DISPUTE),
        ("Shares of Orban Trust rose 5 percent.", "Shares of Orban Trust fell 5 percent.", DISPUTE),
        ("Twelve miners survived the blast.", "Twelve miners died in the blast.", DISPUTE),
        ("The court convicted Halloran of fraud.", "Halloran's conviction for fraud followed his trial.", AGREE),
        # Both sides in one sentence: which outcome is whose is not a word test.
        ("Halloran was convicted of fraud and acquitted of theft.", "Halloran was acquitted of theft.", AGREE),
        ("Shares of Orban Trust rose 5 percent.", "Orban Trust shares went up 5 percent.", AGREE),
        # One direction, told in other words: "rose" and "increased" were two pairs before.
        ("Shares of Orban Trust rose 5 percent.", "Shares of Orban Trust decreased 5 percent.", DISPUTE),
        ("Shares of Orban Trust rose 5 percent.", "Shares of Orban Trust increased 5 percent.", AGREE),
        ("Orban Trust exports grew 5 percent in Ossery.", "Orban Trust exports halved in Ossery.", DISPUTE),
        # Outcomes one event may have both of: another fact, no disagreement.
        (
            "Three miners were killed in the Redhill blast.",
            "Three miners were injured in the Redhill blast.",
            ANOTHER_FACT,
        ),
        ("The Redhill blast killed three miners.", "The Redhill blast killed three miners and injured ten.", AGREE),
        ("Orban Trust hired 300 workers in Ossery.", "Orban Trust fired 300 workers in Ossery.", ANOTHER_FACT),
        ("Halloran supports the Redhill dam plan.", "Halloran opposes the Redhill dam plan.", ANOTHER_FACT),
        ("A majority of Ossery voters backed the plan.", "A minority of Ossery voters backed the plan.", ANOTHER_FACT),
        ("Halloran said the Redhill plan was legal.", "Halloran said the Redhill plan was illegal.", ANOTHER_FACT),
        ("Halloran was able to leave Merrowfield.", "Halloran was unable to leave Merrowfield.", ANOTHER_FACT),
        (
            "The Ossery court upheld Halloran's conviction.",
            "The Ossery court overturned Halloran's conviction.",
            ANOTHER_FACT,
        ),
        ("Orban Trust profits doubled in Ossery.", "Orban Trust profits tripled in Ossery.", ANOTHER_FACT),
        ("The Redhill dam burst at 8 a.m. on Monday.", "The Redhill dam burst at 8 p.m. on Monday.", ANOTHER_FACT),
        ("The Redhill dam burst at 8am on Monday.", "The Redhill dam burst at 8pm on Monday.", ANOTHER_FACT),
        # A time without its half of the day may be either ("8:30" is two figures, 8 and 30).
        ("The Redhill dam burst at 8:30 a.m. on Monday.", "The Redhill dam burst at 8:30 on Monday morning.", AGREE),
        ("The Redhill dam burst at 8 a.m. on Monday.", "The Redhill dam burst at 8 on Monday morning.", AGREE),
        # Words with other senses in news, and outcomes that follow one another, are no outcome
        # lists' (the review of issue 12's outcome lists): each pair below tells one fact.
        ("Halloran was charged with fraud in Merrowfield.", "Halloran confessed to fraud in Merrowfield.", AGREE),
        ("Halloran was sentenced to life in Merrowfield.", "Halloran, convicted in Merrowfield, got life.", AGREE),
        ("Halloran was shot at close range in Merrowfield.", "Gunmen opened fire on Halloran in Merrowfield.", AGREE),
        (
            "Qatar cut ties with Ossery on Monday.",
            "Qatar cut ties with Ossery on Monday as the death toll rose.",
            AGREE,
        ),
        (
            "A fire destroyed the Orban plant in Ossery.",
            "A fire destroyed the Ossery plant where Orban hired 300.",
            AGREE,
        ),
        ("The Ossery strike began on Monday.", "The one-day Ossery strike ended on Monday.", AGREE),
        ("Halloran arrived in Merrowfield on Friday.", "Halloran left Ossery on Friday for Merrowfield.", AGREE),
        ("Halloran's party lost control of Ossery.", "Rebels gained control of Ossery from Halloran's party.", AGREE),
    ],
)
def test_an_outcome_told_otherwise_is_another_fact(claim: str, other: str, reading: str) -> None:
    cores, facts = cores_of(claim, other)
    assert cores.agree(0, 1, frozenset(facts.keys[1])) is (reading == AGREE)
    assert cores.contradicts(0, 1, frozenset(facts.keys[1])) is (reading == DISPUTE)


@pytest.mark.parametrize(
    ("claim", "other", "placed_otherwise"),
    [
        ("Halloran resigned before the Merrowfield vote.", "Halloran resigned after the Merrowfield vote.", True),
        ("The Redhill flood hit the north of Ossery.", "The Redhill flood hit the south of Ossery.", True),
        ("Halloran resigned after the Merrowfield vote.", "After the Merrowfield vote, Halloran resigned.", False),
        # Another word placed: no relation told otherwise.
        ("Halloran resigned before the Merrowfield vote.", "Halloran resigned after the count in Merrowfield.", False),
        (
            "Halloran resigned before the Merrowfield vote.",
            "Before and after the Merrowfield vote, Halloran resigned.",
            False,
        ),
    ],
)
def test_a_word_placed_otherwise_is_another_fact_but_no_dispute(claim: str, other: str, placed_otherwise: bool) -> None:
    cores, facts = cores_of(claim, other)
    assert cores.agree(0, 1, frozenset(facts.keys[1])) is not placed_otherwise
    assert not cores.contradicts(0, 1, frozenset(facts.keys[1]))


@pytest.mark.parametrize(
    ("text", "all_of_a_set"),
    [
        ("The planned law bans all tobacco advertising.", True),
        ("It was not clear at all.", False),
        ("After all, the law bans tobacco advertising.", False),
        ("In all, 56 children took part.", False),
        ("All in all, the talks were quick.", False),
        ("By all accounts, the talks were quick.", False),
        ("All of a sudden the Redhill dam burst.", False),
        ("Rescuers worked all night in Ossery.", False),
        ("All three suspects were arrested.", False),
        ("All 217 people on board were killed.", False),
        ("The law allows tobacco advertising.", False),
        ("They were rescued after all, above all the children.", False),
        ("The bill was all but dead.", False),
        ("Ossery set an all-time record.", False),
        ("The best of all was the last.", False),
    ],
)
def test_all_of_a_set_is_read_apart_from_idioms(text: str, all_of_a_set: bool) -> None:
    cores, _ = cores_of(text)
    assert cores.marks(0).all_of_a_set is all_of_a_set


def test_all_of_a_set_is_more_than_the_set() -> None:
    # "all" says more than what it quantifies: the other must say it too; the other may
    # say it when the claim does not.
    cores, facts = cores_of(
        "The planned law bans all tobacco advertising and sponsorship.",
        "The planned law bans tobacco advertising and sponsorship.",
        "The planned law bans all tobacco advertising and sponsorship, officials said.",
    )
    assert not cores.agree(0, 1, frozenset(facts.keys[1]))
    assert cores.agree(0, 2, frozenset(facts.keys[2]))
    assert cores.agree(1, 2, frozenset(facts.keys[2]))


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The mayor refused on Monday to resign.", True),
        ("The firm denied that it would cut 1,150 jobs.", True),
        ("The assembly rejected the bill.", True),
        ("The team failed to confirm the finding.", True),
        ("Shares declined 5 percent to 200 points.", False),  # "declined" alone is a fall, not a refusal
        ("The regulator declined to approve the vaccine.", True),
        ("... !!!", False),  # no word at all: no negation, and no error
        ("Flood ⑶y warning for 3 days.", False),  # "⑶" is a digit to str.isdigit, not to the figure pattern
        ("Not", True),
    ],
)
def test_denials_are_negations(text: str, negated: bool) -> None:
    cores, _ = cores_of(text)
    assert cores.marks(0).negated == negated


AIR_BAGS = "More air bags are on the way to the Detroit plants."
RADIO = "The pilots lost radio contact with Boston controllers."
VIRUS = "West Nile virus was found in New Jersey birds."


@pytest.mark.parametrize(
    ("claim", "other", "credited"),
    [
        ("More air bags, though, are on the way to the Detroit plants.", AIR_BAGS, False),  # inner connective
        ("At that point, the pilots lost radio contact with Boston controllers.", RADIO, False),
        ("West Nile Virus Found In New Jersey Birds", VIRUS, False),  # a headline
        ("I think the pilots lost radio contact with Boston controllers.", RADIO, False),  # nobody's voice
        # Which others, only the article's earlier sentences say.
        (
            "In other public places, smoking is banned under law.",
            "Smoking is banned under law in public places.",
            False,
        ),
        ("The other pilots lost radio contact with Boston controllers.", RADIO, False),
        (AIR_BAGS, AIR_BAGS, True),
        (RADIO, RADIO, True),
        (VIRUS, VIRUS, True),
    ],
)
def test_a_claim_that_leans_on_its_context_is_credited_to_no_one(claim: str, other: str, credited: bool) -> None:
    """The other outlet says it plainly; what the claim states still depends on what it is
    read with, so no credit for it can be shown true."""
    assert stating_first(claim, other) == ([1] if credited else [])


CDC_CLAIM = "Results were confirmed by the Centers for Disease Control in Atlanta."
# The cluster writes "disease" and "control" in lower case, as news about an outbreak does.
OUTBREAK = (
    "The disease spread to three counties.",
    "Mosquito control crews sprayed the marshes.",
    "Officials said the disease was under control.",
)


@pytest.mark.parametrize(
    ("other", "credited"),
    [
        ("The Centers for Disease Control in Atlanta sent six researchers to New York.", False),
        ("The Centers for Disease Control in Atlanta confirmed the results on Monday.", True),
    ],
)
def test_words_of_a_name_are_not_what_the_sentence_says_of_it(other: str, credited: bool) -> None:
    """ "Disease" and "Control" belong to the name here: what the claim says of the
    Centers is that they confirmed results, which the first sentence does not say."""
    assert stating_first(CDC_CLAIM, other, *OUTBREAK) == ([1] if credited else [])


PARTNERSHIP = "Xi Jinping and Bashar al-Assad jointly announced the establishment of a strategic partnership on Friday."
# Other facts of the same cluster, which give the claim's framing words their weight.
SUMMIT = (
    "The talks were a significant step for both countries.",
    "The two delegations met on the sidelines of the Asian Games.",
    "Syria hopes for Chinese help with its reconstruction.",
)


@pytest.mark.parametrize(
    ("claim", "credited"),
    [
        # How the fact was told is no part of it.
        (
            "In a long-awaited and highly significant diplomatic development, "
            "Xi and Assad announced a strategic partnership on Friday.",
            True,
        ),
        ("In a joint statement broadcast by state television, Xi and Assad announced a strategic partnership.", True),
        ("Xi and Assad announced a strategic partnership on Friday.", True),
        # An opening with a figure, an ordinal or a name is part of the fact.
        ("In a first for Syria, Xi and Assad announced a strategic partnership on Friday.", False),
        ("In a move hailed by Moscow, Xi and Assad announced a strategic partnership on Friday.", False),
        ("In a decoy, Xi and Assad announced a trade partnership on Monday.", False),
    ],
)
def test_a_framing_opening_is_no_part_of_the_fact(claim: str, credited: bool) -> None:
    assert stating_first(claim, PARTNERSHIP, *SUMMIT) == ([1] if credited else [])


@pytest.mark.parametrize(
    ("text", "framing"),
    [
        ("In a statement, the ministry denied it.", "In a statement,"),
        ("In an interview, he said so.", "In an interview,"),
        ("In an interview on Sunday, he said so.", ""),  # the day is part of the fact
        ("In addition, the ministry denied it.", ""),  # a connective, not "In a ..."
        ("In any case, the ministry denied it.", ""),
        ("In March, the ministry denied it.", ""),
        ("In a 2019 report, the ministry denied it.", ""),
        ("In a record year, exports rose.", ""),
        ("In a statement the ministry denied it.", ""),  # no comma closes it
        ("In a rare move, the court ruled.", "In a rare move,"),
        ("In a village near the northern border, gunmen killed dozens.", ""),  # the fact's place
        ("In a second attack, gunmen killed ten.", ""),  # an ordinal
        ("In a two-hour speech, he said so.", ""),  # a figure
    ],
)
def test_framing_openings(text: str, framing: str) -> None:
    assert text[: framing_opening(text)] == framing


def test_a_framed_sentence_and_a_restatement_of_its_fact_are_not_both_told(summarizer: Summarizer) -> None:
    """Credit reads the framed sentence without its opening, so the long restatement
    states its fact; the selection's overlap reads the opening too and would let both in."""
    framed = (
        "In a long-awaited and highly significant diplomatic development, "
        "Xi and Assad announced a strategic partnership on Friday."
    )
    restatement = (
        "Xi Jinping and Bashar al-Assad jointly announced the establishment of a strategic partnership on Friday, "
        "after talks in Hangzhou that covered trade, energy, reconstruction loans and the war in Syria."
    )
    documents = [
        make_document(f"{framed} {' '.join(SUMMIT)}", id="framing", outlet="Framing Daily"),
        make_document(SUMMIT[1], id="short", outlet="Short Wire"),
        make_document(f"{SUMMIT[2]} {restatement}", id="plain", outlet="Plain Post"),
    ]
    query = "long-awaited highly significant diplomatic development"  # the framed sentence is picked first
    digest = summarizer.summarize(documents, SummaryOptions(max_words=200, query=query))
    assert digest.summary[0].text == framed
    assert "Plain Post" in digest.summary[0].also_reported_by
    assert restatement not in [s.text for s in digest.summary]


CONTRAST = "While carbon dioxide warms the atmosphere, sulfur dioxide cools it."
# The cluster's other sentences, which give the words their weight.
CLIMATE = (
    "Coal plants emit carbon dioxide and soot.",
    "The atmosphere holds more water vapour as it warms.",
    "Sea levels are rising along the coast.",
)


@pytest.mark.parametrize(
    ("other", "credited"),
    [
        # One of the two facts only: partial.
        ("Carbon dioxide from burning coal warms the atmosphere, most scientists say.", False),
        ("Sulfur dioxide from volcanoes cools the atmosphere for a year or two.", False),
        # Both.
        ("Carbon dioxide warms the atmosphere, while sulfur dioxide cools it.", True),
    ],
)
def test_a_contrast_states_both_of_its_facts(other: str, credited: bool) -> None:
    assert stating_first(CONTRAST, other, *CLIMATE) == ([1] if credited else [])


def test_an_opening_that_gives_the_place_is_part_of_the_fact() -> None:
    claim = "In a village near the northern border, gunmen killed dozens of farmers on Tuesday."
    other = "Gunmen killed dozens of farmers on Tuesday in the capital."
    assert stating_first(claim, other, *SUMMIT) == []


def credited_articles(claim: str, *others: tuple[int, str]) -> list[int]:
    """The articles the same-fact rule credits with ``claim`` (article 0), given the other
    articles' sentences as (article, text)."""
    texts = [claim, *(text for _, text in others)]
    articles = [0, *(article for article, _ in others)]
    rule = FactRule.for_texts(texts, Stemmer(), SummaryOptions().redundancy_threshold, articles)
    (stating,) = rule.stating([0])
    return sorted({articles[int(i)] for i in stating if i != 0})


TRUCK_DRIVER = "A truck driver who was rescued from the river remained in critical condition on Tuesday evening."
DRIVER_REPORT = "The driver of the truck was pulled from the river by fire crews and was in critical condition."


def test_a_sentence_naming_no_day_tells_the_one_weekday_its_article_names() -> None:
    """Issue 12: a report whose lead tells of Tuesday's collapse says the driver "was in
    critical condition", meaning on Tuesday."""
    tuesday = (1, "The bridge over the Carver River gave way on Tuesday morning.")
    assert credited_articles(TRUCK_DRIVER, tuesday, (1, DRIVER_REPORT)) == [1]
    # The lead's weekday, opening the sentence and possessive too.
    assert credited_articles(TRUCK_DRIVER, (1, "Tuesday's collapse closed the bridge."), (1, DRIVER_REPORT)) == [1]


@pytest.mark.parametrize(
    "article",
    [
        # a second weekday anywhere leaves it open which day a sentence is about
        [(1, "The bridge over the Carver River gave way on Tuesday morning."), (1, "Divers searched on Wednesday.")],
        [(1, "Tuesday's collapse closed the bridge."), (1, "Divers searched the river on Wednesday.")],
        # the weekday is not the lead's: the article's news may be of another day
        [(1, "The bridge over the Carver River gave way."), (1, "A march is planned for Tuesday.")],
        # no weekday anywhere
        [(1, "The bridge over the Carver River gave way.")],
        # a sentence of no known article (the claim's own row is one)
        [(-1, "The bridge over the Carver River gave way on Tuesday morning.")],
    ],
)
def test_an_article_that_does_not_tell_one_weekday_gives_none(article: list[tuple[int, str]]) -> None:
    driver = (article[0][0], DRIVER_REPORT)
    assert credited_articles(TRUCK_DRIVER, *article, driver) == []


@pytest.mark.parametrize(
    ("claim", "report"),
    [
        (TRUCK_DRIVER, DRIVER_REPORT.replace(".", " on Wednesday.")),  # another day of its own
        (TRUCK_DRIVER, DRIVER_REPORT.replace(".", " in March.")),  # a month of its own
        (TRUCK_DRIVER, "Yesterday the driver of the truck was pulled from the river and was in critical condition."),
        (TRUCK_DRIVER, DRIVER_REPORT.replace(".", " last week.")),
        # two weekdays in the claim: the article's one cannot be both
        (TRUCK_DRIVER.replace("Tuesday evening", "Tuesday and Wednesday"), DRIVER_REPORT),
    ],
)
def test_a_sentence_with_a_time_of_its_own_is_not_its_articles_weekday(claim: str, report: str) -> None:
    tuesday = (1, "The bridge over the Carver River gave way on Tuesday morning.")
    assert credited_articles(claim, tuesday, (1, report)) == []


def test_without_articles_a_sentence_names_its_own_day() -> None:
    """The daily digest's sentences of earlier days come with no article."""
    assert (
        stating_first(TRUCK_DRIVER, "The bridge over the Carver River gave way on Tuesday morning.", DRIVER_REPORT)
        == []
    )
    with pytest.raises(ValueError, match="articles for"):
        FactCores(["One.", "Two."], str, str, [0])


def test_a_weekday_is_no_name() -> None:
    """The days rule reads a weekday; a month may be a name ("April Ryan")."""
    cores, facts = cores_of("The reporter April Ryan met the mayor of Carver Falls on Tuesday.")
    assert all(facts.key("tuesday") not in name for name in cores.core(0).names)
    assert frozenset({facts.key("april"), facts.key("ryan")}) in cores.core(0).names
    assert cores.core(0).marks.days == {"tue", "apr"}


# Decoys of one changed word, each sharing all but that word with the claim: a number word,
# an ordinal, a date, an opposite outcome. 29 of the 40 were credited before the outcome
# lists, clock times and relations (issue 12); the ones marked still are: their words have
# other senses in news, or tell outcomes that follow one another.
ONE_WORD_DECOYS = [
    (
        "Hundreds of people were killed in the Redhill flood on Monday.",
        "Thousands of people were killed in the Redhill flood on Monday.",
    ),
    (
        "Dozens of homes were destroyed in the Redhill flood on Monday.",
        "Hundreds of homes were destroyed in the Redhill flood on Monday.",
    ),
    (
        "Halloran finished first in the Merrowfield marathon on Sunday.",
        "Halloran finished second in the Merrowfield marathon on Sunday.",
    ),
    pytest.param(
        "Halloran finished first in the Merrowfield marathon on Sunday.",
        "Halloran finished last in the Merrowfield marathon on Sunday.",
        marks=pytest.mark.xfail(strict=True, reason='"last" is left out ("last week")'),
    ),
    pytest.param(
        "The Ossery plant will close next year, the Orban company said.",
        "The Ossery plant will open next year, the Orban company said.",
        marks=pytest.mark.xfail(
            strict=True, reason="'open' and 'close' have other senses ('close range', 'opened fire')"
        ),
    ),
    (
        "Halloran resigned before the Merrowfield council vote on Tuesday.",
        "Halloran resigned after the Merrowfield council vote on Tuesday.",
    ),
    pytest.param(
        "The Orban company raised its prices in Ossery by 5 percent.",
        "The Orban company cut its prices in Ossery by 5 percent.",
        marks=pytest.mark.xfail(
            strict=True, reason="'raised' and 'cut' have other senses ('raised concerns', 'cut ties')"
        ),
    ),
    pytest.param(
        "Halloran joined the Merrowfield council in March.",
        "Halloran left the Merrowfield council in March.",
        marks=pytest.mark.xfail(strict=True, reason="joining and leaving follow one another; 'left' has other senses"),
    ),
    (
        "Halloran won the Merrowfield mayoral election in 2004.",
        "Halloran won the Merrowfield mayoral election in 2008.",
    ),
    (
        "The Redhill dam burst in March, flooding the Ossery valley.",
        "The Redhill dam burst in May, flooding the Ossery valley.",
    ),
    (
        "Merrowfield beat Ossery 3-1 in the cup final on Saturday.",
        "Merrowfield beat Ossery 2-1 in the cup final on Saturday.",
    ),
    (
        "Orban Trust shares doubled in value on Tuesday in Ossery trading.",
        "Orban Trust shares halved in value on Tuesday in Ossery trading.",
    ),
    pytest.param(
        "The Redhill flood was the worst in a century, officials in Ossery said.",
        "The Redhill flood was the worst in a decade, officials in Ossery said.",
        marks=pytest.mark.xfail(strict=True, reason="'a century' and 'decades' of one thing may be told of one fact"),
    ),
    (
        "A majority of Ossery voters backed the Redhill dam plan on Sunday.",
        "A minority of Ossery voters backed the Redhill dam plan on Sunday.",
    ),
    (
        "The Orban company hired 300 workers at its Ossery plant.",
        "The Orban company fired 300 workers at its Ossery plant.",
    ),
    pytest.param(
        "Halloran was released from the Merrowfield prison on Friday.",
        "Halloran was returned to the Merrowfield prison on Friday.",
        marks=pytest.mark.xfail(strict=True, reason="no word list holds every opposite"),
    ),
    (
        "The Ossery government lifted the curfew in Redhill on Monday.",
        "The Ossery government imposed the curfew in Redhill on Monday.",
    ),
    (
        "Halloran supports the Redhill dam plan, his office in Ossery said.",
        "Halloran opposes the Redhill dam plan, his office in Ossery said.",
    ),
    (
        "Exports from Ossery grew 5 percent in the first quarter.",
        "Exports from Ossery shrank 5 percent in the first quarter.",
    ),
    (
        "The Ossery parliament passed the Redhill bill on Monday.",
        "The Ossery parliament rejected the Redhill bill on Monday.",
    ),
    (
        "The Redhill dam burst at 8 a.m. on Monday, Ossery police said.",
        "The Redhill dam burst at 8 p.m. on Monday, Ossery police said.",
    ),
    ("Orban Trust lost $40 million in Ossery last year.", "Orban Trust lost $40 billion in Ossery last year."),
    ("Orban Trust profits doubled in Ossery last year.", "Orban Trust profits tripled in Ossery last year."),
    ("Halloran said the Redhill dam plan was legal.", "Halloran said the Redhill dam plan was illegal."),
    pytest.param(
        "Halloran said the Redhill dam plan was likely to pass.",
        "Halloran said the Redhill dam plan was unlikely to pass.",
        marks=pytest.mark.xfail(strict=True, reason="'most likely' and 'unlikely' hedge one fact"),
    ),
    ("Halloran was able to leave Merrowfield on Friday.", "Halloran was unable to leave Merrowfield on Friday."),
    ("Halloran is no longer the mayor of Merrowfield.", "Halloran is still the mayor of Merrowfield."),
    ("The Redhill flood hit the north of Ossery on Monday.", "The Redhill flood hit the south of Ossery on Monday."),
    ("The storm moved east toward Ossery on Monday.", "The storm moved west toward Ossery on Monday."),
    (
        "Ossery's population is 2.5 million, the Merrowfield census office said.",
        "Ossery's population is 25 million, the Merrowfield census office said.",
    ),
    (
        "Orban Trust shares rose 5 percent in Ossery on Tuesday.",
        "Orban Trust shares rose 15 percent in Ossery on Tuesday.",
    ),
    (
        "The Ossery court upheld Halloran's conviction on Friday.",
        "The Ossery court overturned Halloran's conviction on Friday.",
    ),
    (
        "Ossery accepted the Merrowfield peace offer on Monday.",
        "Ossery rejected the Merrowfield peace offer on Monday.",
    ),
    (
        "The Orban company confirmed the Ossery merger on Monday.",
        "The Orban company denied the Ossery merger on Monday.",
    ),
    ("Halloran won the Merrowfield vote with 60 percent.", "Halloran won the Merrowfield vote with 40 percent."),
    pytest.param(
        "Halloran arrived in Merrowfield on Friday for talks.",
        "Halloran left Merrowfield on Friday after talks.",
        marks=pytest.mark.xfail(strict=True, reason="arriving and leaving follow one another"),
    ),
    ("The Ossery dam is the largest in Redhill province.", "The Ossery dam is the smallest in Redhill province."),
    (
        "Ossery's economy expanded in the third quarter, officials in Merrowfield said.",
        "Ossery's economy contracted in the third quarter, officials in Merrowfield said.",
    ),
    pytest.param(
        "The Ossery strike ended on Monday, union leaders in Merrowfield said.",
        "The Ossery strike began on Monday, union leaders in Merrowfield said.",
        marks=pytest.mark.xfail(strict=True, reason="beginning and ending follow one another"),
    ),
    pytest.param(
        "Halloran's party gained seats in the Ossery election on Sunday.",
        "Halloran's party lost seats in the Ossery election on Sunday.",
        marks=pytest.mark.xfail(strict=True, reason="'gained' and 'lost' control tell one fact"),
    ),
]


@pytest.mark.parametrize(("claim", "decoy"), ONE_WORD_DECOYS)
def test_a_decoy_of_one_changed_word_is_not_credited(claim: str, decoy: str) -> None:
    assert stating_first(claim, decoy) == []


# Realistic pairs that tell one fact in other words, written by a review of the outcome lists
# (issue 12): words with other senses ("in charge", "close range", "a fire", "cut ties"),
# outcomes that follow one another ("arrested" / "detained", "sentenced" / "jailed"), "all"
# in idioms. Each is credited and no dispute.
SAME_FACT_PAIRS = json.loads((Path(__file__).parent / "fixtures" / "same_fact_pairs.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("claim", "other"), SAME_FACT_PAIRS)
def test_a_fact_told_in_other_words_is_credited_and_no_dispute(claim: str, other: str) -> None:
    rule = FactRule.for_texts([claim, other], Stemmer(), SummaryOptions().redundancy_threshold)
    (stating,), (disputing,) = rule.stating([0]), rule.disputing([0])
    assert list(stating) == [1]
    assert list(disputing) == []
