"""Library: clean() and Cleaner on text and bytes, and what they promise."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import SAMPLES, assert_schema_valid

from cleaner import Article, Cleaner, InputError, clean
from cleaner.matching.matcher import Match
from cleaner.matching.rules import RuleSet, load_rules
from cleaner.model import Block
from cleaner.read.segment import segment_text

SEED_LAYOUT = (SAMPLES / "seed-layout.txt").read_bytes()


def test_clean_accepts_text_and_bytes_alike() -> None:
    from_bytes = clean(SEED_LAYOUT)
    from_text = clean(SEED_LAYOUT.decode("utf-8"))
    assert from_bytes.to_dict() == from_text.to_dict()


def test_article_serialises_to_schema_valid_json() -> None:
    article = clean(SEED_LAYOUT)
    assert isinstance(article, Article)
    record = json.loads(article.to_json())
    assert record == article.to_dict()
    assert_schema_valid(record)


def test_the_same_input_gives_byte_identical_json() -> None:
    assert clean(SEED_LAYOUT).to_json() == Cleaner().clean(SEED_LAYOUT).to_json()


def test_a_cleaner_is_safe_to_share_between_threads() -> None:
    cleaner = Cleaner()
    inputs = [path.read_bytes() for path in sorted(SAMPLES.glob("*.txt"))] * 3
    expected = [cleaner.clean(raw).to_json() for raw in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda raw: cleaner.clean(raw).to_json(), inputs)) == expected


def test_url_selects_the_site_and_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("newsclean opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    article = clean(SEED_LAYOUT, url="https://www.harborledger.example/news/lighthouse")
    assert article.url == "https://www.harborledger.example/news/lighthouse"
    assert article.site == "harborledger.example"
    html = (SAMPLES / "seed-layout-html.html").read_bytes()
    assert clean(html, url="https://www.harborledger.example/a").title


def test_user_rules_add_to_the_builtin_rules(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        """
[[rule]]
id = "mine.tip-line"
label = "boilerplate"
pattern = '''^Got a tip\\?'''
why = "Tip-line prompt of our site."
examples.match = ["Got a tip? Email us."]
examples.keep = ["Got a tip from a neighbour, she called the police."]
""",
        encoding="utf-8",
    )
    cleaner = Cleaner(load_rules([pack]))
    text = SEED_LAYOUT.decode("utf-8").replace("\n\n\n", "\n\nGot a tip? Email us.\n\n\n", 1)
    article = cleaner.clean(text)
    assert ("Got a tip? Email us.", "mine.tip-line") in [(r.text, r.reason) for r in article.removed]


def test_unreadable_input_raises_input_error_naming_it() -> None:
    with pytest.raises(InputError, match=r"^page\.bin: binary input"):
        Cleaner().clean(b"\x00\x01\x02\x03" * 100, source="page.bin")


def test_unknown_input_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="input_format"):
        clean("text", input_format="pdf")  # type: ignore[arg-type]


def test_empty_input_gives_an_empty_article() -> None:
    article = clean("")
    assert (article.title, article.body, article.removed) == (None, (), ())
    assert_schema_valid(article.to_dict())


def test_each_html_caption_takes_the_first_block_showing_it_and_no_block_twice() -> None:
    from cleaner.html.extract import Extraction, HtmlBlock, HtmlCaption
    from cleaner.html.labels import html_page
    from cleaner.model import BlockKind, PageMetadata

    lede = "The harbor board voted on Tuesday to rebuild the north pier, officials said."
    blocks = (
        HtmlBlock("The old pier. AP/Jane Doe", BlockKind.PARAGRAPH),
        HtmlBlock(lede, BlockKind.PARAGRAPH),
        HtmlBlock("The old pier.", BlockKind.PARAGRAPH),
    )
    caption = HtmlCaption("The old pier.", "AP/Jane Doe")
    page = html_page(Extraction(blocks, (caption, caption, caption), PageMetadata(), None))
    assert [(block.text, block.kind) for block in page.blocks] == [
        ("The old pier. AP/Jane Doe", BlockKind.CAPTION),
        (lede, BlockKind.PARAGRAPH),
        ("The old pier.", BlockKind.CAPTION),
        ("The old pier. AP/Jane Doe", BlockKind.CAPTION),
    ]
    assert [known.reason if known else None for known in page.preset] == [
        "html.figcaption",
        None,
        "html.figcaption",
        "html.figcaption",
    ]


class _Recording(Cleaner):
    """A cleaner that records how many lines each fresh match of an HTML page's lines covers."""

    def __init__(self, ruleset: RuleSet) -> None:
        super().__init__(ruleset)
        self.matched: list[int] = []

    def _match_lines(
        self, url: str | None, lines: list[Block], page: list[Block], text: str
    ) -> list[Match | None]:
        self.matched.append(len(lines))
        return super()._match_lines(url, lines, page, text)


def test_the_accounting_reads_the_rule_matches_the_rescue_made_of_the_same_page(cleaner: Cleaner) -> None:
    text = "\n".join(
        [
            "Log In",
            "Pier vote",
            "The harbor commission voted on Tuesday to rebuild the old ferry pier, its chair said.",
            "Residents of the island have asked for a new pier for more than a decade, she said.",
            "Log In",
            "© 2025 The Harbor Ledger Company. All rights reserved.",
        ]
    )
    page = segment_text(text)
    unshown = [page[0], page[4], page[5]]  # the same text at the head and further down
    recording = _Recording(cleaner.ruleset)
    label_text, match_text = recording._text_callbacks(None)
    fresh = match_text(unshown, page, text)
    assert recording.matched == [3]
    assert [decision.reason if decision else None for decision in fresh] == [
        "auth.sign-in",
        "auth.sign-in",
        "legal.copyright",
    ]
    label_text(page, text)
    assert match_text(unshown, page, text) == fresh
    assert recording.matched == [3]  # read from the rescue's labelling: not matched again
    assert match_text(unshown, list(page), text) == fresh  # another page: matched afresh
    assert recording.matched == [3, 3]
