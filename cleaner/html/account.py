"""HTML accounting: the page's visible lines that the article does not show, each with the reason
it is not in the article, placed among the article's blocks in page order.

Text input accounts for every line because every line is a block. An HTML article is what
trafilatura extracted, so the menus, modals and footers it left out would vanish without a
trace; the page's visible text (`cleaner.html.visible`, one line per block element)
is what a reader sees, and each of its lines is either shown by a block of the article (then
that block accounts for it) or listed here as removed.

A page line is shown by the article when it is the whole text of one of its blocks (a caption's
text or credit counts, and so does a line of a code block), or when at least half of its word
trigrams are in the article's text (the rescue's test: inline markup and line breaks cut text
differently in the two). A line that is not shown is removed with the reason of a rule that
matches it, as in text input, else with the page region it sits in (`html.nav`, `html.footer`,
`html.form`, `html.aside`), else `html.not-extracted`: the extraction left it out and no rule
names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from cleaner.html.rescue import COVERED_SHARE, Trigram, trigrams
from cleaner.model import Block, BlockKind, Decision, Label, Trace

NOT_EXTRACTED = "html.not-extracted"
# A rule that would keep a line (a headline, a caption) is no reason to remove it.
_KEPT = frozenset({Label.TITLE, Label.SUBTITLE, Label.BODY, Label.CAPTION})
# BlockKind's member as a constant for the loop (see `cleaner.members`).
_LINE: Final = BlockKind.LINE

# The rule decisions for some page lines (None where no rule matches), given all the page's lines
# so that rules bound to the head or tail of a page see where the lines are.
MatchText = Callable[[list[Block], list[Block], str], list[Decision | None]]


@dataclass(frozen=True, slots=True)
class Shown:
    """What the article shows: the block holding each of its word trigrams and whole texts."""

    by_gram: dict[Trigram, int]
    by_text: dict[str, int]


@dataclass(frozen=True, slots=True)
class Accounted:
    """The article's blocks numbered in page order with the page lines it does not show."""

    blocks: tuple[Block, ...]
    outside: tuple[Trace, ...]


def article_shows(parts: Sequence[Sequence[str]]) -> Shown:
    """What the article shows, from the texts of each block (its text, a caption's parts)."""
    by_gram: dict[Trigram, int] = {}
    by_text: dict[str, int] = {}
    for index, texts in enumerate(parts):
        for text in texts:
            by_text.setdefault(text, index)
            if "\n" in text:  # a code block shows each of its lines, spaces collapsed as on the page
                for line in text.split("\n"):
                    by_text.setdefault(" ".join(line.split()), index)
            for gram in trigrams(text):
                by_gram.setdefault(gram, index)
    return Shown(by_gram, by_text)


def showing_block(line: str, shown: Shown) -> int | None:
    """The article block that shows a page line, or None when the article does not show it.

    >>> shows = article_shows([["Pier vote"], ["The board voted on Tuesday to rebuild it."]])
    >>> showing_block("Pier vote", shows), showing_block("The board voted on Tuesday.", shows)
    (0, 1)
    >>> showing_block("Home", shows) is None, showing_block("The board met again.", shows) is None
    (True, True)
    """
    if line in shown.by_text:
        return shown.by_text[line]
    own = trigrams(line)
    found = [shown.by_gram[gram] for gram in own if gram in shown.by_gram]
    if own and len(found) >= COVERED_SHARE * len(own):
        return min(found)
    return None


def account(
    lines: list[Block],
    blocks: Sequence[Block],
    preset: Sequence[Decision | None],
    match_text: MatchText,
    page_text: str,
    regions: Mapping[str, str] | None = None,
) -> Accounted:
    """The article's blocks and the page lines it does not show, numbered together in page order.

    Each line the article does not show goes after the block that shows the nearest line above
    it (before the first block when none does); blocks keep their order.
    """
    parts = [_texts(block, known) for block, known in zip(blocks, preset, strict=True)]
    shown = article_shows(parts)
    after: list[list[Block]] = [[] for _ in range(len(blocks) + 1)]
    slot = 0
    for line in lines:
        block = showing_block(line.text, shown)
        if block is None:
            after[slot].append(line)
        else:
            slot = block + 1
    unshown = [line for group in after for line in group]
    rules = match_text(unshown, lines, page_text) if unshown else []
    regions = regions or {}
    removals = [_removal(rule, regions.get(line.text)) for line, rule in zip(unshown, rules, strict=True)]
    reasons = iter(removals)
    numbered: list[Block] = []
    outside: list[Trace] = []
    for slot, group in enumerate(after):
        if slot:
            own = blocks[slot - 1]
            numbered.append(Block(own.index, len(numbered) + len(outside) + 1, own.text, own.kind))
        for line in group:
            page_line = Block(line.index, len(numbered) + len(outside) + 1, line.text, _LINE)
            outside.append(Trace(page_line, next(reasons)))
    return Accounted(tuple(numbered), tuple(outside))


def _texts(block: Block, known: Decision | None) -> list[str]:
    """The texts a block shows: its own, and a caption's text and credit apart."""
    texts = [block.text]
    if known is not None:
        texts.extend(text for text in (known.text, known.credit) if text)
    return texts


def _removal(rule: Decision | None, region: str | None) -> Decision:
    """Why a page line the article does not show is removed: the rule that matches it, if any
    removes it, else the page region it sits in, else that the extraction left it out."""
    if rule is None or rule.label in _KEPT:
        return _in_region(region) if region else _NOT_EXTRACTED
    if rule.text is None and rule.credit is None and rule.paired_with is None:
        return rule  # the rule's own decision says just that (decisions are immutable)
    return Decision(rule.label, rule.reason)


@lru_cache(maxsize=64)
def _in_region(region: str) -> Decision:
    """The decision for a line removed as part of a page region: one for each of the few regions
    (a page has a few hundred such lines)."""
    return Decision(Label.BOILERPLATE, region)


_NOT_EXTRACTED = Decision(Label.BOILERPLATE, NOT_EXTRACTED)
