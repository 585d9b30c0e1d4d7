"""Which sentences may stand in a digest on their own.

A digest sentence is read out of its context, so one that leans on context reads
badly. Those stay in the graph (they still vote for what matters) but are not selected.
``rejection`` names the first rule a sentence breaks:

- an opening that refers back: a pronoun, a demonstrative, a relative, a connective
  ("He added that...", "But this...", "Which is...", "In contrast, ...", "Another
  agency, ...", a step of a sequence, "Finally, ..."; issue 12 took the inter-sentence
  connectives from the Penn Discourse Treebank's list, Prasad et al. 2008), or a shell
  noun whose anchor came before ("One reason is that ...", "The results were ...");
- a connective set off inside the sentence ("More air bags, though, are...");
- a person named by surname alone whose full name the article gave earlier ("Bauer
  favors vouchers." after "Gary Bauer"): news style names a person in full on first
  reference, and a digest sentence is a first reference. The story's principals, named
  in at least half of its articles, are exempt: "Assad" needs no first name in a digest
  about him;
- words in the first or second person with no quotation marks: a quotation cut from its
  speaker, or the columnist's own voice ("I don't know where they went.", "My daughter ...");
- a he or she in a sentence that names no one ("Doctors told her to wait."), a quantifier
  standing for a set it does not name ("Most have not been tested."), "those" or "these"
  things no earlier word of the sentence gave ("during those games"), an early "also"
  ("Police also seized ..."), "here" outside a quotation (the place of a dateline the
  digest does not print);
- a question, a quote attributed to a pronoun, half a quotation, half a parenthesis;
- what is not a sentence of prose: a fragment starting in lower case, a headline (every
  content word capitalised), a "Speaker: text" or "LABEL:" line, an interview's "Q:",
  two sentences glued by a missing space ("Mountain View.The").

Tried for issue 12 and left out because each lowered ROUGE on DUC 2006 below its floor
(figures in benchmarks/README.md): a definite description whose head an earlier
sentence used ("The leaders met..."), "the other" one anywhere in the sentence (an
opening "Other ..." is rejected), and a source only an earlier sentence named ("...,
the report said.", twice: query-focused R-1 0.08 below its floor the second time).

A sentence rejected only for leaning on the one just before it (an opening or inner
connective, a pronoun, a surname given in full just before, a set the sentence does not
name, an early "also", a shell noun; ``LEANS_ON_PREVIOUS``) may still be picked with that
one, when it is a candidate: the pair reads as one (issue 12 point 4; ``leaning_pairs``).

The surname rule reads the article's earlier sentences and the pronoun rule the cluster's
names, which ``candidate_verdicts`` gives them (``EarlierText``) by walking each article in
order; ``is_candidate`` alone judges a sentence by its own words. Every rule reads one
sentence of at most ``max_sentence_words`` words, and its patterns are linear.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from .model import Sentence
from .options import SummaryOptions

__all__ = [
    "LEANS_ON_PREVIOUS",
    "QUOTE_WEIGHT",
    "EarlierText",
    "candidate_flags",
    "candidate_verdicts",
    "is_candidate",
    "leaning_pairs",
    "leans_on_context",
    "leans_on_context_for_credit",
    "rejection",
    "standalone_weight",
]

# A digest reports; a sentence that opens with a direct quote is kept for when the
# quote is the news, so it is discounted rather than excluded. A quote spends more words
# per fact than a report of what happened: at 0.85 the seeds' 150-word digest gave 39 of
# its words to Xi's remarks on "an unstable and uncertain international environment" and
# filled the rest with a side topic of one outlet; from 0.75 down to 0.6 it tells where
# the talks were and China's Middle East role instead (issue 17 point 4). DUC 2006's held-out
# topics and DUC 2007 score the same from 0.5 to 0.85 (benchmarks/README.md), but say little
# about it: their wire copy opens quotations with ``, which this discount does not read.
QUOTE_WEIGHT = 0.7

# Rejections whose missing referent is most often in the sentence just before ("He added
# that...", "However, ..."), so that the two read well together.
LEANS_ON_PREVIOUS = frozenset(
    {
        "opening refers back",
        "connective opening",
        "inner connective",
        "surname alone",
        "speaker is a pronoun",
        "pronoun without a name",
        "quantifier without its set",
        "demonstrative",
        "also with nothing before",
        "shell noun",
        "step of a sequence",
    }
)

# An opening word whose referent is outside the sentence.
DANGLING_OPENING_RE = re.compile(
    r"^[\"“‘'`]*(?:he|she|they|it|its|his|her|their|this|that|these|those|such|but|and|or|"
    r"so|yet|still|however|also|instead|then|thus|hence|there|here|both|neither|either|"
    # "Nor" and "Other ..." lean on what came before; "Nor'easter" and "Other than" do not.
    r"nor(?!['’])|other(?! than)|"
    # issue 12: a relative or a connective that leans on the sentence before. ("The report
    # said" without the report lowered query-focused ROUGE on DUC 2006, also when the report
    # had to be named in an earlier sentence; a bare "Some" or "Most" is BARE_QUANTIFIER_RE's;
    # "another" is in CONNECTIVE_OPENINGS, "I" in the first-person rule.)
    r"which|meanwhile|in other words|after that|even so|out of this|"
    r"for (?:him|her|them)|on the (?:inside|other hand))\b",
    re.IGNORECASE,
)
# A connective set off inside the sentence: "More air bags, though, are on the way."
INNER_CONNECTIVE_RE = re.compile(r",\s?(?:though|however|too|meanwhile|instead|nonetheless|nevertheless)\s?[,.]")
# "In other public places", "the other tenders", "Two other students": others than those
# the article named before (``leans_on_context_for_credit``).
OTHER_ONES_RE = re.compile(r"\b(?:the|in|two|three|four|five|\d+)\s+other\b", re.IGNORECASE)
# Rejections that leave what a sentence states whole: another outlet can be shown to report
# "West Nile can also cause encephalitis", "the cabinet here approved a bill" or "Finally,
# divers sealed the crack".
STATES_ITS_FACT = frozenset({"also with nothing before", "here without a place", "step of a sequence"})
# A quantifier standing for a set the sentence does not name: "Most have not been tested.",
# "Some were as young as 10." ("Some reservation schools have done well" names its set.)
BARE_QUANTIFIER_RE = re.compile(
    r"^(?:Most|Some|Many|Others|Several|Few|Both|All|None)(?: of (?:them|these|those))?,? "
    r"(?:are|were|is|was|have|has|had|will|would|can|could|may|might|must|should|do|does|did|"
    r"say|said|expect|expected|think|thought|believe|believed|work|worked|found|find|want|wanted|"
    r"see|saw|remain|remained|came|come|went|go|got|get|seem|seems|seemed|appear|appears|appeared|"
    r"also|still|now)\b"
)
# "those games", "these things": a set an earlier sentence gave. ("those who", "these days",
# "those killed", "those living near the river", "those under 18", "those most at risk"
# define their own; "13 percent of athletes ... 40 percent of those athletes" gave it
# before, ``_demonstrative``.)
DEMONSTRATIVE_RE = re.compile(
    r"\b(?:those|these) (?!(?:who|which|that|whose|of|in|with|on|at|from|for|under|over|without|above|below|"
    r"between|among|aged|most|least|still|responsible|left|days|are|were|[a-z]+ed|[a-z]+ing)\b)([a-z]+)"
)
# "Police also seized ...", "Surveys also show ...": also than what the sentence before told.
# ("Myanmar is also known as Burma" gives another name, "Jiang, who is also chairman ..."
# and "Hezbollah, also spelled ..." say more of the one named: ``_early_also``.)
EARLY_ALSO_RE = re.compile(r"^(?:\S+ ){1,5}also(?! known as| called)(?=[\s,.;:]|$)")
RELATIVES = frozenset({"who", "which", "that"})
# "here" outside a quotation: the place of a dateline the digest does not print.
HERE_RE = re.compile(r"\bhere\b(?! to stay)")
# A contraction's ending: "I'm", "we're", "you've" are first person. Looked for in the text,
# then taken off the words that end with it.
FIRST_PERSON_CONTRACTION = r"['’](?:m|re|ve|d|ll)"
FIRST_PERSON_CONTRACTION_RE = re.compile(FIRST_PERSON_CONTRACTION + "$", re.IGNORECASE)
FIRST_PERSON_CONTRACTION_IN_TEXT_RE = re.compile(FIRST_PERSON_CONTRACTION + r"\b", re.IGNORECASE)
# An apostrophe between two letters ("isn’t", "China’s") is no quotation mark.
APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_])")
# He, she and their forms ("he's" too): a person the sentence must have named.
THIRD_PERSON_SINGULAR_RE = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b")
# An interview transcript's "Q:" and "A:".
TRANSCRIPT_RE = re.compile(r"^[QA]:\s")
# A chronology's entry: "1:50 a.m. EST -- Plane begins descent from 33,000 feet." A clock
# time it must have: "10–15 people were injured" opens with a range.
TIMELINE_ENTRY_RE = re.compile(r"^\d{1,2}(?::\d\d(?: ?[ap]\.m\.)?| ?[ap]\.m\.)(?: [A-Z]{2,4})? (?:--|—|–)")
# "...,” he said." – the speaker is only a pronoun.
PRONOUN_ATTRIBUTION_RE = re.compile(
    r"[,.!?][\"”’']\s+(?:he|she|they|it)\s+(?:said|added|says|told|continued|explained)",
    re.IGNORECASE,
)
OPEN_QUOTE_RE = re.compile(r"[\"“”]")
# Two sentences with no space between them: "...in Mountain View.The company said". The
# second must open with a word that only starts sentences, so "Worm.Explore.Zip" is a name.
# (The stop comes first and the letters before it are looked behind for, so the search
# stops only at a stop, not at every pair of letters.)
GLUED_SENTENCES_RE = re.compile(r"[.!?](?<=[a-z]{2}[.!?])(?:The|An|He|She|It|They|We|In|But|This|His|Her|Their) ")

# Punctuation stripped from a word's ends before it is compared.
EDGE_PUNCTUATION = "\"“”‘’'`.,;:!?()[]{}_-—–"
QUOTE_CHARACTERS = frozenset('"“”‘’`')
CLOSING_QUOTE = {'"': '"', "“": "”", "‘": "’", "'": "'"}
QUOTED_TERM_WORDS = 3
# Capitalised at a sentence's start, these words are not a first name before a surname.
NOT_FIRST_NAMES = frozenset(
    "the a an of in on at to for from with by about into over under after before since during as than "
    "and or but nor that which who whom whose where when while because if "
    "he she it they we you i him her them us me his its their our my your "
    "is are was were be been being has have had will would can could may might must should shall "
    "do does did said says say told added reported found showed noted according not also".split()
)
# Openings that set this sentence against, or after, one the reader has not seen
# (explicit inter-sentence connectives, after the Penn Discourse Treebank's list).
CONNECTIVE_OPENINGS = (
    "in contrast",
    "by contrast",
    "at that point",
    "at the time",
    "by then",
    "since then",
    "until then",
    "even without",
    "ditto",
    "in addition",
    "moreover",
    "furthermore",
    "besides,",
    "likewise",
    "similarly",
    "nevertheless",
    "nonetheless",
    "otherwise",
    "therefore",
    "consequently",
    "as a result",
    "in turn",
    "in response",
    "in fact",
    "indeed",
    "again",
    "afterward",
    "afterwards",
    "another",  # "Another safety agency, ...": another than the one named before
)
# A step of a sequence whose earlier steps the reader has not seen: "Finally, his parents
# rip off the Velcro restraints." (the Penn Discourse Treebank's "first", "next", "finally").
# "Finally, after 69 days underground, ..." is "at last" (``_step_of_a_sequence``).
SEQUENCE_OPENINGS = (
    "first,",
    "firstly,",
    "second,",
    "secondly,",
    "third,",
    "thirdly,",
    "next,",
    "finally,",
    "lastly,",
)
# A shell noun whose anchor an earlier sentence gave: "One reason is that ...", "The result
# was a sharp rise in ...", "The question is whether ..." (a reason for what, the result of
# what, whose question). The verb right after the noun tells that the sentence names no
# anchor ("The reason for the delay was ..." names it). Not a passive ("The goal was scored
# by ...", "The issue was raised by ...": a definite description, which the rules leave in),
# and not an indefinite ("A problem was found in ...": it introduces one).
SHELL_NOUN_RE = re.compile(
    r"^(?:One|Another|The) (?:(?:main|other|big|bigger|biggest|key|real|only|chief|major|basic) )?"
    r"(?:reason|question|answer|problem|result|point|difference|catch|trouble|irony|upshot|idea|goal|aim|"
    r"hope|worry|fear|concern|trick|solution|lesson|message|danger|risk|challenge|issue|explanation|"
    r"cause|outcome|motive|finding)s? (?:is|was|are|were)\b"
    r"(?! (?:by|being|\w+ed|\w+en|made|held|told|left|won|lost|put|set|hit|cut|done|found|brought|caught|"
    r"thought|sent|spent|built|kept|met|paid|said|sold|shot|struck|led|read)\b)"
)
# ("mine" is left out: "the mine's owner", "Mine rescuers reached ...")
FIRST_AND_SECOND_PERSON = frozenset("I me my we us our ours you your yours".split())
# A person's title before a surname; unlike "Mr.", "Gov." or "President" says who it is.
HONORIFICS = frozenset("Mr Mrs Ms Miss Dr Mr. Mrs. Ms. Dr.".split())
# Words a headline leaves in lower case.
HEADLINE_LOWER_CASE = frozenset("a an the and or but nor for of in on at to by with from as vs via up off out".split())


class ClusterNames:
    """Whether a word is a name in the cluster: capitalised inside some sentence, and never
    written in lower case. Read from the cluster's words when first asked (a few sentences'
    first words are: ``_pronoun_without_a_name``), in one pass over them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._names: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._names is None:
            inside: set[str] = set()
            for text in self._texts:
                inside.update(text.split()[1:])
            words = {t.strip(EDGE_PUNCTUATION) for t in inside}  # each distinct token stripped once
            lower = {w for w in words if not w[:1].isupper()}
            self._names = frozenset(w for w in words if w[:1].isupper() and w.lower() not in lower)
        return word in self._names


