"""One run at a time: the lock file a ``digest`` (in ``--out``) or an ``ingest`` (beside
a SQLite store) holds for its whole run."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Busy, OutputError

__all__ = ["file_lock"]


@contextmanager
def file_lock(path: Path, command: str, where: str) -> Iterator[None]:
    """Held for a whole run of ``command``: a second run raises ``Busy`` (exit 75) at once
    instead of waiting or running twice. ``where``: the setting that chose ``path``'s
    directory, for the message when it cannot be written."""
    try:
        handle = path.open("a")
    except OSError as error:
        raise OutputError(f"{where} {path.parent}: cannot write there ({error.strerror})") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another {command} run holds {path}; try again later") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
