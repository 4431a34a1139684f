"""Learning: what `--learn-sites` gains on a generated site, and what it costs on the dev sets.

    python bench/learning.py site [--pages 12]
    python bench/learning.py dev ../shared/eval/scrapinghub-dev/pages

`site` cleans the pages of the test site generator (tests/sitegen.py: our own stories in a
templated site) with and without `--learn-sites`, through the `newsclean` on PATH, and prints
the share of furniture lines removed and of article lines kept. `dev` runs a dev set's page
texts as one batch of JSON Lines records with their URLs (the runner `run_newsclean.py` gives
no URLs, so it cannot learn) with and without `--learn-sites`, and scores each half of the set
(`--half` of the runner) and the whole with the eval's own scorers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitegen import shares, site_pages  # noqa: E402


def newsclean(records: list[dict[str, Any]], *extra: str) -> list[dict[str, Any]]:
    """The output records of `newsclean --input-format jsonl` on these records."""
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        batch.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        done = subprocess.run(
            ["newsclean", "--input-format", "jsonl", *extra, str(batch)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode not in (0, 1):
        sys.exit(f"newsclean failed: {done.stderr[-1000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def site(count: int) -> None:
    pages = site_pages(count)
    records = [{"id": n, "url": page.url, "text": page.text} for n, page in enumerate(pages)]
    for name, extra in (("without learning", ()), ("--learn-sites", ("--learn-sites",))):
        got = shares(pages, newsclean(records, *extra))
        print(
            f"{name:<17} furniture removed {got.removed_furniture}/{got.furniture}"
            f" = {got.furniture_removed:.3f}  article kept {got.kept_article}/{got.article}"
            f" = {got.article_kept:.3f}"
        )


def dev(pages: Path) -> None:
    eval_dir = pages.parent.parent
    sys.path.insert(0, str(eval_dir))
    import score
    import score_segments
    from run_newsclean import default_truth, half_of

    truth_path = default_truth(pages)
    segments = truth_path.suffix == ".jsonl"
    if segments:
        truth = score_segments.load_cases(truth_path)
        urls = {
            (case := json.loads(line))["id"]: case.get("url") or None
            for line in truth_path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        }
    else:
        truth = score.load_bodies(truth_path)
        urls = {key: value.get("url") or None for key, value in json.loads(truth_path.read_text()).items()}
    ids = sorted(truth)
    records = [
        {"id": i, "url": urls.get(i), "text": (pages / f"{i}.txt").read_text(encoding="utf-8")} for i in ids
    ]
    for name, extra in (("without learning", ()), ("--learn-sites", ("--learn-sites",))):
        predicted = {out["id"]: "\n\n".join(out.get("body", [])) for out in newsclean(records, *extra)}
        for half in ("first", "second", None):
            wanted = {i: truth[i] for i in ids if half is None or half_of(i) == half}
            result = (score_segments if segments else score).score(wanted, predicted)
            print(
                f"{name:<17} {half or 'all':<6} F1={result['f1']:.3f} "
                f"P={result['precision']:.3f} R={result['recall']:.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    on_site = commands.add_parser("site", help="the generated site")
    on_site.add_argument("--pages", type=int, default=12)
    on_dev = commands.add_parser("dev", help="a dev set's page texts, with their URLs")
    on_dev.add_argument("pages", type=Path)
    args = parser.parse_args()
    if args.command == "site":
        site(args.pages)
    else:
        dev(args.pages)


if __name__ == "__main__":
    main()