class EarlierText:
    """What an article said before the sentence being judged: the surnames it gave after
    a first name. ``known_names`` are names a reader of the digest knows anyway: the
    story's principals, named in at least half of its articles (and at least three).
    ``cluster`` tells which of the cluster's words are only ever names (``ClusterNames``)."""

    def __init__(self, known_names: frozenset[str] = frozenset(), cluster: ClusterNames | None = None) -> None:
        self.surnames: set[str] = set()
        self.known_names = known_names
        self.cluster = cluster or ClusterNames(())

    def add(self, text: str) -> None:
        self.surnames.update(_full_name_surnames(text.split()) - self.known_names)


def candidate_verdicts(sentences: Sequence[Sentence], options: SummaryOptions) -> list[str | None]:
    """``rejection`` for each sentence, each read with what its article said before it.
    ``sentences`` are in article order, as ``segment_articles`` gives them."""
    verdicts = []
    known = _principals(sentences)
    names = ClusterNames([s.text for s in sentences])
    earlier = EarlierText(known, names)
    article = None
    for sentence in sentences:
        if sentence.article_index != article:
            earlier, article = EarlierText(known, names), sentence.article_index
        verdicts.append(rejection(sentence, options, earlier))
        earlier.add(sentence.text)
    return verdicts


def candidate_flags(sentences: Sequence[Sentence], options: SummaryOptions) -> list[bool]:
    """``is_candidate`` for each sentence, read where it stands in its article."""
    return [verdict is None for verdict in candidate_verdicts(sentences, options)]


