"""Quality gate: score both paths on both dev sets and fail when a score falls below its floor.

    python bench/quality_gate.py [--eval ../shared/eval] [--floors bench/quality-floors.toml]

For each dev set and each half of it (`--half first|second`), runs `run_newsclean.py` (the
article body, text and HTML paths) and `meta_eval.py` (headline and date, both paths) with the
`newsclean` on PATH, prints every score beside its floor, and exits 1 when one is below. The
floors are pinned in `bench/quality-floors.toml`: the scores when they were last raised minus a
small margin. Raise them with every quality gain, as trafilatura's own evaluation gate does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SETS = ("scrapinghub-dev", "trafilatura-dev")
HALVES = ("first", "second")
_SCORE = regex.compile(r"\b(F1|P|R)=([0-9.]+)")
_META = regex.compile(r"title text=([0-9.]+) html=([0-9.]+) date text=([0-9.]+) html=([0-9.]+)")


def last_line(command: list[str]) -> str:
    """The last line a scorer prints (its summary); the scorer's failure is the gate's."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        sys.exit(f"quality gate: {' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return lines[-1]


def scores(eval_dir: Path, dev_set: str, half: str) -> dict[str, float]:
    """Every score of one half of one dev set, by name (`text.f1`, `meta.title_text`, …)."""
    pages = str(eval_dir / dev_set / "pages")
    found: dict[str, float] = {}
    for mode in ("text", "html"):
        line = last_line(
            [sys.executable, str(eval_dir / "run_newsclean.py"), pages, "--mode", mode, "--half", half]
        )
        for name, value in _SCORE.findall(line):
            found[f"{mode}.{name.lower()}"] = float(value)
    meta = _META.search(last_line([sys.executable, str(eval_dir / "meta_eval.py"), pages, "--half", half]))
    if meta is None:
        sys.exit(f"quality gate: meta_eval.py printed no scores for {dev_set} {half}")
    names = ("meta.title_text", "meta.title_html", "meta.date_text", "meta.date_html")
    found.update(zip(names, map(float, meta.groups()), strict=True))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--floors", type=Path, default=ROOT / "bench" / "quality-floors.toml")
    args = parser.parse_args()
    floors = tomllib.loads(args.floors.read_text(encoding="utf-8"))
    below = []
    for dev_set in SETS:
        for half in HALVES:
            pinned = floors[dev_set][half]
            for name, value in sorted(scores(args.eval, dev_set, half).items()):
                floor = pinned.get(name)
                mark = "" if floor is None else ("  BELOW" if value < floor else "")
                shown = "-" if floor is None else f"{floor:.3f}"
                print(f"{dev_set:<16} {half:<6} {name:<16} {value:.3f}  floor {shown}{mark}")
                if floor is not None and value < floor:
                    below.append(f"{dev_set} {half} {name}")
    if below:
        print(f"quality gate: {len(below)} score(s) below their floor: {', '.join(below)}")
        return 1
    print("quality gate: every score is at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
