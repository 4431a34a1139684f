"""Screen: tell with few regex calls whether any of a list of rules can match a line.

Most lines of a page match no rule, so the engine first asks a screen and tries the rules one
by one only on lines that pass it. The `regex` module tries the branches of an alternation one
after the other, at every position of the line, at a cost of about half a microsecond each even
when a branch fails on its first character; with a hundred rules that is most of the time spent
on a page of short lines. So the screen avoids trying what cannot match:

- a rule anchored at the start of the line (`^X`, or `(?i:^X)`) is tried at the start only,
  as `X`; and when X can only begin with certain characters (`(?i:sign in|log in)` begins with
  s, S, l or L), only on lines that begin with one of them;
- any other rule is tried only on lines that contain one of the texts every match of it
  contains (" inbox", "affiliate", "cookie", a news agency's name), which a substring test
  tells far faster than the regex engine.

The screen answers exactly as trying every rule would (tests/test_screen.py checks this on every
rule example and on any text). Where this module's short reading of a pattern is unsure, the
pattern takes the general, slower path; it never takes a shortcut it cannot justify.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

# A scoped flag group at the start of a pattern, as `rules.compile_pattern` writes (?i) patterns.
_FLAG_GROUP = regex.compile(r"\(\?([a-zA-Z]*):")
_GROUP = regex.compile(r"\((?:\?=|\?:|\?>|\?P<\w+>|\?(?P<flags>[a-zA-Z]+):)?")
# The quantifier after an item, greedy, lazy or possessive: ?, *, + or {m,n}.
_QUANTIFIER = regex.compile(r"(?:(?P<maybe>[?*])|\+|\{(?P<least>\d*)(?:,\d*)?\})[?+]?")
# Flags set for the whole pattern from its middle, fuzzy matching ({e<=1}) and literal braces
# change what the text of a pattern means: such patterns are not read. Braces after \p, \P or
# \N name a property or a character; all others must be repeats ({2}, {1,30}).
_GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")
_BRACED = regex.compile(r"(?<!\\[pPN])\{([^}]*)\}?")
_REPEAT = regex.compile(r"\d*(?:,\d*)?")
_CLASS_ESCAPES = set("dDwWsS")
_ZERO_WIDTH = set("^$")
_UNREAD = set("{}?*+)|")
_OTHER = "other"  # the key of the non-ASCII initials that begin no anchored rule

Texts = frozenset[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class Requirement:
    """Texts one of which every match of a pattern contains: ("cookie", True) means "cookie" in
    any case. A line with none of them cannot match, whatever the rest of the pattern says."""

    texts: Texts

    @property
    def exact(self) -> tuple[str, ...]:
        return tuple(text for text, folded in self.texts if not folded)

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(text for text, folded in self.texts if folded)


@dataclass(frozen=True, slots=True)
class _Gated:
    """A pattern tried only on lines that contain one of its required texts.

    Under (?i) the regex module folds case one character at a time, and a non-ASCII letter can
    match an ASCII one (the Kelvin sign matches k). A case-insensitive text holds only ASCII and
    caseless characters, and each character that (?i) matches to one of those casefolds to
    exactly it, so such a match is always found in the casefolded line.
    """

    exact: tuple[str, ...]
    folded: tuple[str, ...]
    pattern: regex.Pattern[str]
    anchored: bool  # tried at the start of the line only

    def matches(self, text: str, folded: str, timeout: float) -> bool:
        if not (any(map(text.__contains__, self.exact)) or any(map(folded.__contains__, self.folded))):
            return False
        found = self.pattern.match if self.anchored else self.pattern.search
        return found(text, timeout=timeout) is not None


class Screen:
    """Whether any of a tier's rules can match a line. Thread-safe."""

    def __init__(self, patterns: Sequence[str]) -> None:
        by_char: dict[str, list[str]] = {}
        lettered: list[str] = []  # anchored bodies that may begin with an ASCII letter
        always: list[str] = []  # anchored bodies that may begin with anything and need nothing
        open_: list[str] = []  # other patterns that need nothing
        gated: list[_Gated] = []
        for pattern in patterns:
            body = anchored_body(pattern)
            initials = first_chars(body) if body is not None else None
            if body is not None and initials is not None:
                for char in initials:
                    by_char.setdefault(char, []).append(body)
                if any(char.isascii() and char.isalpha() for char in initials):
                    lettered.append(body)
                continue
            need = requirement(pattern)
            if need is not None:
                compiled = regex.compile(body if body is not None else pattern)
                gated.append(_Gated(need.exact, need.folded, compiled, anchored=body is not None))
            elif body is not None:
                always.append(body)
            else:
                open_.append(pattern)
        self._by_char = {char: tuple(bodies) for char, bodies in by_char.items()}
        self._lettered = tuple(dict.fromkeys(lettered))
        self.always = combine(always)
        self.anywhere = combine(open_)
        self.gated = tuple(gated)
        self._starts: dict[str, regex.Pattern[str] | None] = {}
        self._lock = threading.Lock()

    def passes(self, text: str, timeout: float) -> bool:
        for start in (self.start_for(text[:1]), self.always):
            if start is not None and start.match(text, timeout=timeout) is not None:
                return True
        if self.anywhere is not None and self.anywhere.search(text, timeout=timeout) is not None:
            return True
        folded = text.casefold() if self.gated else text
        return any(gated.matches(text, folded, timeout) for gated in self.gated)

    def start_for(self, initial: str) -> regex.Pattern[str] | None:
        """The anchored rules that a line beginning with `initial` may match, combined (compiled
        on first use; there are as many as the characters rules begin with).

        An ASCII initial is taken as it is. Under (?i) a non-ASCII letter can match an ASCII
        one (the Kelvin sign matches k, the long s matches s), so a line with a non-ASCII
        initial also tries every rule that may begin with an ASCII letter.
        """
        key = initial if initial.isascii() or initial in self._by_char else _OTHER
        try:
            return self._starts[key]
        except KeyError:
            pass
        bodies = [*self._by_char.get(initial, ()), *(() if initial.isascii() else self._lettered)]
        try:
            start = combine(list(dict.fromkeys(bodies)))
        except regex.error:
            start = _EVERYTHING  # cannot combine: let every line through to the rules
        with self._lock:
            return self._starts.setdefault(key, start)


