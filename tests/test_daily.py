"""``build_daily_digest``: the day's articles -> stories -> one summary per story."""

from __future__ import annotations

from datetime import UTC, date

from summarizer import Summarizer, SummaryOptions
from summarizer.daily import build_daily_digest
from summarizer.readers import read_inputs
from summarizer.stories import StoryOptions

from .builders import EXAMPLES, ferry_documents, make_document

DAY = date(2026, 3, 10)  # the bundled examples' day; the ferry fixtures carry no date
GERMAN = (
    "Die Fähre lief am Dienstag vor der Insel auf Grund. Die Küstenwache brachte alle Fahrgäste "
    "an Land. Der Kapitän sagte, das Schiff sei nicht beschädigt worden."
)


def test_each_story_is_summarized_as_its_documents_would_be_on_their_own() -> None:
    # The digest reads each article once and summarizes the stories from that reading;
    # it must give what summarizing the story's documents directly gives.
    documents = [*ferry_documents(), *read_inputs([str(EXAMPLES)]).documents]
    summarizer, options = Summarizer(), SummaryOptions(max_words=80)
    daily = build_daily_digest(DAY, UTC, documents, summarizer, options, StoryOptions())
    assert len(daily.stories) == 2
    by_id = {d.id: d for d in documents}
    for story in daily.stories:
        alone = summarizer.summarize([by_id[i] for i in story.documents], options)
        assert story.digest.summary == alone.summary
        assert story.digest.sources == alone.sources


def test_a_story_that_cannot_be_summarized_is_skipped_and_the_progress_still_ends() -> None:
    # Two copies of a German report are one story with nothing English to summarize.
    documents = [*ferry_documents(), make_document(GERMAN, id="de-1"), make_document(GERMAN, id="de-2")]
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    daily = build_daily_digest(DAY, UTC, documents, Summarizer(), SummaryOptions(), StoryOptions(), progress)
    assert [s.documents for s in daily.stories] == [("coastal-times", "islander", "wire")]
    assert [d for d, _ in daily.skipped] == ["de-1", "de-2"]
    assert all("could not be summarized" in reason for _, reason in daily.skipped)
    assert calls == [(1, 2), (2, 2)]
