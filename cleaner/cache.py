"""Cache: keep what start-up derives from data files (rule packs, stoplists) in a file on disk.

One call of `newsclean` on a small page spent most of its time deriving the same things from
the same files each time: checking the built-in rules' patterns and examples, reading the
patterns for the prefilter, indexing the stoplists. `cached(name, key, build)` returns what
`build()` returns, from a file when one was written for the same key before.

The rules of this cache:

- The key is the content it is derived from (file bytes, the versions of the code that derive
  it), hashed: a change to any of it is a new key, never a stale answer.
- It is never required: a missing, unreadable, corrupt or foreign file, a read-only disk or
  `NEWSCLEAN_CACHE=0` all mean `build()` runs, as it would without a cache.
- Files are written atomically (a temporary file renamed over the name), so a reader never
  sees half a file; two processes writing at once write equal files.
- Values are written with `marshal` (plain data: str, int, tuple, list, dict, frozenset, None),
  which builds no objects of other types and runs no code when it reads.

Where: `$NEWSCLEAN_CACHE_DIR`, else `newsclean` in `$XDG_CACHE_HOME` (or `~/.cache`; on
Windows `%LOCALAPPDATA%`). Each name keeps its few newest keys; older files are removed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# Bumped when what a cached value means changes in a way its key does not show.
FORMAT = 1
KEPT_PER_NAME = 4  # a few keys per name: runs with and without extra packs, two checkouts


def key_of(parts: Iterable[bytes | str]) -> str:
    """A hash of the parts (each length-prefixed, so that no two lists of parts collide), with
    the cache format and the interpreter's version (marshal's format and the `re` parser
    follow it)."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:40]


def file_bytes(path: str | Path | None) -> bytes:
    """A file's content for a key; b"" when it cannot be read (the key then says so)."""
    if path is None:
        return b"\0none"
    try:
        return Path(path).read_bytes()
    except OSError:
        return b"\0unreadable"


def code_bytes(module_file: str | None) -> bytes:
    """A module's source for a key: its `.py` file, also when the module runs compiled (a
    mypyc extension is a thin shim whose bytes do not change with the code; hatch_build.py
    ships the `.py` files beside the extensions)."""
    if module_file is None:
        return file_bytes(None)
    path = Path(module_file)
    source = path.with_name(path.name.split(".", 1)[0] + ".py")
    return file_bytes(source if source.is_file() else path)


def directory() -> Path | None:
    """The cache folder, or None when the cache is off (`NEWSCLEAN_CACHE=0`) or has no home."""
    if os.environ.get("NEWSCLEAN_CACHE", "1") == "0":
        return None
    chosen = os.environ.get("NEWSCLEAN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    )
    if base:
        return Path(base) / "newsclean"
    try:
        return Path.home() / ".cache" / "newsclean"
    except (RuntimeError, KeyError):  # no home directory to be found
        return None


def cached(name: str, key: str, build: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """`build()`'s value for `key`, read from the cache when it holds one that `valid` accepts,
    else built and (best effort) written there."""
    value = read(name, key)
    if value is not None and valid(value):
        return value
    value = build()
    write(name, key, value)
    return value


def read(name: str, key: str) -> Any:
    """The value written under `name` and `key`, or None when there is none to be read."""
    folder = directory()
    if folder is None:
        return None
    try:
        return marshal.loads((folder / f"{name}-{key}.marshal").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(name: str, key: str, value: Any) -> None:
    """Write `value` under `name` and `key`, atomically, and drop the oldest files of the same
    name; any failure (read-only, full disk, a value marshal refuses) leaves the cache as it
    was."""
    folder = directory()
    if folder is not None:
        _write(folder / f"{name}-{key}.marshal", value)


def _write(path: Path, value: Any) -> None:
    """Write `value` to `path` atomically; drop the oldest files of its name."""
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        name = path.name.rsplit("-", 1)[0]
        siblings = sorted(path.parent.glob(f"{name}-*.marshal"), key=_modified, reverse=True)
        for old in siblings[KEPT_PER_NAME:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        return


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
