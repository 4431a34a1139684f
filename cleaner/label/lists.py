"""Lists: the numbered or bulleted runs of lines that a sentence of the article introduces.

A story that says "the offers not to miss:" or "the standings after 36 races:" goes on as a
list: deal lines with their links, table rows, recipe steps. Each of its lines is short, so on
its own it looks like a menu; what tells it apart is that it is announced by a line ending in a
colon and that its items count 1, 2, 3 (or share one bullet). Menus and teaser boxes are not
numbered from a sentence. This module finds such runs; the region finder counts them as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

# "1)", "1.", "1 -", "#1" or a bare rank ("1 Kyle Busch 5040"), then the item's text.
_NUMBERED = regex.compile(r"#?(\d{1,3})(?:[.):]|\s[-–—])?\s+\S")
_BULLETED = regex.compile(r"([•·▪◦●■*–—-])\s*\S")
MIN_ITEMS = 3
# Lines allowed between the introducing sentence and the first item (a table's header row),
# and between two items (an item's link or second line).
MAX_LEAD = 2
MAX_GAP = 2
INTRO_MIN_WORDS = 4  # "Share:" or "Tags:" introduce no list


@dataclass(frozen=True, slots=True)
class ListRun:
    """A list from its first to its last line (inclusive) and the indexes of its items."""

    start: int
    end: int
    items: tuple[int, ...]


def introduces_list(text: str) -> bool:
    """Whether a line announces what follows, as "The offers not to miss:" does.

    >>> introduces_list("Here are the deals worth a look this week:")
    True
    >>> introduces_list("Share:")
    False
    """
    return text.rstrip().endswith(":") and len(text.split()) >= INTRO_MIN_WORDS


def _marker(text: str) -> tuple[str, int | None] | None:
    """An item's marker: ("#", its number) for a numbered item, (the bullet, None) for a bulleted
    one, None for a line that is no item."""
    numbered = _NUMBERED.match(text)
    if numbered is not None:
        return "#", int(numbered.group(1))
    bulleted = _BULLETED.match(text)
    if bulleted is not None:
        return bulleted.group(1), None
    return None


def _follows(marker: tuple[str, int | None], previous: tuple[str, int | None]) -> bool:
    """Whether an item's marker continues the list: the next number, or the same bullet."""
    kind, number = marker
    if kind != previous[0]:
        return False
    return number is None or (previous[1] is not None and number == previous[1] + 1)


def list_after(texts: Sequence[str], intro: int) -> ListRun | None:
    """The list that the line `intro` introduces, if one follows it.

    >>> list_after(["The best buys:", "1) A kettle", "link", "2) A lamp", "link", "3) A rug", "link"], 0)
    ListRun(start=1, end=6, items=(1, 3, 5))
    """
    lead = range(intro + 1, min(intro + 2 + MAX_LEAD, len(texts)))
    first, marker = next(((i, found) for i in lead if (found := _marker(texts[i])) is not None), (0, None))
    if marker is None:
        return None
    if marker[1] not in (None, 0, 1):
        return None  # a list counts from its start
    items = [first]
    gaps = []
    i = first + 1
    while i < len(texts) and i - items[-1] <= MAX_GAP + 1:
        current = _marker(texts[i])
        if current is not None and _follows(current, marker):
            gaps.append(i - items[-1] - 1)
            items.append(i)
            marker = current
        i += 1
    if len(items) < MIN_ITEMS:
        return None
    # Each item followed by its link: the last item has one too.
    trailing = gaps[0] if len(set(gaps)) == 1 else 0
    end = min(items[-1] + trailing, len(texts) - 1)
    return ListRun(intro + 1, end, tuple(items))


# A quantity and its unit opening a line: "250 g flour", "1 Pck. yeast", "2 EL Honig", "½ cup milk".
_QUANTITY = regex.compile(
    r"(?:\d+(?:[.,/]\d+)?|[½⅓⅔¼¾⅛])(?:\s*[-–]\s*\d+)?\s*"
    r"(?:g|kg|mg|ml|cl|dl|l|el|tl|pck\.?|pkg\.?|prise[n]?|msp\.?|stück|dose[n]?|becher|bund|zehe[n]?|"
    r"scheibe[n]?|tasse[n]?|cups?|tbsp\.?|tsp\.?|oz|lbs?|pinch(?:es)?|cloves?|cans?|slices?|"
    r"tablespoons?|teaspoons?|pounds?|ounces?|grams?|cucharadas?|cucharaditas?|cuill[eè]res?)\b\.?\s+\S",
    regex.IGNORECASE,
)
_FRACTIONS = "½⅓⅔¼¾⅛"


def _opens_with_quantity(text: str) -> bool:
    """Whether a line opens with a quantity and its unit; most lines do not start with a digit or
    a fraction, which `str.isdecimal` (what `\\d` matches) tells without a regex call."""
    first = text[:1]
    return first != "" and (first.isdecimal() or first in _FRACTIONS) and _QUANTITY.match(text) is not None


def quantity_lists(texts: Sequence[str]) -> list[ListRun]:
    """Runs of lines that each open with a quantity and its unit (a recipe's ingredients, a
    product's contents): at least three, at most two lines between two of them (an ingredient
    without a unit, a "For the topping:" label).

    >>> quantity_lists(["Pastry:", "250 g flour", "2 eggs", "100 g butter", "1 tsp salt", "Method"])
    [ListRun(start=1, end=4, items=(1, 3, 4))]
    """
    runs: list[ListRun] = []
    items: list[int] = []
    for i, text in enumerate(texts):
        if not _opens_with_quantity(text):
            continue
        if items and i - items[-1] > MAX_GAP + 1:
            if len(items) >= MIN_ITEMS:
                runs.append(ListRun(items[0], items[-1], tuple(items)))
            items = []
        items.append(i)
    if len(items) >= MIN_ITEMS:
        runs.append(ListRun(items[0], items[-1], tuple(items)))
    return runs


def introduced_lists(texts: Sequence[str]) -> list[ListRun]:
    """Every list on a page that a line ending in a colon introduces, in page order."""
    runs: list[ListRun] = []
    for i, text in enumerate(texts):
        if runs and i <= runs[-1].end:
            continue
        if introduces_list(text):
            run = list_after(texts, i)
            if run is not None:
                runs.append(run)
    return runs
