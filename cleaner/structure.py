"""Structure: label every block from the rule matches and the shape of the page.

Rules decide what they recognise; the passes here decide the rest from position and
neighbours, each under its own `structure.*` name so that every decision can be explained.
In order:

1. `structure.title`: the first headline-like block before the first prose paragraph;
2. `structure.caption`: a lone credit line pairs with the caption next to it;
3. `structure.byline-affiliation`: the organisation line under a byline;
4. `structure.subtitle`: the dek between the title and the byline, credit or first paragraph;
5. `structure.repeated`: short lines that occur more than once on the page (a site name);
6. `structure.publisher`: lines that only name the publisher of the copyright line;
7. `structure.after-end` and `structure.footer`: what follows an end-of-article marker, and
   link lines once the footer has begun;
8. `structure.body`: everything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from cleaner.engine import Match
from cleaner.features import ends_sentence, is_prose
from cleaner.metadata import find_dateline, find_publisher, names_publisher
from cleaner.model import Block, Decision, Label
from cleaner.rules import Action

TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35
SUBTITLE_MAX_CHARS = 400
LEAD_DEK_MAX_CHARS = 250
CAPTION_MAX_CHARS = 320
REPEATED_MAX_WORDS = 8
REPEATED_MAX_CHARS = 80
NAME_MAX_WORDS = 6

_BYLINES = {Label.BYLINE, Label.DATE, Label.DATELINE}
_PHOTOS = {Label.CREDIT, Label.CAPTION}
_FOOTER_START = {Label.BOILERPLATE, Label.COPYRIGHT}
# A lede reports: past-tense attribution, a weekday, a dateline. A dek sums up in the present.
_LEDE_SIGNS = regex.compile(
    r"\b(?:said|told|according to|announced|reported|(?:on |last |this )?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)|yesterday|today)\b"
)
_NAME_WORD = regex.compile(
    r"^(?:\p{Lu}[\p{L}.'’&-]*|of|the|for|and|de|del|la|le|du|der|die|das|für|und|y|et|&)$"
)


def label_blocks(blocks: Sequence[Block], known: Sequence[Match | Decision | None]) -> list[Decision]:
    """A decision for every block: what rules (or the segmenter) decided, then the passes in order."""
    decisions: list[Decision | None] = [item.decision if isinstance(item, Match) else item for item in known]
    ends = [isinstance(item, Match) and item.rule.action is Action.END for item in known]
    title = _find_title(blocks, decisions)
    if title is not None:
        decisions[title] = Decision(Label.TITLE, "structure.title")
    _pair_captions(blocks, decisions)
    _find_affiliations(blocks, decisions)
    if title is not None:
        _find_subtitle(blocks, decisions, title)
    _drop_repeated(blocks, decisions)
    _drop_publisher_lines(blocks, decisions)
    _drop_tail(blocks, decisions, ends)
    return [decision or Decision(Label.BODY, "structure.body") for decision in decisions]


def _first_prose(blocks: Sequence[Block], decisions: Sequence[Decision | None]) -> int | None:
    return next((b.index for b in blocks if decisions[b.index] is None and is_prose(b.text)), None)


def _find_title(blocks: Sequence[Block], decisions: list[Decision | None]) -> int | None:
    """The first undecided block before the first prose paragraph, when it reads like a headline."""
    first_prose = _first_prose(blocks, decisions)
    for block in blocks[:first_prose]:
        decision = decisions[block.index]
        if decision is not None:
            if decision.label is Label.TITLE:
                return None  # a rule or the HTML found the title already
            continue
        return block.index if _headline_like(block.text) else None
    return None


def _headline_like(text: str) -> bool:
    words = text.split()
    return (
        len(text) <= TITLE_MAX_CHARS
        and 1 < len(words) <= TITLE_MAX_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )


def _pair_captions(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Give each lone credit line to the caption before it, or else to the one after it.

    A credit next to a caption that already ends with the same credit is a duplicate (the page
    printed the credit twice) and stays removed.
    """
    for block in blocks:
        decision = decisions[block.index]
        if decision is None or decision.label is not Label.CREDIT or decision.paired_with is not None:
            continue
        credit = decision.credit or block.text
        neighbours = [i for i in (block.index - 1, block.index + 1) if 0 <= i < len(blocks)]
        if any(_has_credit(decisions[i], credit) for i in neighbours):
            continue
        for i in neighbours:
            if _caption_candidate(blocks[i], decisions[i]):
                decisions[i] = Decision(
                    Label.CAPTION,
                    "structure.caption",
                    caption=blocks[i].text,
                    credit=credit,
                    paired_with=block.index,
                )
                decisions[block.index] = Decision(Label.CREDIT, decision.reason, credit=credit, paired_with=i)
                break


