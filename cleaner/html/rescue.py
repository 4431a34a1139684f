"""HTML rescue: the start and the rest of an article that trafilatura's extraction left out,
found in the page's visible text and confirmed by the text path's labelling of that text.

trafilatura sometimes ends an article early: the story goes on after an ad slot, a subscription
box or a pull quote, in a container it does not join to the first. The page's visible text (what
a copy-paste gives: a line per block element, scripts and styles left out) still has
those paragraphs, in page order, right after the last one extracted. The text path labels that
text with the same rules and finds the article region in it; when the lines right after the
extraction's last paragraph are, past nothing but lines that pass removed, a run of several body
paragraphs, the run is the rest of the article and joins the extraction after its last block.
trafilatura also often leaves out the lede (a paragraph in a box of its own above the story's
container, the German Vorspann): body lines of the text path right before the extraction's
first paragraph, below the headline, past nothing but lines that pass removed, are the
article's start and join the extraction before its first paragraph.

Only those two places are trusted. Paragraphs that the text region keeps elsewhere (above the
extraction, between its blocks, or after a gap of kept lines) were as often teasers, author boxes,
forms and comments as article text on the dev sets, and the text region disagrees with
trafilatura's choices far more often than it is right, so it confirms and never removes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence, Set
from dataclasses import dataclass

from cleaner.label.features import is_prose, word_count, words_of
from cleaner.members import BODY
from cleaner.model import Block, Decision

# A page line is in the extraction when this share of its word trigrams is.
COVERED_SHARE = 0.5
# Lines between the extraction's last paragraph and the run, all removed by the text path.
MAX_LEAD_GAP = 3
# Lines between two paragraphs of the run that are not paragraphs (a subheading, an ad marker).
MAX_INNER_GAP = 2
# What makes a run the rest of an article rather than a box: several paragraphs, many words.
MIN_PARAGRAPHS = 3
MIN_WORDS = 150
EMBEDDED_POST = "html.embedded-post"
# A page line shows the headline when it starts or ends the page title and is this share of it.
HEADLINE_SHARE = 0.4

Trigram = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Continuation:
    """Paragraphs to add to an extraction after its block `after` (an index of its blocks), as
    body for `reason`."""

    after: int
    texts: tuple[str, ...]
    reason: str = "html.page-text"


@dataclass(frozen=True, slots=True)
class Headed:
    """What an article shows apart from its extracted blocks (headline, dek, captions), and its
    headline: the rescue of a lede looks for it above the lede."""

    texts: frozenset[str]
    headline: str | None

    def is_headline(self, line: str) -> bool:
        """Whether a page line shows the headline: the title, or most of it (a `<title>` adds
        the site's name to the headline)."""
        title = self.headline
        if not title:
            return False
        long_enough = len(line) >= HEADLINE_SHARE * len(title)
        return line == title or (long_enough and (title.startswith(line) or title.endswith(line)))


# The extractions whose trigrams are kept: the rescue asks for those of a page's extraction up to
# five times (the first and last lines it shows, the runs around it, the embedded posts).
EXTRACTIONS_KEPT = 4


def extracted_grams(extracted: Sequence[str]) -> frozenset[Trigram]:
    """The word trigrams of an extraction's texts, all together."""
    return _grams(tuple(extracted))


@functools.lru_cache(maxsize=EXTRACTIONS_KEPT)
def _grams(extracted: tuple[str, ...]) -> frozenset[Trigram]:
    return frozenset().union(*(trigrams(text) for text in extracted))


# The texts whose trigrams are kept: the rescue and the accounting ask for those of the same page
# lines and extracted blocks several times a page (a page has a few hundred).
TRIGRAMS_KEPT = 1024


@functools.lru_cache(maxsize=TRIGRAMS_KEPT)
def trigrams(text: str) -> frozenset[Trigram]:
    """The word trigrams of a text (a text of one or two words gives none).

    >>> sorted(trigrams("The pier, rebuilt at last"))
    [('The', 'pier', 'rebuilt'), ('pier', 'rebuilt', 'at'), ('rebuilt', 'at', 'last')]
    """
    words = words_of(text)
    return frozenset(zip(words, words[1:], words[2:], strict=False))  # the shorter ones end it


def covered(text: str, extracted: Set[Trigram]) -> bool:
    """Whether a page line is in the extraction: most of its trigrams are (inline markup and
    line breaks split and space text differently in the two)."""
    own = trigrams(text)
    return bool(own) and len(own & extracted) >= COVERED_SHARE * len(own)


def last_extracted(lines: Sequence[Block], extracted: Sequence[str]) -> int | None:
    """The index of the page line that shows the extraction's last paragraph, when a paragraph
    that the extraction lacks follows it closely; None when there is nothing to rescue (most
    pages), so that the page text need not be labelled at all."""
    grams = extracted_grams(extracted)
    # Only prose lines count, and most page lines (menus, links) are not: test that first.
    prose = [i for i, line in enumerate(lines) if is_prose(line.text) and covered(line.text, grams)]
    if not prose:
        return None
    last = prose[-1]
    ahead = lines[last + 1 : last + 2 + MAX_LEAD_GAP]
    if any(is_prose(line.text) and not covered(line.text, grams) for line in ahead):
        return last
    return None


def first_extracted(lines: Sequence[Block], extracted: Sequence[str]) -> int | None:
    """The index of the page line that shows the extraction's first paragraph, when a paragraph
    that the extraction lacks comes closely before it; None when there is nothing to rescue
    there (most pages)."""
    grams = extracted_grams(extracted)
    # A loop, not `next` of a generator: the compiled build makes a generator a list, which
    # would test every line.
    first = None
    for index, line in enumerate(lines):
        if is_prose(line.text) and covered(line.text, grams):
            first = index
            break
    if first is None:
        return None
    behind = lines[max(0, first - 1 - MAX_LEAD_GAP) : first]
    if any(is_prose(line.text) and not covered(line.text, grams) for line in behind):
        return first
    return None


def lead_in(
    lines: Sequence[Block],
    decisions: Sequence[Decision],
    first: int,
    extracted: Sequence[str],
    shown: Headed,
) -> tuple[str, ...]:
    """The body lines of the run that leads into the article at page line `first` (the page line
    of the extraction's first paragraph), or ().

    The run ends at most `MAX_LEAD_GAP` lines before that line, past lines that the text path
    did not keep and the extraction does not have (a photo caption, a byline: a line the
    extraction has there makes the run a gap inside it, an author box under a teaser). Walking
    up, it holds body lines and short stretches of other lines between its paragraphs, and
    starts at its first paragraph below a longer stretch, a line removed by a structure pass,
    a line the extraction has, or one the article shows otherwise (headline, dek, caption).
    The page's headline must be above it: the lede is under the headline, and what comes
    before the headline is the page's, not the story's.
    """
    grams = extracted_grams(extracted)

    def own(index: int) -> bool:
        text = lines[index].text
        return decisions[index].label is BODY and not covered(text, grams) and text not in shown.texts

    def taken(index: int) -> bool:
        text = lines[index].text
        return text in shown.texts or text in extracted or covered(text, grams)

    end = first - 1
    while end >= 0 and not (own(end) and is_prose(lines[end].text)):
        if shown.is_headline(lines[end].text):
            return ()
        end -= 1
    if end < 0 or first - 1 - end > MAX_LEAD_GAP:
        return ()
    start, idle = end, 0
    for index in range(end - 1, -1, -1):
        decision = decisions[index]
        if taken(index):
            # Under the headline or the dek, the run is the lede; under a line the extraction
            # has, it is a box inside the article (a quote, a fact box).
            if not (shown.is_headline(lines[index].text) or lines[index].text in shown.texts):
                return ()
            break
        if decision.label is not BODY and decision.reason.startswith("structure."):
            break
        if own(index) and is_prose(lines[index].text):
            start, idle = index, 0
        else:
            idle += 1
            if idle > MAX_INNER_GAP:
                break
    above = lines[start - 1].text if start else ""
    # A name over a paragraph that starts with it is an author's box, not a lede.
    if above and lines[start].text.startswith(above):
        return ()
    if not any(shown.is_headline(line.text) for line in lines[:start]):
        return ()
    return tuple(lines[i].text for i in range(start, end + 1) if own(i))


def continuation(
    lines: Sequence[Block], decisions: Sequence[Decision], last: int, extracted: Sequence[str]
) -> tuple[str, ...]:
    """The body lines of the run that continues the article after page line `last`, or ().

    The run begins after at most `MAX_LEAD_GAP` lines the text path did not keep (an ad marker,
    a caption); it holds body lines and short stretches of removed, short or already extracted
    lines (a pull quote) between its paragraphs, and ends at its last paragraph before a longer
    stretch, a line removed by a structure pass (the region's end, a link list) or a paragraph
    the extraction has.
    """
    grams = extracted_grams(extracted)
    start = last + 1
    while start < len(lines) and decisions[start].label is not BODY:
        start += 1
    if start - last - 1 > MAX_LEAD_GAP or start >= len(lines) or not is_prose(lines[start].text):
        return ()
    inside = [covered(line.text, grams) for line in lines]
    end = start
    idle = 0
    for line in lines[start + 1 :]:
        decision = decisions[line.index]
        removed_by_pass = decision.label is not BODY and decision.reason.startswith("structure.")
        if removed_by_pass or (inside[line.index] and is_prose(line.text)):
            break
        if decision.label is BODY and is_prose(line.text) and not inside[line.index]:
            end, idle = line.index, 0
        else:
            idle += 1
            if idle > MAX_INNER_GAP:
                break
    run = [
        line.text
        for line in lines[start : end + 1]
        if decisions[line.index].label is BODY and not inside[line.index]
    ]
    paragraphs = [text for text in run if is_prose(text)]
    if len(paragraphs) < MIN_PARAGRAPHS or sum(word_count(text) for text in run) < MIN_WORDS:
        return ()
    return tuple(run)


def embedded_posts(lines: Sequence[Block], extracted: Sequence[str], posts: Set[str]) -> list[Continuation]:
    """The lines of posts embedded in the story (a quoted tweet: `cleaner.html.visible`) that
    the extraction left out between two lines it has, each run after the block that shows the
    line above it (`html.embedded-post`).

    trafilatura keeps such posts on some pages and drops them on others; they are part of what
    the article says, and inside the extraction's span they are never the page's furniture.
    """
    if not posts or not any(line.text in posts for line in lines):
        return []
    grams = extracted_grams(extracted)
    texts = set(extracted)
    inside = [line.text in texts or covered(line.text, grams) for line in lines]
    shown = [i for i, has in enumerate(inside) if has]
    runs: dict[int, list[str]] = {}
    above: int | None = None
    for i in range(shown[0], shown[-1]) if shown else ():
        if inside[i]:
            above = i
        elif lines[i].text in posts and above is not None:
            runs.setdefault(anchor(extracted, lines[above].text), []).append(lines[i].text)
    return [Continuation(after, tuple(run), EMBEDDED_POST) for after, run in runs.items()]


def anchor(extracted: Sequence[str], line: str, *, last: bool = True) -> int:
    """The index of the extracted block that shows a page line best (the last one on a tie, or
    the first)."""
    own = trigrams(line)
    overlaps = [len(own & trigrams(text)) for text in extracted]
    best = max(overlaps, default=0)
    if not extracted:
        return 0
    tied = [i for i, overlap in enumerate(overlaps) if overlap == best]
    return tied[-1] if last else tied[0]
