"""HTML labels: the blocks of an HTML extraction, what the markup already says about them, and
how the text path's positional passes are revised for them.

The text path's structure passes (`cleaner.label.structure`) read a whole page as text: lines that
repeat are page furniture. An HTML extraction is not a whole page: trafilatura has already cut away the
menus and the footer, so a line that repeats inside it is a table cell or a refrain, and a
list after the last long paragraph is usually part of the article. The page's links are better
evidence there: a block whose whole text is a link, after the article's last paragraph, is a
teaser for another page. `revise` applies that, each decision under its own `html.*` reason.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.html.extract import DEK_MAX_CHARS, Extraction
from cleaner.html.rescue import Continuation
from cleaner.html.tidy import tidy
from cleaner.label.features import ends_sentence, is_prose
from cleaner.members import BODY, BOILERPLATE, CAPTION, SUBTITLE, TITLE
from cleaner.model import Block, BlockKind, Decision

# Positional removals of the text path that an HTML extraction does not need.
_TEXT_PAGE_REASONS = {"structure.repeated"}
_TEXT_CAPTION = "structure.caption"
_AFTER_END = "structure.after-end"
# Rules that name a list of links to other stories.
_RELATED_HEADINGS = {"related.heading"}
# The rule that names a read-more link standing alone.
_READ_MORE = "related.read-more-link"
LINK_HEADING_MAX_CHARS = 80
HEADLINE_MIN_SHARE = 0.4  # a headline is at least this share of the page title
# A sentence ends inside a text: its mark, closing quotes, a space and a capital (or an opening
# quote) after at least three words; "Dr. Roe" or "U.S. Army" end none.
_INNER_SENTENCE_END = regex.compile(r"(?:\w+\W+){2}\w{2,}[.!?…][\"'”’»)]*\s+[\"„“«‘]?\p{Lu}")
LEDE_MIN_SENTENCES = 3  # a description of this many sentences is a paragraph, not a dek


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The blocks of an extraction, the decisions the markup makes, and which blocks are links."""

    blocks: list[Block]
    preset: list[Decision | None]
    linked: list[bool]


def html_page(extraction: Extraction, rescued: Sequence[Continuation] = ()) -> HtmlPage:
    """Blocks of an HTML extraction: title, the article blocks, then captions not in them.

    Each `rescued` run (the start or the rest of the article that the page text shows around
    the extraction, `cleaner.html.rescue`) is body after the block it follows
    (`html.page-text`): the text path's rules and region kept each of its lines already.
    """
    items: list[tuple[str, BlockKind, Decision | None, bool]] = [
        (block.text, block.kind, None, block.linked) for block in extraction.blocks
    ]
    # From the last place up, so that the earlier places stay where they were.
    for run in sorted(rescued, key=lambda run: run.after, reverse=True):
        at = run.after + 1
        rescue = Decision(BODY, run.reason)
        items[at:at] = [(text, BlockKind.PARAGRAPH, rescue, False) for text in run.texts]
    _place_title(items, extraction.metadata.title, extraction.not_headline)
    _place_dek(items, extraction.description)
    # The undecided blocks by text, in page order: each caption takes the first block showing
    # its text in one lookup, not a scan of the page (a page can have thousands of figures).
    undecided: defaultdict[str, deque[int]] = defaultdict(deque)
    for i, (text, _, known, _) in enumerate(items):
        if known is None:
            undecided[text].append(i)
    for caption in extraction.captions:
        whole = f"{caption.text} {caption.credit}".strip() if caption.credit else caption.text
        decision = Decision(CAPTION, "html.figcaption", text=caption.text or None, credit=caption.credit)
        shown = [undecided[text] for text in {caption.text, whole} if undecided.get(text)]
        if not shown:
            items.append((whole, BlockKind.CAPTION, decision, False))
            continue
        found = min(shown, key=lambda positions: positions[0]).popleft()
        items[found] = (items[found][0], BlockKind.CAPTION, decision, items[found][3])
    kept = [item for item in items if item[0]]
    blocks = [Block(i, i + 1, text, kind) for i, (text, kind, _, _) in enumerate(kept)]
    return HtmlPage(blocks, [item[2] for item in kept], [item[3] for item in kept])


