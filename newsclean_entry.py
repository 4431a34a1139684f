"""The `newsclean` command's entry point, outside the package so that Ctrl-C and SIGTERM are
answered from the first moment: importing the package and loading the rules take a second,
and an interrupt then must exit 130 with one line, like one in the middle of a batch."""

from __future__ import annotations

import signal
import sys

EXIT_INTERRUPTED = 130


def run() -> None:
    """Run `cleaner.cli.main`; an interrupt at any moment exits 130 with one line on stderr."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        from cleaner.cli import main

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
