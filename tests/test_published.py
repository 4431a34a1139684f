"""`published`, `published_text` and `language` of whole pages, on the text and the HTML path."""

from __future__ import annotations

import pytest
from helpers import assert_schema_valid

import cleaner

STORY = (
    "The harbor commission voted on Tuesday to rebuild the old ferry pier, a project that residents "
    "of the island have requested for more than a decade, officials said.\n\n"
    "Work on the new pier is expected to take two years, and the ferry will dock on the north shore "
    "in the meantime, the commission's chair told reporters after the vote on Tuesday evening.\n"
)


def _text_page(date_line: str) -> str:
    return f"Pier vote passes after a decade of requests\n\nBy Jane Roe\n\n{date_line}\n\n{STORY}"


def _html_page(head: str, date_line: str) -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in STORY.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>Pier vote</title>{head}</head><body><article>"
        f"<h1>Pier vote passes after a decade of requests</h1><p>{date_line}</p>{paragraphs}"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("date_line", "published", "published_text"),
    [
        ("Published: March 3, 2025 5:42 PM EST", "2025-03-03T22:42:00+00:00", "March 3, 2025 5:42 PM EST"),
        ("Updated March 3, 2025", "2025-03-03", "March 3, 2025"),
    ],
)
def test_the_text_path_gives_an_iso_date_and_the_page_wording(
    date_line: str, published: str, published_text: str
) -> None:
    article = cleaner.clean(_text_page(date_line), input_format="text")
    assert (article.published, article.published_text, article.language) == (published, published_text, "en")
    assert any(removal.text == date_line for removal in article.removed)  # the line stays accounted for
    assert_schema_valid(article.to_dict())


def test_a_page_without_a_date_line_has_no_date() -> None:
    article = cleaner.clean(_text_page("Share this story"), input_format="text")
    assert (article.published, article.published_text) == (None, None)
    assert_schema_valid(article.to_dict())


def test_the_html_path_keeps_the_page_metadata_date() -> None:
    head = "<meta property='article:published_time' content='2024-03-05'>"
    article = cleaner.clean(_html_page(head, "Share this story"), input_format="html")
    assert (article.published, article.published_text) == ("2024-03-05", None)
    assert_schema_valid(article.to_dict())


def test_a_date_line_agreeing_with_the_html_metadata_adds_its_time_and_wording() -> None:
    head = "<meta property='article:published_time' content='2024-03-05'>"
    article = cleaner.clean(_html_page(head, "March 5, 2024 10:00 AM EST"), input_format="html")
    assert article.published == "2024-03-05T15:00:00+00:00"
    assert article.published_text == "March 5, 2024 10:00 AM EST"
    assert_schema_valid(article.to_dict())


def test_a_date_line_disagreeing_with_the_html_metadata_yields_to_it() -> None:
    head = "<meta property='article:published_time' content='2024-03-05'>"
    article = cleaner.clean(_html_page(head, "March 1, 2024"), input_format="html")
    assert (article.published, article.published_text) == ("2024-03-05", None)


def test_the_schema_refuses_a_published_value_that_is_not_iso() -> None:
    import jsonschema

    record = cleaner.clean(_text_page("March 3, 2025"), input_format="text").to_dict()
    with pytest.raises(jsonschema.ValidationError):
        assert_schema_valid({**record, "published": "March 3, 2025"})
    with pytest.raises(jsonschema.ValidationError):
        assert_schema_valid({**record, "published": "2025-03-03T17:42:00"})  # a time needs its offset
