"""The prescan's budgets: the cheap bounds that skip the exact counts on ordinary pages refuse
exactly what the exact counts refuse, right at each budget."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner.html.prescan as prescan
from cleaner import InputError
from cleaner.html.prescan import MAX_ATTRIBUTES, MAX_ELEMENTS, MAX_INLINE_RUN, check_budget


def _refused(html: str) -> str | None:
    """What `check_budget` refuses the markup for, or None."""
    try:
        check_budget(html, "page.html")
    except InputError as error:
        return str(error).split("over ", 1)[1].split(", more", 1)[0]
    return None


@pytest.mark.parametrize(
    ("make", "budget", "problem"),
    [
        (lambda n: "<div>" + "<p>w</p>" * n, MAX_ELEMENTS - 1, "60,000 HTML elements"),
        (lambda n: "<p>" + "<b>" * n + "</p>", MAX_INLINE_RUN, "5,000 inline HTML tags in one block"),
        (lambda n: "<i " + " a=1" * n + ">w</i>", MAX_ATTRIBUTES, "300,000 HTML attributes"),
    ],
    ids=["elements", "inline-run", "attributes"],
)
def test_markup_at_a_budget_passes_and_one_more_is_refused(
    make: Callable[[int], str], budget: int, problem: str
) -> None:
    assert _refused(make(budget)) is None
    assert _refused(make(budget + 1)) == problem


def test_a_page_with_more_tags_than_the_run_in_short_runs_passes() -> None:
    # Over the inline run's bound in `<` (so the stretches are counted), every run short.
    html = "<div>" + "<p><a href='/x'><b>w</b></a></p>" * MAX_INLINE_RUN + "</div>"
    assert _refused(html) is None


def test_a_long_run_after_many_short_ones_is_found() -> None:
    short = "<p><a href='/x'>w</a></p>" * 2_000
    assert _refused(short + "<P>" + "<span>" * (MAX_INLINE_RUN + 1) + "</P>") == (
        "5,000 inline HTML tags in one block"
    )


def test_characters_that_are_no_tags_do_not_count() -> None:
    # More `<` and `=` than the budgets, in text: past the bounds, the exact counts decide.
    text = "a <= b and c == d; " * (MAX_ATTRIBUTES // 2 + 1)
    assert _refused(f"<html><body><pre>{text}</pre></body></html>") is None


# Tag names that a block tag pattern could get wrong: any case, a longer name that starts like a
# block's, non-ASCII letters that case-fold or lowercase into the ASCII ones.
_TAGS = [
    "<div>", "</div>", "<DiV class=x>", "<divx>", "<div-x>", "<divé>", "<p>", "</P>", "<pre>",
    "<h1>", "<h7>", "<section>", "<ſection>", "<blockquote>", "<bloc\u212aquote>", "<b>", "</b>",
    "<span>", "<a href=x>", "<i>", "< b>", "<", "</", "<<p>", "text", "<!-- c -->",
]  # fmt: skip


@given(st.lists(st.sampled_from(_TAGS), max_size=60), st.integers(min_value=0, max_value=6))
def test_the_stretches_find_the_runs_the_tag_by_tag_scan_finds(parts: list[str], limit: int) -> None:
    html = "".join(parts)
    assert prescan._inline_run_over(html, limit) == (prescan._longest_inline_run(html) > limit)
