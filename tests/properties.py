"""Strategies and checks for the property tests, shared with the long-running fuzzer
(`bench/fuzz.py`), so both exercise the same promises with the same kinds of input.

Inputs come in three kinds: arbitrary text (every code point, with the troublemakers of a
scraped page drawn often: NULs, escapes, lone surrogates, odd line breaks, mojibake), text shaped
like a page (lines from the rule packs' own examples, headlines, prose, credits, blank lines), and
bytes (random, or such texts encoded and corrupted). HTML pages are built from the same lines.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from helpers import assert_conserved, assert_schema_valid, text_blocks
from hypothesis import strategies as st

from cleaner import Article, Cleaner, InputError
from cleaner.emit import error_jsonl, to_text
from cleaner.matching.rules import iter_examples, load_rules

# Characters that break naive pipelines: controls, terminal escapes, surrogates, line and
# paragraph separators, BOM, zero-width and odd spaces, entities and tags, mojibake.
TROUBLE = [
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\ud800",
    "\udcff",
    "\ud83d\ude00",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\ufeff",
    "\ufffd",
    "\u200b",
    "\u200d",
    "\xa0",
    "\u3000",
    "&amp;",
    "&#x27;",
    "&nbsp;",
    "<p>",
    "</div>",
    "<!--",
    "â€™",
    "Ã©",
    "©",
    ".",
    " ",
]

chars = st.one_of(st.characters(exclude_categories=()), st.sampled_from(TROUBLE))
any_text = st.lists(chars, max_size=200).map("".join)

HEADLINES = [
    "Harbor Bridge Reopens After Two Years",
    "Council Votes to Rebuild the North Pier",
    "Ferry fares to rise eight percent this summer",
]
PROSE = [
    "The harbor board voted on Tuesday to rebuild the north pier, ending a two-year argument over "
    "whether the crumbling structure was worth saving, the board’s chairwoman said.",
    "Work will begin in the spring and is expected to take eighteen months, with the pier closed to "
    "the public for most of that time, according to the board’s engineers and its contractor.",
    "He declined to comment.",
    "LISBON (AP) — The city council voted on Tuesday to close the old market for repairs.",
]
FURNITURE = ["By Jane Doe", "AP/Jane Doe", "Workers inspect the pier. AP/Jane Doe", "Menu", "Home", "Share"]
RULE_EXAMPLES = sorted({text for _, _, _, text in iter_examples(load_rules())})

page_line = st.one_of(
    st.sampled_from(HEADLINES + PROSE + FURNITURE + RULE_EXAMPLES),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=80),
    any_text,
)
page_text = st.builds(
    lambda lines, separator: separator.join(lines),
    st.lists(page_line, max_size=25),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"]),
)
text_input = st.one_of(any_text, page_text)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@st.composite
def encoded_pages(draw: st.DrawFn) -> bytes:
    """A page encoded in some charset, maybe with a few bytes overwritten by random ones."""
    text = draw(page_text)
    raw = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


byte_input = st.one_of(st.binary(max_size=300), encoded_pages(), st.just(codecs.BOM_UTF16_LE + b"\x00\xd8"))


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """An HTML page built from page lines in assorted, sometimes broken, markup."""
    parts = []
    for line in draw(st.lists(page_line, max_size=15)):
        tag = draw(
            st.sampled_from(["p", "h1", "h2", "li", "div", "blockquote", "figcaption", "script", "style"])
        )
        wrapper = draw(st.sampled_from(["", "figure", "ul", "article", "section"]))
        closed = draw(st.booleans())
        part = f"<{tag}>{line}" + (f"</{tag}>" if closed else "")
        parts.append(f"<{wrapper}>{part}</{wrapper}>" if wrapper else part)
    title = draw(st.sampled_from(["", "<title>Harbor Bridge Reopens</title>"]))
    return f"<!DOCTYPE html><html><head>{title}</head><body>{''.join(parts)}</body></html>"


def check_output(article: Article) -> dict[str, Any]:
    """The article's JSON is UTF-8 encodable, parses back to its dict, and is schema v1."""
    text = article.to_json(indent=None)
    record: dict[str, Any] = json.loads(text.encode("utf-8").decode("utf-8"))
    assert record == article.to_dict()
    assert_schema_valid(record)
    return record


def clean_or_error(cleaner: Cleaner, raw: str | bytes, **options: Any) -> Article | None:
    """The article, or None when the input is refused with a one-line error naming it."""
    try:
        return cleaner.clean(raw, source="input.bin", **options)
    except InputError as error:
        message = str(error)
        assert message.startswith("input.bin: ") and "\n" not in message, message
        return None


def check_text_input(cleaner: Cleaner, twin: Cleaner, raw: str | bytes) -> None:
    """The promises for one text input: valid JSON, conservation, determinism (`twin` is a
    second cleaner with the same rules)."""
    article = clean_or_error(cleaner, raw, input_format="text")
    if article is None:
        return
    record = check_output(article)
    assert_conserved(text_blocks(raw), record)
    assert twin.clean(raw, source="input.bin", input_format="text").to_json() == article.to_json()


def check_idempotent(cleaner: Cleaner, twin: Cleaner, raw: str | bytes) -> None:
    """Cleaning the cleaned text again removes nothing and changes no paragraph."""
    article = clean_or_error(cleaner, raw, input_format="text")
    if article is None:
        return
    again = cleaner.clean(to_text(article), input_format="text")
    assert kept(again) == kept(article), f"{kept(article)} became {kept(again)}"


def kept(article: Article) -> list[str]:
    """What an article keeps, in reading order: title, subtitle and body paragraphs.

    Idempotence compares this sequence, not the fields one by one: cleaning the cleaned text
    must remove nothing and change no paragraph. Which kept line is the title or the dek is
    inferred from context that the cleaned text no longer has (a byline or photo under the dek,
    a short masthead line above the title), so a second pass may name the head of the same
    sequence differently; that is out of reach of any text-only second pass, not a loss.
    """
    return [text for text in (article.title, article.subtitle, *article.body) if text is not None]


def check_any_input(cleaner: Cleaner, twin: Cleaner, raw: str | bytes, input_format: str = "auto") -> None:
    """Valid JSON or a one-line error, and the same output from a second cleaner, for any input."""
    article = clean_or_error(cleaner, raw, input_format=input_format)
    if article is None:
        return
    check_output(article)
    assert twin.clean(raw, source="input.bin", input_format=input_format).to_json() == article.to_json()


def check_error_record(source: str, message: str) -> None:
    """A JSON Lines error record is one line of valid UTF-8 JSON whatever its strings hold."""
    line = error_jsonl(source, message)
    assert line.endswith("\n") and "\n" not in line[:-1]
    record = json.loads(line.encode("utf-8"))
    assert set(record) == {"source", "error"}
