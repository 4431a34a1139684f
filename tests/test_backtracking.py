"""Backtracking: the built-in rules are searched without a time limit per call
(`Rule.builtin`), so no built-in pattern may backtrack catastrophically on any line it can see.

Two checks. A static one reads each pattern of a rule without a length limit and refuses an
unbounded repeat nested in another unbounded repeat (`(a+)+`, `(?:\\w+\\s?)*`): the shape of
catastrophic backtracking. A dynamic one searches each pattern in adversarial lines built from
its own alphabet (long runs of characters and pieces of its examples that partly match, then a
character that fails the match) of the longest length the rule ever sees: its `max_chars`, or
`LONG_LINE` for a rule without one. A linear search of such a line takes milliseconds, a
quadratic one of `LONG_LINE` characters seconds, an exponential one forever. The detector is
the regex module's own time limit, set generously, so a busy machine does not fail the test.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import replace
from typing import Any

import pytest

from cleaner.matching.rules import Rule, load_rules

RULES = load_rules().all_rules()
LONG_LINE = 50_000  # characters: a long paragraph is some thousands; a quadratic search of this takes seconds
DETECTOR = 2.0  # seconds a search of one adversarial line may take (linear ones take milliseconds)
# Characters of ordinary text that partly match most patterns: letters, digits, spaces and the
# punctuation of bylines, credits and menus.
COMMON = "aA1 .,:;-–|/'\"’()©@#•\t"
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
UNBOUNDED = 100  # a repeat of more than this many times counts as unbounded


def _units(rule: Rule) -> set[str]:
    """Pieces whose repetition partly matches the rule: single characters of its pattern and of
    common text, pairs of them, and its examples (whole, and without their last character)."""
    chars = {char for char in rule.source if char.isprintable() and char not in "\\^$()[]{}?*+|"}
    chars |= set(COMMON)
    units = set(chars)
    units |= {a + b for a in "aA1 .-" for b in chars}
    for example in (*rule.match_examples, *rule.keep_examples, *rule.miss_examples):
        units |= {example, example[:-1], example + " ", example.split(" ")[0] + " "}
    return {unit for unit in units if unit}


def _adversarial(rule: Rule) -> list[str]:
    length = rule.max_chars or LONG_LINE
    lines = []
    for unit in sorted(_units(rule)):
        body = unit * max(1, (length - 1) // len(unit))
        lines.append(body[: length - 1] + "\x00")
    return lines


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_no_built_in_pattern_backtracks_catastrophically_on_its_own_alphabet(rule: Rule) -> None:
    assert rule.builtin
    for line in _adversarial(rule):
        try:
            rule.pattern.search(line, timeout=DETECTOR)
        except TimeoutError:
            pytest.fail(f"{rule.id} took over {DETECTOR} s on {line[:40]!r}… ({len(line)} characters)")


def _nested_unbounded(items: list[Any], inside: bool = False) -> bool:
    """Whether an unbounded repeat holds another unbounded repeat (anywhere in its body)."""
    for op, arg in items:
        if op in REPEATS:
            _, high, body = arg
            unbounded = high is sre.MAXREPEAT or high > UNBOUNDED
            if unbounded and inside:
                return True
            if _nested_unbounded(list(body), inside or unbounded):
                return True
        elif op is sre.SUBPATTERN:
            if _nested_unbounded(list(arg[3]), inside):
                return True
        elif op is sre.BRANCH:
            if any(_nested_unbounded(list(branch), inside) for branch in arg[1]):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and _nested_unbounded(list(arg[1]), inside):
            return True
    return False


def _reading(source: str) -> list[Any]:
    """The standard parser's reading of a pattern, the `regex` module's Unicode classes read as
    `\\w` (the shape of the repeats is what counts here, not the classes)."""
    widened = re.sub(r"\\[pP]\{[^}]+\}", r"\\w", source)
    return list(sre_parse.parse(widened))


def test_a_built_in_pattern_that_nests_unbounded_repeats_has_a_length_limit() -> None:
    """Nested repeats backtrack catastrophically on some long line. Within a rule's `max_chars`
    (every built-in rule has one, of at most a few hundred characters) the regex module's guards
    against retrying a repeat at the same position keep them polynomial, which the dynamic
    check above measures at that length; without a limit they would see any line."""
    nested = [rule for rule in RULES if _nested_unbounded(_reading(rule.pattern.pattern))]
    assert [rule.id for rule in nested if rule.max_chars is None] == []


def test_the_static_check_finds_nested_repeats() -> None:
    assert _nested_unbounded(_reading(r"(a+)+$"))
    assert _nested_unbounded(_reading(r"^(?:\w+\s?)*!"))
    assert _nested_unbounded(_reading(r"(?:x|(?:y\p{L}*))+"))
    assert not _nested_unbounded(_reading(r"(?i)^(?:by|von)\s+\w+(?:\s\w+){0,3}$"))


def test_the_dynamic_check_finds_a_catastrophic_pattern() -> None:
    source = r"^(\w+\s?)*$"
    slow = replace(RULES[0], expression=source, compiled=None, source=source, max_chars=None)
    with pytest.raises(TimeoutError):
        for line in _adversarial(slow):
            slow.pattern.search(line, timeout=DETECTOR)
