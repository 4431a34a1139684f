"""The `newsclean` command's Python entry point, outside the package so that Ctrl-C and SIGTERM
are answered from its first moment: importing the package and loading the rules take a while,
and an interrupt then must exit 130 with one line, like one in the middle of a batch.

On POSIX systems it is installed as `newsclean-python` and run by `newsclean`, the sh launcher
(newsclean_launcher.sh), which answers a signal that comes before this code runs; on Windows it
is `newsclean` itself (hatch_build.py, docs/robustness.md)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType

EXIT_INTERRUPTED = 130


def run() -> None:
    """Run `cleaner.cli.main`; an interrupt at any moment exits 130 with one line on stderr."""
    # Usage lines and --version name the command the user typed, not the entry point that the
    # POSIX launcher runs.
    if sys.argv and sys.argv[0].endswith("newsclean-python"):
        sys.argv[0] = "newsclean"
    try:
        for number in (signal.SIGINT, signal.SIGTERM):
            # A signal ignored by the parent (a background job's SIGINT) stays ignored.
            if signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, _interrupt)
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


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Answer the first Ctrl-C or SIGTERM with KeyboardInterrupt, and ignore those that follow:
    the POSIX launcher (newsclean_launcher.sh) passes a signal on that may also have reached
    this process (a signal to the whole process group), and a second KeyboardInterrupt would
    land in the cleanup of the first (a traceback, a temporary file left behind)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


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
        _interrupt(held[0], None)
    return main
