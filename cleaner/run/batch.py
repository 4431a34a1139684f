"""Batch: run many documents, in this process or in worker processes, output in input order.

A batch is a lazy stream of `WorkItem`s (one per input file, or one per line of a JSON Lines
input), cleaned and rendered into `Outcome`s: the text to write and the lines to report on
stderr. Everything is an iterator, and at most a few chunks of work are in flight at once, so
memory does not grow with the number of documents and the first results stream out while the
rest is still being read.

With `jobs > 1`, each worker process builds one `Cleaner` from the same rule paths when it
starts, and cleans *and renders* whole chunks of items; the parent only reads inputs and writes
strings in order. Cleaning and rendering go through the same `process` function in both modes,
which is why `--jobs 1` and `--jobs N` give byte-identical output.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner import emit
from cleaner.errors import InputError, NewscleanError
from cleaner.limits import too_large
from cleaner.model import Article
from cleaner.pipeline import Cleaner, InputFormat
from cleaner.read.repair import fix_surrogates

# A chunk (the unit sent to a worker) closes at this many items or bytes, whichever comes first:
# enough to make the cost of sending it small next to the cost of cleaning it, small enough that
# a few chunks per worker in flight keep memory flat and the workers evenly busy.
CHUNK_ITEMS = 8
CHUNK_BYTES = 1_000_000
CHUNKS_PER_WORKER = 3

# JSON escapes at most 6 bytes for one byte of text (\u0001), so a line longer than this is
# surely a record whose text is over `max_bytes`; reading stops there instead of taking it whole.
_JSON_ESCAPE_GROWTH = 6
_JSON_LINE_SLACK = 64_000

RecordId = str | int | None


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One document to clean, or an input that already failed while it was read.

    `from_record` marks items read from JSON Lines: their output carries the record's `"id"`.
    """

    source: str
    raw: str | bytes | None = None
    input_format: InputFormat = "auto"
    url: str | None = None
    record_id: RecordId = None
    from_record: bool = False
    error: str | None = None  # why the input could not be read; `raw` is None then

    @property
    def size(self) -> int:
        return len(self.raw) if self.raw is not None else 0


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
    """The outcome of an item that could not be cleaned: an error record in JSON Lines (not in
    pretty JSON, text or --explain, which have no place for one) and one line for stderr."""
    output = ""
    if settings.output_format == "jsonl" and not settings.explain:
        output = emit.error_jsonl(item.source, message, record_id=item.record_id, with_id=item.from_record)
    return Outcome(output, (f"{item.source}: {message}",), failed=True)


# Reading inputs ------------------------------------------------------------------------------


def file_items(
    paths: Iterable[Path], input_format: InputFormat, url: str | None, max_bytes: int | None
) -> Iterator[WorkItem]:
    """One item per file ('-' is standard input), each read only when the batch reaches it."""
    for path in paths:
        source = "-" if str(path) == "-" else fix_surrogates(str(path))
        try:
            raw = _read(path, source, max_bytes)
        except InputError as error:
            yield WorkItem(source, error=error.message)
        else:
            yield WorkItem(source, raw, input_format, url)


def jsonl_items(paths: Iterable[Path], url: str | None, max_bytes: int | None) -> Iterator[WorkItem]:
    """One item per line of each JSON Lines input, read one line at a time.

    A record is `{"id": …, "url": …, "text": …}` or with `"html"` instead of `"text"`; `id`
    and `url` may be missing or null, other keys are ignored. Its source is `FILE:LINE`. A
    line that is not such a record becomes an item that failed, and the batch goes on.
    """
    for path in paths:
        name = "-" if str(path) == "-" else fix_surrogates(str(path))
        if name == "-":
            yield from _records(sys.stdin.buffer, name, url, max_bytes)
            continue
        if path.is_dir():
            yield WorkItem(name, error="is a directory; give the files in it", from_record=True)
            continue
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            yield WorkItem(name, error="no such file", from_record=True)
            continue
        except OSError as error:
            yield WorkItem(name, error=f"cannot read: {error.strerror or error}", from_record=True)
            continue
        with handle:
            yield from _records(handle, name, url, max_bytes)


