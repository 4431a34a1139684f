"""The same article gives the same output however it arrives: CRLF, cp1252 bytes, mojibake,
entities, BOM, odd spaces and tabs, single newlines, or as an HTML page."""

from __future__ import annotations

import pytest
from helpers import SAMPLES
from variants import HTML_FIELDS, TEXT_FIELDS, TEXT_VARIANTS, as_html, same_article

from cleaner import clean

ORIGINAL = (SAMPLES / "seed-layout.txt").read_text(encoding="utf-8")
EXPECTED = clean(ORIGINAL)


@pytest.mark.parametrize("name", sorted(TEXT_VARIANTS))
def test_text_variant_gives_the_same_article(name: str) -> None:
    article = clean(TEXT_VARIANTS[name](ORIGINAL))
    assert same_article(EXPECTED, article, TEXT_FIELDS) == []
    assert [r.text for r in article.removed] == [r.text for r in EXPECTED.removed]


def test_variants_that_needed_repair_say_so() -> None:
    assert {r.fix for r in clean(TEXT_VARIANTS["mojibake"](ORIGINAL)).repairs} >= {"mojibake"}
    assert {r.fix for r in clean(TEXT_VARIANTS["entities"](ORIGINAL)).repairs} >= {"html-entities"}
    assert "not UTF-8; read as cp1252" in clean(TEXT_VARIANTS["cp1252"](ORIGINAL)).warnings


def test_generated_html_page_gives_the_same_article() -> None:
    article = clean(as_html(EXPECTED))
    assert same_article(EXPECTED, article, HTML_FIELDS) == []


def test_the_html_sample_matches_its_text_form() -> None:
    article = clean((SAMPLES / "seed-layout-html.html").read_bytes())
    assert same_article(EXPECTED, article, HTML_FIELDS) == []
