"""``summarizer.dates``: the one home of date handling; here, what remote headers may hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from summarizer.dates import retry_after

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", NOW + timedelta(seconds=120)),
        (" 5 ", NOW + timedelta(seconds=5)),
        ("Wed, 11 Mar 2026 07:28:00 GMT", datetime(2026, 3, 11, 7, 28, tzinfo=UTC)),
        ("99999999999999", NOW + timedelta(days=366)),  # capped: a year at most
        ("²", None),  # a digit to str.isdigit, not a number: ignored, not an error
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_or_a_date_and_ignores_the_rest(
    header: str | None, expected: datetime | None
) -> None:
    assert retry_after(header, NOW) == expected
