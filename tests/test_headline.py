"""Headline: the page's `<title>` line names the headline, and the block that shows it is the title."""

from __future__ import annotations

from helpers import LEDE, SECOND, THIRD, assert_conserved, text_blocks

from cleaner import clean
from cleaner.label.headline import headline_part, shown_headline, similarity

MENU = "\n".join(["Home", "World", "Business", "Sports", "Opinion", "Weather", "Sign in"] * 2)


def page(title_line: str, headline: str | None) -> str:
    shown = [headline] if headline else []
    return "\n".join([title_line, MENU, "Latest", *shown, "By Dana Whitfield", LEDE, SECOND, THIRD])


def test_the_site_part_of_a_title_line_is_cut_at_either_end() -> None:
    assert headline_part("Board Votes to Rebuild North Pier | The Harbor Ledger") == (
        "Board Votes to Rebuild North Pier"
    )
    assert headline_part("Harbor Ledger : Board Votes to Rebuild North Pier") == (
        "Board Votes to Rebuild North Pier"
    )


def test_a_reworded_headline_is_found_by_its_words() -> None:
    texts = ["Home", "Harbor board votes to rebuild its north pier", LEDE]
    assert shown_headline("Board Votes to Rebuild North Pier - Harbor Ledger", texts, story=2) == 1


def test_a_line_like_the_headline_after_the_story_began_is_a_subheading_not_the_headline() -> None:
    texts = [LEDE, "Board votes to rebuild north pier"]
    assert shown_headline("Board Votes to Rebuild North Pier - Harbor Ledger", texts, story=0) is None


def test_similarity_counts_the_words_of_the_longer_text() -> None:
    assert similarity("pier vote", "Pier Vote") == 1.0
    assert similarity("pier vote", "pier vote delayed again") == 0.5


def test_the_block_that_shows_the_headline_is_the_title_and_the_title_line_is_removed() -> None:
    raw = page(
        "Board Votes to Rebuild North Pier | The Harbor Ledger", "Harbor board votes to rebuild north pier"
    )
    article = clean(raw, input_format="text")
    assert article.title == "Harbor board votes to rebuild north pier"
    assert ("Board Votes to Rebuild North Pier | The Harbor Ledger", "structure.page-title") in [
        (r.text, r.reason) for r in article.removed
    ]
    assert article.body[0] == LEDE
    assert_conserved(text_blocks(raw), article.to_dict())


def test_with_no_block_showing_it_the_headline_is_read_off_the_title_line_which_stays_accounted_for() -> None:
    raw = page("Board Votes to Rebuild North Pier | The Harbor Ledger", None)
    article = clean(raw, input_format="text")
    assert article.title == "Board Votes to Rebuild North Pier"
    removed = {r.text: (str(r.label), r.reason) for r in article.removed}
    assert removed["Board Votes to Rebuild North Pier | The Harbor Ledger"] == (
        "title",
        "structure.page-title",
    )
    assert_conserved(text_blocks(raw), article.to_dict())


def test_a_pasted_article_keeps_its_first_line_whole_as_the_title() -> None:
    raw = "\n".join(["Pier Vote - What Comes Next", LEDE, SECOND, THIRD])
    assert clean(raw, input_format="text").title == "Pier Vote - What Comes Next"


def test_a_list_of_alike_lines_shows_no_headline() -> None:
    texts = [f"Part {n} of the harbor series" for n in range(1, 9)]
    assert shown_headline("Part 1 of the harbor series online", texts, story=len(texts)) is None


def test_an_article_that_opens_with_its_headline_keeps_it_though_a_line_below_repeats_it() -> None:
    raw = "\n\n".join(
        ["Board Votes to Rebuild North Pier", LEDE, "Board Votes to Rebuild North Pier", SECOND]
    )
    article = clean(raw, input_format="text")
    assert article.title == "Board Votes to Rebuild North Pier"


def test_a_copy_of_the_whole_title_line_is_not_the_headline_its_headline_part_is() -> None:
    title_line = "Board Votes to Rebuild North Pier | The Harbor Ledger"
    texts = [title_line, "Home", "Board Votes to Rebuild North Pier", LEDE]
    assert shown_headline(title_line, texts, story=3) == 2
