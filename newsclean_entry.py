"""The `newsclean` command's entry point, outside the package so that Ctrl-C and SIGTERM are
answered from the first moment: importing the package and loading the rules take a second,
and an interrupt then must exit 130 with one line, like one in the middle of a batch."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType

EXIT_INTERRUPTED = 130


def run() -> None:
    """Run `cleaner.cli.main`; an interrupt at any moment exits 130 with one line on stderr."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        main = _import_main()
        main()
    except KeyboardInterrupt:
        sys.stderr.write("newsclean: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    finally:
        # The run is over: a signal while the interpreter shuts down must not turn it into one
        # killed by the signal (Python resets its own handlers to the default then, but leaves
        # ignored signals ignored).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _import_main() -> Callable[[], None]:
    """`cleaner.cli.main`, imported with Ctrl-C and SIGTERM held until the import is done, then
    answered. An exception raised inside the import of a module compiled with mypyc
    (hatch_build.py) leaves it half initialised, and the interpreter crashed on it (a signal
    0.25 s into start-up, a few times in a hundred); the pure modules did not mind."""
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        held.append(signum)

    # A signal ignored by the parent (a background job's SIGINT) stays ignored.
    watched = [s for s in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(s) is not signal.SIG_IGN]
    previous = {s: signal.signal(s, hold) for s in watched}
    try:
        from cleaner.cli import main
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if held:
        raise KeyboardInterrupt
    return main
