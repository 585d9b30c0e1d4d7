"""Where a stage's tasks run: in this process, or on a Dask cluster (``daily.distributed``).

A stage that can be cut into independent pieces is written once, as plain functions over
plain data, and composed through a ``Runner``: ``submit`` a function with its arguments
(values, or handles of earlier tasks), ``gather`` the results in the order asked for. The
in-process runner runs each task at once, so the single-process day and the Dask day call
the same functions on the same pieces, and their output is the same, byte for byte.
Results are always gathered in submission order, never in completion order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["InProcess", "Runner", "balanced_batches"]

T = TypeVar("T")


class Runner(Protocol):
    """``workers``: how many processes run tasks at once, which is how finely a stage cuts
    its work (one piece per worker, or a few, for balance)."""

    workers: int

    def share(self, value: Any) -> Any:
        """A handle of ``value`` for many tasks to use (sent to each worker once)."""

    def send(self, value: Any) -> Any:
        """A handle of ``value`` for one task to use (sent to one worker): a partition's
        data goes to its task on its own, not inside the task's description."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        """A handle of ``function(*args)``; handles among ``args`` stand for their results."""

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        """The results of ``handles``, in their order."""


class _Done:
    """A task run already: its result."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class InProcess:
    """Runs each task when it is submitted, here."""

    workers = 1

    def share(self, value: Any) -> Any:
        return _Done(value)

    def send(self, value: Any) -> Any:
        return _Done(value)

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        return _Done(function(*(a.value if isinstance(a, _Done) else a for a in args)))

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return [h.value for h in handles]


def balanced_batches(sizes: Sequence[int], batches: int) -> list[range]:
    """Consecutive ranges of the items, about ``batches`` of them, each of about the same
    total size: one task per range keeps each worker busy without a task per item."""
    if not sizes:
        return []
    share = sum(sizes) / max(1, batches)
    ranges: list[range] = []
    start, held = 0, 0
    for index, size in enumerate(sizes):
        held += size
        if held >= share and index + 1 < len(sizes):
            ranges.append(range(start, index + 1))
            start, held = index + 1, 0
    ranges.append(range(start, len(sizes)))
    return ranges
