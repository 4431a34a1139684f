"""Limits: bound what one document may cost, in bytes and in seconds.

A scraper feeds newsclean whatever the web gives, so no single input may take unbounded memory
or time, and reaching a limit must be an error about that input, not a crash or a hang.

The time limit is a watchdog, not a signal. `signal.alarm` works only in the main thread and is
one per process, so it would break the promise that one `Cleaner` serves many threads; a
subprocess per document would cost a second of start-up (trafilatura's imports) each. Instead
`TimeBudget.run` arms a watchdog thread that, when the time is up, raises an exception inside
the thread doing the work (CPython's `PyThreadState_SetAsyncExc`). The exception derives from
`BaseException`, so the `except Exception` handlers of the libraries we call cannot swallow it,
and it is turned into an `InputError` naming the input. It reaches only the thread that cleans
that document, and it is disarmed (and a pending one withdrawn) before `run` returns. A single
call into C code (lxml parsing, one regex search) is not interrupted; it runs to its end first,
which is why inputs are also capped in size, HTML markup is held to budgets before it is parsed
(`cleaner.html.prescan`), and every regex call has its own time limit.
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar

import regex

from cleaner.errors import InputError

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_TIMEOUT = 30.0  # seconds per document
REGEX_TIMEOUT = 0.5  # seconds per regex call of a rule
# The `concurrent` argument of the regex module's calls on the hot path, passed by position (as a
# keyword it costs each call a dictionary): False holds the GIL during a match, as the standard
# library's `re` always does. By default the regex module lets the GIL go and takes it back
# around a match on a `str`, which cost more than a short search itself (410 against 311 ns for
# a rule tried on a line). The matches are short (the built-in rules are proved free of
# catastrophic backtracking, a user's rule has its time limit): other threads wait microseconds.
HOLD_GIL: Final = False
MAX_SIZE = 10**15  # the largest size limit: a petabyte, far below what a read call may ask for
# The longest the watchdog sleeps at once: a timeout of 1e10 s is no error, but no platform
# waits that long in one call.
_MAX_WAIT = 3600.0

_SIZE = regex.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$")
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}
# The most bytes one character takes in UTF-8, and in Python's str the surrogate escapes too.
_MAX_UTF8_BYTES = 4

# Seconds after which `_TimeUp` is sent again to a thread that has not stopped.
_RESEND_AFTER = 0.2

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost: its size in bytes and the seconds spent cleaning it.

    None switches a limit off.
    """

    max_bytes: int | None = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if self.max_bytes is not None and (isinstance(self.max_bytes, bool) or self.max_bytes <= 0):
            raise ValueError(f"max_bytes must be a positive number of bytes or None, not {self.max_bytes!r}")
        if self.timeout is not None and not 0 < self.timeout < math.inf:
            raise ValueError(f"timeout must be a positive number of seconds or None, not {self.timeout!r}")

    def check_size(self, raw: str | bytes, source: str) -> None:
        """Raise `InputError` when the input is over `max_bytes` (str counts as its UTF-8 bytes)."""
        if self.max_bytes is None or not _over(raw, self.max_bytes):
            return
        raise too_large(source, self.max_bytes)


def too_large(source: str, max_bytes: int) -> InputError:
    """The error for an input over the size limit."""
    return InputError(
        source,
        f"too large: over the limit of {format_size(max_bytes)}; "
        "raise it with --max-bytes (max_bytes= in the library) or split the input",
    )


def _over(raw: str | bytes, max_bytes: int) -> bool:
    """Whether the input is over the limit, without encoding a str unless its length is ambiguous."""
    if len(raw) > max_bytes:
        return True
    if isinstance(raw, bytes) or len(raw) * _MAX_UTF8_BYTES <= max_bytes:
        return False
    return len(raw.encode("utf-8", "surrogatepass")) > max_bytes


def parse_size(text: str) -> int | None:
    """A size in bytes from "50MB", "512k", "1.5G" or "1000" (decimal units); 0 means no limit.

    >>> parse_size("50MB"), parse_size("512k"), parse_size("1000"), parse_size("0")
    (50000000, 512000, 1000, None)
    """
    found = _SIZE.match(text)
    if found is None:
        raise ValueError(f"{text!r} is not a size; write bytes, or a number with k, M or G, e.g. 50M")
    size = int(float(found.group(1)) * _UNITS[found.group(2).lower()])
    if size > MAX_SIZE:
        raise ValueError(
            f"{text!r} is more than any input can be (at most {MAX_SIZE // 10**9}G); 0 means no limit"
        )
    return size or None


