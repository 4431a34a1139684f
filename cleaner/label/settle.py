"""Settle: cut from a text article what cleaning its own text again would cut.

A block is labelled by its neighbours, and cleaning removes some of those neighbours: a dek
is kept because a date line follows it, short lines are kept because the page's headline
anchors the article just above them. Printed without those neighbours, the same lines can read
differently, and a second pass would cut them. Settling runs that second pass here, on the
paragraphs the article prints (title, subtitle, body, as `emit.to_text` prints them), removes
what it removes under the reason it gives (as `settle.<reason>`), and repeats until a pass
removes nothing: cleaning the cleaned text then changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from cleaner.label.reasons import SETTLE_PREFIX
from cleaner.members import BODY, BOILERPLATE, CAPTION, SUBTITLE, TITLE
from cleaner.model import Block, Decision

# Each round removes at least one block or ends the loop; pages settle in one or two.
MAX_ROUNDS = 4

# Labels the paragraphs of a cleaned article as their printed text would be labelled.
Relabel = Callable[[Sequence[str]], tuple[Sequence[Block], Sequence[Decision]]]


def settle(blocks: Sequence[Block], decisions: Sequence[Decision], relabel: Relabel) -> list[Decision]:
    """The decisions with every kept block that a pass over the printed article cuts removed.

    `relabel` labels the printed paragraphs as the pipeline labels text input (segments,
    rules, structure; the printed article is repaired already) and returns the blocks and
    decisions of that text.
    """
    settled = list(decisions)
    for _ in range(MAX_ROUNDS):
        kept = printed(blocks, settled)
        if not kept:
            break
        again_blocks, again_decisions = relabel([text for _, text in kept])
        cuts = _cuts(kept, printed(again_blocks, again_decisions), again_blocks, again_decisions)
        if not cuts:
            break
        for index, decision in cuts.items():
            settled[index] = decision
    return settled


def printed(blocks: Sequence[Block], decisions: Sequence[Decision]) -> list[tuple[int, str]]:
    """The blocks an article prints, as (index, text), in `emit.to_text`'s order: the title,
    the subtitle, then the body paragraphs (the assembler takes the first title and subtitle)."""
    title: tuple[int, str] | None = None
    subtitle: tuple[int, str] | None = None
    body: list[tuple[int, str]] = []
    for block, decision in zip(blocks, decisions, strict=True):
        label = decision.label
        if label is BODY:
            body.append((block.index, block.text))
        elif label is TITLE and title is None:
            title = (block.index, decision.text or block.text)
        elif label is SUBTITLE and subtitle is None:
            subtitle = (block.index, block.text)
    return [item for item in (title, subtitle) if item is not None and item[1]] + body


def _cuts(
    kept: Sequence[tuple[int, str]],
    kept_again: Sequence[tuple[int, str]],
    again_blocks: Sequence[Block],
    again_decisions: Sequence[Decision],
) -> dict[int, Decision]:
    """The kept blocks the second pass removed, with the decision it removed them by.

    The second pass's blocks are normally the printed paragraphs one for one; if its segmenter
    cut the text differently, a paragraph is found by its text, and one the second pass does
    not show at all has no verdict to take over, and stays.
    """
    printed_again = {index for index, _ in kept_again}
    cut_again = [
        (block, decision)
        for block, decision in zip(again_blocks, again_decisions, strict=True)
        if block.index not in printed_again
    ]
    if [block.text for block in again_blocks] == [text for _, text in kept]:
        return {kept[block.index][0]: _as_removal(decision) for block, decision in cut_again}
    survivors = Counter(text for _, text in kept_again)
    verdicts = {block.text: decision for block, decision in cut_again}
    cuts = {}
    for index, text in kept:
        if survivors[text] > 0:
            survivors[text] -= 1
        elif text in verdicts:
            cuts[index] = _as_removal(verdicts[text])
    return cuts


def _as_removal(decision: Decision) -> Decision:
    """A second pass's decision, fit for the first pass's blocks.

    Its reason is prefixed with `settle.` (a line cut as `structure.before-article` in the middle
    of the page's article reads wrong without it); a caption keeps its text and credit, a credit
    loses its pairing (the pair's index is the second pass's), and a label that would print the
    block again is boilerplate.
    """
    reason = f"{SETTLE_PREFIX}{decision.reason}"
    if decision.label is CAPTION:
        return Decision(CAPTION, reason, decision.text, decision.credit)
    if decision.label in (TITLE, SUBTITLE, BODY):
        return Decision(BOILERPLATE, reason)
    return Decision(decision.label, reason, decision.text, decision.credit)