def leaning_pairs(sentences: Sequence[Sentence], verdicts: Sequence[str | None]) -> dict[int, int]:
    """Each sentence rejected only for leaning on the one before it (``LEANS_ON_PREVIOUS``),
    mapped to that sentence, when that one is a candidate of the same article."""
    return {
        sentence.index: before.index
        for before, sentence in itertools.pairwise(sentences)
        if verdicts[sentence.index] in LEANS_ON_PREVIOUS
        and verdicts[before.index] is None
        and before.article_index == sentence.article_index
        and before.position + 1 == sentence.position
    }


def is_candidate(sentence: Sentence, options: SummaryOptions, earlier: EarlierText | None = None) -> bool:
    """Whether ``sentence`` may stand in a digest; ``earlier`` is what its article said
    before it (without it, only the sentence's own words are read)."""
    return rejection(sentence, options, earlier) is None


def rejection(sentence: Sentence, options: SummaryOptions, earlier: EarlierText | None = None) -> str | None:
    """Why ``sentence`` may not stand in a digest, in a few words; ``None`` if it may. A
    reason it would keep with the sentence before it (``LEANS_ON_PREVIOUS``) is given only
    when it has no other (the rules' order): "I also think ..." is first person, paired or not."""
    return next((reason for reason in _reasons(sentence, options, earlier) if reason), None)