def format_size(size: int) -> str:
    """A size for people: the largest decimal unit that keeps it at least 1.

    >>> format_size(50_000_000), format_size(1_500), format_size(999)
    ('50 MB', '1.5 kB', '999 bytes')
    """
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


class _TimeUp(BaseException):
    """Raised by the watchdog inside a thread whose time is up; never leaves `TimeBudget.run`."""


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule `exception` in another thread (None withdraws one scheduled and not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )


class _Watchdog:
    """One daemon thread per process that raises `_TimeUp` in threads whose time is up.

    A thread arms it for one stretch of work at a time and disarms it after. Arming wakes the
    watchdog only when the new deadline comes before the one it sleeps until, so cleaning many
    documents costs a lock per stretch, not a thread switch.

    `_TimeUp` may still be on its way while a thread disarms, so `arm` and `disarm` take the C
    lock directly in a `with` statement: an exception raised inside such a block releases the
    lock, whereas one raised inside the Python code of `Condition.__enter__`, after the lock is
    taken and before the block begins, would leave it taken and every thread stuck.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._condition = threading.Condition(self._lock)  # only the watchdog enters it
        self._deadlines: dict[int, float] = {}  # thread id -> time.monotonic() deadline
        self._fired: set[int] = set()  # threads sent `_TimeUp` and not yet disarmed
        self._wake_at = math.inf  # when the watchdog looks at the deadlines next
        self._thread: threading.Thread | None = None

    def arm(self, thread_id: int, seconds: float) -> None:
        with self._lock:
            deadline = time.monotonic() + seconds
            self._deadlines[thread_id] = deadline
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="newsclean-watchdog", daemon=True)
                self._thread.start()
            if deadline < self._wake_at:
                self._condition.notify()

    def disarm(self, thread_id: int) -> None:
        """End a stretch; withdraw `_TimeUp` if it was sent but has not been raised yet."""
        with self._lock:
            self._deadlines.pop(thread_id, None)
            if thread_id in self._fired:
                self._fired.discard(thread_id)
                _raise_in_thread(thread_id, None)

    def _watch(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                for thread_id, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        # Sent again until the thread disarms: an exception that lands in a
                        # `__del__` or a callback from C is printed and dropped by Python.
                        self._deadlines[thread_id] = now + _RESEND_AFTER
                        self._fired.add(thread_id)
                        _raise_in_thread(thread_id, _TimeUp)
                self._wake_at = min(self._deadlines.values(), default=math.inf)
                self._condition.wait(
                    None if self._wake_at == math.inf else min(self._wake_at - now, _MAX_WAIT)
                )


_WATCHDOG = _Watchdog()


def _new_watchdog_after_fork() -> None:
    """A forked child has no watchdog thread, and its lock may have been copied while held."""
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


os.register_at_fork(after_in_child=_new_watchdog_after_fork)


class TimeBudget:
    """The seconds one document may take, spent over one or more stretches of work.

    Work outside `run` (compiling the rules a page needs, on first use) is not charged: it is the
    cost of setting up, not of the document. One budget belongs to one document in one thread.
    """

    def __init__(self, seconds: float | None, source: str) -> None:
        self.seconds = seconds
        self.source = source
        self.used = 0.0

    def run(self, work: Callable[[], T]) -> T:
        """The result of `work()`, or `InputError` once the budget is spent."""
        if self.seconds is None:
            return work()
        remaining = self.seconds - self.used
        if remaining <= 0:
            raise self._exceeded()
        thread_id = threading.get_ident()
        start = time.monotonic()
        try:
            try:
                _WATCHDOG.arm(thread_id, remaining)
                result = work()
            finally:
                _WATCHDOG.disarm(thread_id)
                self.used += time.monotonic() - start
        except _TimeUp:
            raise self._exceeded() from None
        # The watchdog's exception reaches a thread only when it runs Python bytecode: work that
        # ends in compiled code (the mypyc build's labelling) after the deadline returns, and
        # disarming withdraws the exception. Over the budget is over it, wherever the time went.
        if self.used > self.seconds:
            raise self._exceeded()
        return result

    def _exceeded(self) -> InputError:
        return InputError(
            self.source,
            f"gave up after {self.seconds:g} s (the time limit per document); "
            "raise it with --timeout (timeout= in the library)",
        )
