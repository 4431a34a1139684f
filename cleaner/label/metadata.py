"""Metadata: read values (byline, date, dateline, publisher) off the text of blocks.

Pure functions shared by the structure passes and the assembler; `article_date` also weighs
where a date line stands among the labelled blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.label.dates import find_date
from cleaner.label.features import ends_sentence, is_prose
from cleaner.members import BODY, CAPTION, DATE, SUBTITLE, TITLE
from cleaner.model import Block, Decision, Label

_BYLINE_PREFIX = regex.compile(r"(?i)^(?:by|von|por|par|door|di|de|text|written by)\b\s*:?\s*")
_DATE_PREFIX = regex.compile(
    r"(?i)^(?:published|updated|posted|last updated|veröffentlicht(?: am)?|aktualisiert(?: am)?|"
    r"publicado(?: el)?|actualizado(?: el)?|publié(?: le)?|mis à jour(?: le)?)\s*:?\s*"
)
_UPDATE_LABEL = regex.compile(r"(?i)^(?:updated|last updated|aktualisiert|actualizado|mis à jour|modifié)\b")
# "CITY (AP) —", "NEW YORK, March 3 (Reuters) -", "BERLIN (dpa) –", "WASHINGTON —"
_DATELINE = regex.compile(
    r"^(?P<dateline>\p{Lu}[\p{Lu}\p{Lt} .,'’-]{1,60}?(?:,\s[\p{L}. ]{2,30}?)?"
    r"(?:\s\((?:AP|Reuters|AFP|dpa|EFE|Bloomberg|UPI|CNN|KNA|epd|ANSA)\))?)\s[—–-]{1,2}\s"
)
_COPYRIGHT_HOLDER = regex.compile(
    r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?P<holder>[^.|]+?)"
    r"(?:\s*\d{4})?(?:\.|\||\s+all rights|\s+alle rechte|\s+todos los derechos|\s+tous droits|$)"
)
_CORPORATE_SUFFIX = regex.compile(
    r"(?i)(?:,?\s+(?:company|co\.?|inc\.?|llc|l\.l\.c\.|ltd\.?|limited|gmbh(?: & co\. kg)?|ag"
    r"|s\.a\.|s\.l\.|sas|corp\.?|corporation|plc))+$"
)


def strip_byline(text: str) -> str:
    """The names of a byline without its "By".

    >>> strip_byline("By JANE DOE and JOHN ROE")
    'JANE DOE and JOHN ROE'
    >>> strip_byline("By")
    ''
    """
    return str(_BYLINE_PREFIX.sub("", text)).strip(" ,;:|")


def strip_date_label(text: str) -> str:
    """A date line without its "Published"/"Updated" label.

    >>> strip_date_label("Published 5:42 PM EDT, March 3, 2025")
    '5:42 PM EDT, March 3, 2025'
    """
    return _DATE_PREFIX.sub("", text).strip(" ,;:|") or text


# Where the article's date line stands: among the blocks from a few before the headline to a
# few after the first paragraph of the story (a site header's "today" and the dates of related
# teasers and comments stand farther off).
DATE_BLOCKS_BEFORE_TITLE = 12
DATE_BLOCKS_AFTER_LEDE = 4
DATE_LINE_MAX_CHARS = 200  # a byline with its date, not a paragraph that mentions one
# A line above the headline counts as this many times as far as one below it: the date of a
# story stands under its headline more often than above it, a site header's date above it.
BEFORE_TITLE_WEIGHT = 2
UPDATE_DISTANCE = 2  # "Updated …" yields to a first-publication date this many blocks farther


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The article's publication date (ISO 8601, None if no line gives one in full) and the
    page's wording of it."""

    published: str | None
    text: str | None


def article_date(blocks: Sequence[Block], decisions: Sequence[Decision], language: str | None) -> ArticleDate:
    """The date of the article: the first readable date among the lines nearest its headline.

    A line labelled `date` gives its whole text (without "Published:") as the page's wording;
    a date inside another line (a byline "By Jane Doe - Nov. 19, 2019") gives its own words.
    When no line near the headline holds a full date, the wording of a date line there is kept
    ("Updated 2 hours ago"), with no date.
    """
    candidates = _date_lines(blocks, decisions)
    for index in candidates:
        found = find_date(blocks[index].text, language)
        if found is not None:
            text = blocks[index].text
            wording = strip_date_label(text) if decisions[index].label is DATE else found.text
            return ArticleDate(found.iso, wording)
    labelled = next((i for i in candidates if decisions[i].label is DATE), None)
    if labelled is None:
        return _only_date(blocks, decisions, language)
    return ArticleDate(None, strip_date_label(blocks[labelled].text))


