"""Emit: render articles as JSON, JSON Lines, plain text, Markdown or an explanation of every line.

Pure string formatting; the CLI decides where the strings go. JSON is written by orjson (in C,
the same bytes as the standard library's `json` with `ensure_ascii=False`, in less time).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from cleaner.model import Article, BlockKind, Caption, Decision, Label
from cleaner.read.repair import fix_surrogates

OUTPUT_FORMATS = ("json", "jsonl", "text", "markdown")
# The file name extension of each output format (`--output-dir`).
EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "text": ".txt", "markdown": ".md"}


def output_format(explicit: str | None, output_name: str | None, *, many: bool) -> str:
    """The output format of a run: as given; else JSON Lines when the output file is named
    `*.jsonl` or there are several inputs (or JSON Lines input); else pretty JSON.

    >>> output_format(None, "out.jsonl", many=False), output_format(None, None, many=True)
    ('jsonl', 'jsonl')
    >>> output_format(None, None, many=False), output_format("text", "out.jsonl", many=True)
    ('json', 'text')
    """
    if explicit is not None:
        return explicit
    if output_name is not None and output_name.lower().endswith(".jsonl"):
        return "jsonl"
    return "jsonl" if many else "json"


@dataclass(frozen=True, slots=True)
class Framing:
    """What goes around and between the documents of one output stream: a JSON array for
    `--format json` with several inputs, nothing for the other formats."""

    start: str = ""
    separator: str = ""
    end: str = ""

    def join(self, parts: Iterable[str]) -> Iterable[str]:
        """The parts with the framing, lazily: empty parts (failed inputs) take no separator.

        >>> "".join(framing("json", many=True).join(['{"a": 1}\\n', "", '{"b": 2}\\n']))
        '[\\n{"a": 1},\\n{"b": 2}\\n]\\n'
        """
        yield self.start
        first = True
        for part in parts:
            if not part:
                continue
            if self.start:
                part = part.removesuffix("\n")
            yield part if first else self.separator + part
            first = False
        yield self.end


def framing(output_format: str, *, many: bool) -> Framing:
    """The framing of a run's output: several documents in pretty JSON make one JSON array."""
    if output_format == "json" and many:
        return Framing("[\n", ",\n", "\n]\n")
    return Framing()


def add_id(record: dict[str, Any], record_id: str | int | None) -> dict[str, Any]:
    """The record with the `"id"` of its JSON Lines input record, right after `"source"`.

    >>> add_id({"schema": "newsclean/1", "source": "in.jsonl:3", "url": None}, "a7")
    {'schema': 'newsclean/1', 'source': 'in.jsonl:3', 'id': 'a7', 'url': None}
    """
    keyed: dict[str, Any] = {}
    for key, value in record.items():
        keyed[key] = value
        if key == "source":
            keyed["id"] = fix_surrogates(record_id) if isinstance(record_id, str) else record_id
    return keyed


def article_record(
    article: Article, *, record_id: str | int | None = None, with_id: bool = False
) -> dict[str, Any]:
    """The JSON object of an article; with `with_id` (JSON Lines input) it carries `"id"`."""
    record = article.to_dict()
    return add_id(record, record_id) if with_id else record


def error_record(
    source: str, message: str, *, record_id: str | int | None = None, with_id: bool = False
) -> dict[str, Any]:
    """The JSON Lines record of an input that could not be cleaned (always encodable as UTF-8)."""
    record = {"source": fix_surrogates(source), "error": fix_surrogates(message)}
    return add_id(record, record_id) if with_id else record


def error_jsonl(
    source: str, message: str, *, record_id: str | int | None = None, with_id: bool = False
) -> str:
    """One line of JSON Lines for an input that could not be cleaned."""
    return jsonl(error_record(source, message, record_id=record_id, with_id=with_id))


def jsonl(record: dict[str, Any]) -> str:
    """One record as one line of JSON Lines (compact, UTF-8 characters kept)."""
    try:
        line: str = orjson.dumps(record).decode()  # typed here: mypyc may check without orjson
        return line + "\n"
    except orjson.JSONEncodeError:
        # What orjson refuses and the standard library writes (an integer id beyond 64 bits):
        # the same bytes as orjson's for everything else, tests/test_emit.py checks.
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(
    article: Article,
    output_format: str,
    *,
    many: bool = False,
    record_id: str | int | None = None,
    with_id: bool = False,
) -> str:
    """The article as the CLI writes it: text or Markdown (with a header per document when
    there are `many`), JSON Lines or pretty JSON; with `with_id` the JSON carries `"id"`."""
    if output_format == "text":
        return (f"==> {article.source} <==\n" if many else "") + to_text(article)
    if output_format == "markdown":
        return (f"<!-- source: {_comment(article.source)} -->\n\n" if many else "") + to_markdown(article)
    record = article_record(article, record_id=record_id, with_id=with_id)
    if output_format == "jsonl":
        return jsonl(record)
    return pretty_json(record)


