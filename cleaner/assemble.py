"""Assemble: turn labelled blocks into an `Article`.

Every block lands in exactly one place: the title, the subtitle, a body paragraph, a caption
(text, or the credit of a caption next to it), or `removed`. Byline, date, dateline, copyright
and publisher are values read off blocks (removed ones, or the first body paragraph for the
dateline), so they never count a block twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.metadata import find_dateline, find_publisher, strip_byline, strip_date_label
from cleaner.model import Article, Block, Caption, Decision, Label, Removal, Repair, Trace


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page itself says about the article (from HTML metadata), if anything."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


def assemble(
    blocks: Sequence[Block],
    decisions: Sequence[Decision],
    *,
    source: str = "-",
    url: str | None = None,
    site: str | None = None,
    repairs: Sequence[Repair] = (),
    warnings: Sequence[str] = (),
    metadata: PageMetadata | None = None,
) -> Article:
    """Build the article; `metadata` fills fields the text itself does not give."""
    title = subtitle = None
    body: list[str] = []
    captions: list[Caption] = []
    removed: list[Removal] = []
    for block, decision in zip(blocks, decisions, strict=True):
        label = decision.label
        if label is Label.TITLE and title is None:
            title = decision.text or block.text
        elif label is Label.SUBTITLE and subtitle is None:
            subtitle = block.text
        elif label is Label.BODY:
            body.append(block.text)
        elif label is Label.CAPTION:
            captions.append(Caption(decision.text or block.text, decision.credit, block.line))
        elif label is Label.CREDIT and decision.paired_with is not None:
            continue  # the credit of the caption next to it
        else:
            removed.append(Removal(block.line, block.text, label, decision.reason))
    meta = metadata or PageMetadata()
    copyright_line = _first(removed, Label.COPYRIGHT)
    byline = _first(removed, Label.BYLINE)
    published = _first(removed, Label.DATE)
    repeated = [r.text for r in removed if r.reason == "structure.repeated"]
    return Article(
        source=source,
        url=url or meta.url,
        site=site,
        title=title or meta.title,
        subtitle=subtitle,
        byline=strip_byline(byline) if byline else meta.author,
        dateline=find_dateline(body[0]) if body else None,
        published=strip_date_label(published) if published else meta.published,
        body=tuple(body),
        captions=tuple(captions),
        publisher=find_publisher(copyright_line, repeated) or meta.sitename,
        copyright=copyright_line,
        removed=tuple(removed),
        repairs=tuple(repairs),
        warnings=tuple(warnings),
        trace=tuple(Trace(block, decision) for block, decision in zip(blocks, decisions, strict=True)),
    )


def _first(removed: Sequence[Removal], label: Label) -> str | None:
    return next((r.text for r in removed if r.label is label), None)
