from __future__ import annotations

import pytest

from summarizer import OptionsError, SummaryOptions
from summarizer.options import PUBLIC_OPTIONS


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"max_words": 0}, "max_words must be between 1 and 5000"),
        ({"max_words": "100"}, "max_words must be an integer"),
        ({"max_words": True}, "max_words must be an integer"),
        ({"max_sentences": 1000}, "max_sentences must be between"),
        ({"order": "random"}, "order must be one of narrative, rank, chronological, source"),
        ({"max_word": 100}, "unknown option 'max_word'"),
        ({"damping": 1.5}, "unknown option 'damping'"),
    ],
)
def test_public_options_are_validated_once_with_a_clear_message(values: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        SummaryOptions.from_mapping(values, allowed=PUBLIC_OPTIONS)


def test_library_callers_may_tune_every_parameter() -> None:
    options = SummaryOptions.from_mapping({"damping": 0.5, "graph_neighbors": 3})
    assert (options.damping, options.graph_neighbors) == (0.5, 3)
    with pytest.raises(OptionsError, match="damping must be between"):
        SummaryOptions(damping=1.0)
