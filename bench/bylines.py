"""Bylines of the text path against the HTML path's (the page's own markup), on the dev sets.

    python bench/bylines.py [--eval ../shared/eval]

No dev set annotates bylines; the HTML path reads the author from the page's metadata, which is
right on most pages. Prints, per set: pages with a text-path byline, pages with an HTML-path
byline, and pages where the text path's names agree with the HTML path's (one contains the
other, case and punctuation aside).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

import regex

from cleaner import Cleaner
from cleaner.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SETS = ("scrapinghub-dev", "trafilatura-dev")
_NOT_WORD = regex.compile(r"\W+")


def norm(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def agree(text_byline: str, html_byline: str) -> bool:
    one, two = norm(text_byline), norm(html_byline)
    return bool(one and two) and (one in two or two in one)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    cleaner = Cleaner(timeout=None)
    for dev_set in SETS:
        pages = sorted((args.eval / dev_set / "pages").glob("*.txt"))
        found = referenced = agreeing = 0
        for path in pages:
            text_byline = cleaner.clean(path.read_bytes(), input_format="text").byline
            try:
                html = gzip.decompress(path.with_suffix(".html.gz").read_bytes())
                html_byline = cleaner.clean(html, input_format="html").byline
            except InputError:
                html_byline = None
            found += text_byline is not None
            referenced += html_byline is not None
            agreeing += bool(text_byline and html_byline and agree(text_byline, html_byline))
        print(
            f"{dev_set}: text bylines on {found}/{len(pages)} pages, HTML on {referenced}; "
            f"text agrees with HTML on {agreeing}/{referenced}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
