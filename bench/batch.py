"""Batch benchmark: the speed-up of --jobs, and memory that stays flat with the batch size.

    python bench/batch.py [--pages DIR] [--docs 2000] [--jobs 2] [--small 1000 100000]

(a) Speed: `--docs` documents made by repeating the eval pages (DIR/*.txt, by default
../shared/eval/scrapinghub-dev/pages) as one JSON Lines file, cleaned by the installed
`newsclean --input-format jsonl` with --jobs 1 and with --jobs N; documents/s and the speed-up.
(b) Memory: generated documents of about 1.5 kB each, `--small` of them per run (1,000 and
100,000 by default), cleaned to /dev/null; the peak resident memory of the largest process
(the parent, or with --jobs a worker) says whether memory grows with the number of documents.

Inputs are written to a temporary folder and removed after; nothing is written to the
repository. Wall times include start-up (about a second) and each process's first pages, which
compile the rules they need; compare numbers from one run. On a shared machine the wall-clock
speed-up depends on what else runs; the CPU time of all processes (parent and workers) does
not, and shows what running in parallel costs on top of the work itself.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_PAGES = ROOT.parent / "shared" / "eval" / "scrapinghub-dev" / "pages"

# Runs a command and prints its exit code, the peak RSS (kB) of its largest process and the CPU
# seconds of all its processes, in a fresh process so that earlier runs do not count:
# RUSAGE_CHILDREN covers every child ever waited for (workers included, once they have ended).
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)

_VOCABULARY = (
    "the council harbor voted on tuesday to rebuild north pier after years of storms residents "
    "said mayor budget plan would cost million over three years and a new ferry could run by "
    "spring while the school board asked for more time to study the proposal in detail"
)
WORDS = _VOCABULARY.split()


@dataclass(frozen=True)
class Run:
    documents: int
    jobs: int
    seconds: float
    peak_mb: float
    cpu_seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds


def newsclean() -> str:
    exe = shutil.which("newsclean", path=str(Path(sys.executable).parent)) or shutil.which("newsclean")
    if not exe:
        sys.exit("the newsclean command is not installed in this environment")
    return exe


def write_jsonl(path: Path, texts: Sequence[str], count: int) -> None:
    """`count` records cycling through `texts`, written one at a time (memory stays small)."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            record = {"id": f"doc-{number}", "text": texts[number % len(texts)]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def small_document(rng: random.Random) -> str:
    """About 1.5 kB: a headline, a byline and six paragraphs of generated sentences."""
    title = " ".join(rng.choices(WORDS, k=8)).title()
    paragraphs = [
        " ".join(" ".join(rng.choices(WORDS, k=rng.randint(10, 16))).capitalize() + "." for _ in range(3))
        for _ in range(6)
    ]
    return "\n\n".join([title, "By Jane Doe", *paragraphs, "© 2025 The Harbor Times"])


def measure(path: Path, documents: int, jobs: int) -> Run:
    command = [newsclean(), "--input-format", "jsonl", "--no-progress", "--jobs", str(jobs), str(path)]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    code, peak_kb, cpu = result.stdout.split()
    if code != "0":
        sys.exit(f"newsclean exited {code} on {path}: {result.stderr}")
    return Run(documents, jobs, seconds, int(peak_kb) / 1024, float(cpu))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=EVAL_PAGES, help="folder of *.txt pages to repeat")
    parser.add_argument("--docs", type=int, default=2000, help="documents in the speed batch")
    parser.add_argument("--jobs", type=int, default=2, help="processes to compare with one")
    parser.add_argument("--small", type=int, nargs="+", default=[1000, 100_000], help="memory batch sizes")
    parser.add_argument("--small-jobs", type=int, default=1, help="--jobs for the memory batches")
    args = parser.parse_args(argv)

    pages = sorted(args.pages.glob("*.txt"))
    if not pages:
        sys.exit(f"no *.txt pages in {args.pages}")
    texts = [page.read_bytes().decode("utf-8", "replace") for page in pages]
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as folder:
        big = Path(folder) / "pages.jsonl"
        write_jsonl(big, texts, args.docs)
        size = big.stat().st_size / 1e6
        print(
            f"(a) {args.docs} documents from {len(pages)} pages of {args.pages}, {size:.1f} MB of JSON Lines"
        )
        runs = [measure(big, args.docs, jobs) for jobs in (1, args.jobs)]
        for run in runs:
            rate = f"{run.seconds:6.1f} s {run.rate:7.1f} docs/s  CPU {run.cpu_seconds:6.1f} s"
            print(f"    --jobs {run.jobs}: {rate}  peak {run.peak_mb:6.1f} MB")
        cpu_ratio = runs[1].cpu_seconds / runs[0].cpu_seconds
        print(f"    speed-up: {runs[1].rate / runs[0].rate:.2f}x (wall); CPU time x{cpu_ratio:.2f}")

        rng = random.Random(6)
        documents = [small_document(rng) for _ in range(500)]
        average = sum(len(text.encode()) for text in documents) / len(documents)
        print(f"(b) generated documents of {average / 1000:.1f} kB on average, --jobs {args.small_jobs}")
        for count in args.small:
            path = Path(folder) / f"small-{count}.jsonl"
            write_jsonl(path, documents, count)
            run = measure(path, count, args.small_jobs)
            megabytes = path.stat().st_size / 1e6
            print(
                f"    {count:>7} documents ({megabytes:6.1f} MB): {run.seconds:6.1f} s "
                f"{run.rate:7.1f} docs/s  CPU {run.cpu_seconds:6.1f} s  peak {run.peak_mb:6.1f} MB"
            )
            path.unlink()


if __name__ == "__main__":
    main()
