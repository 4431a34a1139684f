"""Checks shared by the tests: schema validation, conservation, the samples folder."""

from __future__ import annotations

import shutil
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema

from cleaner.model import Block
from cleaner.read.decode import decode
from cleaner.read.repair import repair
from cleaner.read.segment import segment_text
from cleaner.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# Paragraphs of one story of our own, for tests that need running text around what they test.
LEDE = (
    "The harbor board voted on Tuesday to rebuild the north pier, ending a two-year argument over "
    "whether the crumbling structure was worth saving, the board’s chairwoman said."
)
SECOND = (
    "Work is to begin in the spring and last about eighteen months, according to the plan the "
    "board approved, which puts the cost at a little over forty million dollars in all."
)
THIRD = (
    "Fishing crews who tie up at the pier said they would move to the south basin while the "
    "work goes on, and most of them welcomed the decision after years of patching and delays."
)


def assert_schema_valid(record: dict[str, Any]) -> None:
    """Fail with the validator's message when the record is not schema v1."""
    jsonschema.validate(record, load_schema())


def text_blocks(raw: bytes | str) -> list[Block]:
    """The blocks the text path cuts an input into."""
    text = decode(raw).text if isinstance(raw, bytes) else raw
    return segment_text(repair(text).text)


def assert_conserved(blocks: list[Block], record: dict[str, Any]) -> None:
    """Each input block is in exactly one place: title, subtitle, body, a caption, or removed.

    A caption accounts for its own block (the caption line, which may end with the credit) and
    for the credit line next to it that it names (`credit_line`). A title read off a line
    (the page's `<title>` line, removed with the label `title`) is a value, not a block.
    """
    found: Counter[str] = Counter()
    read_off = any(item["label"] == "title" for item in record["removed"])
    for field in ("title", "subtitle"):
        if record[field] is not None and not (field == "title" and read_off):
            found[record[field]] += 1
    found.update(record["body"])
    found.update(item["text"] for item in record["removed"])
    by_line = {block.line: position for position, block in enumerate(blocks)}
    for caption in record["captions"]:
        position = by_line[caption["line"]]
        own = blocks[position].text
        assert caption["text"] in own, f"caption {caption} is not its line {own!r}"
        found[own] += 1
        if caption["credit_line"] is not None:
            credit_block = blocks[by_line[caption["credit_line"]]]
            assert caption["credit"] in credit_block.text, f"credit {caption} is not its line"
            found[credit_block.text] += 1
    expected = Counter(block.text for block in blocks)
    assert found == expected, f"missing {expected - found}; extra {found - expected}"


def interruptible() -> None:
    """Run in a child process before exec: SIGINT interrupts it, as Ctrl-C in a terminal does,
    even when the tests run in the background of a non-interactive shell, which ignores SIGINT
    for its children (and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def newsclean_command() -> str:
    """The installed `newsclean` executable of the environment running the tests."""
    exe = shutil.which("newsclean", path=str(Path(sys.executable).parent)) or shutil.which("newsclean")
    assert exe, "the newsclean command is not installed"
    return exe
