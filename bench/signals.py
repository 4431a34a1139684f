"""Measure how the installed `newsclean` answers Ctrl-C and SIGTERM in its first milliseconds.

    python bench/signals.py                         # d = 0, 2, …, 60 ms; 5 tries each
    python bench/signals.py --tries 10 --max-ms 100 --command .venv/bin/newsclean

Starts the command on a small text, sends SIGINT (as Ctrl-C does) or SIGTERM d milliseconds
after it was started (`subprocess.Popen` returned), and sorts what came back:

- answered: exit 130 and the one line `newsclean: interrupted` (what the README promises);
- killed: the process ended by the signal sent (a shell shows exit 130 or 143, no message);
- traceback: a Python traceback on stderr (a KeyboardInterrupt raised before our code ran);
- done: it finished (exit 0) before the signal came;
- other: anything else, with its exit code or the signal it died of (a crash).

The table has a row per delay; the last line gives the longest delay at which any answer was
not "answered" or "done": the window this bench is about. On a loaded machine start-up is
slower, and the window with it.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "samples" / "seed-layout.txt"
OUTCOMES = ("answered", "killed", "traceback", "done", "other")
GOOD = {"answered", "done"}


def _interruptible() -> None:
    """In the child before exec: SIGINT interrupts it, as Ctrl-C in a terminal does, even when
    this bench runs in the background of a shell, which makes its children ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def outcome(command: list[str], stop: signal.Signals, delay: float) -> str:
    """What one run of `command` answered to `stop`, sent `delay` seconds after its start."""
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_interruptible,
    )
    deadline = time.perf_counter() + delay
    while time.perf_counter() < deadline:
        pass  # a busy wait: sleep() wakes up late by a millisecond or more
    proc.send_signal(stop)
    _, stderr = proc.communicate(timeout=60)
    text = stderr.decode(errors="replace")
    if proc.returncode == 130 and text == "newsclean: interrupted\n":
        return "answered"
    if proc.returncode == -stop:
        return "killed"
    if proc.returncode < 0:
        return f"other (died of {signal.Signals(-proc.returncode).name})"
    if "Traceback" in text or "KeyboardInterrupt" in text:
        return "traceback"
    if proc.returncode == 0:
        return "done"
    return f"other (exit {proc.returncode}: {text.strip()[:60]!r})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--command", type=Path, default=Path(sys.executable).parent / "newsclean")
    parser.add_argument("--max-ms", type=int, default=60)
    parser.add_argument("--step", type=int, default=2)
    parser.add_argument("--tries", type=int, default=5)
    args = parser.parse_args()
    command = [str(args.command), str(args.input)]
    stops = (signal.SIGINT, signal.SIGTERM)
    print(f"{args.command}, {args.tries} tries per delay and signal")
    print(f"{'ms':>4}  " + "  ".join(f"{stop.name:<40}" for stop in stops))
    window = dict.fromkeys(stops, -1)
    others: Counter[str] = Counter()
    for delay in range(0, args.max_ms + 1, args.step):
        cells = []
        for stop in stops:
            found: Counter[str] = Counter()
            for _ in range(args.tries):
                answer = outcome(command, stop, delay / 1000)
                if answer.startswith("other"):
                    others[answer] += 1
                    answer = "other"
                found[answer] += 1
            if set(found) - GOOD:
                window[stop] = delay
            cells.append(" ".join(f"{name}={found[name]}" for name in OUTCOMES if found[name]))
        print(f"{delay:>4}  " + "  ".join(f"{cell:<40}" for cell in cells))
    for answer, count in others.items():
        print(f"  {count} × {answer}")
    for stop in stops:
        end = window[stop]
        said = "none" if end < 0 else f"up to {end} ms"
        print(f"{stop.name}: runs not answered with exit 130 and one line: {said}")


if __name__ == "__main__":
    main()
