"""Emit: render articles as JSON, JSON Lines, plain text or an explanation of every line.

Pure string formatting; the CLI decides where the strings go.
"""

from __future__ import annotations

import json
from typing import Any

from cleaner.model import Article, Label
from cleaner.repair import fix_surrogates

OUTPUT_FORMATS = ("json", "jsonl", "text")


def to_json(article: Article) -> str:
    """Pretty JSON of one article (indent 2), with a final newline."""
    return article.to_json(indent=2) + "\n"


def to_jsonl(article: Article) -> str:
    """One line of JSON Lines."""
    return article.to_json(indent=None) + "\n"


def error_record(source: str, message: str) -> dict[str, Any]:
    """The JSON Lines record of an input that could not be cleaned (always encodable as UTF-8)."""
    return {"source": fix_surrogates(source), "error": fix_surrogates(message)}


def error_jsonl(source: str, message: str) -> str:
    return json.dumps(error_record(source, message), ensure_ascii=False, separators=(",", ":")) + "\n"


def to_text(article: Article) -> str:
    """The article as plain text: title, subtitle, then paragraphs, separated by blank lines."""
    parts = [part for part in (article.title, article.subtitle) if part]
    parts.extend(article.body)
    return "\n\n".join(parts) + "\n"


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