def _reasons(sentence: Sentence, options: SummaryOptions, earlier: EarlierText | None) -> Iterator[str | None]:
    """Each rule's verdict in turn: the length, the sentence's own words (``_own_words_reasons``),
    then what the article and cluster said before, both of which leave it to be paired."""
    # Checked first: every rule below then reads at most max_sentence_words words.
    if not options.min_sentence_words <= sentence.words <= options.max_sentence_words:
        yield "length"
        return
    yield from _own_words_reasons(sentence.text)
    if earlier is not None:
        tokens = sentence.text.split()
        words = [t.strip(EDGE_PUNCTUATION) for t in tokens]
        yield _surname_alone(tokens, words, earlier)
        yield _pronoun_without_a_name(sentence.text, words, earlier.cluster)


def leans_on_context(text: str) -> str | None:
    """Why ``text`` cannot be read without the sentences around it, by the rules that read
    only its own words (``rejection`` without length or the article before); ``None`` if
    it can. Credit asks it too: what a sentence says without its context cannot be
    checked against another outlet (``facts.FactCore``)."""
    return next((reason for reason in _own_words_reasons(text) if reason), None)


def leans_on_context_for_credit(text: str) -> str | None:
    """``leans_on_context``, but for what leaves the fact as stated (``STATES_ITS_FACT``),
    or "the other" ones ("In other public places", "Two other students"), which only the
    sentences before say. Credit asks this (``facts.FactCore``); selection does not reject
    "the other" ones, as that cost ROUGE below its floor."""
    reasons = (reason for reason in _own_words_reasons(text) if reason and reason not in STATES_ITS_FACT)
    return next(reasons, None) or ("the other ones" if OTHER_ONES_RE.search(text) else None)


