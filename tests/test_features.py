"""Features: measurements of one block's text."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.label.features import (
    _WORD_COUNTS,
    CACHED_MAX_CHARS,
    CACHED_TEXTS,
    CJK_FLOOR,
    CLOSERS,
    SENTENCE_END_CHARS,
    SENTENCE_MARKS,
    WORD,
    _ends_sentence,
    ends_sentence,
    is_prose,
    remember,
    word_count,
    words_of,
)

SCRIPTS_WITHOUT_SPACES = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# What "ends like a sentence" means: a final mark, then only closing quotes and brackets.
SENTENCE_END = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}][{regex.escape(CLOSERS)}]*$")


def test_no_han_hiragana_or_katakana_character_lies_below_the_cjk_floor() -> None:
    below = "".join(map(chr, range(ord(CJK_FLOOR))))
    assert SCRIPTS_WITHOUT_SPACES.search(below) is None


def test_words_are_counted_by_spaces_and_in_chinese_and_japanese_by_characters() -> None:
    assert word_count("The bridge reopened on “Monday”, über alles.") == 7
    assert word_count("武汉本来就是一个英雄的城市") == 6
    assert word_count("ひらがな カタカナ") == 4
    assert word_count("Ein Satz mit — Gedankenstrich und ⅓ Brüchen") == 8


def test_prose_is_long_and_ends_like_a_sentence() -> None:
    sentence = "The board voted on Tuesday to rebuild the north pier, its chairwoman said. " * 3
    assert is_prose(sentence.strip())
    assert not is_prose("The board voted.")
    assert ends_sentence("He declined to comment.”")
    assert not ends_sentence("More from the Ledger")


def test_a_measure_is_kept_for_short_texts_only_and_for_a_bounded_number() -> None:
    memo: dict[str, int] = {}
    long_text = "x" * CACHED_MAX_CHARS
    assert remember(memo, "short", "short", 5) == 5
    assert remember(memo, long_text, long_text, len(long_text)) == len(long_text)
    assert memo == {"short": 5}  # a long text is measured each time, and held by nobody
    for number in range(CACHED_TEXTS):
        remember(memo, str(number), str(number), number)
    assert 0 < len(memo) <= CACHED_TEXTS
    assert "short" not in memo  # a full memo started over


def test_a_measure_is_answered_from_the_memo() -> None:
    word_count("Five words in this line")
    _WORD_COUNTS["Five words in this line"] = 99  # what the memo holds is the answer
    try:
        assert word_count("Five words in this line") == 99
    finally:
        _WORD_COUNTS.clear()


@given(st.text(alphabet=SENTENCE_MARKS + CLOSERS + "ab \n", max_size=80))
def test_a_sentence_end_is_what_the_expression_finds_in_the_last_characters(text: str) -> None:
    end = text[-SENTENCE_END_CHARS:]
    assert _ends_sentence(end) == (SENTENCE_END.search(end) is not None)


@given(
    st.one_of(
        st.text(alphabet="ab,. ", max_size=20),
        st.text(alphabet="ab1., \t\n\x0b\x0c\r\x1c\x1f\xa0", max_size=30),
    )
)
def test_an_ascii_or_latin_text_counts_the_words_split_finds(text: str) -> None:
    assert word_count(text) == len(text.split())


@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_the_words_of_a_text_are_what_the_word_pattern_finds(text: str) -> None:
    # ASCII text takes another path (a byte table and a split): it must find the same words.
    assert words_of(text) == WORD.findall(text)


def test_every_ascii_character_splits_or_joins_words_as_the_word_pattern_says() -> None:
    text = "".join(f"a{chr(code)}b " for code in range(128))
    assert words_of(text) == WORD.findall(text)
