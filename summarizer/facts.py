"""Whether two sentences report the same fact: their cores must agree, not only their words.

Shared words are not a shared fact. "Putin met Erdogan in Sochi" shares most of its
words with "Assad met Xi in Hangzhou"; "the nine crew members were French" shares them
with "Concordes usually carry nine crew members". Besides covering enough of a sentence's
fact keys (``redundancy.FactIndex``), another sentence credited with its fact must agree
on its core (issue 12):

- the same names: every name the sentence gives (a run of capitalised words, titles
  aside) must be named there too, by any of its words ("Bashar al-Assad" / "Assad",
  "Xi Jinping" / "Xi"), demonyms folded onto their place ("Syrian" / "Syria");
- the same numbers, normalised ("eight" = 8, "1.7 million" = 1700000, "9-year-old" = 9),
  with their bound ("more than 300,000" is not "as many as 300,000"), the same days and
  months ("Tuesday", "Sept." = "September"; a sentence that gives no time of its own tells
  the weekday its article's lead names, when the article names no other: "was in critical
  condition" in a report of Tuesday's collapse), the same half of the day for a clock
  time ("8 a.m." is not "8 p.m."), and the same compass point for a place ("the eastern
  city of Hangzhou");
- the same scope: "all" of a set on this side must be said on the other ("bans all
  tobacco advertising" is more than "the ban on tobacco advertisements");
- the same polarity and outcome: a negation on one side only is another fact, and so is
  a word on one side naming another outcome of one kind of event than the other names
  (``OPPOSITE_OUTCOMES``: "convicted" / "acquitted", "rose" / "halved"; ``OTHER_OUTCOMES``:
  "killed" / "injured", "hired" / "fired"), and a word placed otherwise (``EXCLUSIVE_RELATIONS``:
  "before" / "after the vote", "the north" / "the south of Ossery", "first" / "second in
  the race", "hundreds" / "thousands of people");
- enough of the other sentence is this fact too: at least ``MIN_REVERSE_COVERAGE`` of
  its key weight, so a long sentence about something else that mentions a few of the
  same words is not taken for it; at least ``MIN_SHARED_KEYS`` keys in common; and a
  share of what the sentence says besides its names (``MIN_PREDICATE_SHARE``), so
  another fact about the same people is not taken for it.

How a fact was told is no part of it: the keys of a framing opening ("In a significant
diplomatic development, ...", ``framing_opening``) are left aside when ``stating`` reads
the sentence. A contrast opening ("While carbon dioxide warms the atmosphere, sulfur
dioxide cools it.") sets two facts side by side, and another sentence states it only if
it states both (``FactCores.readings``).

A sentence that is mostly a quotation and names no one (a fragment of an interview, a
speaker's line without its speaker) is credited to no one: no other outlet can be shown
to report what nobody is said to have said. Nor is one that leans on the sentences
around it ("More air bags, though, are on the way.", "At that point, ...", a headline,
"I don't know", "In other public places, ..."): what it states depends on what it is read with.

Two sentences that tell one fact (each covers ``threshold`` of the other) but differ in
a number, a day, a compass point, polarity or an opposite outcome (``OPPOSITE_OUTCOMES``)
tell it differently: a disagreement, which the digest shows (``disputed_by``) rather than
printing both versions. Other outcomes and relations make another fact, not a
disagreement: one event may have both ("killed three and injured ten").

``FactRule`` is the one place these are decided, for credit, for redundancy (the
selection never picks a sentence whose fact or whose disagreeing version it already
told) and for disagreement. ``FactCores`` reads a sentence's core when first asked.
It is deterministic and works on sets of strings, so it costs little beside the
coverage arrays.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np

from .candidates import leans_on_context_for_credit
from .redundancy import FactIndex
from .terms import STOP_WORDS, Stemmer, TermAnalyzer, words

__all__ = [
    "MIN_REVERSE_COVERAGE",
    "MIN_SHARED_KEYS",
    "FactCore",
    "FactCores",
    "FactRule",
    "Marks",
    "framing_opening",
]

# What two sentences' outcomes (a set of EXCLUSIVE_OUTCOMES) or relations (a set of
# EXCLUSIVE_RELATIONS and the word placed) are compared by (``_opposed``).
Kind = TypeVar("Kind", bound=Hashable)

MIN_REVERSE_COVERAGE = 0.15
MIN_SHARED_KEYS = 3
# A fact is more than its names: of the keys a sentence gives besides its names and
# figures (what it says of them), at least this share must be in the other sentence.
MIN_PREDICATE_SHARE = 0.2
# A word is a name when it is capitalised inside sentences at least this often in the
# cluster: "President" before a name but "the president" elsewhere is not one.
PROPER_SHARE = 0.7
# Share of a sentence's words inside quotation marks above which it is a quotation.
QUOTED_SHARE = 0.5

TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Punctuation between two capitalised words ends a name: "Cairo, Egypt", "Xi, Assad and Putin".
NAME_BREAK_RE = re.compile(r"[,;:()\[\]\"“”!?]")
# Figures with their separators ("1,700,000", "1.7"), and words: one pass, left to right.
QUANTITY_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
QUOTED_RE = re.compile(r"[\"“”]([^\"“”]{1,2000})[\"“”]|``([^`']{1,2000})''")
# Lower-case words that join the parts of one name: "Bashar al-Assad", "Osama bin Laden".
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "del", "da", "di", "du", "van", "von", "la", "le"})
# Capitalised words that give a person's office, not who the person is.
TITLES = frozenset(
    """
    president vice prime minister secretary chairman chairwoman chief general governor senator
    representative rep sen gov king queen prince princess sheikh emir pope mayor judge justice
    mr mrs ms dr sir lord lady
    """.split()
)
# Sets of words that each state another outcome of one kind of event, with no negation
# word. A sentence using some of a set's words states another fact than one using none of
# those but others of the set. Only words whose common senses in news are that outcome:
# "release", "close", "open", "fire", "charge", "left", "cut" and "raised" have others
# ("released a report", "close range", "opened fire", "in charge", "cut ties"), and
# outcomes that follow one another (arrested, charged, sentenced; began, ended) are left out.
# Opposites: a polarity flip a decoy makes ("convicted" / "acquitted"), and, when two
# sentences tell one fact with both, a disagreement (``FactCores.contradicts``).
OPPOSITE_OUTCOMES: tuple[tuple[str, ...], ...] = (
    ("convict convicts convicted convicting conviction convictions", "acquit acquits acquitted acquitting acquittal"),
    ("guilty", "innocent"),
    ("win wins won winning winner", "lose loses lost losing loser"),
    (
        "rise rises rose risen rising increase increases increased increasing grow grows grew grown growing "
        "climb climbs climbed climbing soar soars soared soaring surge surges surged surging expand expands "
        "expanded expanding doubled tripled",
        "fall falls fell fallen falling decrease decreases decreased decreasing shrink shrinks shrank shrunk "
        "shrinking plunge plunges plunged plunging slump slumps slumped slumping halve halves halved halving "
        "contracted",
    ),
    ("survive survives survived surviving", "die dies died dying"),
    ("alive", "dead"),
    ("approve approves approved approving approval", "veto vetoes vetoed vetoing"),
    ("legalize legalizes legalized legalise legalises legalised", "ban bans banned banning outlaw outlawed"),
)
# Other outcomes: another fact ("three were killed" is not "three were injured"), but no
# disagreement, as one event may have both.
OTHER_OUTCOMES: tuple[tuple[str, ...], ...] = (
    (
        "kill kills killed killing dead die dies died death deaths",
        "injure injures injured injuring injury injuries wounded wounding",
    ),
    ("hire hires hired hiring", "fired dismiss dismisses dismissed layoff layoffs"),
    ("support supports supported supporting", "oppose opposes opposed opposing"),
    ("lift lifts lifted lifting", "impose imposes imposed imposing"),
    ("majority", "minority"),
    ("legal", "illegal"),
    ("able", "unable"),
    ("uphold upholds upheld upholding", "overturn overturns overturned overturning"),
    ("double doubles doubled doubling", "triple triples tripled tripling", "quadruple quadrupled"),
)
EXCLUSIVE_OUTCOMES: tuple[tuple[frozenset[str], ...], ...] = tuple(
    tuple(frozenset(words.split()) for words in outcomes) for outcomes in (*OPPOSITE_OUTCOMES, *OTHER_OUTCOMES)
)
# The kind of outcome a clock time's half of the day is (``_halves_of_day``): "8 a.m." is
# not "8 p.m.", but "8" or "8 in the morning" may be either.
HALF_OF_DAY = len(EXCLUSIVE_OUTCOMES)
DISPUTED_OUTCOMES = frozenset(range(len(OPPOSITE_OUTCOMES)))
# Words that place the word after them, each set exclusive: "resigned before the vote" is not
# "resigned after the vote", "the north of Ossery" not "the south of Ossery", "finished first
# in the race" not "second in the race", "hundreds of people" not "thousands of people", "the
# highest court" not "the lowest court". Read with the word they place (the next that is not a
# stop word nor another such word), and only against the same word: "first lady" and "second
# trip" place two words. Another fact, no disagreement.
EXCLUSIVE_RELATIONS: tuple[tuple[frozenset[str], ...], ...] = tuple(
    tuple(frozenset(words.split()) for words in relations)
    for relations in (
        ("before", "after"),
        tuple(
            f"{point} {point}ern {point}ward {point}wards"
            for point in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
        ),
        # Ordinals of a rank or a sequence ("last" is left out: "last week").
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
        # Vague magnitudes ("hundreds of thousands" names both).
        ("dozens", "hundreds", "thousands", "millions", "billions"),
        ("highest", "lowest"),
        ("largest biggest", "smallest"),
        ("best", "worst"),
        ("oldest", "youngest"),
        ("longest", "shortest"),
    )
)
RELATION_OF = {
    word: (kind, n) for kind, sets in enumerate(EXCLUSIVE_RELATIONS) for n, words in enumerate(sets) for word in words
}
# How many words after a relation word the word it places is looked for in ("north of the
# capital", "before and after the vote").
RELATION_REACH = 4
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"})
# Verbs that deny what follows: "denied that it would cut jobs", "refused on Monday to buy".
DENIALS = frozenset(
    "deny denies denied denying reject rejects rejected rejecting refuse refuses refused refusing".split()
)
# Verbs that deny the act right after "to": "failed to confirm", "declined to comment".
# Alone they may mean something else ("shares declined 5%").
REFUSALS = frozenset("fail fails failed failing decline declines declined declining".split())
# Words of a name that say what kind of thing it is, not which one: "Halvard Glacier" and
# "Tormund Glacier" are two glaciers, "New York" and "New Jersey" two states.
GENERIC_NAME_WORDS = frozenset(
    """
    glacier river lake mountain mountains mount sea ocean gulf bay island islands valley desert city county
    province state states district region street road avenue bridge airport station port square park
    university college school institute hospital center centre museum hall church company corporation corp
    inc group bank party council assembly parliament congress committee commission ministry department
    agency court army navy force forces police service fund foundation club team league federation
    association union alliance games cup airlines airline new north south east west northern southern
    eastern western national international united central great royal federal general grand saint st
    upper lower old
    """.split()
)
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
    if word != "_"  # "one" is a pronoun as often as a number ("no one", "the one who")
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Days and months by their first three letters ("Sept." and "September" are "sep"). Only
# capitalised, and a month only inside a sentence: "may" and "march" are also a verb.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
WEEKDAY_MARKS = frozenset(day[:3] for day in WEEKDAYS)  # as ``Marks.days`` gives them
# A time a sentence gives besides a day or month ("yesterday", "last week", "in 1993"): it
# is not its article's weekday (``FactCores._days_agree``).
TIME_OF_ITS_OWN_RE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|ago|(?:last|this|next) (?:week|weekend|night|month|year|"
    r"morning|afternoon|evening)|\d{4})\b",
    re.IGNORECASE,
)
# "all" before what it quantifies: "bans all tobacco advertising" says more than "bans tobacco
# advertisements". Not an idiom ("at all", "after all", "by all accounts", "all in all", "all
# of a sudden", "all night", "all but", "all told", ...), nor "all" before a number, which
# tells the set itself ("All 217 people on board were killed"; the number must agree anyway).
ALL_OF_A_SET_RE = re.compile(
    r"(?<!\bat )(?<!\bafter )(?<!\babove )(?<!\bin )(?<!\bfor )(?<!\bof )(?<!\bby )\ball\b"
    r"(?! but\b| in all\b| told\b| along\b| over\b| around\b| too\b| the same\b| right\b| of a sudden\b"
    r"| night\b| day\b| the more\b| about\b| at once\b| alone\b|-| \d"
    r"| (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)",
    re.IGNORECASE,
)
CALENDAR_WORDS = WEEKDAYS | frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Words that bound a figure: "more than 300,000" and "as many as 300,000" are two claims.
BOUNDS: tuple[tuple[tuple[str, ...], str], ...] = (
    *(((*words.split(),), ">") for words in ("more than", "over", "at least", "upwards of", "in excess of")),
    *(
        ((*words.split(),), "<")
        for words in ("as many as", "as much as", "up to", "nearly", "almost", "fewer than", "less than", "under")
    ),
)
# A compass point given to a named place: "the eastern city of Hangzhou", "the southern port of Basra".
COMPASS = {
    f"{point}{ending}": point
    for point in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
    for ending in ("", "ern")
} | {"central": "central"}
COMPASS_HINT_RE = re.compile(r"(?:north|south|east|west|central)", re.IGNORECASE)
# An opening that tells how a fact was told, not what it is: "In a significant diplomatic
# development, China and Syria have ...", "In a statement, the ministry ...". An outlet
# telling the fact without it tells the same one. Only an opening about the telling or the
# kind of news counts (``FRAMING_NOUNS``): "In a village near the border, gunmen ..." gives
# the fact's place. One that names someone or something (a capitalised word), gives a
# figure or an ordinal ("In a first for the league, ...", "In a second attack, ...") is
# part of the fact.
FRAMING_OPENING_RE = re.compile(r"In an? [^,]{1,60},")
FRAMING_NOUNS = frozenset(
    """
    statement announcement interview speech address letter message note memo briefing remarks
    comments post tweet broadcast editorial column testimony release move development step sign
    shift turn twist bid effort gesture surprise departure reversal
    """.split()
)
FRAMING_SPECIFICS = frozenset("one first second third fourth fifth last only record once twice".split()) | frozenset(
    NUMBER_WORDS
)
# An opening clause that sets one fact against another: "While carbon dioxide warms the
# atmosphere, sulfur dioxide cools it." states both, and an outlet telling one of them tells
# part of it (partial is not corroboration).
CONTRAST_OPENING_RE = re.compile(r"(?:While|Whereas|Although|Though) [^,]{1,120},")
PLACE_NOUNS = frozenset("city town port province state region village county district capital island coast".split())


@dataclass(frozen=True)
class Marks:
    """What any sentence states that must match exactly: quantities, days, polarity."""

    numbers: frozenset[str]  # "300000", ">300000" (more than), "<300000" (as many as)
    all_of_a_set: bool  # "all" of what it tells of (``ALL_OF_A_SET_RE``)
    days: frozenset[str]  # weekdays and months named
    negated: bool
    places: frozenset[tuple[str, str]]  # (name key, compass point): "the eastern city of Hangzhou"
    outcomes: frozenset[tuple[int, frozenset[int]]]  # (set of EXCLUSIVE_OUTCOMES or HALF_OF_DAY, those named)
    relations: frozenset[
        tuple[tuple[int, str], frozenset[int]]
    ]  # ((set of EXCLUSIVE_RELATIONS, word placed), those placing it)


@dataclass(frozen=True)
class FactCore:
    """What must agree for another sentence to state this one's fact."""

    names: tuple[frozenset[str], ...]  # each name as the fact keys of the words telling it apart
    name_keys: frozenset[str]  # keys of the name words, and of every capitalised word but the first and titles
    marks: Marks
    anonymous_quote: bool  # mostly a quotation, and names no one
    leans_on_context: bool  # needs the sentences around it to be read (``candidates.leans_on_context_for_credit``)

    @property
    def checkable(self) -> bool:
        """Whether another outlet can be shown to report it: not what nobody is said to
        have said, nor what only its context makes a fact."""
        return not (self.anonymous_quote or self.leans_on_context)


