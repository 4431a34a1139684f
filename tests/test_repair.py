"""Repair: mojibake, entities, odd spaces and controls are fixed and counted; typography stays."""

from __future__ import annotations

import ftfy
import pytest

from cleaner.repair import TEXT_CONFIG, needs_ftfy, repair, repair_texts


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
