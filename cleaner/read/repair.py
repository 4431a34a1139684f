"""Repair: fix broken text before any rule sees it, and record every fix.

The only importer of ftfy. ftfy runs with one explicit configuration that keeps the typography
of a news text (curly quotes, ligatures, full-width CJK characters). Most lines need no repair
and ftfy costs milliseconds per page even then, so a line goes through ftfy only when it holds
something ftfy could change; `needs_ftfy` is that test, and the tests check that skipping ftfy
never changes the result (tests/test_repair.py, against ftfy itself on clean, mojibake, cp1252
and entity-laden text).

ftfy changes a line only through one of its fixes. Those other than the encoding fix act on
characters the trigger below lists (taken from ftfy's own tables), or on text that is not in
NFC. The encoding fix first asks ftfy's `is_bad`, a regular expression of a few dozen
alternatives; every one of them needs a C1 control, one of Œ œ Ã Â, or two adjacent characters
of those the expression names (`_MOJIBAKE_CHARS`, read from the expression itself), and none is
longer than seven characters. A line of German or French has accented letters, and curly
quotes, but rarely two of them side by side, so for most lines that cheap test already says
no. Where it finds a pair ("ção" in Portuguese; any two letters of a Cyrillic or Greek line),
`is_bad` looks only at the few characters around the characters of which every match of the
expression holds one (`_BADNESS_MARKS`, also read from it: mostly symbols, rare letters and
quotes, not the letters of an alphabet), where a match would lie.

ftfy itself is imported on the first line it may change, not at start-up (its import was a
fifth of a small page's start-up): what the tests above read from its tables is kept in the
start-up cache (`cleaner.cache`, keyed on the bytes of ftfy's modules that hold the tables).
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from cleaner.cache import cached, code_bytes, file_bytes, key_of
from cleaner.model import Repair

if TYPE_CHECKING:
    import ftfy


@cache
def config(from_html: bool = False) -> ftfy.TextFixerConfig:
    """ftfy's configuration here (`TEXT_CONFIG`, and `HTML_CONFIG` for text from HTML)."""
    import ftfy

    # ftfy's defaults straighten quotes and fold ligatures and full-width letters; a news text
    # keeps its typography, and full-width characters are ordinary text in Chinese and Japanese.
    text = ftfy.TextFixerConfig(
        unescape_html=True,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        explain=True,
    )
    # Text extracted from HTML has had its entities decoded once already; a literal "&amp;" left
    # in it was written by the page on purpose.
    return text._replace(unescape_html=False) if from_html else text


def __getattr__(name: str) -> Any:
    """`TEXT_CONFIG` and `HTML_CONFIG`, made (and ftfy imported) when first asked for."""
    if name in ("TEXT_CONFIG", "HTML_CONFIG"):
        return config(from_html=name == "HTML_CONFIG")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_FTFY_STEP_NAMES = {
    "encode": "mojibake",
    "decode": "mojibake",
    "transcode": "mojibake",
    "unescape_html": "html-entities",
    "fix_c1_controls": "c1-controls",
    "fix_line_breaks": "line-endings",
    "fix_surrogates": "surrogates",
    "remove_terminal_escapes": "terminal-escapes",
    "remove_control_chars": "control-characters",
    "NFC": "unicode-normalization",
}


def _mojibake_chars(badness: sre_parse.SubPattern) -> str:
    """The non-ASCII characters that ftfy's badness expression (as the standard parser reads
    it, so a new ftfy version is read as it is) names, in its classes or as literals."""
    codes: set[int] = set()

    def collect(items: list[tuple[object, object]]) -> None:
        for op, arg in items:
            if op is sre.LITERAL:
                codes.add(arg)  # type: ignore[arg-type]
            elif op is sre.RANGE:
                codes.update(range(arg[0], arg[1] + 1))  # type: ignore[index]
            elif op is sre.IN:
                collect(arg)  # type: ignore[arg-type]
            elif op is sre.SUBPATTERN:
                collect(list(arg[3]))  # type: ignore[index]
            elif op is sre.BRANCH:
                for branch in arg[1]:  # type: ignore[index]
                    collect(list(branch))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                collect(list(arg[2]))  # type: ignore[index]

    collect(list(badness))
    return "".join(chr(code) for code in sorted(codes) if code > 0x7F)


