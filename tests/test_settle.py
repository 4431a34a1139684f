"""Settle: what a second pass over the printed article would cut is cut in the first."""

from __future__ import annotations

from collections.abc import Sequence

from helpers import LEDE

from cleaner import clean
from cleaner.emit import to_text
from cleaner.label.settle import MAX_ROUNDS, printed, settle
from cleaner.model import Block, Decision, Label

BODY = Decision(Label.BODY, "structure.body")
TITLE = Decision(Label.TITLE, "structure.title")


def blocks_of(*texts: str) -> list[Block]:
    return [Block(i, i + 1, text) for i, text in enumerate(texts)]


def test_a_dek_kept_for_a_date_that_cleaning_removes_is_cut_under_the_second_pass_reason() -> None:
    # the dek is one because a date follows it; without the date a short text follows, no lede
    page = (
        "Harbor Bridge Reopens After Two Years\nCouncil Votes to Rebuild the North Pier\n19:49\n"
        "Did you like the film? Most critics did not."
    )
    article = clean(page, input_format="text")
    assert article.subtitle is None
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Council Votes to Rebuild the North Pier"] == "settle.structure.before-article"
    again = clean(to_text(article), input_format="text")
    assert (again.title, again.subtitle, again.body) == (article.title, article.subtitle, article.body)


def test_printed_blocks_come_in_the_order_the_text_output_prints_them() -> None:
    blocks = blocks_of("A paragraph.", "The Headline", "The dek")
    decisions = [BODY, Decision(Label.TITLE, "rule", text="Headline"), Decision(Label.SUBTITLE, "s")]
    assert printed(blocks, decisions) == [(1, "Headline"), (2, "The dek"), (0, "A paragraph.")]


def test_what_the_second_pass_keeps_stays_as_the_first_pass_labelled_it() -> None:
    blocks = blocks_of("Pier Vote", LEDE)
    decisions = [TITLE, BODY]
    passes = []

    def keep_all(paragraphs: Sequence[str]) -> tuple[Sequence[Block], Sequence[Decision]]:
        passes.append(list(paragraphs))
        again = blocks_of(*paragraphs)
        return again, [BODY for _ in again]

    assert settle(blocks, decisions, keep_all) == decisions
    assert passes == [["Pier Vote", LEDE]]


def test_of_two_equal_lines_the_one_the_second_pass_cuts_is_cut() -> None:
    blocks = blocks_of("Tides", LEDE, "Tides")
    cut = Decision(Label.BOILERPLATE, "structure.repeated")
    settled_cut = Decision(Label.BOILERPLATE, "settle.structure.repeated")

    def cut_the_first_copy(paragraphs: Sequence[str]) -> tuple[Sequence[Block], Sequence[Decision]]:
        again = blocks_of(*paragraphs)
        texts = [block.text for block in again]
        first_copies = {texts.index(t) for t in texts if texts.count(t) > 1}
        return again, [cut if i in first_copies else BODY for i in range(len(again))]

    settled = settle(blocks, [BODY, BODY, BODY], cut_the_first_copy)
    assert settled == [settled_cut, BODY, BODY]


def test_a_line_the_second_pass_shows_differently_stays() -> None:
    blocks = blocks_of("Tides", LEDE)

    def join_everything(paragraphs: Sequence[str]) -> tuple[Sequence[Block], Sequence[Decision]]:
        return blocks_of(" ".join(paragraphs)), [Decision(Label.BOILERPLATE, "x")]

    assert settle(blocks, [BODY, BODY], join_everything) == [BODY, BODY]


def test_settling_stops_after_a_bounded_number_of_rounds() -> None:
    texts = [f"Line {i}" for i in range(MAX_ROUNDS + 3)]
    rounds = []

    def cut_the_first(paragraphs: Sequence[str]) -> tuple[Sequence[Block], Sequence[Decision]]:
        again = blocks_of(*paragraphs)
        rounds.append(len(again))
        return again, [Decision(Label.BOILERPLATE, "x") if i == 0 else BODY for i in range(len(again))]

    settled = settle(blocks_of(*texts), [BODY] * len(texts), cut_the_first)
    assert len(rounds) == MAX_ROUNDS
    assert sum(d.label is Label.BODY for d in settled) == len(texts) - MAX_ROUNDS