def _place_title(
    items: list[tuple[str, BlockKind, Decision | None, bool]], title: str | None, not_headline: str | None
) -> None:
    """The headline: the heading that shows the page title, else the title inserted first. A
    heading that trafilatura took for the title and the page's `<title>` shows is not the
    headline (a logo, a section's name) is removed (`html.not-headline`)."""
    if not_headline:
        for i, (text, kind, known, linked) in enumerate(items):
            if known is None and kind is BlockKind.HEADING and text == not_headline:
                items[i] = (text, kind, Decision(BOILERPLATE, "html.not-headline"), linked)
    if not title:
        return
    decision = Decision(TITLE, "html.title")
    heading = next(
        (i for i, (text, kind, _, _) in enumerate(items) if kind is BlockKind.HEADING and text == title),
        None,
    )
    if heading is None:
        heading = _headline(items, title)
    if heading is None:
        items.insert(0, (title, BlockKind.TITLE, decision, False))
    else:
        items[heading] = (items[heading][0], BlockKind.HEADING, decision, items[heading][3])


def _headline(items: list[tuple[str, BlockKind, Decision | None, bool]], title: str) -> int | None:
    """The first block, when it is a heading that the page title starts or ends with: the
    title of `<title>` often adds the site's name ("Headline - Site")."""
    if not items:
        return None
    text, kind, _, _ = items[0]
    long_enough = len(text) >= HEADLINE_MIN_SHARE * len(title)
    shown = title.startswith(text) or title.endswith(text)
    return 0 if kind is BlockKind.HEADING and long_enough and shown else None


def _place_dek(items: list[tuple[str, BlockKind, Decision | None, bool]], description: str | None) -> None:
    """The dek: the block that shows the description, else the description after the title.

    A description longer than `DEK_MAX_CHARS`, or of `LEDE_MIN_SENTENCES` sentences, is the
    lede: the block that shows it stays as it is, and one that trafilatura left out becomes the
    first block after the title, for the rules and passes to label like any other.
    """
    if not description:
        return
    lede = len(description) > DEK_MAX_CHARS or is_lede(description)
    dek = None if lede else Decision(SUBTITLE, "html.description")
    found = next(
        (i for i, (text, _, known, _) in enumerate(items) if known is None and text == description), None
    )
    if found is None:
        titled = [i for i, (_, _, known, _) in enumerate(items) if known is not None and known.label is TITLE]
        kind = BlockKind.PARAGRAPH if lede else BlockKind.DESCRIPTION
        items.insert(titled[0] + 1 if titled else 0, (description, kind, dek, False))
    elif dek is not None:
        items[found] = (description, items[found][1], dek, items[found][3])


def is_lede(text: str) -> bool:
    """Whether a short description reads as a lede rather than a dek: `LEDE_MIN_SENTENCES`
    sentences or more, the last ending as a sentence does. A dek sums the story up in a line
    or two; three sentences under the headline are the article's first paragraph, however
    short (a question, its answer, what the story tells)."""
    inner = _INNER_SENTENCE_END.findall(text)
    return len(inner) >= LEDE_MIN_SENTENCES - 1 and ends_sentence(text)


def revise(blocks: Sequence[Block], decisions: Sequence[Decision], linked: Sequence[bool]) -> list[Decision]:
    """The decisions of the text passes, revised for an extraction (see the module docstring)."""
    revised = [
        Decision(BODY, "html.extracted") if decision.reason in _TEXT_PAGE_REASONS else decision
        for decision in decisions
    ]
    _unpair_text_captions(revised)
    _undo_false_end(blocks, revised)
    _drop_listed_links(revised, linked)
    _drop_teaser_summaries(revised, linked)
    _drop_tail_links(blocks, revised, linked)
    tidy(blocks, revised)
    return revised


