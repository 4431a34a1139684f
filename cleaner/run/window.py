"""Window: run chunks of work on some executor, a bounded number at a time, results in order.

The process pool (`pool.run_in_processes`) and a Dask cluster (`cluster.run_on_scheduler`)
run a batch the same way: submit chunks while fewer than `window` are in flight, hand back the
results of the oldest chunk first, and drop the work still in flight when the batch stops
early. Only submitting a chunk and collecting its result differ, so they are the arguments:
`collect` is where a backend turns a chunk that failed into error records.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import Protocol, TypeVar


class Cancellable(Protocol):
    """A handle on submitted work: a `concurrent.futures.Future` or a `distributed.Future`."""

    def cancel(self) -> object: ...


Chunk = TypeVar("Chunk")
Handle = TypeVar("Handle", bound=Cancellable)
Result = TypeVar("Result")


def in_order(
    chunks: Iterable[Chunk],
    submit: Callable[[Chunk], Handle],
    collect: Callable[[Chunk, Handle], Iterable[Result]],
    window: int,
) -> Generator[Result, None, None]:
    """The results of every chunk, in the order of the chunks, with at most `window` in flight.

    The next chunk is read only when there is room for it, so a lazy input stays lazy and
    memory stays flat. Closing the generator early (an interrupt) cancels what is still queued;
    stopping work that already runs is the caller's part, as only it knows its workers.
    """
    pending: deque[tuple[Chunk, Handle]] = deque()
    try:
        for chunk in chunks:
            while len(pending) >= window:
                yield from collect(*pending.popleft())
            pending.append((chunk, submit(chunk)))
        while pending:
            yield from collect(*pending.popleft())
    finally:
        for _, handle in pending:
            handle.cancel()