# How often a character turns up in text, roughly, for choosing which characters to look for:
# spaces and the letters of the Latin, Greek and Cyrillic alphabets everywhere, ASCII digits and
# punctuation often, other letters (accented, rare) seldom, other symbols least.
_ALPHABET_LETTER = re.compile("[A-Za-z\u0391-\u03a9\u03b1-\u03c9\u0401\u0410-\u044f\u0451]")


def _commonness(chars: frozenset[str]) -> int:
    """How often a text holds one of `chars` or of their other cases, by the weights above."""
    variants = {variant for char in chars for variant in (char, char.lower(), char.upper())}
    return sum(_weight(variant) for variant in variants)


def _weight(char: str) -> int:
    if char.isspace() or _ALPHABET_LETTER.match(char):
        return 1000
    if char.isascii():
        return 100
    return 10 if char.isalpha() else 1


def _marks(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Characters of which every match of a parsed sequence holds one: of the sets its required
    single-character positions allow, the least common; None when no position is such a set."""
    options = [chars for op, arg in items if (chars := _position_chars(op, arg)) is not None]
    return min(options, key=_commonness, default=None)


def _position_chars(op: object, arg: object) -> frozenset[str] | None:
    """The characters one item of a parsed sequence must hold one of, or None (an optional or
    zero-width item, a category such as \\w, a negated class, a class of thousands)."""
    if op is sre.LITERAL:
        return frozenset(chr(arg))  # type: ignore[arg-type]
    if op is sre.IN:
        return _class_chars(arg)  # type: ignore[arg-type]
    if op is sre.SUBPATTERN:
        return _marks(list(arg[3]))  # type: ignore[index]
    if op is sre.BRANCH:
        branches = [_marks(list(branch)) for branch in arg[1]]  # type: ignore[index]
        if any(chars is None for chars in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:  # type: ignore[index]
        return _marks(list(arg[2]))  # type: ignore[index]
    return None


def _class_chars(items: list[tuple[object, object]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))  # type: ignore[arg-type]
        elif op is sre.RANGE and arg[1] - arg[0] < 4096:  # type: ignore[index]
            chars.update(map(chr, range(arg[0], arg[1] + 1)))  # type: ignore[index]
        else:
            return None
    return frozenset(chars)


def _ftfy_tables() -> dict[str, Any]:
    """What the tests here read from ftfy's tables and its badness expression, as plain data:
    from the cache, or from ftfy (imported for it) when the cache has no answer for these
    bytes of ftfy's modules."""
    spec = find_spec("ftfy")
    folder = Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None
    sources = [file_bytes(folder / name if folder else None) for name in ("chardata.py", "badness.py")]
    found: dict[str, Any] = cached("ftfy", key_of([code_bytes(__file__), *sources]), _read_ftfy, _has_tables)
    return found


def _read_ftfy() -> dict[str, Any]:
    from ftfy.badness import BADNESS_RE
    from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE

    badness = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    marks = _marks(list(badness))
    return {
        "controls": "".join(re.escape(chr(code)) for code in sorted(CONTROL_CHARS)),
        "entity": HTML_ENTITY_RE.pattern,
        "entity_flags": int(HTML_ENTITY_RE.flags),
        "mojibake": _mojibake_chars(badness),
        "marks": None if marks is None else "".join(sorted(marks)),
        "badness": BADNESS_RE.pattern,
        "badness_flags": int(BADNESS_RE.flags),
        "reach": badness.getwidth()[1],
    }


def _has_tables(value: object) -> bool:
    """Whether a cached value has the keys `_read_ftfy` writes (a file is only trusted so far)."""
    keys = {"controls", "entity", "entity_flags", "mojibake", "marks", "badness", "badness_flags", "reach"}
    return isinstance(value, dict) and set(value) == keys


_FTFY = _ftfy_tables()
# What one of ftfy's fixes acts on, by ftfy's own tables: an entity as it decodes them, line
# breaks (which `repair` has already split on), C1 controls, surrogates, and the control
# characters ftfy removes (C0, DEL, deprecated format controls, BOM, interlinear annotations).
# Character sets are written once, as class contents, and combined below.
_FTFY_CHARS = "\r\u2028\u2029\x80-\x9f\ud800-\udfff" + _FTFY["controls"]
_HTML_ENTITY = re.compile(_FTFY["entity"], _FTFY["entity_flags"])
_FTFY_TRIGGER = re.compile(f"{_FTFY['entity']}|[{_FTFY_CHARS}]")
_MOJIBAKE_CHARS: str = _FTFY["mojibake"]
# What every match of ftfy's badness expression contains (see the module's docstring).
_MOJIBAKE_ALONE = "\x80-\x9fŒœÃÂ"
_MOJIBAKE_SINGLE = re.compile(f"[{_MOJIBAKE_ALONE}]")
_MOJIBAKE_PAIR = re.compile(f"[{re.escape(_MOJIBAKE_CHARS)}]{{2}}")
# Characters of which every match of the badness expression holds one, matched with the
# expression's own case-insensitivity; None (look everywhere) if a future ftfy's expression
# does not say.
_MARK_CHARS: str | None = _FTFY["marks"]  # sorted
_BADNESS_MARKS = (
    re.compile(f"[{re.escape(_MARK_CHARS)}]", _FTFY["badness_flags"] & re.IGNORECASE)
    if _MARK_CHARS
    else re.compile(".", re.DOTALL)
)
# A match of the badness expression (at most 7 characters long in ftfy 6.3) lies within its
# length, on either side, of any character it holds.
_BADNESS_REACH: int = _FTFY["reach"]
# NEL (U+0085) is a line break too, unless it ends a UTF-8 sequence read as Latin-1 ("Ã\x85" is
# the mojibake of "Å"), which ftfy repairs.
_LINE_BREAK = regex.compile(r"\r\n?|[\u2028\u2029]|(?<![\x80-\xbf\xc2-\xf4])\x85")
_ODD_SPACE = regex.compile(r"[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break matching and search: zero-width spaces and soft hyphens
# (hyphenation hints that a reader never sees: "Mit\xadtel\xadal\xadter" is "Mittelalter").
# Joiners (U+200C, U+200D) stay: scripts and emoji sequences need them.
_ZERO_WIDTH = regex.compile(r"[\u200b\u2060\u180e\xad]")
_SPACE_RUN = regex.compile(r"[ \t\f\v]+")
# Inside a line, whatever `_repair_spacing` changes: odd spaces, invisible characters, tabs and
# runs of spaces (`needs_spacing` adds white space at either end).
_SPACING_CHARS = "\t\f\v\xa0\u1680\u2000-\u200b\u202f\u205f\u3000\u2060\u180e\xad"
_SPACING_TRIGGER = re.compile(f"[{_SPACING_CHARS}]| {{2}}")
# Scans of a whole text that find every line `needs_ftfy` or `needs_spacing` may say yes to
# (`_flagged_lines`): a single class for the `re` module, which scans for it at C speed (one
# combined alternation would try each branch at every position and cost more than ftfy), and
# literals for `str.find`. White space at either end of a line is a space there: every other
# character `str.isspace` knows is in the spacing class or among the ftfy triggers.
_FLAGGED_CHAR = re.compile(f"[{_FTFY_CHARS}{_MOJIBAKE_ALONE}{_SPACING_CHARS}]")
# Each with the line it flags: "\n " the one after the break.
_SPACING_TEXTS = (("  ", 0), (" \n", 0), ("\n ", 1))
# ftfy and the spacing fixes take turns on a line until it stops changing; the bound keeps a
# hostile line from looping (the property tests check that repairing twice changes nothing).
_MAX_ROUNDS = 3
# ECMA-48 escape sequences, the colours and cursor moves of text copied from a terminal: CSI
# (ESC [, parameters, final byte; also private ones such as "ESC [?25l", which ftfy's own fix
# leaves), OSC when terminated (ESC ], a window title, BEL or ESC \), and the short escapes
# (ESC ( B). What ftfy removes is a subset, so only one of the two ever counts a line.
_TERMINAL_ESCAPE = regex.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]"
)
# Surrogates are the only code points that a strict UTF-8 encoding refuses, and encoding runs
# at memory speed where a regex search takes a step a character (docs/performance.md); a long
# text is encoded in pieces of this many characters, to copy little.
_SURROGATE_PROBE = 1 << 20