_EVERYTHING = regex.compile(r"")


def build_screen(patterns: Sequence[str]) -> Screen | None:
    """The screen of some patterns, or None when they cannot be combined (then no screen)."""
    try:
        return Screen(patterns)
    except regex.error:
        return None


def combine(patterns: Sequence[str]) -> regex.Pattern[str] | None:
    return regex.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None


def anchored_body(source: str) -> str | None:
    """A pattern without its `^`, when every match of it must start at the start of the line.

    That is `^X` or `(?flags:^X)` with no `|` at the top level of X: then the pattern matches a
    line exactly when X matches at its start. None for anything else, and for what this short
    reader does not follow (verbose or multi-line flags, comments, nested classes).

    >>> anchored_body("(?i:^sign in$)"), anchored_body("^a(b|c)"), anchored_body("(?i:^a|b)")
    ('(?i:sign in$)', '(?:a(b|c))', None)
    """
    depths = _depths(source)
    if depths is None:
        return None
    flags, top, body = "", 0, source
    wrapper = _FLAG_GROUP.match(source)
    if wrapper and source.endswith(")") and all(d > 0 for d in depths[1:-1] if d is not None):
        flags, top, body = wrapper.group(1), 1, source[wrapper.end() : -1]
        depths = depths[wrapper.end() : -1]
    if "x" in flags or "m" in flags or not body.startswith("^"):
        return None
    if any(char == "|" and depth == top for char, depth in zip(body, depths, strict=True)):
        return None
    return f"(?{flags}:{body[1:]})"


def first_chars(body: str) -> frozenset[str] | None:
    """The characters a match of an anchored body (as `anchored_body` gives) can begin with,
    both cases of ASCII letters under (?i); None when any character could, or when unsure.

    >>> sorted(first_chars("(?i:(?:sign in|log in)$)")), first_chars("(?:\\\\p{Lu}.*)")
    (['L', 'S', 'l', 's'], None)
    """
    depths = _depths(body)
    if depths is None or not _readable(body, depths):
        return None
    return _initials(body, depths, 0, len(body), 0, folded=False)


def requirement(pattern: str) -> Requirement | None:
    """Texts one of which every match of a pattern contains, read from its literal text; None
    when this short reader finds nothing certain (or does not follow the pattern).

    >>> sorted(requirement("(?i:(?=.*\\\\bcookies?\\\\b).{0,80}$)").texts)
    [('cookie', True)]
    >>> sorted(requirement("(?:AP|Reuters)/\\\\p{Lu}").texts), requirement("\\\\p{Lu}\\\\w+$")
    ([('AP', False), ('Reuters', False)], None)
    """
    depths = _depths(pattern)
    if depths is None or not _readable(pattern, depths):
        return None
    found = _needs(pattern, depths, 0, len(pattern), 0, folded=False)
    return Requirement(found) if found else None