def _unpair_text_captions(decisions: list[Decision]) -> None:
    """A paragraph next to a lone credit line is a caption in text input; in HTML the captions
    come from the markup, and a paragraph the extractor kept is the article's (a slide's text).
    The credit line stays removed, on its own."""
    for index, decision in enumerate(decisions):
        if decision.reason == _TEXT_CAPTION and decision.paired_with is not None:
            credit = decisions[decision.paired_with]
            decisions[decision.paired_with] = Decision(credit.label, credit.reason, credit=credit.credit)
            decisions[index] = Decision(BODY, "html.extracted")


def _undo_false_end(blocks: Sequence[Block], decisions: list[Decision]) -> None:
    """An end-of-article marker ("More on this story") followed by long paragraphs did not end
    the extraction's article (a live blog's section heading, an inline box): what it removed
    is body again."""
    after = [i for i, decision in enumerate(decisions) if decision.reason == _AFTER_END]
    if any(is_prose(blocks[i].text) for i in after):
        for i in after:
            decisions[i] = Decision(BODY, "html.extracted")


def _drop_listed_links(decisions: list[Decision], linked: Sequence[bool]) -> None:
    """The whole links right under a related-stories heading ("Read also:") are its list,
    wherever the box sits in the article (`html.listed-link`)."""
    for index, decision in enumerate(decisions):
        if decision.reason not in _RELATED_HEADINGS:
            continue
        following = index + 1
        while following < len(decisions) and linked[following] and decisions[following].label is BODY:
            decisions[following] = Decision(BOILERPLATE, "html.listed-link")
            following += 1


def _drop_teaser_summaries(decisions: list[Decision], linked: Sequence[bool]) -> None:
    """A paragraph right over a read-more link ("Read more", "weiterlesen →") sums up the page
    the link leads to: with the link it is a teaser card, and so is a whole link right over the
    summary, the card's title (`html.teaser`). The article's own paragraphs do not end in a
    link that only says "read more"; a link that reads "More:" leads into a source and stays."""
    for index, decision in enumerate(decisions):
        if decision.reason != _READ_MORE or not linked[index] or index == 0:
            continue
        summary = index - 1
        if decisions[summary].label is not BODY or linked[summary]:
            continue
        decisions[summary] = Decision(BOILERPLATE, "html.teaser")
        title = summary - 1
        if title >= 0 and linked[title] and decisions[title].label is BODY:
            decisions[title] = Decision(BOILERPLATE, "html.teaser")


def _drop_tail_links(blocks: Sequence[Block], decisions: list[Decision], linked: Sequence[bool]) -> None:
    """Blocks that are whole links at the end of the extraction, after its last paragraph, are
    teasers for other pages (`html.tail-link`), and a short heading over them names their list.

    Only the end counts: a list of links between paragraphs (a shopping list, sources) is the
    article's own.
    """
    prose = [b.index for b in blocks if decisions[b.index].label is BODY and is_prose(b.text)]
    if not prose:
        return
    tail = [
        i
        for i in range(prose[-1] + 1, len(blocks))
        if decisions[i].label is BODY and blocks[i].kind is not BlockKind.CAPTION
    ]
    while tail and linked[tail[-1]]:
        index = tail.pop()
        decisions[index] = Decision(BOILERPLATE, "html.tail-link")
        heading = _heading_before(blocks, decisions, index)
        if heading is not None:
            decisions[heading] = Decision(BOILERPLATE, "html.tail-link-heading")
            break


def _heading_before(blocks: Sequence[Block], decisions: Sequence[Decision], index: int) -> int | None:
    """The short, unpunctuated body line right before a run of removed blocks ending at `index`."""
    i = index - 1
    while i >= 0 and decisions[i].label is BOILERPLATE:
        i -= 1
    if i < 0 or decisions[i].label is not BODY:
        return None
    text = blocks[i].text
    short = len(text) <= LINK_HEADING_MAX_CHARS and not ends_sentence(text.rstrip("."))
    return i if short and (blocks[i].kind is BlockKind.HEADING or text.endswith((":", "…", "..."))) else None
