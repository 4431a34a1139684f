"""Check the seed article's promises (issue 2, point 5) on the seed and each transformation of it.

    python bench/check_seed.py ../shared/seed/nysun-article.txt

The seed is not part of the repository (we do not copy real articles), so this is a script
run against it where it exists, not a test. It cleans the seed and its variants (CRLF, cp1252,
mojibake, entities, BOM, odd spaces, single newlines, an HTML page) through the library and
through the installed `newsclean` command, and prints one line per check.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from variants import HTML_FIELDS, TEXT_FIELDS, TEXT_VARIANTS, as_html, same_article  # noqa: E402

from cleaner import Article, clean  # noqa: E402
from cleaner.read.repair import repair  # noqa: E402

EXPECTED_REMOVED = [
    "AP/Martin Zetina",
    "The New York Sun",
    "© 2025 The New York Sun Company, LLC. All rights reserved.",
    "Use of this site constitutes acceptance",
    "The New York Sun",
    "Sign in or create a free account",
    "or",
    "By continuing you agree to our Privacy Policy and Terms of Use",
]


def promises(article: Article, seed_text: str) -> list[str]:
    """What of point 5 the article breaks (empty when all holds)."""
    lines = [line for line in repair(seed_text).text.split("\n") if line.strip()]
    body_lines = lines[4:15]
    problems = []
    if article.title != lines[0]:
        problems.append(f"title {article.title!r}")
    if article.subtitle != lines[1]:
        problems.append(f"subtitle {article.subtitle!r}")
    if list(article.body) != body_lines:
        problems.append(f"body: {len(article.body)} paragraphs, not the 11 unchanged ones")
    captions = [(c.text, c.credit) for c in article.captions]
    if len(captions) != 1 or not captions[0][0].startswith("Mexican National Guards prepare"):
        problems.append(f"captions {captions}")
    elif not captions[0][0].endswith("with the United States.") or captions[0][1] != "AP/Martin Zetina":
        problems.append(f"caption split {captions[0]}")
    if article.publisher != "The New York Sun":
        problems.append(f"publisher {article.publisher!r}")
    if article.copyright != EXPECTED_REMOVED[2]:
        problems.append(f"copyright {article.copyright!r}")
    removed = [r.text for r in article.removed]
    if len(removed) != len(EXPECTED_REMOVED) or not all(
        text.startswith(start) for text, start in zip(removed, EXPECTED_REMOVED, strict=False)
    ):
        problems.append(f"removed {removed}")
    if any(not r.reason for r in article.removed):
        problems.append("a removal without a reason")
    return problems


def via_cli(raw: bytes, suffix: str, input_format: str = "auto") -> Article:
    exe = shutil.which("newsclean")
    if exe is None:
        sys.exit("error: the newsclean command is not installed (pip install .)")
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        handle.write(raw)
    try:
        proc = subprocess.run(
            [exe, "--input-format", input_format, handle.name], capture_output=True, check=False
        )
    finally:
        Path(handle.name).unlink()
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode())
    record = json.loads(proc.stdout)
    from cleaner.model import Caption, Label, Removal

    return Article(
        title=record["title"],
        subtitle=record["subtitle"],
        body=tuple(record["body"]),
        captions=tuple(Caption(c["text"], c["credit"], c["line"]) for c in record["captions"]),
        publisher=record["publisher"],
        copyright=record["copyright"],
        byline=record["byline"],
        dateline=record["dateline"],
        removed=tuple(
            Removal(r["line"], r["text"], Label(r["label"]), r["reason"]) for r in record["removed"]
        ),
    )


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    seed_path = Path(sys.argv[1])
    seed_text = seed_path.read_text(encoding="utf-8")
    failures = 0

    def report(name: str, problems: list[str]) -> None:
        nonlocal failures
        failures += bool(problems)
        print(
            f"{'ok  ' if not problems else 'FAIL'} {name}" + (f": {'; '.join(problems)}" if problems else "")
        )

    original = clean(seed_path.read_bytes())
    report("seed (library)", promises(original, seed_text))
    report("seed (cli)", promises(via_cli(seed_path.read_bytes(), ".txt"), seed_text))
    for name, variant in TEXT_VARIANTS.items():
        raw = variant(seed_text)
        for how, article in (("library", clean(raw)), ("cli", via_cli(raw, ".txt"))):
            problems = promises(article, seed_text) + [
                f"differs in {field}" for field in same_article(original, article, TEXT_FIELDS)
            ]
            report(f"{name} ({how})", problems)
    page = as_html(original).encode("utf-8")
    for how, article in (("library", clean(page)), ("cli", via_cli(page, ".html", "html"))):
        report(
            f"html page ({how})",
            [f"differs in {field}" for field in same_article(original, article, HTML_FIELDS)],
        )
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
