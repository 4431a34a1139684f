"""The HTML path's time split into trafilatura's part and newsclean's own, beside trafilatura's job.

    python bench/html_parts.py [DIR ...] [--repeat N]      # DIR defaults to samples/

In one process, alternately, CPU time a page (`time.process_time`, the median of N rounds) of:
trafilatura doing the HTML path's job (`extract(html, with_metadata=True, output_format="json")`),
the HTML path (`Cleaner.clean`), and the path's calls into trafilatura alone (the parse,
`bare_extraction` on the tree, the five metadata fields; the author by newsclean's walk that
does trafilatura's search). What the path takes beyond its calls is newsclean's own work: the
bar of 0.95x trafilatura's job leaves it `job / 0.95 - calls`. With `bench/instructions.py
--mode html|trafilatura` beside it, the instructions a nanosecond of each part show where time
goes that instructions do not.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from throughput import ROOT, read_inputs, trafilatura_calls, trafilatura_job

from cleaner import Cleaner


def cpu_ms(work: Callable[[], object], pages: int) -> float:
    """CPU milliseconds a page that `work` (one pass over the pages) takes."""
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000 / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _, pages = read_inputs(args.folders)
    if not pages:
        raise SystemExit("html_parts.py: no HTML pages (DIR/*.html or *.html.gz) in the folders given")
    cleaner = Cleaner()

    def path() -> None:
        for raw in pages:
            cleaner.clean(raw, input_format="html")

    parts: dict[str, Callable[[], object]] = {
        "trafilatura's job": partial(trafilatura_job, pages),
        "the HTML path": path,
        "its calls into trafilatura": partial(trafilatura_calls, pages),
    }
    for work in parts.values():
        work()  # warm up: imports, rule loading, first-use compiling
    rounds: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(args.repeat):
        for name, work in parts.items():
            rounds[name].append(cpu_ms(work, len(pages)))
    median = {name: statistics.median(values) for name, values in rounds.items()}
    for name, value in median.items():
        print(f"{name:28s} {value:6.2f} ms a page (rounds: {min(rounds[name]):.2f}-{max(rounds[name]):.2f})")
    job_ms, path_ms, calls_ms = median.values()
    own, allowed = path_ms - calls_ms, job_ms / 0.95 - calls_ms
    print(f"{'newsclean own work':28s} {own:6.2f} ms a page (0.95x of the job leaves {allowed:.2f})")
    print(f"the HTML path at {job_ms / path_ms:.2f}x the job, its calls at {job_ms / calls_ms:.2f}x")


if __name__ == "__main__":
    main()
