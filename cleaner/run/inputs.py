"""Inputs: read a batch's inputs into a lazy stream of `WorkItem`s, one per document.

One item per input file (`file_items`) or one per line of a JSON Lines input (`jsonl_items`),
each read only when the batch reaches it, so memory does not grow with the number of
documents. Folders given as inputs are walked first (`expand`), and gzip, bzip2 and xz inputs
are decompressed, recognised by their first bytes. An input that cannot be read, or a line
that is not a record, becomes an item that already failed, carrying the reason: the batch
reports it in its place and goes on.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any, cast
from urllib.parse import urlsplit

from cleaner.errors import InputError
from cleaner.limits import too_large
from cleaner.pipeline import InputFormat
from cleaner.read.repair import fix_surrogates

# JSON escapes at most 6 bytes for one byte of text (\u0001), so a line longer than this is
# surely a record whose text is over `max_bytes`; reading stops there instead of taking it whole.
_JSON_ESCAPE_GROWTH = 6
_JSON_LINE_SLACK = 64_000

RecordId = str | int | None

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
# What a folder given as input is searched for (`--glob` replaces it).
DEFAULT_GLOBS = tuple(
    f"*{suffix}{compressed}"
    for suffix in (".txt", ".html", ".htm")
    for compressed in ("", *COMPRESSED_SUFFIXES)
)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, and its name under `--output-dir`: its path below the folder that was
    given, or its file name when it was given itself."""

    path: Path
    relative: PurePath


def expand(arguments: Iterable[Path], patterns: Iterable[str] = DEFAULT_GLOBS) -> list[Source]:
    """The input files of the command line: files as given, folders walked for the files
    whose name matches a pattern (sorted, hidden files and folders left out). A folder with no
    such file stays as it is, and reading it reports that."""
    patterns = tuple(patterns)
    sources: list[Source] = []
    for argument in arguments:
        found = walk(argument, patterns) if str(argument) != "-" and argument.is_dir() else []
        if found:
            sources.extend(Source(path, path.relative_to(argument)) for path in found)
        else:
            sources.append(Source(argument, PurePath(argument.name or str(argument))))
    return sources


def walk(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    """The files below `folder` whose path matches one of `patterns`, sorted."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if any(relative.match(pattern) for pattern in patterns):
            found.append(path)
    return sorted(found)


def output_name(relative: PurePath, extension: str) -> PurePath:
    """The name of an input's output file: its compression suffix off, `extension` on.

    >>> str(output_name(PurePath("2024/a.html.gz"), ".json")), str(output_name(PurePath("b.txt"), ".md"))
    ('2024/a.json', 'b.md')
    """
    if relative.suffix in COMPRESSED_SUFFIXES:
        relative = relative.with_suffix("")
    return relative.with_suffix(extension)


def looks_like_url(argument: str) -> bool:
    """True for an argument that is a URL rather than a file name (`https://…`).

    >>> looks_like_url("https://example.com/a"), looks_like_url("pages/a.txt")
    (True, False)
    """
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", argument) is not None


def is_http_url(value: str) -> bool:
    """True for an http or https URL with a host.

    >>> is_http_url("https://example.com/a"), is_http_url("notaurl"), is_http_url("ftp://h/x")
    (True, False, False)
    """
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host) and not any(c.isspace() for c in value)


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


def file_items(
    paths: Iterable[Path],
    input_format: InputFormat,
    url: str | None,
    max_bytes: int | None,
    stdin: IO[bytes] | None = None,
) -> Iterator[WorkItem]:
    """One item per file ('-' is standard input, or `stdin` when given: a copy of it read
    again), each read only when the batch reaches it."""
    for path in paths:
        source = "-" if str(path) == "-" else fix_surrogates(str(path))
        try:
            raw = decompress(_read(path, source, max_bytes, stdin), source, max_bytes)
        except InputError as error:
            yield WorkItem(source, error=error.message)
        else:
            yield WorkItem(source, raw, input_format, url)


def jsonl_items(
    paths: Iterable[Path], url: str | None, max_bytes: int | None, stdin: IO[bytes] | None = None
) -> Iterator[WorkItem]:
    """One item per line of each JSON Lines input, read one line at a time.

    A record is `{"id": …, "url": …, "text": …}` or with `"html"` instead of `"text"`; `id`
    and `url` may be missing or null, other keys are ignored. Its source is `FILE:LINE`. A
    line that is not such a record becomes an item that failed, and the batch goes on.
    """
    for path in paths:
        name = "-" if str(path) == "-" else fix_surrogates(str(path))
        if name == "-":
            yield from _records(stdin or sys.stdin.buffer, name, url, max_bytes)
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
    except RecursionError:
        message = "not a record: JSON nested too deeply to read; a record is one flat object"
        return WorkItem(source, error=message, from_record=True)
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


def _read(path: Path, source: str, max_bytes: int | None, stdin: IO[bytes] | None = None) -> bytes:
    """The bytes of one input; never more than `max_bytes` + 1 are read into memory."""
    if source == "-":
        return _read_at_most(stdin or sys.stdin.buffer, source, max_bytes)
    if path.is_dir():
        raise InputError(source, "is a directory with no input file in it (see --glob)")
    try:
        with path.open("rb") as handle:
            return _read_at_most(handle, source, max_bytes)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from None


def _gzip(raw: IO[bytes]) -> IO[bytes]:
    return cast(IO[bytes], gzip.GzipFile(fileobj=raw))  # typeshed: a BufferedIOBase, not IO


_COMPRESSIONS: tuple[tuple[re.Pattern[bytes], str, Callable[[IO[bytes]], IO[bytes]]], ...] = (
    (re.compile(rb"\x1f\x8b\x08"), "gzip", _gzip),
    (re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"), "bzip2", bz2.BZ2File),
    (re.compile(rb"\xfd7zXZ\x00"), "xz", lzma.LZMAFile),
)


def decompress(raw: bytes, source: str, max_bytes: int | None) -> bytes:
    """The bytes of a gzip, bzip2 or xz input uncompressed (never more than `max_bytes` + 1),
    recognised by its first bytes; any other input as it is."""
    for magic, name, opener in _COMPRESSIONS:
        if magic.match(raw):
            try:
                with opener(io.BytesIO(raw)) as handle:
                    return _read_at_most(handle, source, max_bytes)
            except (OSError, EOFError, lzma.LZMAError) as error:
                raise InputError(source, f"broken {name} data: {error}") from None
    return raw


def _read_at_most(handle: IO[bytes], source: str, max_bytes: int | None) -> bytes:
    raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is not None and len(raw) > max_bytes:
        raise too_large(source, max_bytes)
    return raw
