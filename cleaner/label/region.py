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
from itertools import accumulate
from typing import Final

GOOD_WORDS_CAP = 120  # one huge paragraph should not outweigh the rest of the page
NEAR_GOOD_FACTOR = 0.5
# Running text next to running text is a story; a lone paragraph among short lines is a teaser.
ISOLATED_FACTOR = 0.35
SUPPORT_DISTANCE = 1
SHORT_COST = 4
BAD_BASE_COST = 10
BAD_WORDS_CAP = 30
RULE_COST = 1
END_COST = 3
# A list item is short, but the story goes on through it: a small gain carries the run across.
ITEM_WEIGHT = 2
# An end marker closes the article when the text before it weighs this share of what follows.
END_SHARE = 0.3


class Role(StrEnum):
    """What a block contributes to finding the article: one of the four classes of its text
    (jusText's, from `cleaner.label.content.classify`) when no rule decided it, else what the
    rule or pass made of it."""

    GOOD = "good"  # running text
    NEAR_GOOD = "near-good"  # borderline running text: decided by its neighbours
    SHORT = "short"  # too short to tell: a menu item, a list item, a subheading
    BAD = "bad"  # boilerplate text: long but without the words of running text
    RULE = "rule"  # removed by a rule: ads, share buttons, credits
    NEUTRAL = "neutral"  # title, byline, captions, a quote in another script, a list item's link
    ITEM = "item"  # an item of a list that a sentence introduces (`cleaner.label.lists`)
    END = "end"  # an end-of-article marker


# Role's members as constants for the compiled modules (see `cleaner.members`).
BAD: Final = Role.BAD
END: Final = Role.END
GOOD: Final = Role.GOOD
ITEM: Final = Role.ITEM
NEAR_GOOD: Final = Role.NEAR_GOOD
NEUTRAL: Final = Role.NEUTRAL
RULE: Final = Role.RULE
SHORT: Final = Role.SHORT


@dataclass(frozen=True, slots=True)
class Region:
    """The article's blocks `start` to `end` (inclusive); `cut` is the index of the end
    marker that closed it, if any. Empty pages have no region (start > end)."""

    start: int
    end: int
    cut: int | None = None
    score: float = 0.0

    @property
    def empty(self) -> bool:
        return self.start > self.end


def weighs_words(role: Role) -> bool:
    """Whether a block of this role weighs by its words (`weights` reads no other block's count)."""
    return role is GOOD or role is NEAR_GOOD or role is BAD


def weights(roles: Sequence[Role], words: Sequence[int]) -> list[float]:
    """Each block's contribution to the article score; `words` need only be counted for the
    blocks whose role `weighs_words`."""
    texty = [i for i, role in enumerate(roles) if role in (GOOD, NEAR_GOOD, SHORT, BAD)]
    supported = set()
    for position, i in enumerate(texty):
        if roles[i] not in (GOOD, NEAR_GOOD):
            continue
        nearby = (
            texty[max(0, position - SUPPORT_DISTANCE) : position]
            + texty[position + 1 : position + 1 + SUPPORT_DISTANCE]
        )
        if any(roles[j] in (GOOD, NEAR_GOOD) for j in nearby):
            supported.add(i)
    result = []
    for i, role in enumerate(roles):
        support = 1.0 if i in supported else ISOLATED_FACTOR
        if role is GOOD:
            result.append(min(words[i], GOOD_WORDS_CAP) * support)
        elif role is NEAR_GOOD:
            result.append(min(words[i], GOOD_WORDS_CAP) * NEAR_GOOD_FACTOR * support)
        elif role is SHORT:
            result.append(-SHORT_COST)
        elif role is BAD:
            result.append(-(BAD_BASE_COST + min(words[i], BAD_WORDS_CAP)))
        elif role is RULE:
            result.append(-RULE_COST)
        elif role is END:
            result.append(-END_COST)
        elif role is ITEM:
            result.append(ITEM_WEIGHT)
        else:
            result.append(0.0)
    return result


def find_region(roles: Sequence[Role], scores: Sequence[float], starts: range | None = None) -> Region:
    """The heaviest contiguous run of blocks, cut at an end-of-article marker; `scores` are the
    blocks' `weights` (a page whose region is looked for twice weighs its blocks once).

    `starts` limits where the run may begin (just below a known headline); on a tie the
    longer run wins, so a closing line after an ad stays with the story. An end marker
    ("Comments") cuts the page when the text before it weighs at least a share of the text
    after it: a comment count printed under the headline does not end the story.
    """
    for cut in (i for i, role in enumerate(roles) if role is END):
        before = _heaviest(scores[:cut], starts, cut)
        after = _heaviest(scores, range(cut + 1, len(scores)), None)
        if before.score > 0 and before.score >= END_SHARE * after.score:
            return before
    return _heaviest(scores, starts, None)


def _heaviest(scores: Sequence[float], starts: range | None, cut: int | None) -> Region:
    """Maximum-sum run of `scores` beginning in `starts` (anywhere if None), longest on ties."""
    limit = len(scores)
    prefix = list(accumulate(scores, initial=0.0))
    # best_end[i]: the latest j >= i with the largest prefix[j].
    best_end = [0] * (limit + 1)
    best_end[limit] = limit
    for i in range(limit - 1, -1, -1):
        later = best_end[i + 1]
        best_end[i] = i if prefix[i] > prefix[later] else later
    best, run_start, run_stop = 0.0, 0, 0
    for start in starts if starts is not None else range(limit):
        if not 0 <= start < limit:
            continue
        end = best_end[start + 1]
        total = prefix[end] - prefix[start]
        if total > best:
            best, run_start, run_stop = total, start, end
    # One Region at the end, not one for each better run found (a dataclass is slow to build).
    return Region(run_start, run_stop - 1, cut, best) if best > 0 else Region(0, -1, cut)