def _only_date(blocks: Sequence[Block], decisions: Sequence[Decision], language: str | None) -> ArticleDate:
    """With no date line near the headline, the page's date lines, wherever they stand (a
    "Date" field in a box after the story, a date in the site's header), when they all give the
    same day: a page that shows several days (a list of other stories) does not say which is
    the article's."""
    found = [
        (index, date)
        for index, decision in enumerate(decisions)
        if decision.label is DATE and (date := find_date(blocks[index].text, language)) is not None
    ]
    if not found or len({date.iso[:10] for _, date in found}) > 1:
        return ArticleDate(None, None)
    index, date = found[0]
    return ArticleDate(date.iso, strip_date_label(blocks[index].text))


def _date_lines(blocks: Sequence[Block], decisions: Sequence[Decision]) -> list[int]:
    """The indexes of the lines that may carry the article's date, nearest the headline first."""
    labels = [decision.label for decision in decisions]
    anchor = _first(labels, TITLE, 0)
    if anchor is None:
        anchor = _first(labels, BODY, 0)
    if anchor is None:
        return [i for i, label in enumerate(labels) if label is DATE]
    # The lede is the first paragraph of prose: a table of contents or a list of key points
    # under the headline can stand between the headline and the date line.
    body = (i for i in range(anchor, len(blocks)) if labels[i] is BODY)
    lede = next((i for i in body if is_prose(blocks[i].text)), None)
    if lede is None:
        lede = _first(labels, BODY, anchor)
    end = (lede if lede is not None else anchor) + DATE_BLOCKS_AFTER_LEDE
    window = range(max(0, anchor - DATE_BLOCKS_BEFORE_TITLE), min(len(blocks), end + 1))

    def distance(index: int) -> int:
        far = index - anchor if index >= anchor else BEFORE_TITLE_WEIGHT * (anchor - index)
        return far + (UPDATE_DISTANCE if _UPDATE_LABEL.match(blocks[index].text) else 0)

    lines = sorted((i for i in window if _may_hold_date(blocks[i].text, labels[i])), key=distance)
    # Last, the headline itself: on some pages the structure passes take a byline and date line
    # ("InfoStream - 21. Januar 2022") for it; a real headline that names a date comes after
    # every date line near it.
    if labels[anchor] is TITLE and len(blocks[anchor].text) <= DATE_LINE_MAX_CHARS:
        lines.append(anchor)
    return lines


def _may_hold_date(text: str, label: Label) -> bool:
    """Whether a line may be a date line: short, and no sentence of the story or caption.

    A date line the structure passes took for the dek or a paragraph ("Reuters November 18,
    2019 11:03 PM" under a headline) still counts; a sentence that mentions a date does not.
    """
    if len(text) > DATE_LINE_MAX_CHARS or label in (TITLE, CAPTION):
        return False
    return label not in (BODY, SUBTITLE) or not ends_sentence(text)


def _first(labels: Sequence[Label], label: Label, start: int) -> int | None:
    return next((i for i in range(start, len(labels)) if labels[i] is label), None)


def find_dateline(paragraph: str) -> str | None:
    """The dateline that opens a wire story's first paragraph.

    >>> find_dateline("LISBON (AP) — The city council voted on Tuesday.")
    'LISBON (AP)'
    >>> find_dateline("The city council voted on Tuesday.") is None
    True
    """
    found = _DATELINE.match(paragraph)
    return found.group("dateline").strip(" ,") if found else None


def find_publisher(copyright_line: str | None, repeated: Sequence[str]) -> str | None:
    """The publisher named by the copyright line, in the form the page repeats if it does.

    >>> find_publisher("© 2025 The Harbor Ledger Company, LLC. All rights reserved.", ["The Harbor Ledger"])
    'The Harbor Ledger'
    >>> find_publisher("Copyright 2025 The Associated Press. All rights reserved.", [])
    'The Associated Press'
    """
    if not copyright_line:
        return None
    found = _COPYRIGHT_HOLDER.search(copyright_line)
    if not found:
        return None
    holder = found.group("holder").strip(" ,")
    for line in repeated:
        if holder.startswith(line):
            return line
    return _CORPORATE_SUFFIX.sub("", holder).strip(" ,") or None


def names_publisher(line: str, publisher: str) -> bool:
    """Whether a line is the publisher's name, with or without a leading "The".

    >>> names_publisher("Associated Press", "The Associated Press")
    True
    """
    name = publisher.removeprefix("The ").casefold()
    text = line.removeprefix("The ")
    # Case folding never shortens a text: a line longer than the name is not it, unfolded.
    return len(text) <= len(name) and text.casefold() == name
