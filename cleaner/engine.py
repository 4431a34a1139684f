"""Engine: match the rules of a `RuleSet` against the blocks of a document. Pure.

One combined pattern per length tier screens each block: most blocks (body paragraphs) match no
rule, and for them one regex call answers. Only a block that passes the screen is tried rule by
rule, in priority order, and the first rule that matches (pattern, length limit and position)
decides its label. Every regex call runs under a time limit; a call that exceeds it counts as
no match and leaves a warning, so a pathological pattern cannot hang a batch.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.errors import RuleProblem
from cleaner.features import is_prose
from cleaner.model import Block, Decision
from cleaner.rules import Rule, RuleSet, Where

DEFAULT_TIMEOUT = 0.5  # seconds per regex call


@dataclass(frozen=True, slots=True)
class Positions:
    """Head and tail of a page: before its first and after its last prose paragraph.

    A page with no prose paragraph is all head and all tail.
    """

    first_prose: int | None
    last_prose: int | None

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Positions:
        prose = [block.index for block in blocks if is_prose(block.text)]
        return cls(prose[0], prose[-1]) if prose else cls(None, None)

    def allows(self, where: Where, index: int) -> bool:
        if where is Where.HEAD:
            return self.first_prose is None or index < self.first_prose
        if where is Where.TAIL:
            return self.last_prose is None or index > self.last_prose
        return True


@dataclass(frozen=True, slots=True)
class Match:
    """The rule that decided a block, and the decision."""

    rule: Rule
    decision: Decision


class Matcher:
    """The compiled screen for one list of rules; thread-safe and reusable."""

    def __init__(self, rules: Sequence[Rule], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.rules = tuple(rules)
        self.timeout = timeout
        # Tiers by length limit: a block of n characters can only match rules whose max_chars
        # is at least n (or unset), which is a suffix of the rules sorted by max_chars.
        limits = sorted({rule.max_chars for rule in self.rules if rule.max_chars is not None})
        self._limits = limits
        self._screens: list[regex.Pattern[str] | None] = [
            _combine([rule for rule in self.rules if _within(rule, low)]) for low in [*limits, None]
        ]

    def match(self, blocks: Sequence[Block], positions: Positions, warnings: list[str]) -> list[Match | None]:
        """The deciding rule of each block, or None where no rule matches."""
        return [self._match_block(block, positions, warnings) for block in blocks]

    def _match_block(self, block: Block, positions: Positions, warnings: list[str]) -> Match | None:
        text = block.text
        tier = bisect.bisect_left(self._limits, len(text))
        screen = self._screens[tier]
        if screen is not None:
            try:
                if screen.search(text, timeout=self.timeout) is None:
                    return None
            except TimeoutError:
                pass  # fall through to the rules one by one, each with its own limit
        for rule in self.rules:
            if rule.max_chars is not None and len(text) > rule.max_chars:
                continue
            if not positions.allows(rule.where, block.index):
                continue
            try:
                found = rule.pattern.search(text, timeout=self.timeout)
            except TimeoutError:
                warnings.append(f"rule {rule.id} timed out on line {block.line}; treated as no match")
                continue
            if found is not None:
                return Match(rule, _decision(rule, found))
        return None


def _within(rule: Rule, low: int | None) -> bool:
    """Whether a rule can match blocks longer than the previous tier (None: unlimited blocks)."""
    if rule.max_chars is None:
        return True
    return low is not None and rule.max_chars >= low


def _decision(rule: Rule, found: regex.Match[str]) -> Decision:
    """The rule's label; named groups `caption` and `credit` split a caption from its credit."""
    groups = found.groupdict()
    caption, credit = groups.get("caption"), groups.get("credit")
    return Decision(
        rule.label,
        rule.id,
        text=caption.strip() if caption else None,
        credit=credit.strip() if credit else None,
    )


def _combine(rules: Sequence[Rule]) -> regex.Pattern[str] | None:
    """One alternation of all patterns, or None when they cannot be combined (then no screen)."""
    if not rules:
        return regex.compile(r"(?!)")
    try:
        return regex.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules))
    except regex.error:
        return None


class MatcherCache:
    """One `Matcher` per (rule set, site pack), built on first use; safe to share across threads."""

    def __init__(self, ruleset: RuleSet, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.ruleset = ruleset
        self.timeout = timeout
        self._matchers: dict[str | None, Matcher] = {}
        self._lock = threading.Lock()

    def get(self, site_key: str | None, rules: Sequence[Rule]) -> Matcher:
        with self._lock:
            matcher = self._matchers.get(site_key)
            if matcher is None:
                matcher = Matcher(rules, self.timeout)
                self._matchers[site_key] = matcher
            return matcher


def decided_by(matcher: Matcher, text: str) -> Rule | None:
    """The rule that decides one line standing alone, or None."""
    found = matcher.match([Block(0, 1, text)], Positions(None, None), [])[0]
    return found.rule if found else None


def chain_problems(ruleset: RuleSet) -> list[RuleProblem]:
    """Examples that fail against the whole chain: a match example must be decided by its own
    rule (not stolen by another), a keep example by no rule at all."""
    problems = []
    for pack in (None, *ruleset.sites):
        matcher = Matcher(ruleset.rules_for(pack))
        for rule in pack.rules if pack else ruleset.generic:
            for text in rule.match_examples:
                winner = decided_by(matcher, text)
                if winner is not rule:
                    other = winner.id if winner else "no rule"
                    problems.append(
                        RuleProblem(rule.path, f"match example {text!r} is decided by {other}", rule.id)
                    )
            for text in rule.keep_examples:
                winner = decided_by(matcher, text)
                if winner is not None:
                    problems.append(
                        RuleProblem(rule.path, f"keep example {text!r} is removed by {winner.id}", rule.id)
                    )
    return problems