def _own_words_reasons(text: str) -> Iterator[str | None]:
    """The rules that read only the sentence: first those whose defect no sentence before
    mends, then those it may (``LEANS_ON_PREVIOUS``), so that the first reason found says
    whether the sentence may be paired ("I also think ..." is first person)."""
    if not text.strip():
        yield "fragment"
        return
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        yield "fragment"  # or a line the segmenter could not split well
    if text.rstrip("\"”’' )").endswith("?"):
        yield "question"
    quoted = bool(QUOTE_CHARACTERS.intersection(APOSTROPHE_RE.sub("", text) if "’" in text else text))
    # Most sentences hold none of the words the rules below look for: a substring test first.
    yield "here without a place" if "here" in text and not quoted and HERE_RE.search(text) else None
    yield "transcript" if TRANSCRIPT_RE.match(text) else None
    yield "timeline entry" if TIMELINE_ENTRY_RE.match(text) else None
    yield "glued sentences" if GLUED_SENTENCES_RE.search(text) else None
    # An odd number of double quotes, or of wire copy's `` and '', is half a quotation.
    if len(OPEN_QUOTE_RE.findall(text)) % 2 or text.count("``") != text.count("''"):
        yield "half a quotation"
    if text.count("(") != text.count(")"):
        yield "half a parenthesis"  # "Story will move in the ``a'' category.)"
    tokens = text.split()
    words = [t.strip(EDGE_PUNCTUATION) for t in tokens]
    if not words[0]:
        yield "fragment"
        return
    yield _label_line(tokens)
    yield _headline(words)
    # "I'm", "we're", "you've": the person before the contraction.
    contracted = FIRST_PERSON_CONTRACTION_IN_TEXT_RE.search(text)
    persons = [FIRST_PERSON_CONTRACTION_RE.sub("", w) for w in words] if contracted else words
    # The first word's capital is the sentence's ("My daughter ..."), unless it is an acronym ("US").
    if persons[0][1:].islower():
        persons = [persons[0].lower(), *persons[1:]]
    if not quoted and FIRST_AND_SECOND_PERSON.intersection(persons):
        yield "first person without a speaker"  # "I don't know where they went."
    # What the sentence before may give (LEANS_ON_PREVIOUS).
    yield "opening refers back" if DANGLING_OPENING_RE.match(text) else None
    yield "connective opening" if _opens_with(text, CONNECTIVE_OPENINGS) else None
    yield _step_of_a_sequence(text)
    yield "speaker is a pronoun" if PRONOUN_ATTRIBUTION_RE.search(text) else None
    yield "inner connective" if INNER_CONNECTIVE_RE.search(text) else None
    yield "quantifier without its set" if BARE_QUANTIFIER_RE.match(text) else None
    yield _demonstrative(text) if "those" in text or "these" in text else None
    yield _early_also(text) if " also" in text else None
    yield "shell noun" if SHELL_NOUN_RE.match(text) else None


