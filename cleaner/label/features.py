"""Features: measurements of one block's text that the labelling passes reason with.

Pure functions of a string; no knowledge of pages, rules or labels.
"""

from __future__ import annotations

from typing import Final, TypeVar

import regex

from cleaner.limits import HOLD_GIL

K = TypeVar("K")
T = TypeVar("T")

# The labelling passes, and the settle pass after them, ask the same questions of the same
# lines many times a page: the answers for recent lines are kept. Bounded in entries, so a
# batch does not grow it, and in length, so it holds no huge line alive after its page.
CACHED_TEXTS = 4096
CACHED_MAX_CHARS = 2000


def remember(memo: dict[K, T], key: K, text: str, answer: T, max_chars: int = CACHED_MAX_CHARS) -> T:
    """`answer`, kept in `memo` under `key` when `text` is shorter than `max_chars`; a full memo
    (CACHED_TEXTS) starts over.

    A plain dictionary, not `functools.lru_cache`: a call through the cache's wrapper cost
    more than most of the measurements it keeps (a word count, a sentence end), and the
    questions come again within a page, so keeping the most recent answers gains nothing.
    """
    if len(text) < max_chars:
        if len(memo) >= CACHED_TEXTS:
            memo.clear()
        memo[key] = answer
    return answer


PROSE_MIN_CHARS = 150
# A word, as every measurement of words here counts it: a run of letters, digits or underscores.
WORD = regex.compile(r"\w+")
# The same in ASCII text, where `\w` is letters, digits and the underscore: every other byte
# made a space, the text's words are what `str.split` gives (`words_of`).
_ASCII_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_ASCII_NON_WORD_TO_SPACE = bytes(byte if byte in _ASCII_WORD_BYTES else 0x20 for byte in range(256))
SENTENCE_END_CHARS = 64  # a sentence's final mark and the closing quotes and brackets after it
SENTENCE_MARKS = ".!?…。！？؟।"
CLOSERS = "\"'”’»)]」』"  # what may follow a sentence's final mark


_ENDS_SENTENCE: Final[dict[str, bool]] = {}


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (closing quotes and brackets allowed).

    >>> ends_sentence("He declined to comment.”")
    True
    >>> ends_sentence("More from the Ledger")
    False
    """
    known = _ENDS_SENTENCE.get(text)
    if known is not None:
        return known
    return remember(_ENDS_SENTENCE, text, text, _ends_sentence(text[-SENTENCE_END_CHARS:]))


def _ends_sentence(end: str) -> bool:
    """Whether the end of a text is a sentence's final mark with only closers after it (what a
    search of `[marks][closers]*$` finds, without a regex call: its fixed cost was most of it)."""
    if end.endswith("\n"):
        end = end[:-1]  # `$` matches before a final line break too
    before = end.rstrip(CLOSERS)
    return before != "" and before[-1] in SENTENCE_MARKS


def is_prose(text: str) -> bool:
    """A paragraph of running text: long enough and ending like a sentence."""
    return len(text) >= PROSE_MIN_CHARS and ends_sentence(text)


_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# Han, Hiragana and Katakana all lie at or above U+2E80; a search for that range is much
# faster than one for the script properties, and settles most texts.
CJK_FLOOR = "\u2e80"
_MAYBE_CJK = regex.compile(f"[{CJK_FLOOR}-\U0010ffff]")
CJK_CHARS_PER_WORD = 2


_WORD_COUNTS: Final[dict[str, int]] = {}


def words_of(text: str) -> list[str]:
    """The words of a text (`WORD`), in order.

    >>> words_of("Re-opened: the bridge, in 2024."), words_of("Über die Brücke")
    (['Re', 'opened', 'the', 'bridge', 'in', '2024'], ['Über', 'die', 'Brücke'])
    """
    if text.isascii():
        # A byte table and a split: two thirds of the time of a regex scan for the class of the
        # word characters (the standard library's, itself faster than the regex module's `\w+`).
        return text.encode().translate(_ASCII_NON_WORD_TO_SPACE).decode().split()
    # findall(text, pos, endpos, overlapped, concurrent): see `limits.HOLD_GIL`.
    words: list[str] = WORD.findall(text, None, None, False, HOLD_GIL)
    return words


def word_count(text: str) -> int:
    """Words in a text; Chinese and Japanese, written without spaces, count a word per two characters.

    >>> word_count("The bridge reopened on Monday.")
    5
    >>> word_count("武汉本来就是一个英雄的城市")
    6
    """
    known = _WORD_COUNTS.get(text)
    if known is not None:
        return known
    return remember(_WORD_COUNTS, text, text, _word_count(text))


def _word_count(text: str) -> int:
    if _single_spaced(text):
        return text.count(" ") + 1  # what `len(text.split())` counts, without making the words
    spaced = len(text.split())
    if text.isascii() or _MAYBE_CJK.search(text) is None:
        return spaced
    cjk = len(_CJK.findall(text))
    return max(spaced, cjk // CJK_CHARS_PER_WORD) if cjk else spaced


def _single_spaced(text: str) -> bool:
    """Whether a text's only white space is single spaces between words: printable ASCII holds
    no other white space than the space."""
    return (
        text.isascii()
        and text.isprintable()
        and text[:1] != " "
        and text[-1:] != " "
        and text != ""
        and "  " not in text
    )


CODE_MIN_MARKS = 3
CODE_MIN_SHARE = 0.05
# Brackets, assignment, statement ends, comment and prompt signs, `&&`: what a line of source
# code or a shell command is full of, and running text, menus and lists of links are not.
_CODE_MARKS = regex.compile(r"[(){}\[\]=;<>#$&]")


_LOOKS_LIKE_CODE: Final[dict[str, bool]] = {}


def looks_like_code(text: str) -> bool:
    """Whether a line reads as source code or a command rather than words: at least one in
    twenty of its characters is a bracket, `=`, `;`, `<`, `>`, `#`, `$` or `&`.

    >>> looks_like_code('install.packages("ggplot2")  # install the package')
    True
    >>> looks_like_code("The mayor (a former teacher) said the vote was close.")
    False
    """
    known = _LOOKS_LIKE_CODE.get(text)
    if known is not None:
        return known
    marks = len(_CODE_MARKS.findall(text))
    code = marks >= CODE_MIN_MARKS and marks >= CODE_MIN_SHARE * len(text)
    return remember(_LOOKS_LIKE_CODE, text, text, code)
