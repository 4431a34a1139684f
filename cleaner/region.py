"""Region: find the article inside a full page: the densest contiguous run of running text.

Each block gets a weight: running text counts its words, boilerplate text costs, lines removed
by rules cost a little (an ad marker inside a story must not split it), and metadata (title,
byline, captions) is neutral. The article is the contiguous run with the largest total weight
(Kadane's maximum subarray), cut short at an end-of-article marker ("Comments", "About the
author") once some of the story has been seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

GOOD_WORDS_CAP = 120  # one huge paragraph should not outweigh the rest of the page
NEAR_GOOD_FACTOR = 0.5
# Running text next to running text is a story; a lone paragraph among short lines is a teaser.
ISOLATED_FACTOR = 0.35
SUPPORT_DISTANCE = 2
SHORT_COST = 4
BAD_BASE_COST = 10
BAD_WORDS_CAP = 30
RULE_COST = 1
END_COST = 3
# An end marker closes the article only after this much running text (a teaser above the
# headline is not the story).
END_AFTER_GOOD_BLOCKS = 2
END_AFTER_GOOD_WORDS = 50


class Role(StrEnum):
    """What a block contributes to finding the article."""

    GOOD = "good"  # running text
    NEAR_GOOD = "near-good"  # short running text
    SHORT = "short"  # a short line: a menu item, a list item, a subheading
    BAD = "bad"  # boilerplate text: long but without the words of running text
    RULE = "rule"  # removed by a rule: ads, share buttons, credits
    NEUTRAL = "neutral"  # title, byline, captions and the like
    END = "end"  # an end-of-article marker


@dataclass(frozen=True, slots=True)
class Region:
    """The article's blocks `start` to `end` (inclusive); `cut` is the index of the end
    marker that closed it, if any. Empty pages have no region (start > end)."""

    start: int
    end: int
    cut: int | None = None

    def __contains__(self, index: int) -> bool:
        return self.start <= index <= self.end

    @property
    def empty(self) -> bool:
        return self.start > self.end


def weights(roles: Sequence[Role], words: Sequence[int]) -> list[float]:
    """Each block's contribution to the article score."""
    texty = [i for i, role in enumerate(roles) if role in (Role.GOOD, Role.NEAR_GOOD, Role.SHORT, Role.BAD)]
    supported = set()
    for position, i in enumerate(texty):
        if roles[i] not in (Role.GOOD, Role.NEAR_GOOD):
            continue
        nearby = (
            texty[max(0, position - SUPPORT_DISTANCE) : position]
            + texty[position + 1 : position + 1 + SUPPORT_DISTANCE]
        )
        if any(roles[j] in (Role.GOOD, Role.NEAR_GOOD) for j in nearby):
            supported.add(i)
    result = []
    for i, role in enumerate(roles):
        support = 1.0 if i in supported else ISOLATED_FACTOR
        if role is Role.GOOD:
            result.append(min(words[i], GOOD_WORDS_CAP) * support)
        elif role is Role.NEAR_GOOD:
            result.append(min(words[i], GOOD_WORDS_CAP) * NEAR_GOOD_FACTOR * support)
        elif role is Role.SHORT:
            result.append(-SHORT_COST)
        elif role is Role.BAD:
            result.append(-(BAD_BASE_COST + min(words[i], BAD_WORDS_CAP)))
        elif role is Role.RULE:
            result.append(-RULE_COST)
        elif role is Role.END:
            result.append(-END_COST)
        else:
            result.append(0.0)
    return result


def find_region(roles: Sequence[Role], words: Sequence[int]) -> Region:
    """The heaviest contiguous run of blocks, before the first end marker that follows text."""
    cut = _first_end(roles, words)
    limit = len(roles) if cut is None else cut
    scores = weights(roles[:limit], words[:limit])
    best, best_start, best_end = 0.0, 0, -1
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        total += score
        if total <= 0:
            total, start = 0.0, i + 1
        elif total >= best:  # on a tie, the longer run: a closing line after an ad stays
            best, best_start, best_end = total, start, i
    return Region(best_start, best_end, cut)


def _first_end(roles: Sequence[Role], words: Sequence[int]) -> int | None:
    good_blocks = good_words = 0
    for i, role in enumerate(roles):
        if role is Role.GOOD or role is Role.NEAR_GOOD:
            good_blocks += 1
            good_words += words[i]
        elif role is Role.END and good_blocks >= END_AFTER_GOOD_BLOCKS and good_words >= END_AFTER_GOOD_WORDS:
            return i
    return None
