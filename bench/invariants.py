"""Invariants on real pages: conservation on both paths, and clean articles passing through.

    python bench/invariants.py [--eval ../shared/eval]

On every page of both dev sets:
- conservation (text path): every non-blank block of the page text is in exactly one of title,
  subtitle, body, captions or removed (the check the tests run, `tests/helpers.py`);
- conservation (HTML path): every visible line of the page is shown by the article or removed
  once as a page line, and the article's blocks are conserved (`assert_html_conserved`);
- pass-through: the HTML path's `--format text` output of the page, cleaned again as text,
  keeps its paragraphs; prints the share kept over all pages and the pages that lose some.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import assert_conserved, assert_html_conserved, text_blocks  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.emit import to_text  # noqa: E402
from cleaner.errors import InputError  # noqa: E402

SETS = ("scrapinghub-dev", "trafilatura-dev")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--show", type=int, default=10, help="pages to list that break an invariant")
    args = parser.parse_args()
    cleaner = Cleaner(timeout=None)
    broken: list[str] = []
    html_broken: list[str] = []
    lossy: list[tuple[str, int, int]] = []
    kept_total = printed_total = pages = html_pages = 0
    for dev_set in SETS:
        for text_path in sorted((args.eval / dev_set / "pages").glob("*.txt")):
            pages += 1
            raw = text_path.read_bytes()
            try:
                assert_conserved(text_blocks(raw), cleaner.clean(raw, input_format="text").to_dict())
            except AssertionError as error:
                broken.append(f"{dev_set}/{text_path.name}: {str(error)[:200]}")
            html = gzip.decompress(text_path.with_suffix(".html.gz").read_bytes())
            try:
                article = cleaner.clean(html, input_format="html")
            except InputError:
                continue
            html_pages += 1
            try:
                assert_html_conserved(html, article)
            except AssertionError as error:
                html_broken.append(f"{dev_set}/{text_path.name}: {str(error)[:200]}")
            printed = [part for part in (article.title, article.subtitle) if part] + list(article.body)
            again = cleaner.clean(to_text(article), input_format="text")
            kept = set([part for part in (again.title, again.subtitle) if part] + list(again.body))
            survived = sum(1 for paragraph in printed if paragraph in kept)
            kept_total += survived
            printed_total += len(printed)
            if survived < len(printed):
                lossy.append((f"{dev_set}/{text_path.name}", survived, len(printed)))
    print(f"conservation: {pages - len(broken)} of {pages} page texts")
    for line in broken[: args.show]:
        print(f"  {line}")
    print(f"conservation (HTML): {html_pages - len(html_broken)} of {html_pages} pages")
    for line in html_broken[: args.show]:
        print(f"  {line}")
    share = kept_total / printed_total if printed_total else 1.0
    print(
        f"pass-through: {kept_total} of {printed_total} paragraphs kept ({share:.4f}); "
        f"{len(lossy)} pages lose some"
    )
    for name, survived, total in sorted(lossy, key=lambda item: item[1] / item[2])[: args.show]:
        print(f"  {name}: {survived} of {total}")
    return 0 if not broken and not html_broken else 1


if __name__ == "__main__":
    sys.exit(main())
