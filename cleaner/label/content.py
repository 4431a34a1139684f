"""Content: classify the blocks that no rule decided, from their text alone, jusText-style.

A block of running text is long, full of stopwords (the function words of its language, from
the stoplists that ship with jusText) and ends like a sentence; menu items, headline lists,
names, dates and buttons are short, or long but poor in stopwords. Its classes are the text
roles of the region finder (`cleaner.label.region.Role`); the neighbours of a block are that
module's business, not this one's.

Languages without spaces or stoplists (Chinese, Japanese, …) are scored without stopwords.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Final

import regex

from cleaner.cache import cached, code_bytes, file_bytes, key_of
from cleaner.label.features import ends_sentence, is_prose, looks_like_code, remember, words_of
from cleaner.label.region import BAD, GOOD, NEAR_GOOD, NEUTRAL, SHORT, Role

# Stoplists compared to find a document's language: the languages of European and major
# world news sites. Loading all hundred of jusText's lists would slow the first page down.
LANGUAGES = (
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Polish",
    "Russian", "Ukrainian", "Czech", "Slovak", "Swedish", "Danish", "Norwegian_Bokmal",
    "Finnish", "Hungarian", "Romanian", "Turkish", "Greek", "Indonesian", "Korean", "Arabic",
    "Persian", "Hebrew", "Vietnamese", "Croatian", "Serbian", "Bulgarian", "Catalan",
)  # fmt: skip


# jusText's defaults, in characters and stopword share.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
# A document whose best stoplist covers less than this share of its words has none.
MIN_LANGUAGE_SHARE = 0.08
SAMPLE_WORDS = 400
SAMPLE_CHARS = 16_000  # holds SAMPLE_WORDS words and more: a block of megabytes is not read whole
SHORT_SENTENCE_MIN_WORDS = 4
# A paragraph of sentences (`features.is_prose`) is running text with fewer stopwords than
# jusText asks of a line: dense reporting, German compounds, names and figures.
PROSE_STOPWORDS_LOW = 0.20
# A line of code this long or longer is neither running text nor a menu item: it goes with the
# text around it (a tutorial's listings), where a shorter one ("(3)", "<< >>") tells nothing.
CODE_MIN_CHARS = 20
DENSITY_CHARS = 100_000
# The script each stoplist's language is written in; the rest of LANGUAGES are Latin.
SCRIPTS = {
    "Russian": "Cyrillic", "Ukrainian": "Cyrillic", "Serbian": "Cyrillic", "Bulgarian": "Cyrillic",
    "Greek": "Greek", "Korean": "Hangul", "Arabic": "Arabic", "Persian": "Arabic", "Hebrew": "Hebrew",
}  # fmt: skip
_LETTER = regex.compile(r"\p{L}")
_SCRIPT_LETTERS = {
    script: regex.compile(rf"\p{{Script={script}}}")
    for script in ("Latin", "Cyrillic", "Greek", "Hangul", "Arabic", "Hebrew")
}
# A block is in another script than its document when fewer than this share of its letters are
# in the document's script: a verse quoted in Arabic, a name in Chinese characters.
OWN_SCRIPT_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Stopwords:
    """The stoplist chosen for a document; `words` is empty when no language fits."""

    language: str | None
    words: frozenset[str]

    def __hash__(self) -> int:
        # The stoplist names its language (no two languages share one), and a frozenset keeps
        # its hash: the hash `dataclass` writes builds and hashes a tuple, in Python, and every
        # cached `classify` of a page hashes its stoplist.
        return hash(self.words)

    def in_other_script(self, text: str) -> bool:
        """Whether most letters of a text are in another script than the stoplist's language,
        so that its stopwords say nothing about it.

        >>> Stopwords("Indonesian", frozenset({"dan"})).in_other_script("ﺎَﻣ ﻰَﺴَﻋ ْﻥَﺃ")
        True
        """
        if self.language is None:
            return False
        sample = text[:SAMPLE_CHARS]
        script = SCRIPTS.get(self.language, "Latin")
        if script == "Latin" and sample.isascii():
            return False  # every ASCII letter is a Latin one: no need to count them
        letters = len(_LETTER.findall(sample))
        own = _SCRIPT_LETTERS[script].findall(sample)
        return letters > 0 and len(own) < OWN_SCRIPT_MIN_SHARE * letters

    def density(self, text: str) -> float:
        """The share of a text's words that are stopwords (1.0 when there is no stoplist)."""
        if not self.words:
            return 1.0
        # Numbers (scores, prices, dates) are no words of a language. A block of megabytes is
        # measured on its start, which is as good a sample as the whole.
        words = self.words
        counted = stopwords = 0
        for token in _words(text[:DENSITY_CHARS]):
            if not token.isdigit():
                counted += 1
                stopwords += token in words
        return stopwords / counted if counted else 0.0


@cache
def _stoplist(language: str) -> frozenset[str]:
    """A candidate stoplist, loaded once (two threads racing here build equal lists)."""
    return get_stoplist(language)


def get_stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist of a language, read from its package data as jusText reads it (lower
    case, one word a line). The files are read without importing jusText, which imports lxml:
    the text path does not need the HTML stack."""
    path = _stoplist_path(language)
    return frozenset(word.lower() for word in path.read_text(encoding="utf-8").splitlines())


def _stoplist_path(language: str) -> Path:
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jusText's stoplists are missing: pip install justext")
    return Path(spec.submodule_search_locations[0]) / "stoplists" / f"{language}.txt"


@cache
def _languages_of_words() -> dict[str, tuple[int, ...]]:
    """For each stopword, the indexes in LANGUAGES of the stoplists that hold it. Kept on disk
    (`cleaner.cache`, under the stoplists' bytes and this module's): building it took a tenth
    of a small page's start-up."""
    stoplists = [file_bytes(_stoplist_path(name)) for name in LANGUAGES]
    key = key_of([code_bytes(__file__), *LANGUAGES, *stoplists])
    index: dict[str, tuple[int, ...]] = cached("stopwords", key, _index_stoplists, _is_index)
    return index