def pretty_json(record: dict[str, Any]) -> str:
    """One record as indented JSON (UTF-8 characters kept), with a final newline."""
    try:
        text: str = orjson.dumps(record, option=orjson.OPT_INDENT_2).decode()
        return text + "\n"
    except orjson.JSONEncodeError:
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def render_error(
    source: str,
    message: str,
    output_format: str,
    *,
    record_id: str | int | None = None,
    with_id: bool = False,
) -> str:
    """The error record of a failed input in JSON Lines or JSON; text and Markdown have none."""
    record = error_record(source, message, record_id=record_id, with_id=with_id)
    if output_format == "jsonl":
        return jsonl(record)
    return pretty_json(record) if output_format == "json" else ""


def to_text(article: Article) -> str:
    """The article as plain text: title, subtitle, then paragraphs, separated by blank lines."""
    return paragraphs_text([part for part in (article.title, article.subtitle) if part] + list(article.body))


def paragraphs_text(paragraphs: Iterable[str]) -> str:
    """Paragraphs as plain text, separated by blank lines."""
    return "\n\n".join(paragraphs) + "\n"


def is_kept(decision: Decision) -> bool:
    """True when the block is in the article (title, subtitle, body, a caption or its credit)."""
    return decision.label in (Label.TITLE, Label.SUBTITLE, Label.BODY, Label.CAPTION) or (
        decision.label is Label.CREDIT and decision.paired_with is not None
    )


def explain(article: Article) -> str:
    """Every input block with its line, label and reason; removed blocks are marked with '-'."""
    rows = [f"# {article.source}"]
    width = max((len(trace.decision.reason) for trace in article.trace), default=10)
    for trace in article.trace:
        decision = trace.decision
        mark = " " if is_kept(decision) else "-"
        label, reason = str(decision.label), decision.reason
        rows.append(f"{trace.block.line:>5} {mark} {label:<11} {reason:<{width}}  {trace.block.text}")
    for warning in article.warnings:
        rows.append(f"warning: {warning}")
    return "\n".join(rows) + "\n"


# A paragraph starting like Markdown syntax (a heading, quote, list item, rule) is escaped.
_MARKDOWN_START = re.compile(r"^(?=[#>+*-]|\d+[.)](?:\s|$)|=+\s*$|`{3})")


def to_markdown(article: Article) -> str:
    """The article as Markdown: the title as a `#` heading, the dek in italics, byline and
    date, the paragraphs (subheadings as `##`, list items as `-`, code blocks fenced, where
    the input marked them), then the captions with their credits."""
    kinds = _body_kinds(article)
    parts: list[str] = []
    if article.title:
        parts.append("# " + _inline(article.title))
    if article.subtitle:
        parts.append("*" + _inline(article.subtitle) + "*")
    about = [part for part in (article.byline, article.published_text or article.published) if part]
    if about:
        parts.append(" · ".join(_inline(part) for part in about))
    for paragraph in article.body:
        kind = kinds.get(paragraph)
        if kind is BlockKind.HEADING:
            parts.append("## " + _inline(paragraph))
        elif kind is BlockKind.ITEM:
            parts.append("- " + _inline(paragraph))
        elif kind is BlockKind.QUOTE:
            parts.append("> " + _inline(paragraph))
        elif kind is BlockKind.CODE:
            parts.append(_fenced(paragraph))
        else:
            parts.append(_block(paragraph))
    parts.extend(_caption_markdown(caption) for caption in article.captions)
    return "\n\n".join(parts) + "\n" if parts else ""


def _fenced(code: str) -> str:
    """A code block fenced as is, with a fence longer than any run of backticks inside it.

    >>> print(_fenced("if x:\\n    y()"))
    ```
    if x:
        y()
    ```
    """
    fence = "`" * max(3, max((len(run) + 1 for run in re.findall("`+", code)), default=0))
    return f"{fence}\n{code}\n{fence}"


def _body_kinds(article: Article) -> dict[str, BlockKind]:
    """The block kind of each kept body paragraph, as reading marked it (HTML input)."""
    return {
        trace.block.text: trace.block.kind
        for trace in article.trace
        if trace.decision.label is Label.BODY and trace.block.kind is not BlockKind.LINE
    }


def _caption_markdown(caption: Caption) -> str:
    credit = f" ({_inline(caption.credit)})" if caption.credit else ""
    return f"*{_inline(caption.text)}*{credit}"


def _inline(text: str) -> str:
    """Text on one line, its emphasis markers escaped.

    >>> _inline("a *b*\\nc")
    'a \\\\*b\\\\* c'
    """
    return " ".join(text.split()).replace("*", "\\*")


def _block(paragraph: str) -> str:
    """A paragraph that Markdown shows as a paragraph, not as a heading or list.

    >>> _block("# 1 seed"), _block("1. first"), _block("Plain")
    ('\\\\# 1 seed', '1\\\\. first', 'Plain')
    """
    text = _inline(paragraph)
    if not _MARKDOWN_START.match(text):
        return text
    number = re.match(r"\d+", text)
    if number:
        return number.group() + "\\" + text[number.end() :]
    return "\\" + text


def _comment(text: str) -> str:
    """Text that cannot close an HTML comment."""
    return text.replace("--", "-\u2010")