@dataclass(frozen=True, slots=True)
class Repaired:
    """Repaired text (LF line endings) and the repairs made, by kind."""

    text: str
    repairs: tuple[Repair, ...]


def needs_ftfy(line: str) -> bool:
    """True when ftfy (as configured here) could change the line; False means it provably won't.

    >>> needs_ftfy("Plain ASCII text, nothing to do.")
    False
    >>> needs_ftfy("Trumpâ€™s war")
    True
    """
    if _FTFY_TRIGGER.search(line):
        return True
    if line.isascii():
        return False
    if not unicodedata.is_normalized("NFC", line):
        return True
    if _MOJIBAKE_SINGLE.search(line) is not None:
        return True
    if _MOJIBAKE_PAIR.search(line) is None:
        return False
    badness = _badness()
    return any(badness.search(line[start:end]) is not None for start, end in _around_marks(line))


@cache
def _badness() -> re.Pattern[str]:
    """ftfy's badness expression (`ftfy.badness.is_bad` is a search of it), compiled here from
    the cached tables on the first line that needs it: importing ftfy for it costs four times
    as much, and a page of curly quotes next to accented letters gets this far."""
    pattern: str = _FTFY["badness"]
    return re.compile(pattern, _FTFY["badness_flags"])


def _around_marks(line: str) -> list[tuple[int, int]]:
    """The stretches of a line within `_BADNESS_REACH` of a character of `_BADNESS_MARKS`,
    merged where they overlap."""
    stretches: list[tuple[int, int]] = []
    for mark in _BADNESS_MARKS.finditer(line):
        start, end = max(0, mark.start() - _BADNESS_REACH), mark.end() + _BADNESS_REACH
        if stretches and start <= stretches[-1][1]:
            start = stretches.pop()[0]
        stretches.append((start, end))
    return stretches