def _records(handle: IO[bytes], name: str, url: str | None, max_bytes: int | None) -> Iterator[WorkItem]:
    longest = None if max_bytes is None else max_bytes * _JSON_ESCAPE_GROWTH + _JSON_LINE_SLACK
    number = 0
    while True:
        try:
            line = handle.readline(-1 if longest is None else longest + 1)
        except OSError as error:
            yield WorkItem(
                f"{name}:{number + 1}", error=f"cannot read: {error.strerror or error}", from_record=True
            )
            return
        if not line:
            return
        number += 1
        source = f"{name}:{number}"
        if longest is not None and len(line) > longest:
            _skip_rest_of_line(handle)
            assert max_bytes is not None
            yield WorkItem(source, error=too_large(source, max_bytes).message, from_record=True)
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors write
        if not line.strip():
            continue  # blank lines (a trailing one, most often) are no records
        yield _record_item(line, source, url)


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while (part := handle.readline(1 << 20)) and not part.endswith(b"\n"):
        pass


def _record_item(line: bytes, source: str, default_url: str | None) -> WorkItem:
    """The item of one line of JSON Lines, or a failed item saying what is wrong with it."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return WorkItem(source, error="not UTF-8; JSON Lines must be UTF-8", from_record=True)
    except json.JSONDecodeError as error:
        return WorkItem(source, error=f"not JSON: {error.msg} (column {error.colno})", from_record=True)
    return record_item(record, source, default_url)


def record_item(record: object, source: str, default_url: str | None = None) -> WorkItem:
    """The item of one record `{"id": …, "url": …, "text" | "html": …}` (parsed JSON, or a row
    of a table), or a failed item saying what is wrong with it."""
    if not isinstance(record, dict):
        return WorkItem(source, error=f"not a JSON object but {_json_type(record)}", from_record=True)
    record_id = record.get("id")
    if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, str | int)):
        message = f'"id" must be a string or an integer, not {_json_type(record_id)}'
        return WorkItem(source, error=message, from_record=True)
    problem = _record_problem(record)
    if problem:
        return WorkItem(source, record_id=record_id, from_record=True, error=problem)
    input_format: InputFormat = "text" if "text" in record else "html"
    url = record.get("url") or default_url
    return WorkItem(source, record[input_format], input_format, url, record_id, from_record=True)


def _record_problem(record: dict[str, Any]) -> str | None:
    """What makes a JSON object no record to clean, or None."""
    if "text" in record and "html" in record:
        return 'has both "text" and "html"; give one'
    if "text" not in record and "html" not in record:
        return 'has neither "text" nor "html"'
    key = "text" if "text" in record else "html"
    if not isinstance(record[key], str):
        return f'"{key}" must be a string, not {_json_type(record[key])}'
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        return f'"url" must be a string or null, not {_json_type(url)}'
    return None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for error messages.

    >>> _json_type([1]), _json_type(True), _json_type(2.5), _json_type(None)
    ('an array', 'a boolean', 'a number', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _read(path: Path, source: str, max_bytes: int | None) -> bytes:
    """The bytes of one input; never more than `max_bytes` + 1 are read into memory."""
    if source == "-":
        return _read_at_most(sys.stdin.buffer, source, max_bytes)
    if path.is_dir():
        raise InputError(source, "is a directory; give the files in it")
    try:
        with path.open("rb") as handle:
            return _read_at_most(handle, source, max_bytes)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None


def _read_at_most(handle: IO[bytes], source: str, max_bytes: int | None) -> bytes:
    raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is not None and len(raw) > max_bytes:
        raise too_large(source, max_bytes)
    return raw


# Running items -------------------------------------------------------------------------------


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
    window = jobs * CHUNKS_PER_WORKER
    pending: deque[tuple[list[WorkItem], Future[list[Outcome]]]] = deque()
    executor = _pool(settings, jobs)
    try:
        for chunk in chunks(items):
            while len(pending) >= window:
                yield from _collect(*pending.popleft(), settings)
            try:
                pending.append((chunk, executor.submit(_work, chunk)))
            except BrokenProcessPool:
                # The pool broke while earlier chunks ran: report those, then start afresh.
                while pending:
                    yield from _collect(*pending.popleft(), settings)
                executor.shutdown(wait=True)
                executor = _pool(settings, jobs)
                pending.append((chunk, executor.submit(_work, chunk)))
        while pending:
            yield from _collect(*pending.popleft(), settings)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)


def _collect(chunk: list[WorkItem], future: Future[list[Outcome]], settings: Settings) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool:
        message = "internal error: the worker process cleaning it died (killed, or out of memory?)"
        return [failure(item, message, settings) for item in chunk]


def _pool(settings: Settings, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(settings,))


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
