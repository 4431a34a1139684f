"""Instructions a document costs, counted by valgrind: a figure the machine's load does not move.

    python bench/instructions.py [DIR] [--mode text|html|trafilatura] [--passes N] [--python PY] [--path DIR]

On a shared machine the wall time of one run varies by a fifth, so a change of a few percent
cannot be seen in `bench/throughput.py`; the number of instructions executed can (it varies by
well under 0.1 % from run to run, with string hashing seeded: the run sets `PYTHONHASHSEED=0`
unless it is set, as randomised hashes change set orders and move the count by up to 1 %).
Callgrind counts them only inside the cleaning loop (the loop runs inside `functools.reduce`,
whose C function toggles the count on and off), after one warm-up pass over the inputs, so
imports, rule loading and first-use compiling are left out. `--mode trafilatura` counts
`trafilatura.extract(html, with_metadata=True, output_format="json")` on the same pages, the
bar of the HTML path in `bench/throughput.py`: the ratio of the two counts is that bar
without the machine's noise (instructions are not time, so it is a guide, not the measure).
The run is about 50 times slower than a normal one: a pass over the 50 scrapinghub-dev texts
takes a minute or two.

`--keep FILE` keeps callgrind's profile: `callgrind_annotate --inclusive=yes FILE` then shows
each function's share (the compiled build's functions by their C names, `CPyDef_<module>___<name>`).

`--cache MB` simulates the processor's caches too (callgrind's model, a last-level cache of that
size) and counts the misses of the last level: time that instructions do not show. On a shared
machine the last level is shared with other work, so a small one (2 MB) is the fair model.

`--python` and `--path` compare builds: the interpreter of another venv, or a folder put first
on `sys.path` (a copy of the package compiled in place). Instructions are not time (a cache
miss or a slow call costs more than its count), so confirm a gain with `throughput.py`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run under callgrind: clean every input once (warm-up; or the inputs of another folder), then
# `passes` more times inside reduce.
_LOOP = """
import functools, gzip, sys
from pathlib import Path
folder, mode, passes, path, warm = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
if path:
    sys.path.insert(0, path)
suffixes = (".txt",) if mode == "text" else (".html", ".html.gz")
def read(folder):
    files = sorted(p for p in Path(folder).iterdir() if p.name.endswith(suffixes))
    return [gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes() for p in files]
inputs = read(folder)
if mode == "trafilatura":  # trafilatura doing the HTML path's job, as bench/throughput.py times it
    import trafilatura
    def run(raw):
        return trafilatura.extract(raw.decode("utf-8", "replace"), with_metadata=True, output_format="json")
else:
    from cleaner import Cleaner
    cleaner = Cleaner(timeout=None)
    def run(raw):
        return cleaner.clean(raw, input_format=mode)
for raw in [raw for folder in warm for raw in read(folder)] if warm else inputs:
    run(raw)
functools.reduce(lambda _, raw: run(raw), inputs * passes, None)
print(len(inputs) * passes)
"""


def count(
    folder: Path,
    mode: str,
    passes: int,
    python: str,
    path: str,
    keep: Path | None,
    cache: int | None = None,
    warm_up: Sequence[Path] = (),
) -> tuple[int, int, int | None]:
    """(instructions counted, documents cleaned while counting, last-level cache misses when
    `cache` gives that cache's size in bytes); `keep` keeps callgrind's profile, `warm_up` are
    the folders of the warm-up's inputs, in order (none: `folder`'s)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = keep.resolve() if keep else Path(scratch) / "callgrind.out"
        simulated = ["--cache-sim=yes", f"--LL={cache},16,64"] if cache else []
        command = [
            "valgrind",
            "--tool=callgrind",
            *simulated,
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={out}",
            python,
            "-c",
            _LOOP,
            str(folder.resolve()),
            mode,
            str(passes),
            str(Path(path).resolve()) if path else "",
            *(str(folder.resolve()) for folder in warm_up),
        ]
        environment = {"PYTHONHASHSEED": "0", **os.environ}
        # Run in an empty folder: `python -c` puts the current folder first on `sys.path`, and in
        # a checkout that would count its sources, not the build of `--python`.
        run = subprocess.run(
            command, capture_output=True, text=True, check=False, cwd=scratch, env=environment
        )
        if run.returncode != 0:
            sys.exit(f"instructions.py: the run failed:\n{run.stderr[-2000:]}")
        found = re.search(r"Collected : ([\d ]+)", run.stderr)
        if found is None:
            sys.exit("instructions.py: callgrind printed no count")
        # With the cache simulated the events are Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw.
        events = [int(number) for number in found[1].split()]
        misses = sum(events[6:9]) if cache else None
        return events[0], int(run.stdout.split()[-1]), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "samples")
    parser.add_argument(
        "--mode",
        choices=("text", "html", "trafilatura"),
        default="text",
        help="newsclean's text or HTML path, or trafilatura doing the HTML path's job (metadata, JSON)",
    )
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--python", default=sys.executable, help="the interpreter (of the build) to run")
    parser.add_argument("--path", default="", help="a folder put first on sys.path (a build in place)")
    parser.add_argument("--keep", type=Path, help="keep callgrind's profile here (for callgrind_annotate)")
    parser.add_argument(
        "--cache",
        type=float,
        metavar="MB",
        help="also simulate the caches, with a last-level cache of MB megabytes, and count its misses",
    )
    parser.add_argument(
        "--warm-up",
        type=Path,
        nargs="+",
        default=[],
        metavar="DIR",
        help="warm up on the inputs of these folders, in order, instead of DIR's",
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("instructions.py: needs valgrind (apt install valgrind)")
    cache = int(args.cache * 2**20) if args.cache else None
    instructions, documents, misses = count(
        args.folder, args.mode, args.passes, args.python, args.path, args.keep, cache, args.warm_up
    )
    per_document = instructions / documents / 1e6
    what = "trafilatura (metadata, JSON)" if args.mode == "trafilatura" else f"{args.mode} path"
    line = f"{what}: {per_document:.2f} M instructions a document ({documents} documents)"
    if misses is not None:
        line += f", {misses / documents / 1e3:.1f} k misses of a {args.cache:g} MB last-level cache"
    print(line)


if __name__ == "__main__":
    main()
