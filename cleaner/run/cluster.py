"""Cluster: clean on Dask, partition by partition, with one compiled rule set per worker process.

    pip install 'newsclean[dask]'

- `clean_partition(records)`: a list of records (`{"id", "url", "text" | "html"}` dicts, or
  plain strings) → a list of output records (dicts, as JSON Lines would hold them). Runs
  anywhere, with or without Dask: it is the function to hand to `map_partitions` of a Dask bag,
  Spark's `mapPartitions`, or a plain loop.
- `clean_bag(bag)`: the same over a `dask.bag.Bag`.
- `clean_frame(frame)` / `clean_dataframe(frame)`: a pandas / Dask DataFrame with a `text`
  and/or `html` column (and optionally `id`, `url`, `source`) gets four columns: `clean_title`,
  `clean_body` (paragraphs separated by a blank line), `clean_error` (None when cleaned) and
  `clean_json` (the whole output record as one line of JSON).
- `run_on_scheduler(items, settings, address)`: what `newsclean --dask-scheduler ADDRESS` runs:
  the CLI's batch on a running scheduler's workers, results streamed back in input order.

Dask, distributed and pandas are imported inside the functions that need them, so the core of
newsclean never needs them. Each worker process keeps its cleaners in a module-level cache keyed
by rule paths and limits: rules are loaded and compiled once per process, not once per task.
Rule paths are read on the workers, so extra rule files must be at the same path there.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from cleaner import emit
from cleaner.errors import NewscleanError
from cleaner.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from cleaner.pipeline import Cleaner
from cleaner.run.inputs import WorkItem, record_item
from cleaner.run.pool import Outcome, Outcomes, Settings, chunks, clean_item, failure, process
from cleaner.run.window import in_order

# Column names `clean_frame` adds; prefixed, since a scraper's table often has a `title` already.
FRAME_COLUMNS = ("clean_title", "clean_body", "clean_error", "clean_json")
CONNECT_TIMEOUT = "10s"
TASKS_PER_THREAD = 3  # chunks in flight per worker thread: enough to keep each busy, no more

_CLEANERS: dict[tuple[tuple[str, ...], int | None, float | None], Cleaner] = {}
_CLEANERS_LOCK = threading.Lock()  # a Dask worker runs tasks in several threads


class SchedulerError(NewscleanError):
    """The Dask scheduler cannot be used: dask is not installed, or the address does not answer."""


def worker_cleaner(
    rule_paths: Sequence[str | Path] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Cleaner:
    """This process's cleaner for these rule paths and limits, built on first use."""
    key = (tuple(str(path) for path in rule_paths), max_bytes, timeout)
    with _CLEANERS_LOCK:
        if key not in _CLEANERS:
            paths = [Path(path) for path in key[0]]
            _CLEANERS[key] = Cleaner(rule_paths=paths, max_bytes=max_bytes, timeout=timeout)
        return _CLEANERS[key]


