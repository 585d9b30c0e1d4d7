from __future__ import annotations

import pytest

from summarizer.cleaning import clean_text, split_paragraphs

from .builders import fixture_text

# Each line: clutter found on real news pages, which must never reach a digest.
CLUTTER = [
    "Skip to content",
    "1. Skip to main menu",
    "Home   »   World News   »   Ferry runs aground",
    "Share this story: Facebook | X | WhatsApp",
    "Click the share button above to email this article to your friends.",
    "To receive our Daily Newsletter (selected articles), click here.",
    "Follow us on Instagram and Twitter and subscribe to our Telegram Channel.",
    "Please subscribe to support local journalism.",
    "Please use Chrome browser for a more accessible video player",
    "Tell us in the comments below.",
    "The two leaders holding talks in Hangzhou. Pic: SANA/Handout via Reuters",
    "Assad was accompanied by a high-level delegation Image: SANA/REUTERS",
    "Featured image: Map indicating locations of China and Syria (Licensed under CC BY-SA 3.0)",
    "Emergency crews at the scene on Tuesday. (Photo by Sam Ortiz/The Civic Ledger)",
    "By Renata Ellis, Harbor Daily staff",
    "By TOMAS REYES",
    "Northline Wire Writer",
    "Associated Press Writer",
    "Articles by: Middle East Eye",
    "wmr/wd (AFP, Reuters)",
    "trb/kl (Northline)",
    "Copyright © 2026 The Islander. All rights reserved.",
    "© 2026 Harbor Daily Media. All rights reserved.",
    "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
    "We are making such material available under the provisions of fair use.",
    "For media inquiries: publications@example.org",
    "The original source of this article is Middle East Eye",
    "(Story can end here. Optional adds follow)",
    "(For use by N.Y. Times News Service clients)",
    "ENDIT",
    "(MORE)",
    "---",
    "\\*\\*\\*",
    "March 11, 2026 | Updated 7:00 a.m.",
    "Last updated: March 3, 2026 10:00 GMT",
    "September 22, 2023",
    "## A bridge already flagged",
    "Analysis: It's the message this visit sends that matters",
    "INDIAN LEADERS TALK CONGRESS ABOUT NEW POWER TO SHAPE OWN WELFARE REFORM",
    "Address questions to Garden Q&A, The Harbor Daily, 12 Pier St., or by e-mail to garden(at)example.org.",
    "By Carol Smith. (Story will move in the ``a'' category.)",
]

# Prose that resembles clutter and must be kept.
PROSE = [
    "Officials updated the death toll on Friday.",
    "Updated guidance was issued by the ministry on Friday.",
    "The vote was held on March 11, 2026, in the capital.",
    "Investors rushed to buy the bonds, which were oversubscribed.",
    "The company said it would share the findings with regulators.",
    "By the end of the day, rescuers had reached all of the passengers.",
    # Clutter phrases count only as whole words.
    "According to union newsletters, the union has asked for higher wages.",
    "Objections raised within the comments period were rejected by the board.",
    "He took the photograph: a crowd at the gate, police behind it.",
    "Residents may send questions to the city's hotline until Friday.",
    "The storm will move in the evening toward the coast.",
]


