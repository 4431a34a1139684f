"""Metadata: read values (byline, date, dateline, publisher) off the text of blocks.

Pure string functions shared by the structure passes and the assembler.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

_BYLINE_PREFIX = regex.compile(r"(?i)^(?:by|von|por|par|door|di|de|text|written by)\b\s*:?\s*")
_DATE_PREFIX = regex.compile(
    r"(?i)^(?:published|updated|posted|last updated|veröffentlicht(?: am)?|aktualisiert(?: am)?|"
    r"publicado(?: el)?|actualizado(?: el)?|publié(?: le)?|mis à jour(?: le)?)\s*:?\s*"
)
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
    return line.removeprefix("The ").casefold() == publisher.removeprefix("The ").casefold()
