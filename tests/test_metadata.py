"""Metadata: values read off block texts."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cleaner.label.metadata import (
    ArticleDate,
    article_date,
    find_dateline,
    find_publisher,
    names_publisher,
    strip_byline,
)
from cleaner.model import Block, Decision, Label

LEDE = "The council voted on Tuesday to close the bridge for repairs, the mayor said."


def page(*lines: tuple[Label, str]) -> tuple[list[Block], list[Decision]]:
    """Blocks and their decisions, one per (label, text) line."""
    blocks = [Block(index, index + 1, text) for index, (_, text) in enumerate(lines)]
    decisions = [Decision(label, "test.label") for label, _ in lines]
    return blocks, decisions


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("DELLMONT, Ohio (AP) — A water main burst early Monday.", "DELLMONT, Ohio (AP)"),
        ("BERLIN (dpa) – Die Regierung hat am Montag beschlossen.", "BERLIN (dpa)"),
        ("WASHINGTON — The Senate voted on Tuesday.", "WASHINGTON"),
        ("The Senate voted on Tuesday — narrowly.", None),
    ],
)
def test_datelines(paragraph: str, dateline: str | None) -> None:
    assert find_dateline(paragraph) == dateline


@pytest.mark.parametrize(
    ("line", "repeated", "publisher"),
    [
        ("© 2025 The Harbor Ledger Company, LLC. All rights reserved.", [], "The Harbor Ledger"),
        (
            "© 2025 The Harbor Ledger Company, LLC. All rights reserved.",
            ["The Harbor Ledger"],
            "The Harbor Ledger",
        ),
        ("© Le Quotidien de Lyon 2025. Tous droits réservés.", [], "Le Quotidien de Lyon"),
        ("© 2025 Auenthaler Tagblatt. Alle Rechte vorbehalten.", [], "Auenthaler Tagblatt"),
        (None, [], None),
    ],
)
def test_publisher_from_the_copyright_line(
    line: str | None, repeated: list[str], publisher: str | None
) -> None:
    assert find_publisher(line, repeated) == publisher


def test_byline_loses_its_by() -> None:
    assert strip_byline("Von Lena Roth") == "Lena Roth"


def test_publisher_names_match_with_or_without_the() -> None:
    assert names_publisher("The Associated Press", "Associated Press")
    assert not names_publisher("Associated Press photo", "Associated Press")


def test_the_date_line_under_the_headline_is_the_article_date() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.DATE, "Published: March 3, 2025 5:42 PM EST"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en") == ArticleDate(
        "2025-03-03T22:42:00+00:00", "March 3, 2025 5:42 PM EST"
    )


def test_a_site_header_date_far_above_the_headline_yields_to_the_one_beside_it() -> None:
    header = [(Label.DATE, "Monday, March 10, 2025"), *[(Label.BOILERPLATE, "Menu item")] * 20]
    blocks, decisions = page(
        *header,
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.BYLINE, "By Jane Doe"),
        (Label.DATE, "March 3, 2025"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en").published == "2025-03-03"


def test_a_date_below_the_headline_wins_over_one_as_near_above_it() -> None:
    blocks, decisions = page(
        (Label.DATE, "March 10, 2025"),
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.DATE, "March 3, 2025"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en").published == "2025-03-03"


def test_dates_of_teasers_and_comments_below_the_story_are_not_its_date() -> None:
    story = [(Label.BODY, LEDE)] * 10
    teasers = [
        (Label.DATE, "March 10, 2025"),
        (Label.BOILERPLATE, "Ferry fares rise"),
        (Label.DATE, "March 9, 2025"),
    ]
    blocks, decisions = page((Label.TITLE, "Bridge closes for repairs"), *story, *teasers)
    assert article_date(blocks, decisions, "en") == ArticleDate(None, None)


def test_the_one_date_of_a_page_is_its_date_wherever_it_stands() -> None:
    story = [(Label.BODY, LEDE)] * 10
    box = [(Label.BOILERPLATE, "Date"), (Label.DATE, "10.03.2025"), (Label.BOILERPLATE, "Author")]
    blocks, decisions = page((Label.TITLE, "Bridge closes for repairs"), *story, *box)
    assert article_date(blocks, decisions, "de") == ArticleDate("2025-03-10", "10.03.2025")


def test_a_table_of_contents_under_the_headline_does_not_push_the_date_line_away() -> None:
    contents = [(Label.BODY, f"Question {n} of the guide?") for n in range(1, 7)]
    prose = f"{LEDE} {LEDE}"  # the first paragraph of prose, where the head of the story ends
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        *contents,
        (Label.DATE, "March 10, 2025"),
        (Label.BODY, prose),
        *[(Label.BODY, LEDE)] * 10,
        (Label.DATE, "March 2, 2025"),  # a teaser's: the page's dates disagree
    )
    assert article_date(blocks, decisions, "en").published == "2025-03-10"


def test_a_date_inside_a_byline_gives_its_own_words() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.BOILERPLATE, "By Jane Doe - 03/03/25 06:56 AM EST"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en") == ArticleDate(
        "2025-03-03T11:56:00+00:00", "03/03/25 06:56 AM EST"
    )


def test_a_sentence_of_the_story_that_names_a_date_is_no_date_line() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.BODY, "The bridge closed on March 3, 2025, after an inspection."),
    )
    assert article_date(blocks, decisions, "en").published is None


def test_an_update_yields_to_the_first_publication_date_next_to_it() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.DATE, "Updated: March 5, 2025"),
        (Label.DATE, "Published: March 3, 2025"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en") == ArticleDate("2025-03-03", "March 3, 2025")


def test_a_date_line_without_a_full_date_keeps_its_wording_and_no_date() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Bridge closes for repairs"),
        (Label.DATE, "Aktualisiert am 04.03."),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "de") == ArticleDate(None, "04.03.")


def test_the_page_language_reads_a_numeric_date() -> None:
    blocks, decisions = page(
        (Label.TITLE, "Brücke wird gesperrt"), (Label.DATE, "04.03.2025, 14:35 Uhr"), (Label.BODY, LEDE)
    )
    assert article_date(blocks, decisions, "de") == ArticleDate("2025-03-04", "04.03.2025, 14:35 Uhr")


def test_a_headline_that_names_a_date_yields_to_the_date_line() -> None:
    blocks, decisions = page(
        (Label.TITLE, "What changes on January 1, 2026"),
        (Label.DATE, "December 30, 2025"),
        (Label.BODY, LEDE),
    )
    assert article_date(blocks, decisions, "en").published == "2025-12-30"


def test_a_date_line_taken_for_the_headline_still_gives_the_date() -> None:
    blocks, decisions = page((Label.TITLE, "Newsletter - 21. Januar 2022"), (Label.BODY, LEDE))
    assert article_date(blocks, decisions, "de") == ArticleDate("2022-01-21", "21. Januar 2022")


_FOLDING = st.text(alphabet=st.sampled_from("The ssßẞﬃfiIİıΣσςAap "), max_size=12)


@given(_FOLDING, _FOLDING)
@example("The Strasse", "The Straße")
@example("ffi", "ﬃ")
def test_names_publisher_compares_folded_names_whatever_their_lengths(line: str, publisher: str) -> None:
    # The length test before folding is exact: folding lengthens ("ß" is "ss"), never shortens.
    folded = line.removeprefix("The ").casefold() == publisher.removeprefix("The ").casefold()
    assert names_publisher(line, publisher) == folded
