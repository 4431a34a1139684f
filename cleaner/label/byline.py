"""Byline: the names of the article's authors, read off the lines around its headline.

A byline reads "By Jane Doe", "By Jane Doe - Nov. 19, 2019 06:56 AM", "Monday, November 18,
2019 7:45 am by Jane Doe", "Jane Doe, AP Auto Writer", "Jane Doe @janedoe" or just "Jane Doe"
between the headline and the story. Only the lines near the headline count: a name further
down belongs to a teaser, a quote or a comment. Pure functions of strings and labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.members import BODY, BYLINE, CAPTION, TITLE
from cleaner.model import Block, Decision

# A personal name: two to four capitalised words, particles allowed inside ("Ana de la Cruz").
_NAME = (
    r"\p{Lu}[\p{L}'’.-]*"
    r"(?:\s+(?:(?:de|del|la|le|da|di|van|von|der|den|bin|al|ibn)\s+)*\p{Lu}[\p{L}'’.-]*){1,3}"
)
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|\bund\b|\by\b|\bet\b|&)\s*{_NAME})*"
# "By" opening the line, or after a date or a word or two ("… 7:45 am by Jane Doe", "Story by
# Jane Doe"): in a sentence ("was beaten out by Jane Doe") it names no author. The other
# languages' words only open the line, where "von" and "de" are no part of a credit or a name.
_BY = regex.compile(
    rf"(?:^(?i:by|von|por|par|door|written\ by|text)|^(?P<before>.*?)\s(?i:by))\s*:?\s+(?P<names>{_NAMES})"
)
BEFORE_BY_MAX_WORDS = 2
# What a line must hold for `_BY` to match it, tested first (most lines hold neither): "by"
# anywhere, or another language's word at its start. None of their letters has a case variant
# outside ASCII, so lower-casing finds every line that (?i) matches.
_BY_OPENERS = ("von", "por", "par", "door", "text")
# A line that starts with a name and goes on with what only a byline holds: a date, a handle, a
# role, or a separator before one of those.
_LEADING = regex.compile(rf"^(?P<names>{_NAME})(?P<rest>(?:\s*[,|–—/-]\s*|\s+@).*)?$")
_ROLES = (
    r"writer|reporter|correspondent|editor|staff|contributor|columnist|autor|autorin"
    r"|redakteur|redakteurin|redacción|rédaction|journalist|special to"
)

# A time or a numeric date ("06:56", "11/19/19", "19.11.2019"), a handle, or a role.
_SIGNAL = regex.compile(rf"\d{{1,2}}[:/.]\d{{1,2}}|@|(?i:\b(?:{_ROLES})\b)")
# A year or a time or numeric date: what stands before "by" in a dated byline.
_DATED = regex.compile(r"\b(?:1[89]|20)\d\d\b|\d{1,2}[:/.]\d{1,2}")
_ROLE = regex.compile(rf"(?i:\b(?:{_ROLES})\b)")
# Words of menus, labels and buttons, which come capitalised in pairs as names do; one word a
# line would make a list of forty lines for a reader to scroll past.
_NOT_NAMES = frozenset(
    """
    about all and article blog comments contact design follow home key latest live log menu
    more most new news newsletter our photo photos points popular posted print published read
    related search share sign subscribe the top trending updated updates video videos watch world
    """.split()  # noqa: SIM905
)
_JOINERS = frozenset({"and", "und", "y", "et", "&"})  # between the names of two authors
NAME_LINE_MAX_CHARS = 90
BLOCKS_BEFORE_TITLE = 3
BLOCKS_AFTER_LEDE = 2


def byline_names(text: str, *, bare: bool = False) -> str | None:
    """The author names a byline line holds, or None when it is no byline.

    `bare` also takes a line that is only a name ("Jane Doe"), for lines a rule already
    labelled a byline.

    >>> byline_names("By Jane Doe - 11/19/19 06:56 AM EST")
    'Jane Doe'
    >>> byline_names("Monday November 18, 2019 7:45 am PST by Jane Doe")
    'Jane Doe'
    >>> byline_names("Jane Doe, AP Auto Writer")
    'Jane Doe'
    >>> byline_names("Latest News") is None, byline_names("Jane Doe") is None
    (True, True)
    >>> byline_names("Jane Doe", bare=True)
    'Jane Doe'
    """
    if len(text) > NAME_LINE_MAX_CHARS * 2:
        return None
    lower = text.lower()
    found = _BY.search(text) if "by" in lower or lower.startswith(_BY_OPENERS) else None
    before = found.group("before") if found is not None else None
    if before is not None and len(before.split()) > BEFORE_BY_MAX_WORDS and _DATED.search(before) is None:
        found = None
    if found is not None and _names_people(found.group("names")):
        return str(found.group("names")).strip(" ,")
    if len(text) > NAME_LINE_MAX_CHARS:
        return None
    leading = _LEADING.match(text)
    if leading is None or not _names_people(leading.group("names")):
        return None
    names, rest = str(leading.group("names")), leading.group("rest")
    if rest is None:
        return names if bare else None
    return names if _SIGNAL.search(rest) else None


def _names_people(names: str) -> bool:
    words = [word.casefold().strip(".,'’") for word in names.split()]
    names_only = [word for word in words if word not in _JOINERS]
    return not any(word in _NOT_NAMES for word in names_only) and _ROLE.search(names) is None


def article_byline(blocks: Sequence[Block], decisions: Sequence[Decision]) -> str | None:
    """The names of the byline nearest the headline (after it first), among the lines from a
    few above the headline to just past the story's first paragraph; None when there is none."""
    labels = [decision.label for decision in decisions]
    title = next((i for i, label in enumerate(labels) if label is TITLE), None)
    after = title if title is not None else -1
    lede = next((i for i, label in enumerate(labels) if label is BODY and i > after), None)
    anchor = title if title is not None else lede
    if anchor is None:
        return None
    end = (lede if lede is not None else anchor) + BLOCKS_AFTER_LEDE
    window = range(max(0, anchor - BLOCKS_BEFORE_TITLE), min(len(blocks), end + 1))
    order = sorted(window, key=lambda i: i - anchor if i >= anchor else 2 * (anchor - i))
    for i in order:
        if labels[i] in (TITLE, BODY, CAPTION):
            continue  # a sentence of the story that names a reporter is not the byline
        names = byline_names(blocks[i].text, bare=labels[i] is BYLINE)
        if names:
            return names
    return None
