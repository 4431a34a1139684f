"""Score trafilatura alone on an eval folder, with the eval's own scorer, as the bar to beat.

    python bench/trafilatura_baseline.py ../shared/eval/scrapinghub-dev/pages
    python bench/trafilatura_baseline.py ../shared/eval/trafilatura-dev/pages [--save-pred DIR]

For each setting (trafilatura's defaults, favor_precision, and the same without comments, as
newsclean leaves comments out) it runs `trafilatura.extract` on every page of the folder and scores
the text with `score.py` (a folder with `ground-truth.json`) or `score_segments.py` (one with
`cases.jsonl`), imported by path from the eval folder. Pages are decoded as newsclean decodes
them (`cleaner.read.decode`), so both tools see the same text. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

from cleaner.read.decode import decode

# trafilatura's defaults keep comments; newsclean leaves them out, so both ways are shown.
SETTINGS: dict[str, dict[str, Any]] = {
    "default": {},
    "favor_precision": {"favor_precision": True},
    "default-no-comments": {"include_comments": False},
    "favor_precision-no-comments": {"favor_precision": True, "include_comments": False},
    "favor_recall-no-comments": {"favor_recall": True, "include_comments": False},
}


def load_module(path: Path) -> ModuleType:
    """Import a scorer module from its file (the eval folder is not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_html(pages: Path, page_id: str) -> str:
    """The decoded HTML of one page (`<id>.html` or `<id>.html.gz`)."""
    plain = pages / f"{page_id}.html"
    if plain.exists():
        return decode(plain.read_bytes()).text
    raw = gzip.decompress((pages / f"{page_id}.html.gz").read_bytes())
    return decode(raw).text


def extract(html: str, url: str | None, options: dict[str, Any]) -> str:
    """trafilatura's plain-text extraction of one page ("" when it finds nothing)."""
    text = trafilatura.extract(html, url=url, **options)
    return text or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", type=Path, help="folder with <id>.html[.gz]")
    parser.add_argument("--settings", nargs="*", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--save-pred", type=Path, metavar="DIR", help="write <setting>.json here")
    args = parser.parse_args()
    evals = Path(args.pages).resolve().parent.parent
    truth_file = args.pages / ".." / "ground-truth.json"
    segments = not truth_file.exists()
    if segments:
        scorer = load_module(evals / "score_segments.py")
        truth = scorer.load_cases(args.pages / ".." / "cases.jsonl")
        urls = {i: case.get("url") for i, case in truth.items()}
    else:
        scorer = load_module(evals / "score.py")
        truth = scorer.load_bodies(truth_file)
        urls = {i: v.get("url") for i, v in json.loads(truth_file.read_text(encoding="utf-8")).items()}
    htmls = {page_id: page_html(args.pages, page_id) for page_id in sorted(truth)}
    for name in args.settings:
        start = time.perf_counter()
        pred = {i: extract(html, urls.get(i), SETTINGS[name]) for i, html in htmls.items()}
        elapsed = time.perf_counter() - start
        result = scorer.score(truth, pred)
        if args.save_pred:
            args.save_pred.mkdir(parents=True, exist_ok=True)
            out = {i: {"articleBody": text} for i, text in pred.items()}
            text = json.dumps(out, ensure_ascii=False)
            (args.save_pred / f"{name}.json").write_text(text, encoding="utf-8")
        print(
            f"trafilatura {trafilatura.__version__} {name:28} F1={result['f1']:.3f} "
            f"P={result['precision']:.3f} R={result['recall']:.3f} docs/s={len(pred) / elapsed:.1f}"
        )


if __name__ == "__main__":
    main()