def repair(text: str, *, from_html: bool = False) -> Repaired:
    """Repair encoding damage and spacing, line by line, counting the lines each fix changed.

    Only the lines that one search of the whole text flags are looked at one by one: on a clean
    page that is none of them, and the text comes back as it is.
    """
    counts: Counter[str] = Counter()
    unified, breaks = _LINE_BREAK.subn("\n", text) if _has_line_breaks(text) else (text, 0)
    if breaks:
        counts["line-endings"] = breaks
    lines = unified.split("\n")
    flagged = _flagged_lines(unified, lines)
    for index in flagged:
        lines[index] = _repair_line(lines[index], from_html, counts)
    repairs = tuple(Repair(fix, count) for fix, count in sorted(counts.items()))
    return Repaired("\n".join(lines) if flagged else unified, repairs)


def _has_line_breaks(text: str) -> bool:
    """Whether `text` has line breaks other than LF (substring tests: faster than a search)."""
    return "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text


def _flagged_lines(text: str, lines: list[str]) -> list[int]:
    """The indexes of the lines of `text` that `needs_ftfy` or `needs_spacing` may hold true for
    (a superset: `_repair_line` asks them again)."""
    if not unicodedata.is_normalized("NFC", text):
        return list(range(len(lines)))
    flagged = _flagged_positions(text)
    if not flagged:
        return []
    starts = [0, *accumulate(len(line) + 1 for line in lines)]
    return sorted({bisect_right(starts, position) - 1 for position in flagged})


def _flagged_positions(text: str) -> list[int]:
    """Positions in `text` on the lines that may need ftfy or spacing (see `_flagged_lines`)."""
    found = [match.start() for match in _HTML_ENTITY.finditer(text)]
    if text[:1] == " ":
        found.append(0)
    if text[-1:] == " ":
        found.append(len(text) - 1)
    found.extend(match.start() for match in _FLAGGED_CHAR.finditer(text))
    for literal, line_after in _SPACING_TEXTS:
        # `str.find` runs at memory speed where a regex scan takes a step a character, and most
        # pages hold none of these
        position = text.find(literal)
        while position != -1:
            found.append(position + line_after)
            position = text.find(literal, position + len(literal))
    if not text.isascii():
        # A match of `is_bad` holds a mark and two adjacent mojibake characters, all within its
        # length; marks are rare even where pairs are everywhere (Cyrillic, Greek).
        for mark in _BADNESS_MARKS.finditer(text):
            position = mark.start()
            start, end = max(0, position - _BADNESS_REACH), position + _BADNESS_REACH + 1
            if _MOJIBAKE_PAIR.search(text, start, end) is not None:
                found.append(position)
    return found


