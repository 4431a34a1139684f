"""Time the start-up of the installed `newsclean` command: one call on a small text.

    python bench/startup.py                          # the newsclean beside this Python, 15 runs
    python bench/startup.py --repeat 30 FILE
    python bench/startup.py --command .venv/bin/newsclean --command .venv-c/bin/newsclean

Each run is a whole call as a user makes it (`newsclean FILE > /dev/null`): interpreter start,
imports, rules, the page, the JSON. Several commands are run interleaved (a, b, a, b, …), so
that the load of a shared machine falls on all of them alike; compare their ratio. The CPU
time of each call (user and system, launcher and Python together) is printed too: on a loaded
machine it moves less than the wall time. Also
printed: a bare interpreter's start (`python -c pass`, the floor) and the import time of the
package (`python -X importtime -c "import cleaner.cli"`, its own figure for `cleaner.cli`).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "samples" / "seed-layout.txt"


def wall(command: list[str]) -> float:
    """Seconds one run of `command` takes, its output thrown away; a failed run is an error."""
    return timed(command)[0]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system, of all its processes) of one run. CPU
    time is the steadier figure on a loaded machine: it leaves out the waits for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def import_seconds(python: Path) -> float:
    """The cumulative import time of `cleaner.cli` that `-X importtime` reports, in seconds
    (`-I`: the installed package, not a checkout in the current folder)."""
    done = subprocess.run(
        [str(python), "-I", "-X", "importtime", "-c", "import cleaner.cli"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in done.stderr.splitlines():
        fields = line.split("|")
        if len(fields) == 3 and fields[2].strip() == "cleaner.cli":
            return int(fields[1]) / 1e6
    raise RuntimeError("no import time for cleaner.cli")


def summary(seconds: list[float]) -> str:
    return f"min {min(seconds):.3f} s  median {statistics.median(seconds):.3f} s  (n={len(seconds)})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT, help="a small text")
    parser.add_argument(
        "--command",
        action="append",
        type=Path,
        help="a newsclean command to time (repeatable; default: the one beside this Python)",
    )
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    args = parser.parse_args()
    commands = args.command or [Path(sys.executable).parent / "newsclean"]
    runs: dict[Path, list[float]] = {command: [] for command in commands}
    cpus: dict[Path, list[float]] = {command: [] for command in commands}
    imports: dict[Path, list[float]] = {command: [] for command in commands}
    bare: list[float] = []
    python = Path(sys.executable)
    for _ in range(args.repeat):
        bare.append(wall([str(python), "-c", "pass"]))
        for command in commands:
            elapsed, cpu = timed([str(command), str(args.input)])
            runs[command].append(elapsed)
            cpus[command].append(cpu)
            imports[command].append(import_seconds(command.parent / "python"))
    print(f"input: {args.input}")
    print(f"python -c pass: {summary(bare)}")
    for command in commands:
        print(f"{command}:")
        print(f"  one call, wall:      {summary(runs[command])}")
        print(f"  one call, CPU:       {summary(cpus[command])}")
        print(f"  import cleaner.cli:  {summary(imports[command])}")
    if len(commands) > 1:
        first = statistics.median(runs[commands[0]])
        for command in commands[1:]:
            ratio = statistics.median(runs[command]) / first
            print(f"median of {command} / median of {commands[0]}: {ratio:.2f}")


if __name__ == "__main__":
    main()
