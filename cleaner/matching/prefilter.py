"""Prefilter: which rules can possibly match a line, in a few dictionary lookups.

Trying every rule on every line costs one regex call per rule per line, and a combined
alternation is no cheaper (the regex engines try its branches one after the other at every
position). Most rules, though, say what a match must look like in plain characters:

- a rule anchored at the start of the line can only match a line that begins with one of a
  few strings: `(?i)^(?:sign in|log in)` needs a line starting "sign " or "log i";
- any other rule needs at least one of a set of literals somewhere: `cookies?` needs "cookie".

This module reads each pattern once (with the standard library's regex parser, on a copy where
the `regex` module's Unicode classes are widened to "any letter"), and builds two indexes:
line starts (up to five characters, case-folded) to rules, and literals to rules. A line is
then tried only against the rules its start or its literals select, plus the few rules whose
patterns say nothing usable. Every selection is a superset of the rules that match: when the
reading of a pattern is unsure (syntax only the `regex` module has, fuzzy matching, POSIX
classes), the rule is always tried.

Case: both the patterns' literals and the line are compared case-folded (`fold`), whatever the
pattern's flags, which selects a superset. Under (?i) the `regex` module matches two characters
when their simple case foldings agree; then their full foldings (`str.casefold`) agree too, for
every code point but three, which `fold` writes as what they match (checked over all of
Unicode: for every cased character, every character (?i) matches it folds the same).

The literals of a length tier are looked for in one pass over the line, by an Aho–Corasick
automaton (pyahocorasick, in C): the cost follows the line's length, not the number of rules.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from cleaner import cache
from cleaner.label.features import remember

# Lines are keyed by their first five characters: three let a line through to a rule whose
# match it only shares a start with ("Company Town" to "comments"), and on the dev pages two
# in three of the rules so tried failed; six cost more lookups than they save searches.
PREFIX_LENGTH = 5
_SELECTIVE_LITERAL = 3  # a literal this long selects few lines
MAX_PREFIXES = 400  # more distinct starts than this: the reading stops at shorter ones
MAX_CLASS_LITERALS = 10  # a required class of at most this many characters is a requirement
REQUIREMENTS_KEPT = 2  # sets of literals a line must hold one of each of, per rule
DIGIT = "\0digit"  # requirement "some digit", checked with one regex search per line
# Lines whose candidates a prefilter keeps are shorter than this (a menu item, a share button;
# a long paragraph rarely comes again, and is not kept alive after its page).
RECENT_MAX_CHARS = 200

_UNICODE_CLASS = re.compile(r"\\p\{[^}]+\}")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# Braces that are not a repeat ({2}, {1,30}) after widening: fuzzy matching ({e<=1}) in the
# regex module, which the standard parser would read as literal text.
_POSIX_CLASS = re.compile(r"\[:\^?\w+:\]")
_ODD_BRACE = re.compile(r"(?<!\\)\{(?!\d*(?:,\d*)?\})")
_DIGIT = re.compile(r"\d")
# The same test for an ASCII line, where `\d` is 0-9: a range is tested twice as fast as the
# Unicode category, and most lines are ASCII.
_ASCII_DIGIT = re.compile(r"[0-9]")
_LAYOUT = " \t\n\r\v\f"  # what the standard parser skips in a verbose pattern
_VERBOSE = re.compile(r"\(\?[aiLmsu]*x[aiLmsux]*[:)]")

_FOLD_FIXES = {0x131: "i", 0x1DF95: "ss"}

# What the prefilter reads in a pattern: the starts a match must begin with, or else the
# literals it must contain (None: cannot tell; both None: the rule is tried on every line),
# and a second set of literals it must also contain, from another part of the pattern (None:
# none is known).
Reading = tuple[frozenset[str] | None, frozenset[str] | None, frozenset[str] | None]

Item = tuple[Any, Any]  # (opcode, argument): one item of the standard parser's reading
_ANY = None  # "cannot tell": a start or a requirement this reading cannot pin down
_CLOSED = "\0"  # marks a start that the reading stops extending


@dataclass(frozen=True, slots=True)
class LiteralIndex:
    """The literals one length tier's rules require, each with the rules (bits) that need it,
    in an Aho–Corasick automaton: one pass over the line finds every literal it holds, whatever
    the number of literals.

    A rule may need two sets of literals (a digit and "min" in "5 min read"): the line must
    hold one of each. Most rules tried on a line fail, and most of those fail on their second
    set: a line with a digit rarely says "min".
    """

    automaton: Any = None  # ahocorasick.Automaton: literal -> (bits, bits); None when none
    digit: tuple[int, int] = (0, 0)  # rules that need some digit (first, second)
    single: int = 0  # rules with one set of literals: their second is always there

    @classmethod
    def build(cls, firsts: dict[str, int], seconds: dict[str, int], single: int) -> LiteralIndex:
        """The index of the rules (bits) that need each literal first, or second."""
        digit = firsts.pop(DIGIT, 0), seconds.pop(DIGIT, 0)
        if not firsts and not seconds:
            return cls(None, digit, single)
        automaton = ahocorasick.Automaton()
        for literal in firsts.keys() | seconds.keys():
            automaton.add_word(literal, (firsts.get(literal, 0), seconds.get(literal, 0)))
        automaton.make_automaton()
        return cls(automaton, digit, single)

    def select(self, text: str, folded: str) -> int:
        """The rules whose required literals `folded` (the folded line) contains."""
        first = second = 0
        if self.automaton is not None:
            # Typed, so that compiled code unpacks the automaton's tuples as tuples, not as
            # iterables of any kind.
            found: Iterator[tuple[int, tuple[int, int]]] = self.automaton.iter(folded)
            for _, (needed_first, needed_second) in found:
                first |= needed_first
                second |= needed_second
        without_digit = first & (second | self.single)
        digit_first, digit_second = self.digit
        if not digit_first and not digit_second:
            return without_digit
        # The digit test is a regex call: made only when its answer changes the candidates.
        with_digit = (first | digit_first) & (second | digit_second | self.single)
        return with_digit if with_digit != without_digit and has_digit(text) else without_digit


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Candidate rules (indexes into the rule list, as bits of an int) for a line."""

    by_start: dict[str, int] = field(default_factory=dict)  # start -> bitmask of rules
    # Per length limit (ascending): the rules a line of at most that length may match, and the
    # index of the literals those rules require.
    limits: tuple[int, ...] = ()
    eligible: tuple[int, ...] = ()
    literals: tuple[LiteralIndex, ...] = ()
    always: int = 0  # rules tried on every line their length limit allows
    # The candidates of recent lines: a page prints its menu items and share buttons more than
    # once, pages of a batch share them, and the settle pass matches the page's lines again.
    recent: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls, patterns: Sequence[str], max_chars: Sequence[int | None], known: Mapping[str, Reading] = {}
    ) -> Prefilter:
        """Index rules by pattern; `max_chars` are their length limits (None: no limit);
        `known` holds readings of patterns made before (`readings`)."""
        by_start: dict[str, int] = {}
        firsts: dict[str, int] = {}
        seconds: dict[str, int] = {}
        always = single = 0
        for number, pattern in enumerate(patterns):
            bit = 1 << number
            starts, literals, also = known[pattern] if pattern in known else read(pattern)
            if starts is not _ANY:
                for start in starts:
                    by_start[start] = by_start.get(start, 0) | bit
                continue
            if literals is _ANY:
                always |= bit
                continue
            for literal in literals:
                firsts[literal] = firsts.get(literal, 0) | bit
            if also is _ANY:
                single |= bit
                continue
            for literal in also:
                seconds[literal] = seconds.get(literal, 0) | bit
        unlimited = sys.maxsize
        limits = tuple(sorted({limit or unlimited for limit in max_chars}))
        eligible = tuple(
            sum(1 << n for n, limit in enumerate(max_chars) if (limit or unlimited) >= low) for low in limits
        )
        indexes = tuple(
            LiteralIndex.build(_within(firsts, allowed), _within(seconds, allowed), single & allowed)
            for allowed in eligible
        )
        return cls(by_start, limits, eligible, indexes, always)

    def candidates(self, text: str) -> int:
        """A bitmask of the rules that may match `text` (never fewer than those that do, and
        none whose length limit `text` exceeds)."""
        known = self.recent.get(text)
        if known is not None:
            return known
        return remember(self.recent, text, text, self._candidates(text), RECENT_MAX_CHARS)

    def _candidates(self, text: str) -> int:
        tier = bisect_left(self.limits, len(text))
        if tier == len(self.limits):
            return 0
        folded = fold(text)
        start = start_key(folded)
        by_start = self.by_start
        # One lookup for each length of start, 1 to PREFIX_LENGTH, written out: a loop cost more.
        mask = (
            self.always
            | by_start.get(start[:1], 0)
            | by_start.get(start[:2], 0)
            | by_start.get(start[:3], 0)
            | by_start.get(start[:4], 0)
            | by_start.get(start, 0)
        )
        mask |= self.literals[tier].select(text, folded)
        return mask & self.eligible[tier]


