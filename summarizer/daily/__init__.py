"""The daily digest's wing: a day's stories built and written (``digest``).

It uses the core (``pipeline``, ``stories``, ``rendering``); nothing in the core imports it.
"""

from .digest import build_daily_digest, write_daily_digest

__all__ = ["build_daily_digest", "write_daily_digest"]
