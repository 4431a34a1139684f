r"""Family: a line with its numbers, dates and times made variable, and the pattern of that family.

"3 comments" and "12 comments" are one family, `⟨n⟩ comments`; "Updated March 3, 2025 5:42
PM" and "Updated May 9, 2025 11:05 AM" are `Updated ⟨date⟩ ⟨time⟩`. The pattern of a family is
anchored at both ends (a learned rule matches whole lines, never part of one): its literal
parts escaped, each variable part by a fixed sub-pattern. Dates use the built-in `months` and
`weekdays` vocabularies, written as `{{months}}` in the pattern, so a reviewer reads the same
word lists the built-in rules use.

>>> family = Families.default().family_of("Gallery · 12 photos")
>>> family.key
'Gallery · ⟨n⟩ photos'
>>> print(family.pattern)
^Gallery\ ·\ \d+(?:[.,]\d+)*\ photos$
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import regex

from cleaner.matching.rules import Vocabulary, expand, load_rules

# Each variable part: its placeholder in a family's key, and its sub-pattern (with vocabularies
# as {{name}}, which the rule loader expands). The order is the order they are tried in.
_WEEKDAY = r"(?:(?i:{{weekdays}})\p{L}*\.?,?\ )?"
_DATE = (
    r"(?:" + _WEEKDAY + r"(?i:{{months}})\p{L}*\.?\ \d{1,2}(?:st|nd|rd|th)?,?\ \d{4}"
    r"|" + _WEEKDAY + r"\d{1,2}\.?\ (?i:{{months}})\p{L}*\.?\ \d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_TIME = r"\d{1,2}:\d{2}(?:\ ?(?:[AaPp]\.?[Mm]\.?))?"
_NUMBER = r"\d+(?:[.,]\d+)*"
VARIABLES: tuple[tuple[str, str, str], ...] = (
    ("date", "⟨date⟩", _DATE),
    ("time", "⟨time⟩", _TIME),
    ("number", "⟨n⟩", _NUMBER),
)
_LETTER = regex.compile(r"\p{L}")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
SLUG_WORDS = 6


@dataclass(frozen=True, slots=True)
class Family:
    """The family of a line: `key` names it (literal text, placeholders for variable parts),
    `pattern` matches every line of it and nothing longer."""

    key: str
    pattern: str
    literal: str  # the literal parts only, joined by spaces: what the slug and checks read

    @property
    def has_words(self) -> bool:
        """Whether some literal part holds a letter: a family of bare numbers or dates ("12",
        "March 3, 2025") says nothing about a site and is never learned."""
        return _LETTER.search(self.literal) is not None


class Families:
    """Turns lines into families; compiled once from the vocabularies of the rule set."""

    def __init__(self, vocabularies: Iterable[Vocabulary]) -> None:
        known = {vocabulary.name: vocabulary for vocabulary in vocabularies}
        alternatives = "|".join(f"(?P<{name}>{_expand(sub, known)})" for name, _, sub in VARIABLES)
        self._scanner = regex.compile(alternatives)

    @staticmethod
    @cache
    def default() -> Families:
        """The families of the built-in vocabularies."""
        return Families(load_rules().vocabularies)

    def family_of(self, line: str) -> Family:
        """The family of one line of repaired text."""
        key: list[str] = []
        pattern: list[str] = ["^"]
        literal: list[str] = []
        position = 0
        for found in self._scanner.finditer(line):
            if found.start() < position:
                continue
            before = line[position : found.start()]
            name = found.lastgroup or "number"
            placeholder, sub = next((mark, sub) for kind, mark, sub in VARIABLES if kind == name)
            key += [before, placeholder]
            pattern += [_escape(before), sub]
            literal.append(before)
            position = found.end()
        rest = line[position:]
        key.append(rest)
        pattern += [_escape(rest), "$"]
        literal.append(rest)
        return Family("".join(key), "".join(pattern), " ".join(part.strip() for part in literal).strip())


def _expand(source: str, vocabularies: Mapping[str, Vocabulary]) -> str:
    """A sub-pattern with its `{{name}}` vocabularies replaced by their groups."""
    problems: list[str] = []
    done = expand(source, vocabularies, lambda message, hint: problems.append(message))
    if done is None:  # the built-in vocabularies were left out of the rule set
        raise ValueError(f"learned patterns need the built-in vocabularies: {'; '.join(problems)}")
    return done


def _escape(text: str) -> str:
    r"""Literal text in a pattern: `re.escape` escapes spaces and "#" too, so the pattern reads
    the same with or without the verbose flag.

    >>> print(_escape("Most read #1"))
    Most\ read\ \#1
    """
    return re.escape(text)


def slug(family: Family) -> str:
    """The last part of a learned rule's id: the first words of the literal text, in ASCII.

    >>> slug(Families.default().family_of("Sign in to read 3 more stories"))
    'sign-in-to-read-more-stories'
    >>> slug(Families.default().family_of("Über uns"))
    'uber-uns'
    """
    ascii_text = unicodedata.normalize("NFKD", family.literal).encode("ascii", "ignore").decode()
    words = _SLUG_WORD.findall(ascii_text.lower())[:SLUG_WORDS]
    return "-".join(words) or "line"
