"""The exceptions the library raises, each carrying the exit code the CLI uses.

    SummarizerError            base class; exit code 1 (a bug, or an unexpected failure)
    +-- InputError             the input cannot be read or is malformed; exit code 2
    |   +-- OptionsError       an option has a wrong type or value; exit code 2
    +-- NoSummarizableText     the input is well formed but holds no usable sentence; exit code 2
    +-- NoValidInput           a digest run found no usable document for its day; exit code 65
    +-- Busy                   another digest run holds the lock; exit code 75 (try later)
    +-- OutputError            the output could not be written (nothing was changed); exit code 73
    +-- StoreUnavailable       the document store cannot be reached or used; exit code 69 (the API: 503)

Each message is one line that names the file, document or option at fault, so a cron
job's log says what to fix. The HTTP API maps ``InputError`` and ``NoSummarizableText``
onto 4xx problem responses.
"""

from __future__ import annotations

__all__ = [
    "Busy",
    "InputError",
    "NoSummarizableText",
    "NoValidInput",
    "OptionsError",
    "OutputError",
    "StoreUnavailable",
    "SummarizerError",
]


class SummarizerError(Exception):
    exit_code = 1


class InputError(SummarizerError):
    exit_code = 2


class OptionsError(InputError):
    exit_code = 2


class NoSummarizableText(SummarizerError):
    exit_code = 2


class NoValidInput(SummarizerError):
    exit_code = 65  # EX_DATAERR


class Busy(SummarizerError):
    exit_code = 75  # EX_TEMPFAIL


class OutputError(SummarizerError):
    exit_code = 73  # EX_CANTCREAT


class StoreUnavailable(SummarizerError):
    exit_code = 69  # EX_UNAVAILABLE
