"""Pool: clean and render work items into outcomes, here or in worker processes, in input order.

`process` cleans and renders one `WorkItem` into an `Outcome`: the text to write and the lines
to report on stderr. `run_here` applies it item after item in this process; `run_in_processes`
sends chunks of items to a pool of worker processes, each of which builds one `Cleaner` from
the same rule paths when it starts and cleans *and renders* whole chunks, so the parent only
reads inputs and writes strings in order. Both modes go through the same `process`, which is
why `--jobs 1` and `--jobs N` give byte-identical output.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner import emit
from cleaner.errors import InputError, NewscleanError
from cleaner.model import Article
from cleaner.pipeline import Cleaner
from cleaner.run.inputs import WorkItem
from cleaner.run.window import in_order

# The process pool (multiprocessing, and logging under concurrent.futures) is imported when
# `--jobs` asks for one: a twentieth of a small page's start-up otherwise.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# A chunk (the unit sent to a worker) closes at this many items or bytes, whichever comes first:
# enough to make the cost of sending it small next to the cost of cleaning it, small enough that
# a few chunks per worker in flight keep memory flat and the workers evenly busy.
CHUNK_ITEMS = 8
CHUNK_BYTES = 1_000_000
CHUNKS_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker needs to clean and render items exactly as this process would."""

    rule_paths: tuple[str, ...] = ()
    max_bytes: int | None = None
    timeout: float | None = None
    output_format: str = "jsonl"
    explain: bool = False
    many: bool = True  # several documents: text output gets a header per document

    def build_cleaner(self) -> Cleaner:
        """The cleaner these settings describe (the rule files are loaded and compiled here)."""
        return Cleaner(
            rule_paths=[Path(path) for path in self.rule_paths],
            max_bytes=self.max_bytes,
            timeout=self.timeout,
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one item gives: the text to write (may be empty) and the lines for stderr."""

    output: str
    reports: tuple[str, ...]
    failed: bool


# A running batch; closing it early stops its workers.
Outcomes = Generator[Outcome, None, None]


def clean_item(cleaner: Cleaner, item: WorkItem) -> Article | str:
    """The article of one item, or the message saying why it could not be cleaned.

    Even a bug in newsclean costs only the input that hit it.
    """
    if item.error is not None:
        return item.error
    assert item.raw is not None
    try:
        return cleaner.clean(item.raw, url=item.url, input_format=item.input_format, source=item.source)
    except InputError as error:
        return error.message
    except NewscleanError as error:
        return str(error)
    except Exception as error:  # a bug must not lose the rest of the batch
        return f"internal error: {type(error).__name__}: {error}"


def process(cleaner: Cleaner, item: WorkItem, settings: Settings) -> Outcome:
    """Clean and render one item; a failure becomes an error record and one stderr line."""
    article = clean_item(cleaner, item)
    if isinstance(article, str):
        return failure(item, article, settings)
    reports = tuple(f"{item.source}: warning: {warning}" for warning in article.warnings)
    if settings.explain:
        output = emit.explain(article)
    else:
        output = emit.render(
            article,
            settings.output_format,
            many=settings.many,
            record_id=item.record_id,
            with_id=item.from_record,
        )
    return Outcome(output, reports, failed=False)


def failure(item: WorkItem, message: str, settings: Settings) -> Outcome:
    """The outcome of an item that could not be cleaned: an error record in JSON Lines or in
    the JSON array of several inputs (not in the pretty JSON of one input, text, Markdown or
    --explain, which have no place for one) and one line for stderr."""
    output = ""
    if not settings.explain and (settings.output_format == "jsonl" or settings.many):
        output = emit.render_error(
            item.source, message, settings.output_format, record_id=item.record_id, with_id=item.from_record
        )
    return Outcome(output, (f"{item.source}: {message}",), failed=True)


def chunks(items: Iterable[WorkItem]) -> Iterator[list[WorkItem]]:
    """Items in chunks of at most `CHUNK_ITEMS` items, closed early past `CHUNK_BYTES`."""
    chunk: list[WorkItem] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += item.size
        if len(chunk) >= CHUNK_ITEMS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def run_here(cleaner: Cleaner, items: Iterable[WorkItem], settings: Settings) -> Outcomes:
    """Clean the items one after the other in this process."""
    for item in items:
        yield process(cleaner, item, settings)


def run_in_processes(items: Iterable[WorkItem], settings: Settings, jobs: int) -> Outcomes:
    """Clean the items in `jobs` worker processes; outcomes come in input order.

    At most `CHUNKS_PER_WORKER` chunks per worker are in flight. When a worker process dies
    (killed, out of memory), the items in flight get error records and a new pool takes over
    the rest. Closing the iterator early (an interrupt) stops the workers at once.
    """
    workers = _Workers(settings, jobs)
    try:
        yield from in_order(
            chunks(items), workers.submit, partial(_collect, settings=settings), jobs * CHUNKS_PER_WORKER
        )
    except BaseException:
        _stop(workers.executor)
        raise
    workers.executor.shutdown(wait=True)


class _Workers:
    """The worker processes of one batch: a pool, replaced by a new one when a worker died."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = jobs
        self.executor = self._start()

    def submit(self, chunk: list[WorkItem]) -> Future[list[Outcome]]:
        """Send a chunk to a worker, starting a new pool first when this one is broken."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_work, chunk)
        except BrokenProcessPool:
            # A worker died while earlier chunks ran: the pool failed their futures, which
            # `_collect` turns into error records in their place. A new pool takes the rest.
            self.executor.shutdown(wait=True)
            self.executor = self._start()
            return self.executor.submit(_work, chunk)

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.jobs, initializer=_start_worker, initargs=(self.settings,)
        )


def _collect(chunk: list[WorkItem], future: Future[list[Outcome]], settings: Settings) -> list[Outcome]:
    """The outcomes of a chunk; error records when the worker cleaning it died."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        message = "internal error: the worker process cleaning it died (killed, or out of memory?)"
        return [failure(item, message, settings) for item in chunk]


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, dropping their work (the batch was interrupted)."""
    executor.shutdown(wait=False, cancel_futures=True)
    # Before Python 3.14 (terminate_workers()) there is no public way to stop a worker that is
    # busy; the executor keeps its processes in `_processes`, a dict from pid to Process.
    processes = getattr(executor, "_processes", None) or {}
    for worker in list(processes.values()):
        worker.terminate()


_WORKER: tuple[Cleaner | NewscleanError, Settings] | None = None


def _start_worker(settings: Settings) -> None:
    """Build this worker's one `Cleaner`. The parent alone answers Ctrl-C (a terminal sends it
    to every process of the group) and SIGTERM, then stops the workers: a worker that raised
    KeyboardInterrupt itself would print a traceback."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _WORKER = (settings.build_cleaner(), settings)
    except NewscleanError as error:
        # The parent loaded these rule files a moment ago, so they changed since; an initializer
        # that raised would break the pool, so each item reports the problem instead.
        _WORKER = (error, settings)


def _work(chunk: list[WorkItem]) -> list[Outcome]:
    """Clean and render a chunk in a worker process."""
    assert _WORKER is not None, "the worker was not started by _start_worker"
    cleaner, settings = _WORKER
    if isinstance(cleaner, NewscleanError):
        return [failure(item, f"rule files changed during the batch: {cleaner}", settings) for item in chunk]
    return [process(cleaner, item, settings) for item in chunk]


def cpu_count() -> int:
    """The CPUs this process may run on (what `--jobs 0` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
