"""Throughput of newsclean: documents/s and MB/s for the text and the HTML path.

    python bench/throughput.py [DIR ...] [--repeat N] [--profile] [--rules-factor K] [--unseen OTHER]

DIR defaults to samples/. Text inputs are DIR/*.txt, HTML inputs DIR/*.html and *.html.gz.
In the same run it also times: trafilatura alone on the same HTML (trafilatura.extract with its
defaults, and with metadata as JSON: the HTML path's job), the calls into trafilatura that the
HTML path makes (parse, extraction, metadata: the path's speed with no work of newsclean's own),
the repair step against plain ftfy on the same text, and the text path with K times as many
rules as are built in (generated, distinct, never matching: see `scaled_rules`).
The passes clean the same pages again, so answers kept for recent lines (a page's menu, a
line's word count) carry over from one pass to the next as they would not in a stream of new
pages; `--unseen OTHER` also times the text path with OTHER's text inputs cleaned, untimed,
before each pass, so that no page it times was seen in the last thousands of lines.
Timing belongs here, not in the tests: machines are noisy, so compare ratios within one run.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import pstats
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import ftfy
import justext
import regex

from cleaner import Cleaner
from cleaner.html.extract import _run_trafilatura, page_metadata, parse_html
from cleaner.matching.rules import RuleSet, compile_pattern, load_rules
from cleaner.pipeline import InputFormat
from cleaner.read.repair import TEXT_CONFIG, repair

ROOT = Path(__file__).resolve().parent.parent


def trafilatura_job(pages: Sequence[bytes]) -> None:
    """trafilatura doing the HTML path's job: each page's article with its metadata, as JSON."""
    import trafilatura

    for raw in pages:
        trafilatura.extract(raw.decode("utf-8", "replace"), with_metadata=True, output_format="json")


def trafilatura_calls(pages: Sequence[bytes]) -> None:
    """The HTML path's calls into trafilatura, nothing more: the parse, the extraction of the
    tree and the five metadata fields (the ceiling of the path's speed). The author is
    trafilatura's search done by newsclean's walk (`cleaner.html.author`), as the path does it."""
    for raw in pages:
        tree = parse_html(raw.decode("utf-8", "replace"))
        _run_trafilatura(tree, None, "-")
        page_metadata(tree, None, "-")


def read_inputs(folders: Sequence[Path]) -> tuple[list[bytes], list[bytes]]:
    """(text inputs, HTML inputs) as bytes."""
    texts: list[bytes] = []
    pages: list[bytes] = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.name.endswith(".txt"):
                texts.append(path.read_bytes())
            elif path.name.endswith(".html"):
                pages.append(path.read_bytes())
            elif path.name.endswith(".html.gz"):
                pages.append(gzip.decompress(path.read_bytes()))
    return texts, pages


def timed(work: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> float:
    """Best wall time of `repeat` runs (the least disturbed by the rest of the machine), each
    after `before`, untimed."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def rate(label: str, docs: Sequence[bytes], seconds: float) -> str:
    megabytes = sum(len(doc) for doc in docs) / 1e6
    speed = f"{len(docs) / seconds:9.1f} docs/s {megabytes / seconds:8.2f} MB/s"
    return f"{label:<44} {speed}  ({len(docs)} docs)"


def scaled_rules(factor: int) -> RuleSet:
    """The built-in rules plus (factor - 1) times as many generated ones, each distinct.

    Generated rules look like the site rules a large deployment adds: anchored phrases with a
    length limit, and phrases anywhere in a line, with and without a limit, made of common
    English and German words (so lines share their words and starts, as real ones do). Each
    ends in `(?!)`, so it never matches: only the cost of matching grows, not what is removed.
    """
    base = load_rules()
    template = base.generic[0]
    words = sorted(justext.get_stoplist("English") | justext.get_stoplist("German"))
    chooser = random.Random(7)
    generated = []
    for number in range(len(base.generic) * (factor - 1)):
        phrase = " ".join(chooser.sample(words, 3))
        shape = number % 10
        if shape < 5:
            source, limit = f"(?i)^{regex.escape(phrase)}\\b(?!)", 120
        elif shape < 9:
            source, limit = f"(?i)\\b{regex.escape(phrase)}\\b(?!)", 300
        else:
            source, limit = f"(?i)\\b{regex.escape(phrase)}\\b(?!)", None
        generated.append(
            replace(
                template,
                id=f"generated.rule-{number}",
                expression=compile_pattern(source).pattern,
                source=source,
                compiled=None,
                max_chars=limit,
                builtin=False,  # a deployment's own rules keep their time limit per call
            )
        )
    return RuleSet((*base.generic, *generated), base.sites, base.disabled)


def profile_of(cleaner: Cleaner, inputs: Sequence[bytes], input_format: InputFormat) -> str:
    """cProfile's table of one pass over the inputs, by cumulative time: the stages show as the
    functions of `cleaner` that call the rest."""
    profile = cProfile.Profile()
    profile.runcall(lambda: [cleaner.clean(raw, input_format=input_format) for raw in inputs])
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "samples"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print where the text path spends its time")
    parser.add_argument("--rules-factor", type=int, default=10)
    parser.add_argument(
        "--unseen",
        type=Path,
        metavar="OTHER",
        help="also time the text path with OTHER's texts cleaned before each pass (pages not seen)",
    )
    args = parser.parse_args()
    texts, pages = read_inputs(args.folders)
    cleaner = Cleaner()
    cleaner.clean(b"warm up the stoplists and the rule screens")

    if texts:
        seconds = timed(lambda: [cleaner.clean(raw, input_format="text") for raw in texts], args.repeat)
        print(rate("text path", texts, seconds))
        if args.unseen:
            others = read_inputs([args.unseen])[0]
            unseen = timed(
                lambda: [cleaner.clean(raw, input_format="text") for raw in texts],
                args.repeat,
                before=lambda: [cleaner.clean(raw, input_format="text") for raw in others],
            )
            share = f"  ({seconds / unseen:.0%} of the speed)"
            print(rate("  text path, each page unseen", texts, unseen) + share)
        decoded = [raw.decode("utf-8", "replace") for raw in texts]
        clean = [repair(text).text for text in decoded]  # what repair leaves is clean text
        for label, inputs in (("the pages as given", decoded), ("clean text", clean)):
            ours = timed(lambda inputs=inputs: [repair(text) for text in inputs], args.repeat)
            plain = timed(
                lambda inputs=inputs: [ftfy.fix_text(text, TEXT_CONFIG) for text in inputs], args.repeat
            )
            print(rate(f"  repair step, {label}", texts, ours))
            speedup = f"  -> repair is {plain / ours:.1f}x faster"
            print(rate(f"  ftfy alone, same config, {label}", texts, plain) + speedup)
        big = Cleaner(scaled_rules(args.rules_factor))
        many = timed(lambda: [big.clean(raw, input_format="text") for raw in texts], args.repeat)
        scaled = rate(f"  text path, {args.rules_factor}x the rules", texts, many)
        print(scaled + f"  ({seconds / many:.0%} of the speed)")
    if pages:
        import trafilatura

        html_seconds = timed(lambda: [cleaner.clean(raw, input_format="html") for raw in pages], args.repeat)

        def extract_all() -> list[str | None]:
            return [trafilatura.extract(raw.decode("utf-8", "replace")) for raw in pages]

        alone = timed(extract_all, args.repeat)
        alone_json = timed(partial(trafilatura_job, pages), args.repeat)
        floor = timed(partial(trafilatura_calls, pages), args.repeat)
        print(rate("html path", pages, html_seconds))
        same_job = rate("  trafilatura, metadata and JSON", pages, alone_json)
        print(same_job + f"  -> html path at {alone_json / html_seconds:.2f}x its speed")
        trafilatura_rate = rate("  trafilatura alone (extract, defaults)", pages, alone)
        print(trafilatura_rate + f"  -> html path at {alone / html_seconds:.2f}x its speed")
        ceiling = f"  -> {alone / floor:.2f}x: the html path's ceiling"
        print(rate("  its trafilatura calls, nothing more", pages, floor) + ceiling)
        if texts:
            # Per document: the text and HTML inputs are the same pages in different form.
            ratio = (len(texts) / seconds) / (len(pages) / alone)
            print(f"text path at {ratio:.1f}x the docs/s of trafilatura.extract (defaults) on the HTML")
    if args.profile:
        runs: tuple[tuple[str, list[bytes], InputFormat], ...] = (
            ("text", texts, "text"),
            ("HTML", pages, "html"),
        )
        for label, docs, input_format in runs:
            if docs:
                print(f"\nwhere the {label} path spends its time (cProfile, cumulative, top 25):")
                print(profile_of(cleaner, docs, input_format))


if __name__ == "__main__":
    main()