class FactCores:
    """The cores of a cluster's sentences, read when first asked for (credit looks at a
    digest's few sentences and their candidates, not at every sentence). ``key`` maps a
    term to its fact key, as ``FactIndex`` does; ``stem`` is the term analyzer's stemmer;
    ``articles``, where known, the article of each sentence (negative: none), whose one
    weekday a sentence giving no time of its own tells (``_days_agree``)."""

    def __init__(
        self,
        texts: Sequence[str],
        key: Callable[[str], str],
        stem: Callable[[str], str],
        articles: Sequence[int] | None = None,
    ) -> None:
        self._texts = texts
        self._key = key
        self._stem = stem
        if articles is not None and len(articles) != len(texts):
            raise ValueError(f"{len(articles)} articles for {len(texts)} sentences")
        self._articles = articles
        self._article_weekdays: dict[int, frozenset[str]] | None = None
        self._proper = _proper_keys(texts, self._word_key)
        self._cores: dict[int, FactCore] = {}
        self._marks: dict[int, Marks] = {}
        self._framing: dict[int, frozenset[str]] = {}
        self._contrasts: dict[int, tuple[frozenset[str], ...]] = {}

    def core(self, index: int) -> FactCore:
        if index not in self._cores:
            text = self._texts[index]
            names, name_keys = self._names(text)
            anonymous_quote = not names and _quoted_share(text) > QUOTED_SHARE
            self._cores[index] = FactCore(
                names, name_keys, self.marks(index), anonymous_quote, leans_on_context_for_credit(text) is not None
            )
        return self._cores[index]

    def marks(self, index: int) -> Marks:
        if index not in self._marks:
            text = self._texts[index]
            # Tokenised once for polarity (negations, opposite words); "don’t" read as "don't".
            tokens = words(text.replace("’", "'"))
            # And once for figures, for the quantities and the clock times' halves of the day.
            quantities = QUANTITY_TOKEN_RE.findall(text.lower())
            self._marks[index] = Marks(
                _numbers(quantities),
                bool(ALL_OF_A_SET_RE.search(text)),
                _days(text),
                _negations(tokens) % 2 == 1,
                self._places(text),
                _outcomes(tokens, _halves_of_day(quantities)),
                _relations(tokens),
            )
        return self._marks[index]

    def agree(self, row: int, other: int, other_keys: frozenset[str]) -> bool:
        """Whether sentence ``other`` (with its fact ``other_keys``) agrees with the core of
        sentence ``row``. The shares of key weight are checked by the caller, on arrays."""
        core, theirs = self.core(row), self.marks(other)
        return (
            core.checkable
            and core.marks.negated == theirs.negated
            and not _opposed(core.marks.outcomes, theirs.outcomes)
            and not _opposed(core.marks.relations, theirs.relations)
            and core.marks.numbers <= theirs.numbers
            and theirs.all_of_a_set >= core.marks.all_of_a_set
            and self._days_agree(core.marks.days, other)
            and core.marks.places <= theirs.places
            and all(name & other_keys for name in core.names)
        )

    def contradicts(self, row: int, other: int, other_keys: frozenset[str]) -> bool:
        """Whether sentence ``other`` tells a detail of ``row``'s fact otherwise: the same
        names, but another number, day, polarity or opposite outcome. That the two tell one
        fact (their key weight shared both ways) is the caller's check, on arrays; a place's
        compass point (``place_conflict``) contradicts whatever the sentences report."""
        ours, theirs = self.marks(row), self.marks(other)
        told_otherwise = (
            ours.negated != theirs.negated
            or _opposed(ours.outcomes, theirs.outcomes, DISPUTED_OUTCOMES)
            or _differ(ours.numbers, theirs.numbers)
            or _differ(ours.days, theirs.days)
            or self.place_conflict(row, other)
        )
        # The names are read only for the few pairs whose marks differ.
        core = self.core(row) if told_otherwise else None
        return core is not None and core.checkable and all(name & other_keys for name in core.names)

    def _days_agree(self, days: frozenset[str], other: int) -> bool:
        """Whether sentence ``other`` tells ``days``: it names them, or ``days`` is the one
        weekday of ``other``'s article (named in its first sentence, no other named anywhere)
        and ``other`` gives no time of its own (a report whose lead tells of Tuesday's collapse
        says the driver "was in critical condition", meaning on Tuesday). An article naming two
        weekdays leaves it open which one a sentence is about; a sentence of no known article
        names its own."""
        theirs = self.marks(other).days
        if days <= theirs:
            return True
        if theirs or self._articles is None or self._articles[other] < 0:
            return False
        if TIME_OF_ITS_OWN_RE.search(self._texts[other]):
            return False
        if self._article_weekdays is None:
            self._article_weekdays = self._weekdays_of_articles(self._articles)
        return self._article_weekdays.get(self._articles[other]) == days

    def _weekdays_of_articles(self, articles: Sequence[int]) -> dict[int, frozenset[str]]:
        """The one weekday of each article whose first sentence names it and whose other
        sentences name no other weekday."""
        named: dict[int, set[str]] = {}
        in_lead: dict[int, frozenset[str]] = {}
        # Read once for the whole cluster, as text: the marks are read only for the few
        # sentences a credit looks at.
        for text, article in zip(self._texts, articles, strict=True):
            weekdays = _days(text) & WEEKDAY_MARKS
            in_lead.setdefault(article, weekdays)  # the article's first sentence
            named.setdefault(article, set()).update(weekdays)
        return {article: in_lead[article] for article, told in named.items() if len(told) == 1 and in_lead[article]}

    def place_conflict(self, row: int, other: int) -> bool:
        """Whether the two sentences put one named place at different compass points
        ("the southern city of Hangzhou" / "the eastern city of Hangzhou")."""
        theirs = dict(self.marks(other).places)
        return any(theirs.get(name, point) != point for name, point in self.marks(row).places)

    def framing_keys(self, index: int) -> frozenset[str]:
        """The keys only the sentence's framing opening gives (``framing_opening``): no part
        of its fact."""
        if index not in self._framing:
            text = self._texts[index]
            opening = framing_opening(text)
            self._framing[index] = self._split_keys(text, opening)[0] if opening else frozenset()
        return self._framing[index]

    def readings(self, index: int) -> tuple[frozenset[str], ...]:
        """The keys each reading of the sentence's fact leaves aside; another sentence states
        the fact only if it covers every reading. None for most sentences: the fact is the
        whole. A framing opening is left aside (``framing_keys``); a contrast opening
        (``CONTRAST_OPENING_RE``) gives two readings, the clause and the rest, each without
        the other's own keys."""
        if framing := self.framing_keys(index):
            return (framing,)
        if index not in self._contrasts:
            text = self._texts[index]
            match = CONTRAST_OPENING_RE.match(text)
            clause, rest = self._split_keys(text, match.end()) if match else (frozenset(), frozenset())
            self._contrasts[index] = (rest, clause) if clause and rest else ()
        return self._contrasts[index]

    def _split_keys(self, text: str, at: int) -> tuple[frozenset[str], frozenset[str]]:
        """The keys only ``text[:at]`` gives, and those only ``text[at:]`` gives."""
        before = {k for w in words(text[:at]) if (k := self._word_key(w))}
        after = {k for w in words(text[at:]) if (k := self._word_key(w))}
        return frozenset(before - after), frozenset(after - before)

    def _word_key(self, word: str) -> str | None:
        if word in STOP_WORDS or len(word) < 2 or word.isdigit():
            return None
        return self._key(self._stem(word))

    def _names(self, text: str) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
        """The names ``text`` gives: runs of capitalised name words, titles left out, each
        as the keys that tell it apart ("Halvard" of "Halvard Glacier"; all of "National
        Assembly", which has nothing else)."""
        names: list[frozenset[str]] = []
        name_keys: set[str] = set()
        current: dict[str, bool] = {}  # key: whether the word tells the name apart
        end = 0
        for position, match in enumerate(TOKEN_RE.finditer(text)):
            token = match.group()
            # Punctuation ends a name ("Xi, Assad and Putin"), but for a place set off after
            # its city or country ("Conyers, Ga., ...", "Cairo, Egypt."), which tells the same.
            if current and NAME_BREAK_RE.search(text, end, match.start()) and not _appended_place(text, end, match):
                names.append(_telling(current))
                current = {}
            end = match.end()
            word = _plain(token.lower())
            key = self._word_key(word)
            capitalised = token[:1].isupper() and key is not None
            # A word capitalised inside the sentence is part of a name here even where the
            # cluster mostly writes it in lower case ("Centers for Disease Control", "Clean
            # Water Act"): it is not part of what the sentence says of its names.
            if key is not None and capitalised and position > 0 and word not in TITLES:
                name_keys.add(key)
            # The first word of a sentence is capitalised anyway: a name only if it is one elsewhere.
            # A weekday is no name: the days rule reads it (``Marks.days``). A month may be
            # one ("April Ryan").
            if capitalised and key in self._proper and word not in TITLES and word not in WEEKDAYS:
                current[key] = current.get(key, False) or word not in GENERIC_NAME_WORDS
                name_keys.add(key)
                if word != token.lower():  # a possessive ends the name: "Estravia's National Assembly"
                    names.append(_telling(current))
                    current = {}
            elif word in NAME_PARTICLES and current:
                continue
            elif current:
                names.append(_telling(current))
                current = {}
        if current:
            names.append(_telling(current))
        return tuple(dict.fromkeys(names)), frozenset(name_keys)

    def _places(self, text: str) -> frozenset[tuple[str, str]]:
        """(name key, compass point) for each "<compass> <place noun> [of] <Name>" of ``text``."""
        if not COMPASS_HINT_RE.search(text):  # most sentences: one scan and done
            return frozenset()
        tokens = TOKEN_RE.findall(text)
        places = set()
        for i, token in enumerate(tokens[:-2]):
            point = COMPASS.get(token.lower())
            if point is None or tokens[i + 1].lower() not in PLACE_NOUNS:
                continue
            name = tokens[i + 3] if tokens[i + 2].lower() == "of" and i + 3 < len(tokens) else tokens[i + 2]
            key = self._word_key(_plain(name.lower()))
            if name[:1].isupper() and key is not None:
                places.add((key, point))
        return frozenset(places)


