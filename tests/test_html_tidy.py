"""HTML tidy: copies of the story, bare picture addresses and time stamps, and the head printed
again as the first body line are removed, each with its reason; refrains, tables and versions
stay. Invented texts."""

from __future__ import annotations

from cleaner import clean
from cleaner.html.tidy import tidy
from cleaner.model import Block, Decision, Label

ONE = (
    "The harbor commission voted on Tuesday to rebuild the old ferry pier, a project that "
    "residents of the island have requested for more than a decade, officials said on Wednesday."
)
TWO = (
    "Work on the new pier is expected to take two years, and the ferry will dock on the north "
    "shore in the meantime while the old pier is torn down by the contractor."
)
THREE = (
    "The chair said the vote ended a long fight over the cost, which rose twice, and that the "
    "first ferry could dock at the new pier next spring, weather permitting."
)
BODY = Decision(Label.BODY, "structure.body")


def _tidied(texts: list[str], decisions: list[Decision] | None = None) -> list[str]:
    blocks = [Block(i, i + 1, text) for i, text in enumerate(texts)]
    decided = list(decisions) if decisions else [BODY] * len(texts)
    tidy(blocks, decided)
    return [decision.reason for decision in decided]


def test_a_story_rendered_again_after_itself_is_a_copy() -> None:
    between = ["https://cdn.example.com/pier/photo-1.jpg", "12.03.2024 | 10:15"]
    texts = [ONE, TWO, THREE, *between, ONE, TWO, THREE]
    assert _tidied(texts) == [
        *["structure.body"] * 3,
        "html.image-url",
        "html.time-stamp",
        *["html.repeated-run"] * 3,
    ]


def test_a_repeated_quote_or_repeated_short_lines_are_no_copy() -> None:
    assert _tidied([ONE, TWO, THREE, TWO, THREE]) == ["structure.body"] * 5
    listing = ["Place: Town hall", "Entry: free", ONE, "Place: Town hall", "Entry: free", TWO]
    assert _tidied(listing) == ["structure.body"] * 6


def test_numbers_that_are_not_stamps_stay() -> None:
    assert _tidied(["Version 20.10", "20.10", "3-2", "https://example.com/pier"]) == ["structure.body"] * 4


def test_the_headline_again_as_the_first_body_line_is_removed() -> None:
    decisions = [Decision(Label.TITLE, "html.title"), BODY, BODY]
    assert _tidied(["Pier vote", "PIER VOTE", ONE], decisions) == [
        "html.title",
        "html.head-repeated",
        "structure.body",
    ]
    later = [Decision(Label.TITLE, "html.title"), BODY, BODY]
    assert _tidied(["Pier vote", ONE, "Pier vote"], later)[2] == "structure.body"


def test_a_page_that_prints_its_story_twice_gives_it_once() -> None:
    story = "".join(f"<p>{text}</p>" for text in (ONE, TWO, THREE))
    html = (
        "<!DOCTYPE html><html><head><title>Pier vote</title></head><body><article><h1>Pier vote</h1>"
        f"<div class='wide'>{story}</div><div class='narrow'><p>10:15 am EST</p>{story}</div>"
        "</article></body></html>"
    )
    article = clean(html, input_format="html")
    assert article.body.count(ONE) <= 1
    assert "10:15 am EST" not in article.body
