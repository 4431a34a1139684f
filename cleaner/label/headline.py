"""Headline: what a full page's first line, its `<title>`, says the headline is, and which block
of the page shows it.

The first line of a page's visible text is its `<title>`: "Headline | Site", "Site - Headline",
"Headline : Site" or "Headline – Kicker – Site". The page prints the headline again above the
story, word for word or nearly (pages shorten, lengthen or reword one of the two). A block that
says the same as the `<title>`'s headline part is the headline; a copy-paste that starts with
the headline itself is the same case with no site part. Pure functions of strings.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.label.features import words_of

# " | ", " - ", " – ", " : ", " :: ", " · ", " » " between the parts of a `<title>`.
SEPARATOR = regex.compile(r"\s+(?:[|–—:-]|::|·|»)\s+")
SITE_MAX_WORDS = 5  # a part this short at either end of a `<title>` names the site or section
SITE_MAX_CHARS = 40
# A block shows the headline when this share of the longer one's words are in both.
MIN_SIMILARITY = 0.6
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 35
HEADLINE_MAX_CHARS = 250
# How far down a page its headline may be looked for by its words: far below the longest menus
# of the dev pages (a page of 1,000 lines before its headline), and a bound on the work for a
# page of endless short lines.
MAX_HEAD_BLOCKS = 2000
# More lines than this like the headline are a list of alike lines, none of them the headline.
MAX_ALIKE = 3


def candidates(title_line: str) -> list[str]:
    """What the headline may be: the line without the part that names the site first (a copy of
    the whole `<title>` printed on the page is no headline), then, longest first, the whole
    line, the line without its first or its last part, and each part.

    >>> candidates("Pier Vote Delayed | Harbor Ledger")
    ['Pier Vote Delayed', 'Pier Vote Delayed | Harbor Ledger', 'Harbor Ledger']
    """
    parts = SEPARATOR.split(title_line)
    separators = SEPARATOR.findall(title_line)
    found = {title_line, *parts}
    for first, last in ((0, len(parts) - 1), (1, len(parts))) if len(parts) > 1 else ():
        joined = parts[first]
        for i in range(first + 1, last):
            joined += separators[i - 1] + parts[i]
        found.add(joined)
    headline = headline_part(title_line)
    return [headline, *sorted(found - {headline}, key=lambda text: (-len(text), text))]


def headline_part(title_line: str) -> str:
    """The `<title>` without the short part that names the site, at its end or its start.

    >>> headline_part("Pier Vote Delayed Again After Storm - The Harbor Ledger")
    'Pier Vote Delayed Again After Storm'
    >>> headline_part("Harbor Ledger | Pier Vote Delayed Again After Storm")
    'Pier Vote Delayed Again After Storm'
    >>> headline_part("Pier Vote Delayed Again After Storm")
    'Pier Vote Delayed Again After Storm'
    """
    parts = SEPARATOR.split(title_line)
    if len(parts) < 2:
        return title_line
    separators = SEPARATOR.findall(title_line)
    if _names_site(parts[-1]):
        end = title_line.rindex(separators[-1])
        return title_line[:end].strip()
    if _names_site(parts[0]):
        start = title_line.index(separators[0]) + len(separators[0])
        return title_line[start:].strip()
    return title_line


def site_part(title_line: str) -> bool:
    """Whether a `<title>` line has a part that names the site, so that its headline is less than
    the whole line.

    >>> site_part("Pier Vote Delayed Again After Storm - The Harbor Ledger")
    True
    """
    return headline_part(title_line) != title_line


def _names_site(part: str) -> bool:
    return len(part.split()) <= SITE_MAX_WORDS and len(part) <= SITE_MAX_CHARS


def headline_like(text: str) -> bool:
    """A line that can be a headline: a few words, not a sentence's end or a list's lead-in.

    >>> headline_like("Pier Vote Delayed Again"), headline_like("The vote was delayed.")
    (True, False)
    """
    words = text.split()
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )


def similarity(first: str, second: str) -> float:
    """The share of the longer text's words (case folded) that the other one has too.

    >>> similarity("Harbor board delays pier vote", "Harbor Board Delays Pier Vote Again")
    0.8333333333333334
    """
    return _overlap(_words(first), _words(second))


def _overlap(one: set[str], two: set[str]) -> float:
    if not one or not two:
        return 0.0
    return len(one & two) / max(len(one), len(two))


def _words(text: str) -> set[str]:
    return set(words_of(text.casefold()))


def shown_headline(title_line: str, texts: Sequence[str | None], story: int) -> int | None:
    """The index of the text that shows the `<title>`'s headline: one that equals a candidate
    (the longest such), else the one most like the headline part, if like enough, among the
    texts before index `story` (where the running text begins: a line like the headline further
    down is a subheading or a teaser); None when no text does. `texts` are the page's blocks
    after the first, None where a block is taken.
    """
    first_of: dict[str, int] = {}
    for index, text in enumerate(texts):
        if text is not None:
            first_of.setdefault(text, index)
    for candidate in candidates(title_line):
        if len(candidate.split()) < HEADLINE_MIN_WORDS or candidate.endswith("."):
            continue  # a sentence said twice, not a <title>
        if candidate in first_of:
            return first_of[candidate]
    headline = _words(headline_part(title_line))
    scores = [
        (_overlap(headline, _words(text)), index)
        for index, text in enumerate(texts[: min(story, MAX_HEAD_BLOCKS)])
        if text is not None and headline_like(text)
    ]
    alike = [(score, index) for score, index in scores if score >= MIN_SIMILARITY]
    if not alike or len(alike) > MAX_ALIKE:
        return None  # none, or a list of lines that all look alike ("Part 1", "Part 2", …)
    best_score = max(score for score, _ in alike)
    return min(index for score, index in alike if score == best_score)
