"""Repair: mojibake, entities, odd spaces and controls are fixed and counted; typography stays."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given
from properties import any_text

from cleaner.repair import TEXT_CONFIG, fix_surrogates, needs_ftfy, repair, repair_texts


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
