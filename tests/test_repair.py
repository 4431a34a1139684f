"""Repair: mojibake, entities, odd spaces and controls are fixed and counted; typography stays."""

from __future__ import annotations

from collections import Counter

import ftfy
import pytest
from ftfy.badness import BADNESS_RE
from hypothesis import given
from hypothesis import strategies as st
from properties import any_text

from cleaner.read import repair as repair_module
from cleaner.read.repair import (
    _BADNESS_MARKS,
    _MOJIBAKE_CHARS,
    HTML_CONFIG,
    TEXT_CONFIG,
    fix_surrogates,
    needs_ftfy,
    needs_spacing,
    repair,
    repair_texts,
)

# Clean news words in the languages we serve, with their typography.
CLEAN_WORDS = [
    "Trump’s", "“quoted”", "‘single’", "—", "–", "…", "café", "naïve", "Grüße", "Straße", "schön",
    "Müller", "l’été", "français", "ñandú", "¿Qué?", "¡Sí!", "€20", "£5", "©", "®", "™", "°C",
    "½", "×", "«guillemets»", "„Zitat“", "Zürich", "São", "Øresund", "Łódź", "İstanbul", "Ελλάδα",
    "Москва", "日本語", "emoji 😀", "plain", "ASCII,", "text.", "42",
]  # fmt: skip
ENCODINGS = ["cp1252", "latin-1", "macroman", "cp1251", "cp1253", "cp1257", "cp437", "iso-8859-2"]
ENTITIES = ["&rsquo;", "&amp;", "&#233;", "&eacute;", "&nbsp;", "&lt;b&gt;", "&#x2014;", "AT&T"]


def mojibake(word: str, encoding: str) -> str:
    """A word's UTF-8 bytes read in another encoding, as a misconfigured scraper reads them."""
    return word.encode("utf-8").decode(encoding, errors="replace")


news_word = st.one_of(
    st.sampled_from(CLEAN_WORDS),
    st.builds(mojibake, st.sampled_from(CLEAN_WORDS), st.sampled_from(ENCODINGS)),
    st.sampled_from(ENTITIES),
    st.sampled_from([chr(code) for code in range(0x80, 0xA0)]),  # cp1252 bytes read as Latin-1
    st.sampled_from(_MOJIBAKE_CHARS),  # every character ftfy's badness test looks at
    st.characters(exclude_categories=["Cs"]),
)
news_line = st.lists(news_word, max_size=12).flatmap(
    lambda words: st.sampled_from(["", " "]).map(lambda glue: " ".join(words).replace(" ", glue or " ", 1))
)
news_text = st.lists(st.one_of(news_line, any_text), max_size=6).map("\n".join)


def fixes(text: str) -> dict[str, int]:
    return {item.fix: item.count for item in repair(text).repairs}


def test_clean_text_is_untouched_and_nothing_is_recorded() -> None:
    text = "A clean line.\nAnother “curly” one, with an apostrophe’s worth."
    result = repair(text)
    assert result.text == text
    assert result.repairs == ()


def test_mojibake_is_fixed_and_counted_per_line() -> None:
    result = repair("Trumpâ€™s war\nMexicoâ€™s cartels\nclean line")
    assert result.text == "Trump’s war\nMexico’s cartels\nclean line"
    assert fixes("Trumpâ€™s war\nMexicoâ€™s cartels") == {"mojibake": 2}


def test_curly_quotes_are_kept() -> None:
    assert repair("“Quoted,” she said. It’s fine.").text == "“Quoted,” she said. It’s fine."


def test_html_entities_are_decoded_in_text_input() -> None:
    assert repair("Trump&rsquo;s &ldquo;war&rdquo; &amp; more").text == "Trump’s “war” & more"


def test_html_entities_stay_in_text_taken_from_html() -> None:
    fixed, _ = repair_texts(["Use &amp; in URLs"], from_html=True)
    assert fixed == ["Use &amp; in URLs"]


def test_line_endings_become_lf() -> None:
    result = repair("one\r\ntwo\rthree\u2028four")
    assert result.text == "one\ntwo\nthree\nfour"
    assert fixes("one\r\ntwo") == {"line-endings": 1}


def test_odd_spaces_zero_width_and_runs_of_spaces_are_normalised() -> None:
    result = repair("Sign in or\u00a0 create\u200b a\tfree  account \u00a0")
    assert result.text == "Sign in or create a free account"
    assert {"odd-spaces", "zero-width", "whitespace"} <= set(fixes("a\u00a0b\u200bc  d"))


def test_joiners_are_kept_and_soft_hyphens_removed() -> None:
    assert repair("Bundes\u00adtag 👩\u200d🔬").text == "Bundestag 👩\u200d🔬"


def test_control_characters_and_terminal_escapes_are_removed() -> None:
    assert repair("\x1b[31mred\x1b[0m text\x07 here").text == "red text here"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("\x1b]0;build log\x07Pier vote passes", "Pier vote passes"),  # window title (OSC)
        ("\x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\ text", "link text"),  # hyperlink (OSC 8)
        ("\x1b[?25lhidden cursor\x1b[?25h", "hidden cursor"),  # private CSI parameters
        ("\x1b(Bcharset \x1b[1;31;40mbold\x1b[K", "charset bold"),  # charset, colours, erase
        ("\x1b]unterminated title", "unterminated title"),  # only the escape itself goes
    ],
)
def test_every_kind_of_terminal_escape_sequence_is_removed(line: str, text: str) -> None:
    assert repair(line).text == text
    assert fixes(line) == {"terminal-escapes": 1}


def test_a_form_feed_inside_a_line_is_spacing() -> None:
    assert repair("one\x0ctwo").text == "one two"