class FactRule:
    """The one same-fact rule over a cluster's sentences (issue 12): credit, redundancy
    and disagreement all ask it.

    - ``stating``: the sentences that state a row's fact. They cover at least
      ``threshold`` of its key weight, share ``MIN_SHARED_KEYS`` keys with it, give
      ``MIN_REVERSE_COVERAGE`` of their own weight to it, agree with its core, and
      share ``MIN_PREDICATE_SHARE`` of what it says besides names and figures.
    - ``covering``: coverage alone, the looser relation ranking's corroboration counts.
    - ``disputing``: the sentences that tell a detail of a row's fact otherwise: the two
      share at least ``threshold`` of each one's key weight, but a number, day, polarity,
      opposite outcome or a place's compass point differs (``FactCores.contradicts``).

    Each answer is, per row, sentence indices best first: most coverage, then the
    earlier sentence. The arrays filter first; the cores are read only for what passes.
    """

    def __init__(
        self,
        texts: Sequence[str],
        index: FactIndex,
        stem: Callable[[str], str],
        threshold: float,
        articles: Sequence[int] | None = None,
    ) -> None:
        self.index = index
        self.cores = FactCores(texts, index.key, stem, articles)
        self.threshold = threshold
        self._texts = texts
        self._placed: np.ndarray | None = None
        self._last_both_ways: tuple[tuple[int, ...], np.ndarray, np.ndarray] | None = None

    @classmethod
    def for_texts(
        cls, texts: Sequence[str], stemmer: Stemmer, threshold: float, articles: Sequence[int] | None = None
    ) -> FactRule:
        """The rule over sentences known by their text (the daily digest's sentences of
        earlier days, read back from their JSON), with the fact terms the pipeline reads;
        ``articles`` as for ``FactCores``."""
        analyzer = TermAnalyzer(stemmer)
        return cls(texts, FactIndex([analyzer.fact_terms(t) for t in texts]), stemmer.stem, threshold, articles)

    def covering(self, rows: Sequence[int]) -> list[np.ndarray]:
        coverage, _ = self._coverage_both_ways(rows)
        return _best_first_each(coverage >= self.threshold, coverage, rows)

    def stating(self, rows: Sequence[int]) -> list[np.ndarray]:
        coverage, reverse = self._coverage_both_ways(rows)
        read = [(n, readings) for n, row in enumerate(rows) if (readings := self.cores.readings(row))]
        if read:
            coverage = coverage.copy()  # the kept arrays answer the other questions as they are
            for n, readings in read:
                coverage[n] = np.min([self.index.coverage_without(rows[n], aside) for aside in readings], axis=0)
        counts = self.index.shared_counts(rows)
        passing = (coverage >= self.threshold) & (counts >= MIN_SHARED_KEYS) & (reverse >= MIN_REVERSE_COVERAGE)
        return [
            _best_first(
                np.array([i for i in np.flatnonzero(passing[n]) if self._states(row, int(i))]), coverage[n], row
            )
            for n, row in enumerate(rows)
        ]

    def disputing(self, rows: Sequence[int]) -> list[np.ndarray]:
        coverage, reverse = self._coverage_both_ways(rows)
        one_fact = (coverage >= self.threshold) & (reverse >= self.threshold)
        found = []
        for n, row in enumerate(rows):
            # A sentence never disputes itself, and most name no compass point: their
            # marks are read only for the pairs and places there are.
            others = (int(i) for i in np.flatnonzero(one_fact[n]) if i != row)
            told = [i for i in others if self.cores.contradicts(row, i, self._keys(i))]
            if COMPASS_HINT_RE.search(self._texts[row]) and self.cores.marks(row).places:
                told += [i for i in self._with_places() if self.cores.place_conflict(row, int(i))]
            # Most pooled rows are disputed by none: no sorting for them.
            found.append(_best_first(np.unique(told), coverage[n], row) if told else np.empty(0, dtype=int))
        return found

    def _states(self, row: int, other: int) -> bool:
        keys = self._keys(other)
        if not self.cores.agree(row, other, keys):
            return False
        aside = self.cores.core(row).name_keys | self.cores.framing_keys(row)
        predicate = [k for k in self.index.keys[row] if k not in aside and not k.isdigit()]
        return sum(k in keys for k in predicate) >= MIN_PREDICATE_SHARE * len(predicate)

    def _coverage_both_ways(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """``FactIndex.coverage_both_ways``, kept for the rows last asked about: ranking asks
        for its pool's coverage (``covering``), then for the pool's disagreements."""
        asked = tuple(rows)
        if self._last_both_ways is None or self._last_both_ways[0] != asked:
            self._last_both_ways = (asked, *self.index.coverage_both_ways(asked))
        return self._last_both_ways[1], self._last_both_ways[2]

    def _keys(self, row: int) -> frozenset[str]:
        return frozenset(self.index.keys[row])

    def _with_places(self) -> np.ndarray:
        if self._placed is None:
            hinted = [i for i, text in enumerate(self._texts) if COMPASS_HINT_RE.search(text)]
            self._placed = np.array([i for i in hinted if self.cores.marks(i).places], dtype=int)
        return self._placed


def framing_opening(text: str) -> int:
    """How many characters of ``text`` a framing opening takes (``FRAMING_OPENING_RE``); 0 without one."""
    match = FRAMING_OPENING_RE.match(text)
    if match is None:
        return 0
    tokens = match.group().split()[1:]
    if any(t[:1].isupper() or any(c.isdigit() for c in t) for t in tokens):
        return 0
    opening = set(words(match.group()))
    return match.end() if FRAMING_NOUNS & opening and not FRAMING_SPECIFICS & opening else 0


def _best_first(found: np.ndarray, coverage: np.ndarray, row: int) -> np.ndarray:
    found = found[found != row].astype(int)
    return found[np.lexsort((found, -coverage[found]))]


def _best_first_each(found: np.ndarray, coverage: np.ndarray, rows: Sequence[int]) -> list[np.ndarray]:
    """``_best_first`` for every row at once (one sort, not one a row): ``found`` marks,
    in the row of each of ``rows``, the sentences found for it; it is changed."""
    if not len(rows):
        return []
    found[np.arange(len(rows)), rows] = False
    n, sentences = np.nonzero(found)
    order = np.lexsort((sentences, -coverage[n, sentences], n))
    return np.split(sentences[order], np.cumsum(np.count_nonzero(found, axis=1))[:-1])


def _appended_place(text: str, end: int, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 2]
    return text[end : match.start()] == ", " and (after[:1] in (",", ";", "") or after in (". ", ".,", "."))


def _telling(name: dict[str, bool]) -> frozenset[str]:
    return frozenset(key for key, telling in name.items() if telling) or frozenset(name)


def _differ(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """Each side states one the other does not: a detail told otherwise, not one left out."""
    return bool(ours - theirs) and bool(theirs - ours)


def _proper_keys(texts: Sequence[str], key_of: Callable[[str], str | None]) -> frozenset[str]:
    """Keys of the words the cluster capitalises inside sentences at least ``PROPER_SHARE`` of the time."""
    # Counted as written first (one C-level count), then by key: one pass over the
    # distinct tokens, each keyed once (stems are memoised).
    tokens: Counter[str] = Counter()
    for text in texts:
        tokens.update(TOKEN_RE.findall(text)[1:])
    inside: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for token, count in tokens.items():
        key = key_of(_plain(token.lower()))
        if key is not None:
            inside[key] += count
            if token[:1].isupper():
                capitalised[key] += count
    return frozenset(k for k, n in inside.items() if capitalised[k] >= PROPER_SHARE * n)


def _plain(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _numbers(tokens: Sequence[str]) -> frozenset[str]:
    """The quantities a sentence states, from its ``QUANTITY_TOKEN_RE`` tokens (lower case),
    normalised: "eight", "8" and "8.0" are "8";
    "1.7 million" and "1,700,000" are "1700000". A bound keeps its sense: "more than
    300,000" is ">300000", "as many as 300,000" is "<300000" (another claim than 300,000)."""
    values: list[float] = []
    bounds: list[str] = []
    previous: tuple[str, ...] = ()
    for token in tokens:
        if token in MULTIPLIERS and values:
            values[-1] *= MULTIPLIERS[token]
        elif token in NUMBER_WORDS or token[0].isdecimal():
            values.append(float(NUMBER_WORDS[token]) if token in NUMBER_WORDS else _figure_value(token))
            bounds.append(_bound(previous))
        previous = (*previous[-2:], token)
    return frozenset(f"{bound}{_figure(value)}" for value, bound in zip(values, bounds, strict=True))


def _halves_of_day(tokens: Sequence[str]) -> frozenset[int]:
    """The halves of the day, 0 for "a.m." and 1 for "p.m.", of the clock times a sentence
    gives ("8 a.m.", "9pm", "8:30 p.m."), from its ``QUANTITY_TOKEN_RE`` tokens (lower case)."""
    halves = (_meridiem(tokens[at + 1 : at + 3]) for at, token in enumerate(tokens) if token[0].isdecimal())
    return frozenset(("am", "pm").index(half) for half in halves if half)


def _meridiem(after: Sequence[str]) -> str:
    """The half of the day, "am" or "pm", when the tokens after a figure make it a clock time
    ("8 a.m.", "9pm"); "" when they do not."""
    if after[:1] in (["am"], ["pm"]):
        return after[0]
    if len(after) == 2 and after[0] in ("a", "p") and after[1] == "m":
        return after[0] + "m"
    return ""


def _figure_value(token: str) -> float:
    number = token.replace(",", "")
    return float(number) if number.count(".") <= 1 else float(number.split(".")[0])


def _bound(previous: tuple[str, ...]) -> str:
    for phrase, bound in BOUNDS:
        if previous[-len(phrase) :] == phrase:
            return bound
    return ""


def _figure(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _days(text: str) -> frozenset[str]:
    """The days and months ``text`` names, capitalised ("Tuesday's" too); a month not as
    the first word, where "May" and "March" are as often a verb."""
    days = set()
    for position, token in enumerate(TOKEN_RE.findall(text)):
        word = _plain(token.lower())
        if token[:1].isupper() and word in CALENDAR_WORDS and (position > 0 or word in WEEKDAYS):
            days.add(word[:3])
    return frozenset(days)


def _negations(tokens: Sequence[str]) -> int:
    return sum(
        1
        for w, after in pairwise([*tokens, ""])
        if w in NEGATIONS or w in DENIALS or w.endswith("n't") or (w in REFUSALS and after == "to")
    )


def _outcomes(tokens: Sequence[str], halves_of_day: frozenset[int]) -> frozenset[tuple[int, frozenset[int]]]:
    """For each set of ``EXCLUSIVE_OUTCOMES`` that ``tokens`` use, the outcomes they name; and
    the halves of the day of the clock times the sentence gives, as ``HALF_OF_DAY``'s."""
    used = set(tokens)
    found = {(HALF_OF_DAY, halves_of_day)} if halves_of_day else set()
    for kind, outcomes in enumerate(EXCLUSIVE_OUTCOMES):
        named = frozenset(n for n, outcome in enumerate(outcomes) if outcome & used)
        if named:
            found.add((kind, named))
    return frozenset(found)


def _opposed(
    ours: frozenset[tuple[Kind, frozenset[int]]],
    theirs: frozenset[tuple[Kind, frozenset[int]]],
    kinds: frozenset[Kind] | None = None,
) -> bool:
    """Whether the two name only other outcomes of one kind ("convicted" / "acquitted"), of
    ``kinds`` if given; or place one word only by other relations ("after the vote" for
    "before the vote"), the kind being the set of relations and the word placed."""
    named = dict(theirs)
    return any(
        kind in named and not outcomes & named[kind] and (kinds is None or kind in kinds) for kind, outcomes in ours
    )


def _relations(tokens: Sequence[str]) -> frozenset[tuple[tuple[int, str], frozenset[int]]]:
    """For each (set of ``EXCLUSIVE_RELATIONS``, word placed), the relations of the set that
    place it: each relation word of ``tokens`` places the first word within ``RELATION_REACH``
    after it that is neither a stop word nor another relation word."""
    placing: dict[tuple[int, str], set[int]] = {}
    for at, token in enumerate(tokens):
        if (relation := RELATION_OF.get(token)) is not None:
            after = tokens[at + 1 : at + 1 + RELATION_REACH]
            placed = next((w for w in after if w not in STOP_WORDS and w not in RELATION_OF), None)
            if placed is not None:
                placing.setdefault((relation[0], placed), set()).add(relation[1])
    return frozenset((key, frozenset(relations)) for key, relations in placing.items())


def _quoted_share(text: str) -> float:
    quoted = sum(len((a or b).split()) for a, b in QUOTED_RE.findall(text))
    # An unclosed quotation (a line cut out of a longer quote) counts whole.
    if text.count('"') % 2 or text.count("“") != text.count("”") or text.count("``") != text.count("''"):
        return 1.0
    return quoted / max(len(text.split()), 1)
