"""Where the time of one document goes: wall time per pipeline stage, text and HTML paths.

    python bench/stages.py [DIR] [--repeat N]

DIR defaults to samples/ (text inputs are DIR/*.txt, HTML inputs DIR/*.html and *.html.gz, as
in bench/throughput.py). Each stage's function is wrapped with a timer for the run, so stages
nested in others (rules inside labelling) show inside their parents' share; the best of N runs
is shown. cProfile (`throughput.py --profile`) says the same at function level, slower.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from throughput import ROOT, read_inputs

import cleaner.html.extract as html
import cleaner.html.read as html_read
import cleaner.pipeline as pipeline
from cleaner.matching.matcher import Matcher
from cleaner.pipeline import InputFormat

# (owner, attribute, label): what the pipeline calls, looked up where it calls it.
STAGES: list[tuple[Any, str, str]] = [
    (pipeline, "decode", "decode"),
    (pipeline, "repair", "repair (text, and the HTML page's own text)"),
    (html_read, "repair", "repair (text, and the HTML page's own text)"),
    (html_read, "repair_texts", "repair (HTML blocks)"),
    (pipeline, "segment_text", "segment"),
    (html_read, "segment_text", "segment"),
    (html_read, "parse_page", "parse HTML"),
    (html, "_run_trafilatura", "trafilatura's extraction of the article"),
    (html, "page_metadata", "page metadata (trafilatura's functions)"),
    (html_read, "extract_tree", "extraction: metadata, captions, links, dek"),
    (html_read, "visible_page", "the page's visible text (rescue, accounting)"),
    (html_read, "_rescued", "the rescue (labelling the page on some)"),
    (html_read, "account", "the accounting of lines not shown"),
    (Matcher, "match", "rules"),
    (pipeline, "label_page", "structure"),
    (html_read, "label_article", "structure"),
    (pipeline, "settle", "settle (its rules and structure also above)"),
    (pipeline, "assemble", "assemble"),
]


def timed_stages(totals: dict[str, float]) -> Callable[[], None]:
    """Wrap every stage with a timer adding to `totals`; return the function that unwraps."""
    originals = []
    for owner, name, label in STAGES:
        function = getattr(owner, name)
        originals.append((owner, name, function))

        def wrapper(*args: Any, _function: Any = function, _label: str = label, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _function(*args, **kwargs)
            finally:
                totals[_label] = totals.get(_label, 0.0) + time.perf_counter() - start

        setattr(owner, name, functools.wraps(function)(wrapper))

    def restore() -> None:
        for owner, name, function in originals:
            setattr(owner, name, function)

    return restore


def report(label: str, inputs: Sequence[bytes], input_format: InputFormat, repeat: int) -> None:
    cleaner = pipeline.Cleaner()
    cleaner.clean(inputs[0], input_format=input_format)  # load stoplists and site rules first
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(repeat):
        totals: dict[str, float] = {}
        restore = timed_stages(totals)
        start = time.perf_counter()
        try:
            for raw in inputs:
                cleaner.clean(raw, input_format=input_format)
        finally:
            restore()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best[0]:
            best = (elapsed, totals)
    assert best is not None
    elapsed, totals = best
    per_doc = elapsed / len(inputs) * 1e3
    rate = len(inputs) / elapsed
    print(f"{label} path: {per_doc:.2f} ms per document ({rate:.0f} docs/s), {len(inputs)} docs")
    for stage, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {stage:<44} {seconds / len(inputs) * 1e3:7.2f} ms  {seconds / elapsed:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts, pages = read_inputs(args.folders)
    if texts:
        report("text", texts, "text", args.repeat)
    if pages:
        report("HTML", pages, "html", args.repeat)


if __name__ == "__main__":
    main()
