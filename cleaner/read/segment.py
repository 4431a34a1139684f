"""Segment: cut repaired text into blocks, one per line, or one per paragraph of wrapped text.

Scrapers and copy-paste give one block per line (blank lines between blocks or not), so a line
is the unit. Text hard-wrapped at a fixed width (e-mail, press releases, terminal dumps) is the
exception: there a paragraph is a group of lines between blank lines, and its lines are joined.
"""

from __future__ import annotations

from itertools import pairwise
from statistics import median

from cleaner.model import Block

# A text counts as hard-wrapped when its multi-line paragraphs have lines of a steady width.
_WRAP_MIN_GROUPS = 2
_WRAP_MIN_MEDIAN = 45
_WRAP_MAX_WIDTH = 100
_WRAP_SHARE = 0.8


def segment_text(text: str) -> list[Block]:
    """Blocks of a repaired text, numbered by the line they start on (1-based)."""
    groups = _paragraph_groups(text)
    width = _wrap_width(groups)
    blocks: list[Block] = []
    for start, lines in groups:
        if width is not None and _wrapped_at(lines, width):
            blocks.append(Block(len(blocks), start, " ".join(lines)))
            continue
        for offset, line in enumerate(lines):
            blocks.append(Block(len(blocks), start + offset, line))
    return blocks


def _paragraph_groups(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines as (first line number, lines)."""
    groups: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped:
            if not current:
                start = number
            current.append(stripped)
        elif current:
            groups.append((start, current))
            current = []
    if current:
        groups.append((start, current))
    return groups


def _wrap_width(groups: list[tuple[int, list[str]]]) -> int | None:
    """The column a text is hard-wrapped at, or None when it is not hard-wrapped.

    A wrapping editor breaks a line where the next word would not fit; a list of headlines or
    menu items, one per line, has lines of similar length too, but its next word would have fit.
    """
    paragraphs = [lines for _, lines in groups if len(lines) > 2]
    widths = [len(line) for lines in paragraphs for line in lines[:-1]]
    if not widths or median(widths) < _WRAP_MIN_MEDIAN:
        return None
    width = max(len(line) for lines in paragraphs for line in lines)
    if width > _WRAP_MAX_WIDTH:
        return None
    wrapped = sum(1 for lines in paragraphs if _wrapped_at(lines, width))
    return width if wrapped >= _WRAP_MIN_GROUPS else None


def _wrapped_at(lines: list[str], width: int) -> bool:
    """Whether most lines of a paragraph end where the following word would pass `width`."""
    pairs = list(pairwise(lines))
    if not pairs:
        return False
    full = sum(1 for line, following in pairs if len(line) + 1 + len(following.split()[0]) > width)
    return full / len(pairs) >= _WRAP_SHARE