def clean_partition(
    records: Iterable[Mapping[str, Any] | str],
    *,
    rule_paths: Sequence[str | Path] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> list[dict[str, Any]]:
    """The output record of each input record, in order.

    A dict record is `{"id": …, "url": …, "text": …}` or with `"html"`; its output carries
    `"id"`, and its `"source"` is the record's `source` if it has one, else its id, else `-`.
    A string is cleaned as standard input would be (text or HTML, sniffed; source `-`, no id).
    A record that cannot be cleaned gives `{"source": …, "id": …, "error": …}`.
    """
    cleaner = worker_cleaner(rule_paths, max_bytes, timeout)
    return [_clean_one(cleaner, record) for record in records]


def _clean_one(cleaner: Cleaner, record: Mapping[str, Any] | str) -> dict[str, Any]:
    item = _item(record)
    article = clean_item(cleaner, item)
    if isinstance(article, str):
        return emit.error_record(item.source, article, record_id=item.record_id, with_id=item.from_record)
    return emit.article_record(article, record_id=item.record_id, with_id=item.from_record)


def _item(record: Mapping[str, Any] | str) -> WorkItem:
    if isinstance(record, str):
        return WorkItem("-", record)
    record_id = record.get("id")
    source = record.get("source")
    if not isinstance(source, str):
        source = "-" if record_id is None else str(record_id)
    return record_item(dict(record), source)


def clean_bag(
    bag: Any,
    *,
    rule_paths: Sequence[str | Path] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Any:
    """A `dask.bag.Bag` of output records (dicts) from a bag of records or strings, in order.

    `.map(emit.jsonl)` turns it into JSON Lines; `.to_textfiles(...)` writes them.
    """
    paths = [str(path) for path in rule_paths]
    return bag.map_partitions(clean_partition, rule_paths=paths, max_bytes=max_bytes, timeout=timeout)


def clean_frame(
    frame: Any,
    *,
    rule_paths: Sequence[str | Path] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Any:
    """A copy of a pandas DataFrame with the `FRAME_COLUMNS` added, one row per input row.

    Each row is a record made of its `id`, `url`, `source`, `text` and `html` values; missing
    values (None, NaN) count as absent, so one table can mix text rows and HTML rows.
    """
    import pandas

    fields = [name for name in ("id", "url", "source", "text", "html") if name in frame.columns]
    cleaner = worker_cleaner(rule_paths, max_bytes, timeout)
    columns: dict[str, list[str | None]] = {name: [] for name in FRAME_COLUMNS}
    for values in frame[fields].itertuples(index=False, name=None):
        row = {name: _plain(value) for name, value in zip(fields, values, strict=True)}
        if isinstance(row.get("id"), float) and row["id"].is_integer():
            row["id"] = int(row["id"])  # an integer column with a missing value turns float in pandas
        record = _clean_one(cleaner, {name: value for name, value in row.items() if value is not None})
        error = record.get("error")
        columns["clean_title"].append(None if error else record["title"])
        columns["clean_body"].append(None if error else "\n\n".join(record["body"]))
        columns["clean_error"].append(error)
        columns["clean_json"].append(emit.jsonl(record).rstrip("\n"))
    result = frame.copy()
    for name, column in columns.items():
        # object dtype: the same for an empty frame (Dask's `meta`) as for a full one.
        result[name] = pandas.Series(column, index=frame.index, dtype=object)
    return result


def _plain(value: Any) -> Any:
    """A table cell as a JSON value: None for missing ones (NaN, NA), Python ints for numpy's."""
    import pandas

    if value is None or (not isinstance(value, str) and pandas.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return value.item()
    return value


def clean_dataframe(
    frame: Any,
    *,
    rule_paths: Sequence[str | Path] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Any:
    """A Dask DataFrame with the `FRAME_COLUMNS` added, cleaned partition by partition."""
    options: dict[str, Any] = {
        "rule_paths": [str(path) for path in rule_paths],
        "max_bytes": max_bytes,
        "timeout": timeout,
    }
    # `_meta` is Dask's empty stand-in for a partition; cleaning it gives the output's columns
    # and types without Dask guessing them by running the function on made-up rows.
    meta = clean_frame(frame._meta, **options)
    return frame.map_partitions(clean_frame, **options, meta=meta)


def clean_chunk(chunk: list[WorkItem], settings: Settings) -> list[Outcome]:
    """Clean and render a chunk of the CLI's work items on a worker (see `run_on_scheduler`)."""
    cleaner = worker_cleaner(settings.rule_paths, settings.max_bytes, settings.timeout)
    return [process(cleaner, item, settings) for item in chunk]


def run_on_scheduler(items: Iterable[WorkItem], settings: Settings, address: str) -> Outcomes:
    """Connect to the scheduler at `address` (now, so a wrong address fails before any work)
    and return the batch's outcomes, cleaned on its workers, in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            "--dask-scheduler needs Dask: pip install 'newsclean[dask]' (on every worker too)"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"{address}: cannot reach the Dask scheduler: {error}") from None
    return _stream(client, items, settings)


def _stream(client: Any, items: Iterable[WorkItem], settings: Settings) -> Outcomes:
    """Submit chunks with at most a few per worker thread in flight; yield outcomes in order."""

    def submit(chunk: list[WorkItem]) -> Any:
        return client.submit(clean_chunk, chunk, settings, pure=False)

    try:
        threads = sum(client.nthreads().values()) or 1
        yield from in_order(
            chunks(items), submit, partial(_collect, settings=settings), threads * TASKS_PER_THREAD
        )
    finally:
        client.close()  # interrupted or done: `in_order` cancelled the work still queued


def _collect(chunk: list[WorkItem], future: Any, settings: Settings) -> list[Outcome]:
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as error:  # a worker died again and again (KilledWorker), or the cluster went away
        message = f"internal error: the Dask task failed: {type(error).__name__}: {error}"
        return [failure(item, message, settings) for item in chunk]
    return outcomes
