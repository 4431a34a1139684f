"""Repair: fix broken text before any rule sees it, and record every fix.

The only importer of ftfy. ftfy runs with one explicit configuration that keeps the typography
of a news text (curly quotes, ligatures, full-width CJK characters). Most lines need no repair
and ftfy costs milliseconds per page even then, so a line goes through ftfy only when it holds
something ftfy could change; `needs_ftfy` is that test, and the tests check that skipping ftfy
never changes the result.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import ftfy
import regex
from ftfy.badness import is_bad

from cleaner.model import Repair

# ftfy's defaults straighten quotes and fold ligatures and full-width letters; a news text keeps
# its typography, and full-width characters are ordinary text in Chinese and Japanese.
TEXT_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    explain=True,
)
# Text extracted from HTML has had its entities decoded once already; a literal "&amp;" left in it
# was written by the page on purpose.
HTML_CONFIG = TEXT_CONFIG._replace(unescape_html=False)

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

# Characters one of ftfy's fixes acts on, by ftfy's own tables: "&" (entities), C0 and C1
# controls, ESC, surrogates, the deprecated format controls, BOM and interlinear annotations.
_FTFY_TRIGGER = regex.compile(r"[&\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufeff\ufff9-\ufffc\p{Cs}]")
_LINE_BREAK = regex.compile(r"\r\n?|[\u2028\u2029]")
_ODD_SPACE = regex.compile(r"[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break matching and search: zero-width spaces and soft hyphens
# (hyphenation hints that a reader never sees: "Mit\xadtel\xadal\xadter" is "Mittelalter").
# Joiners (U+200C, U+200D) stay: scripts and emoji sequences need them.
_ZERO_WIDTH = regex.compile(r"[\u200b\u2060\u180e\xad]")
_SPACE_RUN = regex.compile(r"[ \t\f\v]+")


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
    return is_bad(line) or not unicodedata.is_normalized("NFC", line)


def repair(text: str, *, from_html: bool = False) -> Repaired:
    """Repair encoding damage and spacing, line by line, counting the lines each fix changed."""
    counts: Counter[str] = Counter()
    config = HTML_CONFIG if from_html else TEXT_CONFIG
    unified, breaks = _LINE_BREAK.subn("\n", text)
    if breaks:
        counts["line-endings"] = breaks
    lines = [_repair_line(line, config, counts) for line in unified.split("\n")]
    repairs = tuple(Repair(fix, count) for fix, count in sorted(counts.items()))
    return Repaired("\n".join(lines), repairs)


def repair_texts(texts: list[str], *, from_html: bool = False) -> tuple[list[str], tuple[Repair, ...]]:
    """Repair separate one-line texts (HTML blocks, captions, metadata), counting as `repair` does."""
    counts: Counter[str] = Counter()
    config = HTML_CONFIG if from_html else TEXT_CONFIG
    fixed = [_repair_line(_LINE_BREAK.sub(" ", text), config, counts) for text in texts]
    return fixed, tuple(Repair(fix, count) for fix, count in sorted(counts.items()))


def _repair_line(line: str, config: ftfy.TextFixerConfig, counts: Counter[str]) -> str:
    if needs_ftfy(line):
        fixed, steps = ftfy.fix_and_explain(line, config)
        for name in {_fix_name(action, parameter) for action, parameter in steps or ()}:
            counts[name] += 1
        line = fixed
    return _repair_spacing(line, counts)


def _fix_name(action: str, parameter: str) -> str:
    """Our name for one step of ftfy's explanation: ("apply", "unescape_html") is html-entities."""
    name: str = _FTFY_STEP_NAMES.get(parameter) or _FTFY_STEP_NAMES.get(action) or parameter
    return name


def _repair_spacing(line: str, counts: Counter[str]) -> str:
    """Odd spaces become spaces, invisible characters go, runs of spaces and tabs become one."""
    if line.isascii() and "  " not in line and "\t" not in line and line == line.strip():
        return line
    spaced, odd = _ODD_SPACE.subn(" ", line)
    if odd:
        counts["odd-spaces"] += 1
    visible, invisible = _ZERO_WIDTH.subn("", spaced)
    if invisible:
        counts["zero-width"] += 1
    tidy = str(_SPACE_RUN.sub(" ", visible)).strip()
    if tidy != visible:
        counts["whitespace"] += 1
    return tidy