@pytest.mark.parametrize(
    "text",
    [
        "&nbsp;Ã©",  # the NBSP hides the mojibake from ftfy until the spacing fix removes it
        "Â\x0c0",  # the form feed turns into a space that ftfy then reads as mojibake
        "Trumpâ€™s\xa0 war",
    ],
)
def test_repairing_a_repaired_text_changes_nothing(text: str) -> None:
    once = repair(text)
    assert repair(once.text) == type(once)(once.text, ())


def test_surrogates_become_characters_or_replacement_characters() -> None:
    assert fix_surrogates("emoji \ud83d\ude00, lone \ud800 and \udcff") == "emoji 😀, lone \ufffd and \ufffd"
    text = "nothing to do"
    assert fix_surrogates(text) is text


@pytest.mark.parametrize(
    "line",
    [
        "plain ascii",
        "Café “quoted” — dash",
        "Trumpâ€™s",
        "&rsquo; entity",
        "C1 \x92 control",
        "NFD cafe\u0301",
        "ESC \x1b[0m",
        "ÃƒÂ© double",
        "Ünïcödé ist schön, oder?",
    ],
)
def test_skipping_ftfy_never_changes_the_result(line: str) -> None:
    fixed = ftfy.fix_text(line, TEXT_CONFIG)
    if not needs_ftfy(line):
        assert fixed == line


@given(text=any_text)
def test_repair_is_idempotent_for_any_text(text: str) -> None:
    """What repair leaves, repair leaves alone: no fix is undone or newly enabled by another."""
    once = repair(text)
    assert repair(once.text) == type(once)(once.text, ())


@given(line=news_line)
def test_where_ftfy_is_skipped_ftfy_would_change_nothing(line: str) -> None:
    """The fast path's promise, against ftfy itself, on clean, mojibake, cp1252 and entity-laden
    lines and on lines of the very characters ftfy's badness test looks at."""
    if not needs_ftfy(line):
        assert ftfy.fix_text(line, TEXT_CONFIG) == line
        assert ftfy.fix_text(line, HTML_CONFIG) == line


@given(text=news_text)
def test_repair_gives_what_it_gives_with_ftfy_on_every_line(text: str) -> None:
    """Skipping lines (`_flagged_lines`) and skipping ftfy or spacing on a line change nothing."""
    fast = repair(text)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(repair_module, "needs_ftfy", lambda line: True)
        patched.setattr(repair_module, "needs_spacing", lambda line: True)
        patched.setattr(repair_module, "_flagged_lines", lambda text, lines: range(len(lines)))
        slow = repair(text)
    assert fast == slow


@given(line=st.one_of(news_line, any_text))
def test_where_spacing_is_skipped_it_would_change_nothing(line: str) -> None:
    if not needs_spacing(line):
        fixes: set[str] = set()
        assert repair_module._respace(line, fixes) == line and not fixes


@pytest.mark.parametrize(
    "line",
    [
        "Trump’s “plan” — a café for the naïve, at €20 a cup.",
        "Müller sagte, es sei „eine große Überraschung“ gewesen.",
        "« C’est l’été », a déclaré la ministre à Paris.",
        "¿Qué pasó? El niño llegó a la estación a las 9.",
        "«Самые популярные блоги» — так назвал их журнал в прошлом году.",
        "Η Ελλάδα είναι μια χώρα της νότιας Ευρώπης, είπε ο υπουργός.",
    ],
)
def test_clean_lines_in_every_language_skip_ftfy(line: str) -> None:
    """The point of the fast path: ftfy has nothing to do here, and is not asked."""
    assert not needs_ftfy(line)


@given(line=st.from_regex(BADNESS_RE).filter(lambda line: "\n" not in line))
def test_every_line_ftfy_finds_bad_is_flagged_and_sent_to_ftfy(line: str) -> None:
    """Whatever ftfy's badness expression matches, anywhere in a line, passes both screens: the
    scan of the whole text flags the line, and `needs_ftfy` says yes."""
    assert needs_ftfy(line)
    assert repair_module._flagged_lines(line, [line]) == [0]


def test_the_letters_of_latin_and_cyrillic_are_no_badness_marks() -> None:
    """Marks are what makes `is_bad` cheap on a Cyrillic page: it looks only around them. (Greek
    μ is one: the expression names µ, and matches it without regard to case.)"""
    letters = [chr(code) for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0x410, 0x450)]]
    assert [letter for letter in letters if _BADNESS_MARKS.match(letter)] == []


@given(texts=st.lists(st.one_of(news_line, any_text), max_size=6))
def test_repairing_texts_gives_what_it_gives_with_every_text_repaired(texts: list[str]) -> None:
    """Skipping the texts that the scan of them all does not flag changes nothing."""
    fast = repair_texts(texts, from_html=True)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(repair_module, "_flagged_lines", lambda text, lines: range(len(lines)))
        slow = repair_texts(texts, from_html=True)
    assert fast == slow


def test_only_the_texts_the_scan_flags_are_repaired_one_by_one() -> None:
    texts = ["A clean paragraph.", "Trumpâ€™s plan", "", "two  spaces", "Another clean one."]
    repaired: list[str] = []
    original = repair_module._repair_line

    def recording(line: str, from_html: bool, counts: Counter[str]) -> str:
        repaired.append(line)
        return original(line, from_html, counts)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(repair_module, "_repair_line", recording)
        fixed, _ = repair_texts(texts, from_html=True)
    assert repaired == ["Trumpâ€™s plan", "two  spaces"]
    assert fixed == ["A clean paragraph.", "Trump’s plan", "", "two spaces", "Another clean one."]