def _within(by_literal: dict[str, int], allowed: int) -> dict[str, int]:
    """The literals with the rules among `allowed` that need them."""
    return {literal: bits & allowed for literal, bits in by_literal.items() if bits & allowed}


def read(pattern: str) -> Reading:
    """What the prefilter can tell of a pattern: the starts of its matches, when it is
    anchored and they are few, else the literals every match contains, and a second set of
    them from another part of the pattern."""
    tree = _parse(pattern)
    starts = _starts(tree) if tree is not None else _ANY
    if starts is not _ANY:
        return starts, _ANY, _ANY
    needed = _requirements(tree) if tree is not None else []
    return _ANY, (needed[0] if needed else _ANY), (needed[1] if len(needed) > 1 else _ANY)


def readings(patterns: Sequence[str]) -> dict[str, Reading]:
    """The readings of the patterns, from the cache (`cleaner.cache`, keyed on the patterns and
    this module's code) when it has them: reading the built-in patterns with the standard
    library's parser was a tenth of a small page's start-up."""
    key = cache.key_of([cache.code_bytes(__file__), *patterns])
    found: dict[str, Reading] = cache.cached(
        "prefilter", key, lambda: {pattern: read(pattern) for pattern in patterns}, _readings_valid
    )
    return found


def _readings_valid(value: object) -> bool:
    """Whether a cached value has the shape of `readings`' answer (a file is only trusted so far)."""
    return isinstance(value, dict) and all(
        isinstance(reading, tuple)
        and len(reading) == 3
        and all(part is None or isinstance(part, frozenset) for part in reading)
        for reading in value.values()
    )


