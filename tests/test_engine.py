"""Engine: a pattern that backtracks catastrophically costs one time limit per document, not one
per line, and the other rules keep working."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_conserved, text_blocks

from cleaner import Cleaner
from cleaner.matching.matcher import Matcher, Positions
from cleaner.matching.rules import Rule, load_rules
from cleaner.model import Block

# Exponential on a run of a's that does not end the line: each extra "a" doubles the work.
SLOW_RULE = """
[[rule]]
id = "mine.slow"
label = "boilerplate"
pattern = '''^(?:a|a)*$'''
why = "A pattern that backtracks catastrophically."
examples.match = ["aaaa"]
examples.keep = ["b"]
"""
SIGN_IN_RULE = """
[[rule]]
id = "mine.sign-in"
label = "boilerplate"
pattern = '''^Sign in\\b'''
max_chars = 60
why = "Sign-in prompt."
examples.match = ["Sign in to read on"]
examples.keep = ["They had to sign in first."]
"""
TAIL_RULE = """
[[rule]]
id = "mine.tail-sign-in"
label = "boilerplate"
pattern = '''^Sign in now\\b'''
where = "tail"
why = "Sign-in prompt under the story."
examples.match = ["Sign in now to read on"]
examples.keep = ["Sign in to read on"]
"""
SLOW_PACK = SLOW_RULE + SIGN_IN_RULE
HOSTILE = "a" * 40 + "!"
TIMEOUT = 0.05


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rule, ...]:
    pack = tmp_path_factory.mktemp("rules") / "mine.toml"
    pack.write_text(SLOW_PACK, encoding="utf-8")
    return load_rules([pack], builtin=False).generic


def blocks(texts: list[str]) -> list[Block]:
    return [Block(index, index + 1, text) for index, text in enumerate(texts)]


def test_a_rule_that_times_out_is_off_for_the_rest_of_the_document(rules: tuple[Rule, ...]) -> None:
    matcher = Matcher(rules, timeout=TIMEOUT)
    page = blocks([HOSTILE] * 200 + ["Sign in to read on", "aaaa"])
    found, warnings = matcher.match(page, Positions(None, None))
    assert warnings == (
        "rule mine.slow timed out on line 1; treated as no match, and off for the rest of this document",
    )
    assert found[:200] == [None] * 200
    sign_in = found[200]
    assert sign_in is not None and sign_in.rule.id == "mine.sign-in"
    assert found[201] is None  # the slow rule would match "aaaa", but it is off now


def test_each_document_starts_with_every_rule(rules: tuple[Rule, ...]) -> None:
    matcher = Matcher(rules, timeout=TIMEOUT)
    for _ in range(2):
        found, warnings = matcher.match(blocks(["aaaa", HOSTILE, HOSTILE]), Positions(None, None))
        first = found[0]
        assert first is not None and first.rule.id == "mine.slow"
        assert len(warnings) == 1 and "on line 2" in warnings[0]


def test_the_matcher_without_a_rule_is_compiled_once_and_shared(rules: tuple[Rule, ...]) -> None:
    matcher = Matcher(rules, timeout=TIMEOUT)
    slow = [rule for rule in rules if rule.id == "mine.slow"]
    reduced = matcher.without(slow)
    assert reduced is matcher.without(slow)
    assert [rule.id for rule in reduced.rules] == ["mine.sign-in"]


def test_a_slow_user_rule_does_not_stop_the_builtin_rules(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(SLOW_RULE, encoding="utf-8")
    cleaner = Cleaner(load_rules([pack]), regex_timeout=TIMEOUT)
    page = "\n".join([HOSTILE] * 300 + ["Sign in or create a free account"])
    article = cleaner.clean(page, source="hostile.txt")
    assert [warning.split(";")[0] for warning in article.warnings] == ["rule mine.slow timed out on line 1"]
    assert ("Sign in or create a free account", "auth.sign-in") in [
        (r.text, r.reason) for r in article.removed
    ]
    assert_conserved(text_blocks(page), article.to_dict())


def test_a_cleared_line_is_tried_only_against_rules_bound_to_a_position(tmp_path: Path) -> None:
    pack = tmp_path / "placed.toml"
    pack.write_text(TAIL_RULE + SIGN_IN_RULE, encoding="utf-8")
    matcher = Matcher(load_rules([pack], builtin=False).generic)
    page = blocks(["Sign in now to read on", "Sign in to read on"])
    anywhere = matcher.match(page, Positions(None, None)).found
    assert [m.rule.id if m else None for m in anywhere] == ["mine.tail-sign-in", "mine.sign-in"]
    cleared = {"Sign in now to read on", "Sign in to read on"}
    in_the_tail = matcher.match(page, Positions(None, None), cleared).found
    assert [m.rule.id if m else None for m in in_the_tail] == ["mine.tail-sign-in", None]
    in_the_body = matcher.match(page, Positions(5, 5), cleared).found
    assert in_the_body == [None, None]


class RecordingPattern:
    """A compiled pattern that records the arguments of each search after the text."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def search(self, text: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        return self.pattern.search(text, *args, **kwargs)


@pytest.mark.parametrize("builtin", [True, False], ids=["built-in rule", "user rule"])
def test_a_rule_is_searched_holding_the_gil_as_re_does(rules: tuple[Rule, ...], builtin: bool) -> None:
    # `concurrent=False`: by default the regex module lets the GIL go and takes it back around
    # every match on a str, which costs more than a line's search. A built-in rule passes it by
    # position (a keyword costs a dictionary a call); a user's rule keeps its time limit.
    sign_in = next(rule for rule in rules if rule.id == "mine.sign-in")
    recording = RecordingPattern(sign_in.pattern)
    rule = replace(sign_in, builtin=builtin, compiled=recording)
    found = (
        Matcher([rule], timeout=TIMEOUT).match(blocks(["Sign in to read on"]), Positions(None, None)).found
    )
    assert found[0] is not None and found[0].rule.id == "mine.sign-in"
    assert rule.search("Sign in to read on", TIMEOUT) is not None
    expected = ((None, None, False), {}) if builtin else ((), {"concurrent": False, "timeout": TIMEOUT})
    assert recording.calls == [expected, expected]