def _readable(source: str, depths: list[int | None]) -> bool:
    """Whether no real (unescaped) group sets flags for the whole pattern, and every brace is a
    repeat or names a property or character."""
    global_flags = any(depths[found.start()] is not None for found in _GLOBAL_FLAGS.finditer(source))
    return not global_flags and all(_REPEAT.fullmatch(inner) for inner in _BRACED.findall(source))


def _branches(
    source: str, depths: list[int | None], start: int, end: int, level: int
) -> list[tuple[int, int]]:
    """The branches of `source[start:end]`, a sequence at group depth `level`."""
    cuts = [i for i in range(start, end) if source[i] == "|" and depths[i] == level]
    return list(zip([start, *(cut + 1 for cut in cuts)], [*cuts, end], strict=True))


def _initials(
    source: str, depths: list[int | None], start: int, end: int, level: int, folded: bool
) -> frozenset[str] | None:
    """First characters of a sequence: the union over its branches."""
    found: set[str] = set()
    for low, high in _branches(source, depths, start, end, level):
        branch = _branch_initials(source, depths, low, high, level, folded)
        if branch is None:
            return None
        found |= branch
    return frozenset(found)


def _branch_initials(
    source: str, depths: list[int | None], start: int, end: int, level: int, folded: bool
) -> frozenset[str] | None:
    """First characters of one branch: those of its first item that takes room, and when that
    item may be absent (?, *, {0,n}) those of the rest too. None when that item is anything but
    a literal, an escaped punctuation mark or a group, or the branch may be empty."""
    if start >= end:
        return None  # an empty branch matches the empty string
    token = _token(source, depths, start, end, level, folded)
    if token is None or token.kind in ("other", "class", "lookahead"):
        return None
    quantifier = _QUANTIFIER.match(source, token.end)
    after = quantifier.end() if quantifier is not None else token.end
    if token.kind == "empty":
        return _branch_initials(source, depths, after, end, level, folded)
    if token.kind == "literal":
        chars = {token.literal}
    else:
        inner = _initials(source, depths, token.inner[0], token.inner[1], level + 1, token.folded)
        if inner is None:
            return None
        chars = set(inner)
    if folded:
        if not all(char.isascii() or _caseless(char) for char in chars):
            return None  # a non-ASCII letter: its case variants are more than swapcase gives
        chars |= {char.swapcase() for char in chars}
    if quantifier is None or not _optional(quantifier):
        return frozenset(chars)
    rest = _branch_initials(source, depths, after, end, level, folded)
    return None if rest is None else frozenset(chars | rest)


def _needs(
    source: str, depths: list[int | None], start: int, end: int, level: int, folded: bool
) -> Texts | None:
    """The requirement of a sequence: every branch must have one, and their texts are the
    alternatives."""
    found: set[tuple[str, bool]] = set()
    for low, high in _branches(source, depths, start, end, level):
        branch = _branch_needs(source, depths, low, high, level, folded)
        if not branch:
            return None
        found |= branch
    return frozenset(found)


def _branch_needs(
    source: str, depths: list[int | None], start: int, end: int, level: int, folded: bool
) -> Texts | None:
    """The most selective requirement among a branch's items: runs of literal characters, and
    groups, positive lookaheads and classes that have one. An item followed by ?, * or {0,n}
    may be absent; negative lookarounds require nothing."""
    candidates: list[Texts] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({("".join(run), folded)}))
            run.clear()

    index = start
    while index < end:
        token = _token(source, depths, index, end, level, folded)
        if token is None:
            return None
        quantifier = _QUANTIFIER.match(source, token.end)
        optional = quantifier is not None and _optional(quantifier)
        readable = not folded or token.literal.isascii() or _caseless(token.literal)
        if token.kind == "literal" and not optional and readable:
            run.append(token.literal.casefold() if folded else token.literal)
            if quantifier is not None:  # "ab+c" holds "ab", then any number of b, then "c"
                close_run()
        else:
            close_run()
            item: Texts | None = None
            if token.kind in ("group", "lookahead"):
                item = _needs(source, depths, token.inner[0], token.inner[1], level + 1, token.folded)
            elif token.kind == "class":
                item = _class(token.literal, folded)
            if item and not optional:
                candidates.append(item)
        index = quantifier.end() if quantifier is not None else token.end
    close_run()
    return max(candidates, key=_selectivity, default=None)