def fold(text: str) -> str:
    """A line or a literal as the prefilter compares them: case-folded, with the three letters
    that (?i) matches differently from `str.casefold` (İ and ı match i, U+1DF95 matches ß)
    written as what they match."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    # Substring tests first: translate costs a dictionary lookup per character.
    if "\u0307" in folded:
        folded = folded.replace("i\u0307", "i")
    if "\u0131" in folded or "\U0001df95" in folded:
        folded = folded.translate(_FOLD_FIXES)
    return folded


def has_digit(text: str) -> bool:
    """Whether a text holds a decimal digit (what `\\d` matches, in any script).

    >>> has_digit("Page 2"), has_digit("\u0663 comments"), has_digit("No digits")
    (True, True, False)
    """
    return (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is not None


def start_key(folded: str) -> str:
    """The first characters of a folded line as the start index keys them: leading whitespace
    skipped, every decimal digit written "0" and every space " ".

    >>> start_key("  12 comments"), start_key("1\\t\\xa0day")
    ('00 co', '0  da')
    """
    head = folded.lstrip()[:PREFIX_LENGTH]
    if not head.isprintable():  # a tab, a no-break space (" " is the one printable space)
        head = "".join(" " if char.isspace() else char for char in head)
    # A few characters: a test of each is cheaper than a regex call. \d is what str.isdecimal is.
    for char in head:
        if char.isdecimal():
            return "".join("0" if char.isdecimal() else char for char in head)
    return head


def _key(code: int) -> str:
    """A literal character of a pattern as a start key writes it (may be two characters: ß)."""
    char = chr(code)
    return "0" if char.isdecimal() else " " if char.isspace() else fold(char)


def iter_bits(mask: int) -> Iterable[int]:
    """The indexes of the set bits of `mask`, lowest first (highest priority first)."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _parse(pattern: str) -> list[Item] | None:
    """The standard parser's reading of a widened copy of the pattern, or None if it has none.

    `\\p{…}` becomes `\\w` (a superset of every letter class, valid in and out of brackets);
    a pattern with a negated Unicode class `\\P{…}`, a POSIX class `[[:alpha:]]` or fuzzy
    matching `(?:x){e<=1}` is not read at all: the standard parser would misread them.
    """
    if _VERBOSE.match(pattern):
        pattern = _without_layout(pattern)
    if "\\P{" in pattern or _POSIX_CLASS.search(pattern):
        return None
    widened = _NAMED_GROUP.sub("(?:", _UNICODE_CLASS.sub(r"\\w", pattern))
    if _ODD_BRACE.search(widened.replace("\\N{", "\\N")):
        return None
    try:
        return list(sre_parse.parse(widened))
    except (re.error, RecursionError, OverflowError):
        return None