def _index_stoplists() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, language in enumerate(LANGUAGES):
        for word in _stoplist(language):
            index.setdefault(word, []).append(number)
    # Equal tuples made one object: marshal writes (and reads) each once, which reads the
    # cached index in two thirds of the time.
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    return {word: shared.setdefault(tuple(numbers), tuple(numbers)) for word, numbers in index.items()}


def _is_index(value: object) -> bool:
    """Whether a cached value is the index's type (marshal wrote it: it holds plain data)."""
    return isinstance(value, dict)


def detect_stopwords(texts: Sequence[str]) -> Stopwords:
    """The stoplist that covers most words of the longest texts, or none if none fits."""
    # Settling a text asks again for its page's lines: the answer is kept for the last pages.
    return _detect_stopwords(tuple(texts))


@lru_cache(maxsize=4)
def _detect_stopwords(texts: tuple[str, ...]) -> Stopwords:
    # A page's longest lines are mostly its story's, so the page's stoplist and its story's
    # language are often read off the same words: the answer is kept for the last samples too.
    return _stopwords_of(tuple(_sample(texts)))


@lru_cache(maxsize=4)
def _stopwords_of(sample: tuple[str, ...]) -> Stopwords:
    if not sample:
        return Stopwords(None, frozenset())
    hits = _language_hits(sample)
    best = max(range(len(LANGUAGES)), key=hits.__getitem__)
    if hits[best] < MIN_LANGUAGE_SHARE * len(sample):
        return Stopwords(None, frozenset())
    return Stopwords(LANGUAGES[best], _stoplist(LANGUAGES[best]))


def _language_hits(words: Sequence[str]) -> list[int]:
    """For each language of LANGUAGES (by index), how many of the words are its stopwords."""
    hits = [0] * len(LANGUAGES)
    index = _languages_of_words()
    for word, count in Counter(words).items():
        for number in index.get(word, ()):
            hits[number] += count
    return hits


def _sample(texts: Sequence[str]) -> list[str]:
    """The words of the longest texts, up to about SAMPLE_WORDS."""
    sample: list[str] = []
    for text in sorted(texts, key=len, reverse=True):
        # Numbers are no words of a language: a table of scores would outvote its sentences.
        sample.extend(word for word in _words(text[:SAMPLE_CHARS]) if not word.isdigit())
        if len(sample) >= SAMPLE_WORDS:
            break
    return sample


_WORDS: Final[dict[str, tuple[str, ...]]] = {}


def _words(text: str) -> tuple[str, ...]:
    """The lower-case words of a text; a soft hyphen does not split a word."""
    known = _WORDS.get(text)
    if known is not None:
        return known
    return remember(_WORDS, text, text, tuple(words_of(text.lower().replace("\xad", ""))))


_CLASSES: Final[dict[tuple[str, Stopwords], Role]] = {}


def classify(text: str, stopwords: Stopwords) -> Role:
    """What a block's text looks like, from its own text (jusText's context-free pass): one of
    the text roles GOOD, NEAR_GOOD (decided by its neighbours), SHORT (too short to tell) or BAD;
    NEUTRAL for a long block in another script than the document's, which its stoplist cannot
    judge: it goes with the text around it."""
    # Kept for recent short texts, as `features.remember` keeps its answers: the settle pass
    # classifies the printed article's lines again, with the same stoplist as a rule.
    key = (text, stopwords)
    known = _CLASSES.get(key)
    if known is not None:
        return known
    return remember(_CLASSES, key, text, _classify(text, stopwords))


def _classify(text: str, stopwords: Stopwords) -> Role:
    length = len(text)
    if length < LENGTH_LOW:
        if (
            ends_sentence(text)
            and len(text.split()) >= SHORT_SENTENCE_MIN_WORDS
            and stopwords.density(text) >= STOPWORDS_HIGH
        ):
            return NEAR_GOOD  # "He declined to comment."
        return NEUTRAL if length >= CODE_MIN_CHARS and looks_like_code(text) else SHORT
    density = stopwords.density(text)
    if density >= STOPWORDS_HIGH:
        return GOOD if length > LENGTH_HIGH else NEAR_GOOD
    if density >= STOPWORDS_LOW or (density >= PROSE_STOPWORDS_LOW and is_prose(text)):
        return NEAR_GOOD
    if stopwords.in_other_script(text) or looks_like_code(text) or _in_other_language(text, stopwords):
        return NEUTRAL
    return BAD


def _in_other_language(text: str, stopwords: Stopwords) -> bool:
    """Whether a text is running text in another language than the document's (a post or a
    quote embedded in the story, in the original): as full of another stoplist's words as
    running text is of its own. Its words say nothing about the story around it, for or against.
    """
    words = _sample([text])[:SAMPLE_WORDS]
    if len(words) < SHORT_SENTENCE_MIN_WORDS or stopwords.language is None:
        return False
    hits = _language_hits(words)
    others = [hits[number] for number, language in enumerate(LANGUAGES) if language != stopwords.language]
    return max(others) >= STOPWORDS_HIGH * len(words)