def _has_credit(decision: Decision | None, credit: str) -> bool:
    return (
        decision is not None
        and decision.label is Label.CAPTION
        and decision.credit is not None
        and (credit in decision.credit or decision.credit in credit)
    )


def _caption_candidate(block: Block, decision: Decision | None) -> bool:
    if decision is not None:
        return decision.label is Label.CAPTION and decision.credit is None and decision.paired_with is None
    return len(block.text) <= CAPTION_MAX_CHARS and len(block.text.split()) > 2


def _find_affiliations(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """A short name line right under a byline ("Associated Press") belongs to the byline."""
    for block in blocks[1:]:
        before = decisions[block.index - 1]
        after_byline = before is not None and before.label is Label.BYLINE
        if decisions[block.index] is None and after_byline and _name_like(block.text):
            decisions[block.index] = Decision(Label.BYLINE, "structure.byline-affiliation")


def _name_like(text: str) -> bool:
    """A proper name of a few capitalised words ("The Northgate Examiner"), not a sentence."""
    words = text.split()
    return 0 < len(words) <= NAME_MAX_WORDS and all(_NAME_WORD.match(word) for word in words)


def _find_subtitle(blocks: Sequence[Block], decisions: list[Decision | None], title: int) -> None:
    """The block right after the title is the dek when a byline or date follows it; or when it
    is short, does not read like a lede (no past-tense attribution, weekday or dateline), and a
    photo or a longer first paragraph follows it. The headline printed twice is not a dek."""
    dek, after = title + 1, title + 2
    if after >= len(blocks) or decisions[dek] is not None or blocks[dek].text == blocks[title].text:
        return
    text = blocks[dek].text
    following = decisions[after]
    if following is not None and following.label in _BYLINES:
        if len(text) <= SUBTITLE_MAX_CHARS:
            decisions[dek] = Decision(Label.SUBTITLE, "structure.subtitle")
        return
    if len(text) > LEAD_DEK_MAX_CHARS or _LEDE_SIGNS.search(text) or find_dateline(text) is not None:
        return
    lede = blocks[after].text
    photo_follows = following is not None and following.label in _PHOTOS
    longer_follows = following is None and is_prose(lede) and len(lede) > len(text) * 1.5
    if photo_follows or longer_follows:
        decisions[dek] = Decision(Label.SUBTITLE, "structure.subtitle")


def _drop_repeated(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Short lines without sentence punctuation that occur twice or more are page furniture."""
    counts = Counter(block.text for block in blocks)
    for block in blocks:
        if decisions[block.index] is not None or counts[block.text] < 2:
            continue
        text = block.text
        short = len(text) <= REPEATED_MAX_CHARS and len(text.split()) <= REPEATED_MAX_WORDS
        if short and not ends_sentence(text):
            decisions[block.index] = Decision(Label.BOILERPLATE, "structure.repeated")


def _drop_publisher_lines(blocks: Sequence[Block], decisions: list[Decision | None]) -> None:
    """Lines that only name the publisher (as the copyright line gives it) are masthead or footer."""
    copyright_line = next(
        (b.text for b in blocks if (d := decisions[b.index]) is not None and d.label is Label.COPYRIGHT), None
    )
    repeated = [
        b.text for b in blocks if (d := decisions[b.index]) is not None and d.reason == "structure.repeated"
    ]
    publisher = find_publisher(copyright_line, repeated)
    if publisher is None:
        return
    for block in blocks:
        if decisions[block.index] is None and names_publisher(block.text, publisher):
            decisions[block.index] = Decision(Label.BOILERPLATE, "structure.publisher")


def _drop_tail(blocks: Sequence[Block], decisions: list[Decision | None], ends: Sequence[bool]) -> None:
    """Everything after an end-of-article marker, and link lines once the footer has begun.

    The footer begins at the first removed block after the last undecided prose paragraph;
    undecided lines after that point that do not end like a sentence are footer links. A short
    closing sentence after a mid-article ad ("He declined to comment.") stays.
    """
    first_prose = _first_prose(blocks, decisions)
    if first_prose is None:
        return
    end = next((i for i, is_end in enumerate(ends) if is_end and i > first_prose), None)
    if end is not None:
        for i in range(end + 1, len(blocks)):
            if decisions[i] is None:
                decisions[i] = Decision(Label.BOILERPLATE, "structure.after-end")
    prose = [b.index for b in blocks if decisions[b.index] is None and is_prose(b.text)]
    if not prose:
        return
    footer = next(
        (
            i
            for i in range(prose[-1] + 1, len(blocks))
            if (d := decisions[i]) is not None and d.label in _FOOTER_START
        ),
        None,
    )
    if footer is None:
        return
    for i in range(footer + 1, len(blocks)):
        if decisions[i] is None and not ends_sentence(blocks[i].text):
            decisions[i] = Decision(Label.BOILERPLATE, "structure.footer")