@dataclass(frozen=True, slots=True)
class _Token:
    """One item of a pattern: a literal character; a group or positive lookahead (with the span
    of its contents and whether they are case-insensitive); a class (its members as `literal`);
    "other", one character of an unknown kind (., \\w, \\p{L}); "empty", no room taken (^, \\b,
    a negative lookaround)."""

    kind: Literal["literal", "group", "lookahead", "class", "other", "empty"]
    end: int
    literal: str = ""
    inner: tuple[int, int] = (0, 0)
    folded: bool = False


def _token(
    source: str, depths: list[int | None], index: int, end: int, level: int, folded: bool
) -> _Token | None:
    """The item of a pattern at `index`, or None for what this reader does not follow."""
    char = source[index]
    if char == "\\":
        escaped = source[index + 1 : index + 2]
        if escaped in ("p", "P") and source.startswith("{", index + 2):
            closing = source.find("}", index + 2)
            return None if closing < 0 else _Token("other", closing + 1)
        if escaped in ("b", "B"):
            return _Token("empty", index + 2)
        if escaped in _CLASS_ESCAPES:
            return _Token("other", index + 2)
        if escaped and not escaped.isalnum():
            return _Token("literal", index + 2, escaped)
        return None  # \\x41, \\1, \\N{…}, \\A, \\Z: not read
    if char == "[":
        closing = _class_end(source, index)
        return _Token("class", closing + 1, source[index + 1 : closing])
    if char == "(":
        group_end = next((i for i in range(index + 1, end) if source[i] == ")" and depths[i] == level), None)
        if group_end is None or source.startswith("(?(", index):
            return None
        if source.startswith(("(?!", "(?<=", "(?<!"), index):
            return _Token("empty", group_end + 1)
        group = _GROUP.match(source, index)
        if group is None or (group.end() == index + 1 and source.startswith("(?", index)):
            return None
        flags = group.group("flags") or ""
        if "-" in flags or "x" in flags:
            return None
        kind: Literal["group", "lookahead"] = "lookahead" if source.startswith("(?=", index) else "group"
        return _Token(kind, group_end + 1, inner=(group.end(), group_end), folded=folded or "i" in flags)
    if char in _ZERO_WIDTH:
        return _Token("empty", index + 1)
    if char == ".":
        return _Token("other", index + 1)
    if char in _UNREAD:
        return None  # a quantifier with nothing before it, or a brace
    return _Token("literal", index + 1, char)


def _optional(quantifier: regex.Match[str]) -> bool:
    """Whether a quantifier lets its item match nothing: ?, * and {0,n}."""
    least = quantifier.group("least")
    return quantifier.group("maybe") is not None or (least is not None and int(least or "0") == 0)


def _class_end(source: str, index: int) -> int:
    """The index of the ] closing the class opened at `index` ("[]…" and "[^]…" hold a ])."""
    position = index + 1
    if source.startswith("^", position):
        position += 1
    if source.startswith("]", position):
        position += 1
    while position < len(source) and source[position] != "]":
        position += 2 if source[position] == "\\" else 1
    return position


def _class(members: str, folded: bool) -> Texts | None:
    """A class of plain characters ([>»›→]) as alternatives; None for any other class."""
    if not members or members.startswith("^") or any(char in "\\-[" for char in members):
        return None
    if folded and not all(char.isascii() or _caseless(char) for char in members):
        return None
    return frozenset((char.casefold() if folded else char, folded) for char in members)


def _selectivity(texts: Texts) -> tuple[int, int]:
    """Longer texts are rarer in a line; fewer alternatives give fewer chances."""
    return (min(len(text) for text, _ in texts), -len(texts))


def _caseless(char: str) -> bool:
    """A character with no case at all (¿, ©, a digit), which (?i) matches only as itself."""
    return char.casefold() == char.lower() == char.upper() == char


def _depths(source: str) -> list[int | None] | None:
    """The group depth of each character of a pattern (None inside escapes and character
    classes; a parenthesis counts at the depth outside it); None when unsure how to read it."""
    depths: list[int | None] = []
    depth, index, in_class = 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            depths += [None, None]
            index += 2
            continue
        if in_class:
            if char == "[":
                return None  # a nested or POSIX class
            in_class = char != "]"
            depths.append(None)
        elif char == "[":
            in_class = True
            depths.append(None)
            for literal in ("^", "]"):  # "[^]…" and "[]…": a ] right after the opening is literal
                if source.startswith(literal, index + 1):
                    depths.append(None)
                    index += 1
        elif source.startswith("(?#", index):
            return None
        elif char == "(":
            depths.append(depth)
            depth += 1
        elif char == ")":
            depth -= 1
            depths.append(depth)
        else:
            depths.append(depth)
        index += 1
    return depths[: len(source)] if depth == 0 else None
