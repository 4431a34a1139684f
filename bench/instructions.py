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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run under callgrind: clean every input once (warm-up), then `passes` more times inside reduce.
_LOOP = """
import functools, gzip, sys
from pathlib import Path
folder, mode, passes, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if path:
    sys.path.insert(0, path)
suffixes = (".txt",) if mode == "text" else (".html", ".html.gz")
files = sorted(p for p in Path(folder).iterdir() if p.name.endswith(suffixes))
inputs = [gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes() for p in files]
if mode == "trafilatura":  # trafilatura doing the HTML path's job, as bench/throughput.py times it
    import trafilatura
    def run(raw):
        return trafilatura.extract(raw.decode("utf-8", "replace"), with_metadata=True, output_format="json")
else:
    from cleaner import Cleaner
    cleaner = Cleaner(timeout=None)
    def run(raw):
        return cleaner.clean(raw, input_format=mode)
for raw in inputs:
    run(raw)
functools.reduce(lambda _, raw: run(raw), inputs * passes, None)
print(len(inputs) * passes)
"""


def count(folder: Path, mode: str, passes: int, python: str, path: str, keep: Path | None) -> tuple[int, int]:
    """(instructions counted, documents cleaned while counting); `keep` keeps callgrind's profile."""
    with tempfile.TemporaryDirectory() as scratch:
        out = keep.resolve() if keep else Path(scratch) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={out}",
            python,
            "-c",
            _LOOP,
            str(folder.resolve()),
            mode,
            str(passes),
            str(Path(path).resolve()) if path else "",
        ]
        environment = {"PYTHONHASHSEED": "0", **os.environ}
        # Run in an empty folder: `python -c` puts the current folder first on `sys.path`, and in
        # a checkout that would count its sources, not the build of `--python`.
        run = subprocess.run(
            command, capture_output=True, text=True, check=False, cwd=scratch, env=environment
        )
        if run.returncode != 0:
            sys.exit(f"instructions.py: the run failed:\n{run.stderr[-2000:]}")
        found = re.search(r"Collected : (\d+)", run.stderr)
        if found is None:
            sys.exit("instructions.py: callgrind printed no count")
        return int(found[1]), int(run.stdout.split()[-1])


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
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("instructions.py: needs valgrind (apt install valgrind)")
    instructions, documents = count(args.folder, args.mode, args.passes, args.python, args.path, args.keep)
    per_document = instructions / documents / 1e6
    what = "trafilatura (metadata, JSON)" if args.mode == "trafilatura" else f"{args.mode} path"
    print(f"{what}: {per_document:.2f} M instructions a document ({documents} documents)")


if __name__ == "__main__":
    main()