def _without_layout(pattern: str) -> str:
    r"""A verbose pattern without its layout: whitespace and `#` comments outside classes.

    The checks above read the pattern's text, and a comment that mentions `{` or `\P{` would
    send its rule to "always try"; the parser itself reads verbose patterns.

    >>> _without_layout("(?x)^sign\\ in  # or log in {x}\n | [ #]$")
    '(?x)^sign\\ in|[ #]$'
    """
    kept: list[str] = []
    position, length = 0, len(pattern)
    class_from = -1  # where the open character class began, -1 outside one
    while position < length:
        char = pattern[position]
        if char == "\\":
            kept.append(pattern[position : position + 2])
            position += 2
            continue
        if class_from >= 0:
            # A "]" right after "[" or "[^" is a member, not the end.
            if char == "]" and position > class_from + 1 and pattern[class_from + 1 : position] != "^":
                class_from = -1
            kept.append(char)
        elif char == "[":
            class_from = position
            kept.append(char)
        elif char == "#":
            newline = pattern.find("\n", position)
            position = length if newline < 0 else newline
            continue
        elif char not in _LAYOUT:
            kept.append(char)
        position += 1
    return "".join(kept)


def _starts(items: list[Item]) -> frozenset[str] | None:
    """The lowercased strings a match must begin with, when the pattern is anchored at `^`.

    A start may be shorter than PREFIX_LENGTH: a line is looked up by its first one to five
    characters, so a start "x" selects every line that begins with "x".
    """
    if not _anchored(items):
        return _ANY
    starts = _prefixes(items, frozenset({""}))
    cut = frozenset(start.rstrip(_CLOSED)[:PREFIX_LENGTH] for start in starts)
    return _ANY if not cut or "" in cut else cut


def _anchored(items: list[Item]) -> bool:
    for op, arg in items:
        if op is sre.AT:
            return arg is sre.AT_BEGINNING or arg is sre.AT_BEGINNING_STRING
        if op is sre.SUBPATTERN:
            return _anchored(list(arg[3]))
        if op is sre.BRANCH:
            return all(_anchored(list(branch)) for branch in arg[1])
        return False
    return False


def _closed(head: str) -> bool:
    """A head that needs no more characters: full length, or closed after a repetition."""
    return len(head) >= PREFIX_LENGTH or head.endswith(_CLOSED)


def _prefixes(items: list[Item], heads: frozenset[str]) -> frozenset[str]:
    """Extend each head with what `items` can produce, up to PREFIX_LENGTH characters; when the
    heads grow too many, they close where they are (shorter starts select more lines)."""
    for op, arg in items:
        if all(_closed(head) for head in heads):
            return heads
        extended = _extend(op, arg, heads)
        if len(extended) > MAX_PREFIXES:
            return frozenset(head if _closed(head) else head + _CLOSED for head in heads)
        heads = extended
    return heads


def _extend(op: Any, arg: Any, heads: frozenset[str]) -> frozenset[str]:
    """Heads extended by one item; an item this reading cannot enumerate (a category such as
    `\\w`, a large class, a back-reference) closes them: they already start every match."""
    full = frozenset(head for head in heads if _closed(head))
    open_heads = heads - full
    closed = full | {head + _CLOSED for head in open_heads}
    if op is sre.LITERAL:
        return full | {_append(head, _key(arg)) for head in open_heads}
    if op is sre.AT or op is sre.ASSERT or op is sre.ASSERT_NOT:
        return heads  # consumes nothing
    if op is sre.SUBPATTERN:
        return _prefixes(list(arg[3]), heads)
    if op is sre.BRANCH:
        result: set[str] = set()
        for branch in arg[1]:
            result |= _prefixes(list(branch), heads)
        return frozenset(result)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        # A run of one character of a few (digits, spaces, a small class): every count of it.
        chars = _one_char(list(body))
        counted = _ANY if chars is _ANY else _repeated(open_heads, chars, low, high)
        if counted is not _ANY:
            return full | counted
        # One pass of the body starts every match that takes it; what later passes add only
        # lengthens starts that are already selective enough, so the heads close there.
        once = _prefixes(list(body), open_heads)
        taken = full | {head if _closed(head) else head + _CLOSED for head in once}
        return taken | open_heads if low == 0 else taken
    if op is sre.IN:
        chars = _class_keys(arg)
        if chars is _ANY:
            return closed
        return full | {_append(head, char) for head in open_heads for char in chars}
    return closed