def standalone_weight(sentence: Sentence) -> float:
    """Multiplier on a candidate's relevance for how well it reads as reporting: less for
    one that opens with a quotation. A term in quotation marks ("Black Boxes" are...)
    opens none: it closes within QUOTED_TERM_WORDS words, with no punctuation before the
    mark (a quotation's "We were lucky," has)."""
    text = sentence.text
    closing_mark = CLOSING_QUOTE.get(text[0])
    if closing_mark is None:
        return 1.0
    closing = text.find(closing_mark, 1)
    # A single mark between two letters is an apostrophe ("‘We’re lucky,’ he said."), not the close.
    while 0 < closing < len(text) - 1 and text[closing - 1].isalpha() and text[closing + 1].isalpha():
        closing = text.find(closing_mark, closing + 1)
    if closing > 0 and len(text[1:closing].split()) <= QUOTED_TERM_WORDS and text[closing - 1].isalnum():
        return 1.0
    return QUOTE_WEIGHT


def _early_also(text: str) -> str | None:
    match = EARLY_ALSO_RE.match(text)
    if match is None:
        return None
    # "Hezbollah, also spelled ...", "Jiang, who is also ...", "The treaty, which also covers ...".
    words_before = [w.lower() for w in text[: match.end() - len("also")].split()]
    if words_before[-1].endswith(",") or RELATIVES.intersection(words_before[-2:]):
        return None
    return "also with nothing before"


def _demonstrative(text: str) -> str | None:
    match = DEMONSTRATIVE_RE.search(text)
    if match is None or re.search(rf"\b{match.group(1)}\b", text[: match.start()], re.IGNORECASE):
        return None
    return "demonstrative"


def _pronoun_without_a_name(text: str, words: list[str], names: ClusterNames) -> str | None:
    """ "Doctors told her to watch and wait.", "Properly used seats save lives, he said.": a
    he or she in a sentence that names no one. A capitalised word inside the sentence may
    name the person, before or after ("In his ruling, Judge Thomas Jackson wrote ..."); its
    first word only if the cluster only ever writes it as a name (``ClusterNames``: "Arlen
    said he ...")."""
    if not THIRD_PERSON_SINGULAR_RE.search(text) or any(w[:1].isupper() for w in words[1:]):
        return None  # most sentences
    return None if _name(words[0]) in names else "pronoun without a name"


