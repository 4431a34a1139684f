"""Where do the errors on an eval set come from? Lines wrongly removed or kept, by reason.

    python bench/diagnose.py ../shared/eval/scrapinghub-dev [--mode text|html] [--show N] [--id ID]

For scrapinghub-style sets (ground-truth.json) a line counts as article text when its
normalised text occurs in the page's true body; for trafilatura-style sets (cases.jsonl) a
line is judged only when it holds a 'with' (article) or 'without' (boilerplate) segment.
Prints, per reason, how many article lines it removed and how many boilerplate lines it
kept, with examples. A development aid: the scores themselves come from
../shared/eval/run_newsclean.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from cleaner import Cleaner
from cleaner.model import Label

SPACES = re.compile(r"\s+")
KEPT = {Label.BODY}


def norm(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def load_truth(folder: Path) -> dict[str, dict]:
    truth_file = folder / "ground-truth.json"
    if truth_file.exists():
        data = json.loads(truth_file.read_text(encoding="utf-8"))
        return {key: {"body": norm(value["articleBody"])} for key, value in data.items()}
    cases = {}
    for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        cases[case["id"]] = {
            "with": [norm(s) for s in case["with"]],
            "without": [norm(s) for s in case["without"]],
        }
    return cases


def judge(text: str, truth: dict) -> bool | None:
    """True: article text; False: boilerplate; None: unknown."""
    if "body" in truth:
        if len(text.split()) < 3:
            return None
        return text in truth["body"]
    if any(s in text for s in truth["with"]):
        return True
    if any(s in text for s in truth["without"]):
        return False
    return None


def read_page(folder: Path, page_id: str, mode: str) -> bytes:
    pages = folder / "pages"
    if mode == "text":
        return (pages / f"{page_id}.txt").read_bytes()
    plain = pages / f"{page_id}.html"
    return (
        plain.read_bytes() if plain.exists() else gzip.decompress((pages / f"{page_id}.html.gz").read_bytes())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--mode", choices=["text", "html"], default="text")
    parser.add_argument("--show", type=int, default=4, help="examples per reason")
    parser.add_argument("--id", help="only this page")
    args = parser.parse_args()
    truth = load_truth(args.folder)
    cleaner = Cleaner()
    lost: dict[str, list[str]] = defaultdict(list)
    leaked: dict[str, list[str]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for page_id in sorted(truth):
        if args.id and page_id != args.id:
            continue
        article = cleaner.clean(read_page(args.folder, page_id, args.mode), input_format=args.mode)
        for trace in article.trace:
            text = norm(trace.block.text)
            verdict = judge(text, truth[page_id])
            kept = trace.decision.label in KEPT
            totals[f"{'kept' if kept else 'removed'}-{verdict}"] += 1
            if verdict is True and not kept:
                lost[trace.decision.reason].append(f"{page_id[:12]}: {text[:110]}")
            elif verdict is False and kept:
                leaked[trace.decision.reason].append(f"{page_id[:12]}: {text[:110]}")
    print("lines:", dict(totals))
    for title, table in (("ARTICLE LINES REMOVED", lost), ("BOILERPLATE LINES KEPT", leaked)):
        print(f"\n== {title} ==")
        for reason, lines in sorted(table.items(), key=lambda item: -len(item[1])):
            print(f"{len(lines):5}  {reason}")
            for line in lines[: args.show]:
                print(f"         {line}")


if __name__ == "__main__":
    main()
