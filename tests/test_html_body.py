"""The extraction's reading of the page body: the one walk that collects what captions, links
and the dek need, and the shortcuts it takes, each checked against the plain reading it
replaces."""

from __future__ import annotations

import re
from collections.abc import Callable
from random import Random

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.html import extract
from cleaner.html.extract import PARSER_MAX_DEPTH, body_parts, parse_html


def _shown_plainly(tree: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement | None:
    """`_shown` as a forward scan of every holder, each one's text built: the last that shows it."""
    found = None
    for element in tree.find("body").iter(*extract._HOLDER_TAGS):
        content = element.text_content()
        if len(content) < len(text) * 2 and extract._clean(content) == text:
            found = element
    return found


_PIECES = ["Pier vote", "The board met", " ", "\n", "Pier", "vote", "x" * 30]
_TAGS = ["div", "p", "span", "em", "section", "h2", "a"]


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested elements whose texts are drawn from a few pieces, so that some show the text."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>{draw(_markup(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(_PIECES)))
    return "".join(parts)


@given(_markup(), st.sampled_from(["Pier vote", "The board met", "Pier vote The board met"]))
def test_the_shown_element_is_the_one_a_plain_scan_finds(markup: str, text: str) -> None:
    tree = parse_html(f"<html><body><div>{markup}</div><p>end</p></body></html>")
    assert extract._shown(body_parts(tree).holders, text) is _shown_plainly(tree, text)


@given(_markup())
def test_the_text_of_an_element_is_its_text_content(markup: str) -> None:
    tree = parse_html(f"<html><body><div>{markup}<br>&amp; end</div></body></html>")
    for element in tree.iter():
        assert extract.text_content(element) == element.text_content()


def test_the_text_of_an_element_holding_a_comment_is_its_text_content() -> None:
    # The page parser drops comments; lxml.html's keeps them, and the text goes on after one.
    paragraph = lxml.html.fromstring("<html><body><p>Pier <!-- ad -->vote</p></body></html>").find(".//p")
    assert extract.text_content(paragraph) == paragraph.text_content() == "Pier vote"


def test_the_innermost_element_that_shows_a_text_is_found_inside_long_ones() -> None:
    tree = parse_html(
        "<html><body><div><div><p>A long paragraph of the story, longer than the dek twice over.</p>"
        "<div><span><em>Pier vote</em></span></div></div></div></body></html>"
    )
    found = extract._shown(body_parts(tree).holders, "Pier vote")
    assert found is not None and found.tag == "em"


# The names `_CAPTION_CLASS` looks for, read from it, so that a name added there is tested here.
_NAMES = re.findall(r"\(\?:([\w|-]+)\)", extract._CAPTION_CLASS.pattern)[0].split("|")
_WORDS = [*_NAMES, "cap", "legend"]


@pytest.mark.parametrize("name", _NAMES)
@pytest.mark.parametrize("case", [str.lower, str.upper, str.title, lambda name: name.replace("s", "ſ")])
def test_each_caption_class_in_any_case_may_name_a_caption(name: str, case: Callable[[str], str]) -> None:
    classes = f"media {case(name)}"
    assert extract._CAPTION_CLASS.search(classes) and extract._may_name_caption(classes)


@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", "-", "_", "x", "ſ", "İ", "\u212a"])),
        max_size=6,
    ).map("".join),
    st.randoms(),
)
def test_a_class_the_caption_pattern_matches_is_never_passed_over(classes: str, random: Random) -> None:
    mixed = "".join(char.upper() if random.random() < 0.5 else char for char in classes)
    if extract._CAPTION_CLASS.search(mixed):
        assert extract._may_name_caption(mixed)


@given(st.text())
def test_any_class_the_caption_pattern_matches_may_name_a_caption(classes: str) -> None:
    if extract._CAPTION_CLASS.search(classes):
        assert extract._may_name_caption(classes)


@pytest.mark.parametrize(("divs", "cut"), [(PARSER_MAX_DEPTH - 3, False), (PARSER_MAX_DEPTH - 2, True)])
def test_the_depth_warning_comes_at_the_parsers_depth_exactly(divs: int, cut: bool) -> None:
    # html and body are the first two levels.
    tree = parse_html("<html><body>" + "<div>" * divs + "deep" + "</div>" * divs + "</body></html>")
    assert bool(extract._cut_short(tree)) is cut


# Every character that `str.isspace` or `\s` takes for a space, and a few that neither does.
_SPACE_LIKE = sorted(
    {chr(code) for code in range(0x3001) if chr(code).isspace() or extract._SPACES.match(chr(code))}
    | {"\u200b", "\u180e", "\ufeff", "a", "é"}
)


def _cleaned_by_substitution(text: str) -> str | None:
    return extract._SPACES.sub(" ", text).strip() or None


@pytest.mark.parametrize("char", _SPACE_LIKE)
def test_cleaning_a_text_collapses_the_spaces_the_substitution_does(char: str) -> None:
    for text in (char, f"a{char}b", f"{char}a {char} b{char}", f"a {char} b"):
        assert extract._clean(text) == _cleaned_by_substitution(text)


@given(st.lists(st.sampled_from([*_SPACE_LIKE, "x", "Pier"]), max_size=12).map("".join))
def test_cleaning_is_the_substitution(text: str) -> None:
    assert extract._clean(text) == _cleaned_by_substitution(text)
