"""Dates and times from users: parsed, range-checked and compared in one place.

Two rules hold everywhere:

- A time without an offset means UTC (a date-only ``published_at`` is UTC midnight).
- Only moments whose every local day can still be computed are accepted: the UTC
  times from 0001-01-02 to 9999-12-30. ``9999-12-31T23:59:59-23:59`` is a valid
  ISO 8601 string, but its UTC time lies past year 9999, and a day at either end of
  the calendar has no start or end in some time zone; such input would raise
  ``OverflowError`` deep inside a query. It is bad input, rejected at the boundary.
"""

from __future__ import annotations

import time as time_module
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InputError

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "as_utc",
    "from_struct_time",
    "local_day",
    "parse_day",
    "parse_http_date",
    "parse_timestamp",
    "parse_zone",
    "retry_after",
]

# One day of margin at each end: no UTC offset reaches past a day (the most is 26 hours,
# and a time zone is at most 24 hours from UTC), so every local day of these is in range.
FIRST_DAY = date(1, 1, 2)
LAST_DAY = date(9999, 12, 30)
_FIRST = datetime.combine(FIRST_DAY, time(), UTC)
_LAST = datetime.combine(LAST_DAY, time.max, UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive time is taken to be UTC already."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day ``moment`` falls on in ``zone``."""
    return as_utc(moment).astimezone(zone).date()


def parse_timestamp(value: str | None, where: str) -> datetime | None:
    """An ISO 8601 date or time (``None`` for a missing or blank value)."""
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{where}: published_at {value!r} is not an ISO 8601 date or time") from None
    if not _in_range(moment):
        raise InputError(f"{where}: published_at {value!r} is {_RANGE}")
    return moment


def parse_day(value: str, where: str = "date") -> date:
    """A calendar day written YYYY-MM-DD."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date like 2026-06-04") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(f"{where}: {value!r} is {_RANGE}")
    return day


def parse_zone(name: str, where: str = "timezone") -> ZoneInfo:
    """An IANA time zone, such as Europe/Berlin."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{where}: {name!r} is not an IANA time zone such as Europe/Berlin") from None


def _in_range(moment: datetime) -> bool:
    try:
        return _FIRST <= as_utc(moment) <= _LAST
    except OverflowError:  # its UTC time is before year 1 or after year 9999
        return False


_RANGE = f"outside the supported range, {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (UTC)"


def from_struct_time(value: time_module.struct_time | None) -> datetime | None:
    """A UTC ``struct_time`` (how feedparser gives a feed's dates) as a datetime; ``None``
    when missing or outside the supported range."""
    if value is None:
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return moment if _in_range(moment) else None


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP date (RFC 9110: ``Sun, 06 Nov 1994 08:49:37 GMT``) in UTC, or ``None``."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return as_utc(moment) if _in_range(moment) else None


def retry_after(value: str | None, now: datetime) -> datetime | None:
    """When a ``Retry-After`` header (seconds, or an HTTP date) allows the next request."""
    if not value:
        return None
    value = value.strip()
    if value.isdecimal():  # not isdigit: int() refuses "²"
        return now + timedelta(seconds=min(int(value[:9]), 366 * 86400))
    return parse_http_date(value)
