"""Checks shared by the tests: schema validation, conservation, the samples folder."""

from __future__ import annotations

import shutil
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema

from cleaner.model import Article, Block, BlockKind, Label
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


def visible_lines(raw: bytes | str) -> list[str]:
    """The non-blank lines of an HTML page's visible text, as the HTML path reads them."""
    from cleaner.html.visible import visible_text

    html = decode(raw).text if isinstance(raw, bytes) else raw
    return [block.text for block in segment_text(repair(visible_text(html)).text)]


def assert_html_conserved(raw: bytes | str, article: Article) -> None:
    """Each visible line of an HTML page is accounted for once (docs/html.md, "Every visible line").

    The article's blocks (the trace entries that are not page lines) are conserved as text
    blocks are (`assert_conserved`): each is in exactly one of title, subtitle, body, captions or
    removed, so a paragraph the pipeline drops fails here. A visible line is shown by the article
    when it equals the text of one of those blocks (or the text or credit of a caption from the
    markup, `html.figcaption`) or when at least half of its word trigrams are in their texts;
    the lines it does not show, and only those, are in `removed` once each as page lines, with
    a reason that removes them.
    """
    from cleaner.html.rescue import trigrams

    record = article.to_dict()
    own = [trace for trace in article.trace if trace.block.kind is not BlockKind.LINE]
    outside = [trace for trace in article.trace if trace.block.kind is BlockKind.LINE]
    outside_lines = {trace.block.line for trace in outside}
    own_record = dict(record, removed=[r for r in record["removed"] if r["line"] not in outside_lines])
    assert_conserved([trace.block for trace in own], own_record)
    listed = Counter((r["line"], r["text"]) for r in record["removed"] if r["line"] in outside_lines)
    assert listed == Counter((t.block.line, t.block.text) for t in outside), "page lines not all removed"
    kept = {Label.TITLE, Label.SUBTITLE, Label.BODY, Label.CAPTION}
    assert not [t for t in outside if t.decision.label in kept], "a page line is kept outside the article"
    texts = {trace.block.text for trace in own}
    for trace in own:
        if trace.decision.reason == "html.figcaption":
            texts.update(text for text in (trace.decision.text, trace.decision.credit) if text)
    grams = set().union(*(trigrams(text) for text in texts))
    # A code block shows each of its lines (spaces collapsed, as the page text has them).
    texts.update(" ".join(line.split()) for text in list(texts) if "\n" in text for line in text.split("\n"))

    def shown(line: str) -> bool:
        own_grams = trigrams(line)
        return line in texts or (bool(own_grams) and len(own_grams & grams) >= len(own_grams) / 2)

    unshown = Counter(line for line in visible_lines(raw) if not shown(line))
    removed = Counter(trace.block.text for trace in outside)
    assert unshown == removed, f"not accounted for {unshown - removed}; removed twice {removed - unshown}"


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
