"""The start-up cache (cleaner/cache.py): keyed on content, never required, never stale."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from cleaner import cache
from cleaner.errors import RuleFileError
from cleaner.label import content
from cleaner.matching import prefilter, rules


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(where))
    return where


def test_a_value_is_built_once_then_read(folder: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"a": 1}

    assert cache.cached("demo", "k1", build, lambda value: isinstance(value, dict)) == {"a": 1}
    assert cache.cached("demo", "k1", build, lambda value: isinstance(value, dict)) == {"a": 1}
    assert len(built) == 1
    assert [path.name for path in folder.iterdir()] == ["demo-k1.marshal"]


def test_a_corrupt_or_foreign_file_is_rebuilt(folder: Path) -> None:
    folder.mkdir()
    (folder / "demo-k1.marshal").write_bytes(b"\x00not marshal")
    assert cache.cached("demo", "k1", lambda: {"a": 1}, lambda value: isinstance(value, dict)) == {"a": 1}
    (folder / "demo-k2.marshal").write_bytes(marshal.dumps([1, 2]))
    assert cache.cached("demo", "k2", lambda: {"b": 2}, lambda value: isinstance(value, dict)) == {"b": 2}
    assert cache.read("demo", "k2") == {"b": 2}


def test_no_cache_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be made (here under a file: a read-only disk fails alike, even for
    root) or `NEWSCLEAN_CACHE=0`: values are built each time, and nothing breaks."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached("demo", "k", lambda: 1, lambda value: True) == 1
    assert rules.load_rules().generic
    monkeypatch.setenv("NEWSCLEAN_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("NEWSCLEAN_CACHE", "0")
    assert cache.cached("demo", "k", lambda: 2, lambda value: True) == 2
    assert not (tmp_path / "off").exists()


def test_each_name_keeps_its_few_newest_keys(folder: Path) -> None:
    for number in range(cache.KEPT_PER_NAME + 3):
        cache.write("demo", f"k{number}", number)
    assert len(list(folder.glob("demo-*.marshal"))) == cache.KEPT_PER_NAME


def test_a_changed_built_in_pack_is_checked_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in packs are trusted only as the bytes that were checked: an example broken
    after a run that recorded them is reported, as it was before the cache."""
    packs = tmp_path / "packs"
    shutil.copytree(rules.builtin_rules_dir(), packs)
    monkeypatch.setattr(rules, "builtin_rules_dir", lambda: packs)
    first = rules.load_rules()
    assert first == rules.load_rules()  # the second load reads the record of the first
    assert list(folder.glob("rules-*.marshal"))
    auth = packs / "generic" / "auth.toml"
    text = auth.read_text(encoding="utf-8")
    marker = "examples.keep = ["
    keep = text.index(marker) + len(marker)  # the first rule's, auth.sign-in
    auth.write_text(text[:keep] + '"Sign in", ' + text[keep:], encoding="utf-8")
    with pytest.raises(RuleFileError, match="keep example matches"):
        rules.load_rules()


def test_the_cached_readings_and_index_are_what_is_built(folder: Path) -> None:
    expressions = [rule.expression for rule in rules.load_rules().all_rules()]
    built = prefilter.readings(expressions)  # built and written
    assert prefilter.readings(expressions) == built == {e: prefilter.read(e) for e in expressions}
    content._languages_of_words.cache_clear()
    fresh = content._index_stoplists()
    assert content._languages_of_words() == fresh
    content._languages_of_words.cache_clear()
    assert content._languages_of_words() == fresh  # read back from the cache


def test_a_compiled_module_is_keyed_on_its_source(tmp_path: Path) -> None:
    """A mypyc extension is a shim that stays the same when the code changes: its `.py` counts."""
    (tmp_path / "prefilter.py").write_text("code = 1\n")
    (tmp_path / "prefilter.cpython-311-x86_64-linux-gnu.so").write_bytes(b"shim")
    assert cache.code_bytes(str(tmp_path / "prefilter.cpython-311-x86_64-linux-gnu.so")) == b"code = 1\n"
    assert cache.code_bytes(str(tmp_path / "prefilter.py")) == b"code = 1\n"


def test_repair_reads_ftfy_tables_from_the_cache_as_ftfy_has_them(folder: Path) -> None:
    """Repair's tests take ftfy's tables from the cache (ftfy is imported when a line needs it):
    they are ftfy's, and its badness expression is the one `ftfy.badness.is_bad` searches."""
    from ftfy.badness import BADNESS_RE

    from cleaner.read import repair

    assert repair._ftfy_tables() == repair._read_ftfy()  # built, then read back
    assert repair._ftfy_tables() == repair._FTFY
    assert (repair._badness().pattern, repair._badness().flags) == (BADNESS_RE.pattern, BADNESS_RE.flags)
