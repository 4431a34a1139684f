"""Byline: the authors' names, read off the lines around the headline, never from the story."""

from __future__ import annotations

import pytest
from helpers import LEDE, SECOND

from cleaner import clean
from cleaner.label.byline import byline_names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Dana Whitfield - 11/19/19 06:56 AM EST", "Dana Whitfield"),
        ("Tuesday, March 4, 2025 7:45 am by Dana Whitfield", "Dana Whitfield"),
        ("Dana Whitfield, Harbor Ledger Staff Writer", "Dana Whitfield"),
        ("Dana Whitfield @dwhitfield / 2 days", "Dana Whitfield"),
        ("Von Lena Roth", "Lena Roth"),
        ("By DANA WHITFIELD and OMAR REYES", "DANA WHITFIELD and OMAR REYES"),
    ],
)
def test_a_byline_line_gives_its_names(line: str, names: str) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Latest News",
        "Share This Story",
        "In the 100 yard race, Reyes was beaten by Dana Whitfield",
        "Dana Whitfield",  # a bare name is a byline only where a rule says so
        "By the end of the year, prices had doubled.",
    ],
)
def test_lines_that_are_no_byline_give_no_names(line: str) -> None:
    assert byline_names(line) is None


def test_the_byline_under_the_headline_is_the_article_s_not_a_dek() -> None:
    page = "\n\n".join(
        ["Harbor Board Votes to Rebuild Pier", "Dana Whitfield @dwhitfield / 2 days", LEDE, SECOND]
    )
    article = clean(page, input_format="text")
    assert article.byline == "Dana Whitfield"
    assert article.subtitle is None
    assert article.body == (LEDE, SECOND)


def test_a_name_in_the_story_is_no_byline() -> None:
    quote = "Dana Whitfield, a reporter who covered the pier for years, said the vote was a relief."
    page = "\n\n".join(["Harbor Board Votes to Rebuild Pier", LEDE, quote, SECOND])
    assert clean(page, input_format="text").byline is None
