from __future__ import annotations

import pytest

from summarizer import OptionsError, SummaryOptions
from summarizer.options import PUBLIC_OPTIONS, require_float, require_int


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


def test_the_checks_name_the_option_its_bounds_and_the_value() -> None:
    require_int("count", 3, 1, 3)
    require_float("share", 1, 0.0, 1.0)  # an integer is a number too
    with pytest.raises(OptionsError, match=r"^count must be between 1 and 3, not 4$"):
        require_int("count", 4, 1, 3)
    with pytest.raises(OptionsError, match=r"^count must be an integer, not 3.0$"):
        require_int("count", 3.0, 1, 3)
    with pytest.raises(OptionsError, match=r"^share must be a number, not False$"):
        require_float("share", False, 0.0, 1.0)
