"""Progress: a one-line counter of cleaned documents on stderr, for long batches.

It never touches stdout (that is where the output goes), redraws at most ten times a second,
and is wiped before another line goes to stderr, so errors and warnings stay readable.
"""

from __future__ import annotations

import time
from typing import TextIO

_REDRAW_EVERY = 0.1  # seconds


class Progress:
    """Counts documents and failures; draws `N documents (F failed), R docs/s` on `stream`.

    `total` (when known) adds `of T` and a percentage. A disabled counter draws nothing.
    """

    def __init__(self, stream: TextIO, *, enabled: bool, total: int | None = None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.failed = 0
        self._start = time.monotonic()
        self._drawn_at = -float("inf")
        self._width = 0  # of the line on screen, to wipe it

    def advance(self, *, failed: bool) -> None:
        """One more document; redraw when the last drawing is old enough."""
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self._drawn_at >= _REDRAW_EVERY:
            self._draw(now)

    def wipe(self) -> None:
        """Clear the line, so that the next line on stderr starts at the left edge."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
            self._drawn_at = -float("inf")  # redraw at the next document

    def close(self) -> None:
        """Draw the final count and end the line."""
        if self.enabled and self.done:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def line(self, now: float) -> str:
        """The text of the counter.

        >>> import io
        >>> progress = Progress(io.StringIO(), enabled=True, total=4)
        >>> progress.done, progress.failed = 3, 1
        >>> progress.line(progress._start + 2.0)
        'newsclean: 3 of 4 documents (75%), 1 failed, 1.5 docs/s'
        >>> progress.total, progress.done, progress.failed = None, 1, 0
        >>> progress.line(progress._start + 2.0)
        'newsclean: 1 document, 0.5 docs/s'
        """
        elapsed = max(now - self._start, 1e-9)
        count = f"{self.done} {_documents(self.done)}"
        if self.total:
            percent = self.done * 100 // self.total
            count = f"{self.done} of {self.total} {_documents(self.total)} ({percent}%)"
        failed = f", {self.failed} failed" if self.failed else ""
        return f"newsclean: {count}{failed}, {self.done / elapsed:.1f} docs/s"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)
        self._drawn_at = now


def _documents(count: int) -> str:
    """The noun for `count` documents: "1 document", but "0 documents" and "2 documents".

    >>> _documents(1), _documents(0), _documents(2)
    ('document', 'documents', 'documents')
    """
    return "document" if count == 1 else "documents"