def _step_of_a_sequence(text: str) -> str | None:
    if not _opens_with(text, SEQUENCE_OPENINGS) or text.lower().startswith("finally, after "):
        return None
    return "step of a sequence"


def _opens_with(text: str, openings: tuple[str, ...]) -> bool:
    """Whether ``text`` opens with one of ``openings`` as a whole word ("Another", not "Anothers")."""
    opening = text.lower()
    if not opening.startswith(openings):  # most sentences: one C call
        return False
    return any(
        opening.startswith(connective) and not opening[len(connective) : len(connective) + 1].isalpha()
        for connective in openings
    )


def _label_line(tokens: list[str]) -> str | None:
    """ "Jerry Dodson: No, not at all.", "INTERVIEWS WITH: ...": a speaker's or a listing's label."""
    for token in tokens[:4]:
        if not (token[0].isupper() or token[0].isdigit()):
            break
        if token.endswith(":"):
            return "label line"
    return None


def _headline(words: list[str]) -> str | None:
    """Every word but the small ones capitalised: "West Nile-Like Virus Found in N.J." """
    if any(w[:1].islower() and w not in HEADLINE_LOWER_CASE for w in words):
        return None  # most sentences: at their first ordinary word
    return "headline" if sum(1 for w in words if w[:1].isupper()) >= 3 else None


def _surname_alone(tokens: list[str], words: list[str], earlier: EarlierText) -> str | None:
    """ "Bauer favors vouchers." after "Gary Bauer": a person named in full only before."""
    own_surnames: set[str] | None = None  # read only if a surname given before is here
    for n, word in enumerate(words):
        name = word.removesuffix("'s").removesuffix("’s")
        if name not in earlier.surnames:
            continue
        own_surnames = _full_name_surnames(tokens) if own_surnames is None else own_surnames
        if name in own_surnames:
            continue
        before = words[n - 1] if n else ""
        ends = tokens[n].endswith((",", ".", ";", ":")) or n + 1 == len(words) or not words[n + 1][:1].isupper()
        named_before = before[:1].isupper() and before not in HONORIFICS and not tokens[n - 1].endswith(",")
        if ends and not named_before and before.lower() not in ("the", "a", "an"):
            return "surname alone"
    return None


def _principals(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Names in at least half of the articles (and at least three)."""
    names_by_article: dict[int, set[str]] = {}
    for sentence in sentences:
        names = names_by_article.setdefault(sentence.article_index, set())
        names.update(w for t in sentence.text.split() if not t[:1].islower() and _is_name(w := _name(t)))
    counts: dict[str, int] = {}
    for names in names_by_article.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    least = max(3, (len(names_by_article) + 1) // 2)
    return frozenset(name for name, count in counts.items() if count >= least)


def _full_name_surnames(tokens: list[str]) -> set[str]:
    """Words that follow a first name: "Bauer" of "Gary Bauer", "Leder" of "Dr. Jane Leder"."""
    surnames = set()
    for before, token in itertools.pairwise(tokens):
        # Most words are not capitalised: the cheap test first.
        if not (before[:1].isupper() or before[:1] in "\"“‘'(") or not _is_name(name := _name(token)):
            continue
        first = before.strip("\"“‘'(")
        if _is_name(first) and first not in HONORIFICS and first.lower() not in NOT_FIRST_NAMES:
            surnames.add(name)
    return surnames


def _is_name(word: str) -> bool:
    """A capitalised word ("Bauer", "D'Amato") or an initial ("J.")."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    return len(word) > 1 and word[0].isupper() and word[1:].replace("'", "").replace("-", "").islower()


def _name(token: str) -> str:
    return token.strip(EDGE_PUNCTUATION).removesuffix("'s").removesuffix("’s")
