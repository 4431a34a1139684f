"""HTML read: an HTML page into the `Document` of its article, the read step of HTML input.

Parse, extract with trafilatura (`cleaner.html.extract`), repair the extracted texts, and add
the rest of the article when the page's visible text shows the extraction stopped short of it
(`cleaner.html.rescue`), and account for every visible line the article does not show
(`cleaner.html.account`). The page's visible text is computed once for both; it is labelled as
text input is, and matched against the rules, by the `LabelText` and `MatchText` functions the
caller gives: this package knows HTML, not rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cleaner.html.account import MatchText, account
from cleaner.html.extract import Extraction, extract_tree, parse_page
from cleaner.html.labels import html_page, revise
from cleaner.html.rescue import (
    Continuation,
    Headed,
    anchor,
    continuation,
    embedded_posts,
    first_extracted,
    last_extracted,
    lead_in,
)
from cleaner.html.visible import visible_page
from cleaner.label.structure import label_article
from cleaner.model import Block, BlockKind, Decision, Document, Relabel, Repair
from cleaner.read.repair import repair, repair_texts
from cleaner.read.segment import segment_text

# Labels the lines of a page's visible text (the text itself given for site signatures) as
# text input is labelled, warnings left out: they would name lines the output does not show.
LabelText = Callable[[list[Block], str], list[Decision]]


def read_html(
    html: str,
    *,
    url: str | None,
    source: str,
    warnings: Sequence[str],
    label_text: LabelText,
    match_text: MatchText,
) -> Document:
    """The article of an HTML page as a `Document`, with the visible lines it does not show
    (`Document.outside`); raise `InputError` when the page cannot be parsed or trafilatura fails
    on it. `warnings` are the decode step's."""
    tree, parsed = parse_page(html, source)
    extraction = extract_tree(tree, url=url, source=source)
    repaired, repairs = _repaired(extraction)
    visible = visible_page(tree)
    page_text = repair(visible.text).text
    lines = segment_text(page_text)
    rescued = _rescued(lines, page_text, repaired, label_text)
    posts = embedded_posts(lines, [block.text for block in repaired.blocks], visible.posts)
    page = html_page(repaired, (*rescued, *posts))
    accounted = account(lines, page.blocks, page.preset, match_text, page_text, visible.regions)
    linked = tuple(page.linked)

    def settle(blocks: Sequence[Block], decisions: list[Decision], _: Relabel) -> list[Decision]:
        # An extraction is not settled against its printed text (docs/html.md says why); the
        # page's links revise what the text passes decided.
        return revise(blocks, decisions, linked)

    return Document(
        blocks=accounted.blocks,
        preset=tuple(page.preset),
        repairs=repairs,
        warnings=(*warnings, *parsed, *repaired.warnings),
        text="\n".join(block.text for block in page.blocks),
        label=label_article,
        settle=settle,
        metadata=repaired.metadata,
        outside=accounted.outside,
    )


def _repaired(extraction: Extraction) -> tuple[Extraction, tuple[Repair, ...]]:
    """The extraction with its texts repaired as one-line texts are, except that each line of a
    code block is repaired after its indentation, which it keeps."""
    code = {i for i, block in enumerate(extraction.blocks) if block.kind is BlockKind.CODE}
    pieces: list[str] = []
    indents: list[list[str] | None] = []
    for index, text in enumerate(extraction.texts()):
        if index in code:
            lines = text.split("\n")
            indents.append([line[: len(line) - len(line.lstrip())] for line in lines])
            pieces.extend(lines)
        else:
            indents.append(None)
            pieces.append(text)
    fixed, repairs = repair_texts(pieces, from_html=True)
    repaired = iter(fixed)
    texts = [
        next(repaired) if lead is None else "\n".join((indent + next(repaired)).rstrip() for indent in lead)
        for lead in indents
    ]
    return extraction.with_texts(texts), repairs


def _rescued(
    lines: list[Block], page_text: str, extraction: Extraction, label_text: LabelText
) -> tuple[Continuation, ...]:
    """The start and the rest of the article when the page's visible text shows that the
    extraction left them out; the page text is labelled only on pages where a paragraph the
    extraction lacks comes right before its first one or right after its last one."""
    extracted = [block.text for block in extraction.blocks]
    first = first_extracted(lines, extracted)
    last = last_extracted(lines, extracted)
    if first is None and last is None:
        return ()
    decisions = label_text(lines, page_text)
    found: list[Continuation] = []
    if first is not None:
        texts = lead_in(lines, decisions, first, extracted, _shown_apart(extraction))
        if texts:
            found.append(Continuation(anchor(extracted, lines[first].text, last=False) - 1, texts))
    if last is not None:
        texts = continuation(lines, decisions, last, extracted)
        if texts:
            found.append(Continuation(anchor(extracted, lines[last].text), texts))
    return tuple(found)


def _shown_apart(extraction: Extraction) -> Headed:
    """The texts the article shows besides the extracted blocks: headline, dek, captions."""
    title = extraction.metadata.title
    parts = (title, extraction.description, *(caption.text for caption in extraction.captions))
    return Headed(frozenset(filter(None, parts)), title)
