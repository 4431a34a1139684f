"""Time newsclean on hostile inputs: each answer, and how the time grows with the input.

    python bench/hostile.py             # both tables
    python bench/hostile.py --answers   # only the installed command on each hostile input
    python bench/hostile.py --growth    # only the library at sizes x1, x2, x4
    python bench/hostile.py --limit     # only the command under --timeout 3 on growing markup

"answers" runs the installed `newsclean` on every input of tests/hostile.py (the same ones the
tests run, with the same options) and prints its exit code and wall time, start-up included;
issue 5 asks for each within 30 s. "growth" cleans each kind of input in-process at three
sizes, each double the one before, and prints the times and the ratio of each doubling:
linear work doubles (about 2.0); quadratic work quadruples. "limit" runs the installed command
with `--timeout 3` on the shapes of markup whose cost is in libxml2 calls that the watchdog
cannot interrupt (inline floods, attributes, pages of links), at sizes growing past the
prescan's budgets: every answer must come within about twice the timeout, start-up included.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import newsclean_command  # noqa: E402
from hostile import (  # noqa: E402
    HOSTILE,
    attributes_html,
    deep_html,
    figures_html,
    inline_html,
    links_html,
    mojibake_line,
    one_line,
    script_html,
    short_lines,
    terminal_text,
)

from cleaner import Cleaner, InputError  # noqa: E402

# Kind of input, maker, the smallest size (doubled twice).
GROWTH: list[tuple[str, Callable[[int], bytes], int]] = [
    ("one long line (bytes)", one_line, 5_000_000),
    ("short lines (lines)", short_lines, 50_000),
    ("nested HTML (depth)", deep_html, 50_000),
    ("script and style HTML (kB)", script_html, 2_000),
    ("HTML figures (figures)", figures_html, 2_500),
    ("terminal escapes (lines)", terminal_text, 5_000),
    ("mojibake line (bytes)", mojibake_line, 1_000_000),
    ("inline flood (elements)", inline_html, 600),
    ("attributes (count)", attributes_html, 50_000),
    ("page of links (MB)", links_html, 1),
]
LIMIT_TIMEOUT = 3.0
# Kind of markup, maker, sizes (the last ones over the prescan's budgets).
LIMIT: list[tuple[str, Callable[[int], bytes], tuple[int, ...]]] = [
    ("inline flood (elements)", inline_html, (1_000, 2_000, 4_000, 30_000)),
    ("attributes (count)", attributes_html, (75_000, 150_000, 300_000, 600_000)),
    ("page of links (MB)", links_html, (1, 2, 4, 9)),
]


def answers() -> None:
    print(f"{'input':<34} {'exit':>4} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, case in HOSTILE.items():
            path = case.make(Path(folder))
            started = time.monotonic()
            proc = subprocess.run(
                [newsclean_command(), *case.options, str(path)], capture_output=True, timeout=300, check=False
            )
            print(f"{name:<34} {proc.returncode:>4} {time.monotonic() - started:>8.2f}", flush=True)


def growth() -> None:
    cleaner = Cleaner(timeout=None, max_bytes=None)
    cleaner.clean("Warm Up\n\nThe rules compile on first use, which is not what we measure here.")
    print(f"{'input':<28} {'x1 s':>7} {'x2 s':>7} {'x4 s':>7}  ratios")
    for name, make, size in GROWTH:
        times = []
        for factor in (1, 2, 4):
            raw = make(size * factor)
            started = time.perf_counter()
            try:
                cleaner.clean(raw)
            except InputError as error:
                print(f"{name}: {error}")
            times.append(time.perf_counter() - started)
        ratios = " ".join(f"{later / max(earlier, 1e-9):.1f}" for earlier, later in pairwise(times))
        print(f"{name:<28} {times[0]:>7.2f} {times[1]:>7.2f} {times[2]:>7.2f}  {ratios}", flush=True)


def limit() -> None:
    print(
        f"--timeout {LIMIT_TIMEOUT:g}: every answer within about {2 * LIMIT_TIMEOUT:g} s, start-up included"
    )
    print(f"{'input':<28} {'size':>8} {'exit':>4} {'seconds':>8}  answer")
    with tempfile.TemporaryDirectory() as folder:
        for name, make, sizes in LIMIT:
            for size in sizes:
                path = Path(folder) / "page.html"
                path.write_bytes(make(size))
                started = time.monotonic()
                proc = subprocess.run(
                    [newsclean_command(), "--timeout", str(LIMIT_TIMEOUT), "--max-bytes", "0", str(path)],
                    capture_output=True,
                    timeout=300,
                    check=False,
                )
                answer = proc.stderr.decode().partition(": ")[2].partition(": ")[2][:40] or "cleaned"
                seconds = time.monotonic() - started
                print(f"{name:<28} {size:>8} {proc.returncode:>4} {seconds:>8.2f}  {answer}", flush=True)


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--answers", action="store_true", help="only the installed command on each input")
    parser.add_argument("--growth", action="store_true", help="only the library at growing sizes")
    parser.add_argument("--limit", action="store_true", help="only the time limit on growing markup")
    options = parser.parse_args()
    both = not (options.answers or options.growth or options.limit)
    if options.answers or both:
        answers()
    if options.growth or both:
        growth()
    if options.limit or both:
        limit()


if __name__ == "__main__":
    main()