def repair_texts(texts: list[str], *, from_html: bool = False) -> tuple[list[str], tuple[Repair, ...]]:
    """Repair separate one-line texts (HTML blocks, captions, metadata), counting as `repair` does.

    As in `repair`, one scan of the texts together (a line each) flags those that may need a
    fix, and the others (most texts of a page) come back as they are.
    """
    counts: Counter[str] = Counter()
    pieces = [_LINE_BREAK.sub(" ", text) if _has_line_breaks(text) else text for text in texts]
    joined = "\n".join(pieces)
    if joined.count("\n") == len(pieces) - 1:
        flagged = set(_flagged_lines(joined, pieces))
    else:  # a text with a line feed of its own (a code block's) would shift the lines
        flagged = set(range(len(pieces)))
    fixed = [
        _repair_line(piece, from_html, counts) if index in flagged else piece
        for index, piece in enumerate(pieces)
    ]
    return fixed, tuple(Repair(fix, count) for fix, count in sorted(counts.items()))


def fix_surrogates(text: str) -> str:
    """Text without surrogate code points: pairs become the character, lone ones U+FFFD.

    Python strings can hold them (a file name in an undecodable encoding, a str handed to the
    library), but UTF-8 and so JSON output cannot, and lxml stops parsing at the first one.

    >>> fix_surrogates("ok \\udcff"), fix_surrogates("fine")
    ('ok \ufffd', 'fine')
    """
    if not _has_surrogates(text):
        return text
    import ftfy.fixes

    fixed: str = ftfy.fixes.fix_surrogates(text)
    return fixed


def _has_surrogates(text: str) -> bool:
    """Whether a text holds a surrogate code point (a pair split between two pieces is two).

    >>> _has_surrogates("ok \\udcff"), _has_surrogates("fine, ünïcode ✓")
    (True, False)
    """
    for start in range(0, len(text), _SURROGATE_PROBE):
        try:
            text[start : start + _SURROGATE_PROBE].encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


def _repair_line(line: str, from_html: bool, counts: Counter[str]) -> str:
    """One line repaired until repairing it again would change nothing, each fix counted once.

    ftfy runs before the spacing fixes because an NBSP can be half of a mojibake sequence
    ("Ã\xa0" is "à"); but the spacing fixes can in turn leave something ftfy then fixes (mojibake
    that an NBSP or a control character hid), so ftfy and spacing take turns until neither
    changes the line. A repaired text must come out of a second repair unchanged.
    """
    fixes: set[str] = set()
    if "\x1b" in line:
        line, escapes = _TERMINAL_ESCAPE.subn("", line)
        if escapes:
            fixes.add("terminal-escapes")
    for _ in range(_MAX_ROUNDS):
        if needs_ftfy(line):
            import ftfy

            fixed, steps = ftfy.fix_and_explain(line, config(from_html))
            if fixed != line:  # ftfy lists steps that changed nothing too (a C1 byte with no cp1252 form)
                fixes.update(_fix_name(action, parameter) for action, parameter in steps or ())
            line = fixed
        spaced = _repair_spacing(line, fixes)
        if spaced == line or not needs_ftfy(spaced):
            line = spaced
            break
        line = spaced
    counts.update(fixes)
    return line


def _fix_name(action: str, parameter: str) -> str:
    """Our name for one step of ftfy's explanation: ("apply", "unescape_html") is html-entities."""
    name: str = _FTFY_STEP_NAMES.get(parameter) or _FTFY_STEP_NAMES.get(action) or parameter
    return name


def needs_spacing(line: str) -> bool:
    """True when `_repair_spacing` could change the line; False means it provably won't.

    >>> needs_spacing("One space each."), needs_spacing("two  spaces"), needs_spacing(" lead")
    (False, True, True)
    """
    return line[:1].isspace() or line[-1:].isspace() or _SPACING_TRIGGER.search(line) is not None


def _repair_spacing(line: str, fixes: set[str]) -> str:
    """Odd spaces become spaces, invisible characters go, runs of spaces and tabs become one."""
    return _respace(line, fixes) if needs_spacing(line) else line


def _respace(line: str, fixes: set[str]) -> str:
    spaced, odd = _ODD_SPACE.subn(" ", line)
    if odd:
        fixes.add("odd-spaces")
    visible, invisible = _ZERO_WIDTH.subn("", spaced)
    if invisible:
        fixes.add("zero-width")
    tidy = str(_SPACE_RUN.sub(" ", visible)).strip()
    if tidy != visible:
        fixes.add("whitespace")
    return tidy
