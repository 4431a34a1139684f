"""Content: classify the blocks that no rule decided, from their text alone, jusText-style.

A block of running text is long, full of stopwords (the function words of its language, from
the stoplists that ship with jusText) and ends like a sentence; menu items, headline lists,
names, dates and buttons are short, or long but poor in stopwords. The neighbours of a block
are the region finder's business (`cleaner.region`), not this module's.

Languages without spaces or stoplists (Chinese, Japanese, …) are scored without stopwords.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import regex
from justext import get_stoplist

from cleaner.features import ends_sentence

# Stoplists compared to find a document's language: the languages of European and major
# world news sites. Loading all hundred of jusText's lists would cost half a second.
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
SHORT_SENTENCE_MIN_WORDS = 4

_WORD = regex.compile(r"\w+")
_LOCK = threading.Lock()


class ContentClass(StrEnum):
    """What a block's text looks like (jusText's classes)."""

    GOOD = "good"  # running text
    NEAR_GOOD = "near-good"  # borderline: decided by its neighbours
    SHORT = "short"  # too short to tell: decided by its neighbours
    BAD = "bad"  # a list, a name, a menu: boilerplate


@dataclass(frozen=True, slots=True)
class Stopwords:
    """The stoplist chosen for a document; `words` is empty when no language fits."""

    language: str | None
    words: frozenset[str]

    def density(self, text: str) -> float:
        """The share of a text's words that are stopwords (1.0 when there is no stoplist)."""
        if not self.words:
            return 1.0
        # Soft hyphens split words; numbers (scores, prices, dates) are no words of a language.
        tokens = [t for t in _WORD.findall(text.lower().replace("\xad", "")) if not t.isdigit()]
        if not tokens:
            return 0.0
        return sum(1 for token in tokens if token in self.words) / len(tokens)


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    with _LOCK:
        return {language: frozenset(get_stoplist(language)) for language in LANGUAGES}


def detect_stopwords(texts: Sequence[str]) -> Stopwords:
    """The stoplist that covers most words of the longest texts, or none if none fits."""
    sample: list[str] = []
    for text in sorted(texts, key=len, reverse=True):
        sample.extend(_WORD.findall(text.lower().replace("\xad", "")))
        if len(sample) >= SAMPLE_WORDS:
            break
    if not sample:
        return Stopwords(None, frozenset())
    counts = Counter(sample)
    lists = _stoplists()
    hits = {
        language: sum(n for word, n in counts.items() if word in words) for language, words in lists.items()
    }
    best = max(hits, key=lambda language: hits[language])
    if hits[best] < MIN_LANGUAGE_SHARE * len(sample):
        return Stopwords(None, frozenset())
    return Stopwords(best, lists[best])


def classify(text: str, stopwords: Stopwords) -> ContentClass:
    """The class of a block from its own text (jusText's context-free pass)."""
    density = stopwords.density(text)
    length = len(text)
    if length < LENGTH_LOW:
        if (
            ends_sentence(text)
            and len(text.split()) >= SHORT_SENTENCE_MIN_WORDS
            and density >= STOPWORDS_HIGH
        ):
            return ContentClass.NEAR_GOOD  # "He declined to comment."
        return ContentClass.SHORT
    if density >= STOPWORDS_HIGH:
        return ContentClass.GOOD if length > LENGTH_HIGH else ContentClass.NEAR_GOOD
    if density >= STOPWORDS_LOW:
        return ContentClass.NEAR_GOOD
    return ContentClass.BAD