def _repeated(heads: frozenset[str], chars: frozenset[str], low: int, high: int) -> frozenset[str] | None:
    """Heads extended by `low` to `high` passes of one of `chars` (all counts, up to where the
    heads are full); ANY when they grow too many."""
    found: set[str] = set()
    passes = 0
    while True:
        if passes >= low:
            found |= heads
        if passes == high or all(_closed(head) for head in heads):
            break
        longer = frozenset(head if _closed(head) else _append(head, char) for head in heads for char in chars)
        if len(longer) > MAX_PREFIXES:
            return _ANY
        if longer == heads:  # spaces at the start of a line, which its key skips
            break
        heads = longer
        passes += 1
    # More passes leave full heads (and skipped spaces) as they are.
    return frozenset(found | heads)


def _one_char(items: list[Item]) -> frozenset[str] | None:
    """The keys of the characters one pass of a repeated item can be, when a pass is one
    character: a literal, `\\d`, `\\s` or a small class; ANY otherwise."""
    if len(items) != 1:
        return _ANY
    op, arg = items[0]
    if op is sre.LITERAL:
        return frozenset({_key(arg)})
    return _class_keys(arg) if op is sre.IN else _ANY


# The categories a start key writes as one character (`_key` writes their members so).
_CATEGORY_KEYS = {sre.CATEGORY_DIGIT: "0", sre.CATEGORY_SPACE: " "}


def _class_keys(items: list[Item]) -> frozenset[str] | None:
    """The keys of the characters a small class matches: "0" for its digits, " " for its
    spaces, the others as they are (`[\\d,.]` is "0", ",", "."); ANY for any other class."""
    keys: set[str] = set()
    for op, arg in items:
        if op is sre.CATEGORY:
            key = _CATEGORY_KEYS.get(arg)
            if key is None:
                return _ANY
            keys.add(key)
    chars = _class_chars([item for item in items if item[0] is not sre.CATEGORY], _key)
    if chars is _ANY:
        return _ANY
    return frozenset(keys | chars) or _ANY


def _append(head: str, char: str) -> str:
    """A head extended by a character's key; a line's key skips its leading whitespace, so
    spaces at the start of a match add nothing."""
    return head if head == "" and char == " " else head + char


def _folded(code: int) -> str:
    return fold(chr(code))


def _class_chars(items: list[Item], spell: Callable[[int], str] = _folded) -> frozenset[str] | None:
    """The characters of a small, plain character class, as `spell` writes them; ANY otherwise."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(spell(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < 30:
            chars.update(spell(code) for code in range(arg[0], arg[1] + 1))
        else:
            return _ANY
    return frozenset(chars)


def _requirements(items: list[Item]) -> list[frozenset[str]]:
    """Sets of lowercased literals such that every match contains one of each, the cheapest
    first (`_rank`), at most REQUIREMENTS_KEPT of them; empty when none is known."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += _folded(arg)
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        found.extend(_requirements_of(op, arg))
    if run:
        found.append(frozenset({run}))
    # Sorting is stable: of two sets that rank the same, the one earlier in the pattern leads.
    distinct = [needed for needed in dict.fromkeys(found) if needed]
    return sorted(distinct, key=_rank, reverse=True)[:REQUIREMENTS_KEPT]


def _requirements_of(op: Any, arg: Any) -> list[frozenset[str]]:
    if op is sre.SUBPATTERN:
        return _requirements(list(arg[3]))
    if op is sre.BRANCH:
        # A match takes one branch, so it holds a literal of any one set of each branch: of
        # the union of the branches' cheapest sets, and of the union of their second ones.
        # A branch that needs nothing known makes the whole alternation need nothing.
        per_branch = [_requirements(list(branch)) for branch in arg[1]]
        return [frozenset().union(*sets) for sets in zip(*per_branch, strict=False)]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = arg
        return _requirements(list(body)) if low >= 1 else []
    if op is sre.ASSERT and arg[0] == 1:
        return _requirements(list(arg[1]))
    if op is sre.IN:
        if _digits_only(arg):
            return [frozenset({DIGIT})]
        chars = _class_chars(arg)
        return [chars] if chars is not _ANY and len(chars) <= MAX_CLASS_LITERALS else []
    return []


def _digits_only(items: list[Item]) -> bool:
    """Whether a class matches nothing but ASCII digits (`\\d` on a line of ASCII, `[0-9]`)."""
    return bool(items) and all(
        (op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT) or (op is sre.RANGE and arg == (48, 57))
        for op, arg in items
    )


def _rank(literals: frozenset[str]) -> tuple[bool, int, int]:
    """How cheap a requirement is, higher first: literals of three characters or more before
    shorter ones (they select fewer lines), then fewer literals, then longer ones."""
    shortest = min(map(len, literals))
    return (shortest >= _SELECTIVE_LITERAL, -len(literals), shortest)
