"""The daily digest's wing: a day's stories built and written (``digest``), and followed
across days (``days``).

It uses the core (``pipeline``, ``stories``, ``rendering``); nothing in the core imports it.
"""

from .days import WINDOW_DAYS, read_earlier
from .digest import build_daily_digest, write_daily_digest

__all__ = ["WINDOW_DAYS", "build_daily_digest", "read_earlier", "write_daily_digest"]
