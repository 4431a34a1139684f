"""HTML tidy: extracted lines that no rule removes but that are not the article's text: copies of
the body, bare image URLs and time stamps, and the head of the article printed again as its
first body line.

An extraction sometimes takes a page's markup more literally than a reader would: a live page
that renders its story several times (for several layouts) gives it several times, with the
picture URLs and update stamps that sat between the copies; a page that prints its headline,
dek or byline again at the top of the story's container gives it twice. The text path's rules
see each line alone, so these are decided here, each under its own `html.*` reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.label.features import is_prose
from cleaner.members import BODY, BOILERPLATE, BYLINE, SUBTITLE, TITLE
from cleaner.model import Block, Decision

# A run of at least this many body lines, this many of them paragraphs, that repeats an earlier
# run is a copy: one or two repeated lines are a refrain or a pull quote, and short lines repeat
# in tables and listings (the same terms under two offers, two events at one place).
COPY_MIN_LINES = 3
COPY_MIN_PARAGRAPHS = 2
REPEATED_RUN = "html.repeated-run"
IMAGE_URL = "html.image-url"
TIME_STAMP = "html.time-stamp"
HEAD_REPEATED = "html.head-repeated"

_IMAGE_URL = regex.compile(r"(?i)^(?:https?:)?//\S+?\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]\S*)?$")
# A date and/or a time of day, with nothing but separators and a zone or am/pm around them.
_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
# A time with a colon; with a dot ("20.10" is a version too) only when "Uhr" or "h" follows.
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?|\d{1,2}\.\d{2}\s*(?:uhr|h))"
_ZONE = r"(?:utc|gmt|cet|cest|mez|mesz|[ecmp][sd]t|z)"
_TIME_STAMP = regex.compile(
    rf"(?i)^[\s|·•,–—-]*(?:{_DATE}(?:[\s,|·T–—-]+{_TIME})?|{_TIME})(?:\s*{_ZONE})?[\s|·•,–—-]*$"
)
_HEAD = frozenset({TITLE, SUBTITLE, BYLINE})


def tidy(blocks: Sequence[Block], decisions: list[Decision]) -> None:
    """Remove, in `decisions`, the body lines this module is about (see its docstring)."""
    _drop_copies(blocks, decisions)
    _drop_stamps(blocks, decisions)
    _drop_head_repeated(blocks, decisions)


def is_time_stamp(text: str) -> bool:
    """A line that is only a date or a time.

    >>> is_time_stamp("12.03.2024 | 10:15"), is_time_stamp("10:15 pm EST"), is_time_stamp("2024-03-12T10:15Z")
    (True, True, True)
    >>> is_time_stamp("Opening at 10:15 on Monday"), is_time_stamp("3-2"), is_time_stamp("20.10")
    (False, False, False)
    """
    return _TIME_STAMP.match(text) is not None


def is_image_url(text: str) -> bool:
    """A line that is only the address of a picture.

    >>> is_image_url("https://cdn.example.com/img/pier-2.jpg?w=800"), is_image_url("https://example.com/pier")
    (True, False)
    """
    return _IMAGE_URL.match(text) is not None


def _drop_copies(blocks: Sequence[Block], decisions: list[Decision]) -> None:
    """A run of `COPY_MIN_LINES` or more body lines (`COPY_MIN_PARAGRAPHS` of them paragraphs)
    that repeats an earlier run of body lines, in the same order, is a copy of it
    (`html.repeated-run`); the first copy stays."""
    body = [i for i, decision in enumerate(decisions) if decision.label is BODY]
    texts = [blocks[i].text for i in body]
    first_at: dict[str, int] = {}
    position = 0
    while position < len(texts):
        earlier = first_at.get(texts[position])
        length = 0
        if earlier is not None:
            while (
                position + length < len(texts)
                and earlier + length < position
                and texts[earlier + length] == texts[position + length]
            ):
                length += 1
        run = texts[position : position + length]
        if length >= COPY_MIN_LINES and sum(map(is_prose, run)) >= COPY_MIN_PARAGRAPHS:
            for i in body[position : position + length]:
                decisions[i] = Decision(BOILERPLATE, REPEATED_RUN)
            position += length
            continue
        first_at.setdefault(texts[position], position)
        position += 1


def _drop_stamps(blocks: Sequence[Block], decisions: list[Decision]) -> None:
    """Body lines that are only a picture's address or a time stamp."""
    for index, decision in enumerate(decisions):
        if decision.label is not BODY:
            continue
        text = blocks[index].text
        if is_image_url(text):
            decisions[index] = Decision(BOILERPLATE, IMAGE_URL)
        elif is_time_stamp(text):
            decisions[index] = Decision(BOILERPLATE, TIME_STAMP)


def _drop_head_repeated(blocks: Sequence[Block], decisions: list[Decision]) -> None:
    """The first body line, when it repeats the headline, the dek or the byline above it word
    for word (`html.head-repeated`): the page printed them again in the story's container."""
    head: set[str] = set()
    for index, decision in enumerate(decisions):
        text = _folded(blocks[index].text)
        if decision.label in _HEAD:
            head.add(text)
            if decision.text:
                head.add(_folded(decision.text))
        elif decision.label is BODY:
            if text in head:
                decisions[index] = Decision(BOILERPLATE, HEAD_REPEATED)
            return


def _folded(text: str) -> str:
    """A text for comparing lines: case and spacing aside."""
    return " ".join(text.casefold().split())
