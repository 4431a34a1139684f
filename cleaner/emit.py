"""Emit: render articles as JSON, JSON Lines, plain text or an explanation of every line.

Pure string formatting; the CLI decides where the strings go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from cleaner.model import Article, Label
from cleaner.read.repair import fix_surrogates

OUTPUT_FORMATS = ("json", "jsonl", "text")


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
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(
    article: Article,
    output_format: str,
    *,
    many: bool = False,
    record_id: str | int | None = None,
    with_id: bool = False,
) -> str:
    """The article as the CLI writes it: text (with a header per document when there are
    `many`), JSON Lines or pretty JSON; with `with_id` the JSON carries `"id"`."""
    if output_format == "text":
        return (f"==> {article.source} <==\n" if many else "") + to_text(article)
    record = article_record(article, record_id=record_id, with_id=with_id)
    if output_format == "jsonl":
        return jsonl(record)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def to_text(article: Article) -> str:
    """The article as plain text: title, subtitle, then paragraphs, separated by blank lines."""
    return paragraphs_text([part for part in (article.title, article.subtitle) if part] + list(article.body))


def paragraphs_text(paragraphs: Iterable[str]) -> str:
    """Paragraphs as plain text, separated by blank lines."""
    return "\n\n".join(paragraphs) + "\n"


def explain(article: Article) -> str:
    """Every input block with its line, label and reason; removed blocks are marked with '-'."""
    rows = [f"# {article.source}"]
    width = max((len(trace.decision.reason) for trace in article.trace), default=10)
    for trace in article.trace:
        decision = trace.decision
        kept = decision.label in (Label.TITLE, Label.SUBTITLE, Label.BODY, Label.CAPTION) or (
            decision.label is Label.CREDIT and decision.paired_with is not None
        )
        mark = " " if kept else "-"
        label, reason = str(decision.label), decision.reason
        rows.append(f"{trace.block.line:>5} {mark} {label:<11} {reason:<{width}}  {trace.block.text}")
    for warning in article.warnings:
        rows.append(f"warning: {warning}")
    return "\n".join(rows) + "\n"