@pytest.mark.parametrize("line", CLUTTER)
def test_clutter_is_removed(line: str) -> None:
    assert clean_text(line) == ()


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str) -> None:
    assert clean_text(line) == (line,)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "PINE RIDGE, S.D. (AP) -- President Clinton turned his attention to the reservation.",
            "President Clinton turned his attention to the reservation.",
        ),
        (
            "BEIJING, Sept. 22 (Xinhua) -- China and Syria signed the agreement on Friday.",
            "China and Syria signed the agreement on Friday.",
        ),
        (
            "PHOENIX _ Victoria Molina wants strangers to stop complaining.",
            "Victoria Molina wants strangers to stop complaining.",
        ),
        (
            "CARVER FALLS, Ohio (Northline) -- A bridge gave way on Tuesday.",
            "A bridge gave way on Tuesday.",
        ),
        ("WASHINGTON — The Senate passed the bill late Friday.", "The Senate passed the bill late Friday."),
        # Not datelines: an acronym before a lower-case clause, a name in a sentence.
        (
            "NATO — the alliance — met in Brussels on Monday.",
            "NATO — the alliance — met in Brussels on Monday.",
        ),
    ],
)
def test_dateline_is_cut_and_sentence_kept(raw: str, clean: str) -> None:
    assert clean_text(raw) == (clean,)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "[Middle East Eye](#) reported that talks were held on Friday.",
            "Middle East Eye reported that talks were held on Friday.",
        ),
        (
            "***Chinese President Xi Jinping** and his **Syrian** counterpart met.*",
            "Chinese President Xi Jinping and his Syrian counterpart met.",
        ),
        (
            "Riyadh offered Syria [\\\\$4bn to compensate](#) for the loss.",
            "Riyadh offered Syria $4bn to compensate for the loss.",
        ),
        ("The plan, in _her_ words, was ![map](x.png)simple.", "The plan, in her words, was simple."),
    ],
)
def test_markdown_is_reduced_to_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == (clean,)


def test_related_headlines_are_dropped_with_their_header_until_prose_resumes() -> None:
    text = (
        "The ferry struck a sandbar on Thursday.\n\n"
        "Articles You May Like\n\n"
        "Kia believes it has an edge with electric vans\n"
        "World leaders condemn ‘political violence’\n\n"
        "Salvage crews will try to refloat the ferry on Friday.\n"
    )
    assert clean_text(text) == (
        "The ferry struck a sandbar on Thursday.",
        "Salvage crews will try to refloat the ferry on Friday.",
    )


def test_inline_wire_note_is_removed_from_a_prose_paragraph() -> None:
    assert clean_text("The ferry was refloated on Friday. (MORE)") == ("The ferry was refloated on Friday.",)


def test_a_routing_note_is_removed_from_a_news_service_budget_line() -> None:
    budget = (
        "Salvage crews will try to refloat the ferry on Friday. By TOMAS REYES. Story will move in the ``A'' category."
    )
    assert clean_text(budget) == ("Salvage crews will try to refloat the ferry on Friday. By TOMAS REYES.",)


def test_fixture_article_keeps_its_prose_and_nothing_else() -> None:
    paragraphs = clean_text(fixture_text("ferry/coastal-times.txt"))
    assert paragraphs[0].startswith("The passenger ferry Marisol ran aground")
    assert paragraphs[-1].startswith("The coast guard said it was investigating")
    assert len(paragraphs) == 5
    joined = "\n".join(paragraphs)
    for clutter in (
        "Skip to",
        "Image:",
        "Read more",
        "Island council votes",
        "Share this",
        "rjm/ab",
        "June 4",
    ):
        assert clutter not in joined


def test_unpunctuated_long_paragraph_is_kept_as_prose() -> None:
    words = " ".join(["the harbour master said crews worked through the night"] * 4)
    assert clean_text(words) == (words,)


def test_hard_wrapped_block_is_joined_but_one_paragraph_per_line_is_not() -> None:
    wrapped = (
        "The ferry left Port Delane at 5:15 p.m. and was due at Pellan at\n"
        "7 p.m. when it struck a sandbar about a mile from the harbour, the\n"
        "coast guard said on Thursday."
    )
    assert split_paragraphs(wrapped) == [" ".join(wrapped.split("\n"))]
    lines = "The ferry ran aground on Thursday.\nAll passengers were taken off by lifeboats."
    assert split_paragraphs(lines) == lines.split("\n")


def test_empty_and_whitespace_text_give_no_paragraphs() -> None:
    assert clean_text("") == ()
    assert clean_text(" \n\t\u00a0\n ") == ()
