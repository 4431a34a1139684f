"""Segment: one block per line, except paragraphs of hard-wrapped text, which are joined."""

from __future__ import annotations

from cleaner.read.segment import segment_text

WRAPPED = """Harbor Authority Opens New Terminal

The new terminal on the east pier will handle twice as many containers as
the old one, the harbor authority said, and it will be the first in the
region to run entirely on electric cranes bought with a federal grant.

Work on the pier began in 2022 and was delayed twice by storms that
damaged the temporary seawall. The authority said the final cost came in
slightly under the budget approved by the board three years ago.
"""


def test_each_non_blank_line_is_a_block_with_its_line_number() -> None:
    blocks = segment_text("Title\n\nFirst paragraph.\nSecond paragraph.\n\n\nLast.")
    assert [(b.line, b.text) for b in blocks] == [
        (1, "Title"),
        (3, "First paragraph."),
        (4, "Second paragraph."),
        (7, "Last."),
    ]
    assert [b.index for b in blocks] == [0, 1, 2, 3]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    blocks = segment_text(WRAPPED)
    assert [b.line for b in blocks] == [1, 3, 7]
    assert blocks[1].text.startswith(
        "The new terminal on the east pier will handle twice as many containers as the old"
    )
    assert "\n" not in blocks[1].text


def test_a_list_of_headlines_is_not_mistaken_for_wrapped_text() -> None:
    headlines = "\n".join(
        [
            "Council approves the budget for next year's road repairs",
            "Ferry fares to rise eight percent this summer, operator says",
            "High school robotics team wins its first state title",
            "Police seek a driver after a hit-and-run on Elm Street",
        ]
    )
    text = f"{headlines}\n\n{headlines}"
    assert len(segment_text(text)) == 8


def test_empty_text_has_no_blocks() -> None:
    assert segment_text("") == []
    assert segment_text("\n \n\t\n") == []
