"""Engine: match the rules of a `RuleSet` against the blocks of a document. Pure.

A prefilter (`cleaner.matching.prefilter`) first names the rules that can possibly match a block, from
its first characters, the literals it contains and its length: most blocks (body paragraphs)
match no rule and get few or no candidates. The candidates are tried in priority order, and
the first rule that matches (pattern and position) decides the block's label. Every regex
call runs under a time limit; a call that exceeds it counts as no match and leaves a warning,
and the rule is off for the rest of the document, so a pathological pattern costs one time
limit per document instead of one per line.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Final, NamedTuple

import regex

from cleaner.label.features import is_prose
from cleaner.limits import HOLD_GIL, REGEX_TIMEOUT
from cleaner.matching.prefilter import Prefilter, readings
from cleaner.matching.rules import Rule, RuleSet, Where
from cleaner.model import Block, Decision

# Where's members as constants for the hot loop (see `cleaner.members`).
_ANY: Final = Where.ANY
_HEAD: Final = Where.HEAD
_TAIL: Final = Where.TAIL


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
        if where is _HEAD:
            return self.first_prose is None or index < self.first_prose
        if where is _TAIL:
            return self.last_prose is None or index > self.last_prose
        return True


@dataclass(frozen=True, slots=True)
class Match:
    """The rule that decided a block, and the decision."""

    rule: Rule
    decision: Decision


class Matched(NamedTuple):
    """The deciding rule of each block (None where no rule matches), and a warning for each
    rule that ran out of time."""

    found: list[Match | None]
    warnings: tuple[str, ...] = ()


class Matcher:
    """The rules of one rule list with their prefilter; thread-safe and reusable."""

    def __init__(self, rules: Sequence[Rule], timeout: float = REGEX_TIMEOUT) -> None:
        self.rules = tuple(rules)
        self.timeout = timeout
        expressions = [rule.expression for rule in self.rules]
        self.prefilter = Prefilter.build(
            expressions, [rule.max_chars for rule in self.rules], readings(expressions)
        )
        # Each rule's compiled pattern, taken from the rule on its first candidate line (rules
        # compile on first use; the list spares the hot loop the rule's property).
        self._patterns: list[regex.Pattern[str] | None] = [None] * len(self.rules)
        # What the hot loop reads of each rule, in lists: reading a rule's field from compiled
        # code is a generic attribute lookup, an item of a list is not.
        self._wheres = [rule.where for rule in self.rules]
        self._builtin = [rule.builtin for rule in self.rules]
        self._placed = sum(1 << n for n, rule in enumerate(self.rules) if rule.where is not _ANY)
        self._reduced: dict[frozenset[str], Matcher] = {}
        self._lock = threading.Lock()

    def match(
        self,
        blocks: Sequence[Block],
        positions: Positions,
        cleared: Set[str] = frozenset(),
    ) -> Matched:
        """The deciding rule of each block, or None where no rule matches.

        `cleared` are texts that no rule matched elsewhere (the same line on the full page,
        when the article is labelled again): only a rule bound to the head or tail of a page
        can match them here, so only those are tried.

        A rule that runs out of time on a block is off for the rest of the document: a pattern
        that backtracks catastrophically on one line of a page usually does on the next
        thousand lines too, and each try would cost the whole time limit.
        """
        matcher = self
        found: list[Match | None] = []
        warnings: list[str] = []
        for block in blocks:
            match, slow = matcher._match_block(block, positions, block.text in cleared)
            for rule in slow:
                warnings.append(
                    f"rule {rule.id} timed out on line {block.line}; treated as no match, "
                    "and off for the rest of this document"
                )
            if slow:
                matcher = matcher.without(slow)
            found.append(match)
        return Matched(found, tuple(warnings))

    def without(self, rules: Sequence[Rule]) -> Matcher:
        """This matcher minus some rules; built once, then shared by later documents."""
        key = frozenset(rule.id for rule in rules)
        with self._lock:
            reduced = self._reduced.get(key)
            if reduced is None:
                reduced = Matcher([rule for rule in self.rules if rule.id not in key], self.timeout)
                self._reduced[key] = reduced
            return reduced

    def _match_block(
        self, block: Block, positions: Positions, cleared: bool = False
    ) -> tuple[Match | None, tuple[Rule, ...]]:
        """The deciding rule of one block (or None), and the rules that ran out of time on it.

        Candidates come in the rules' order, which is their priority order. A cleared block's
        candidates are the rules bound to a position, few enough to try without the prefilter.
        """
        text = block.text
        candidates = self._placed if cleared else self.prefilter.candidates(text)
        if not candidates:
            return None, ()  # most lines: no rule can match them
        index = block.index
        slow: list[Rule] = []
        while candidates:  # `iter_bits`, inlined: a generator costs more than the loop
            low = candidates & -candidates
            candidates ^= low
            number = low.bit_length() - 1
            if not positions.allows(self._wheres[number], index):
                continue
            rule = self.rules[number]
            if cleared and rule.max_chars is not None and len(text) > rule.max_chars:
                continue
            pattern = self._patterns[number]
            if pattern is None:
                pattern = self._patterns[number] = rule.pattern
            try:
                # Rule.search, inlined: this is the hottest call of the text path.
                found = (
                    pattern.search(text, None, None, HOLD_GIL)
                    if self._builtin[number]
                    else pattern.search(text, concurrent=HOLD_GIL, timeout=self.timeout)
                )
            except TimeoutError:
                slow.append(rule)
                continue
            if found is not None:
                return Match(rule, _decision(rule, found)), tuple(slow)
        return None, tuple(slow)


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


class MatcherCache:
    """One `Matcher` per (rule set, site pack), built on first use; safe to share across threads."""

    def __init__(self, ruleset: RuleSet, timeout: float = REGEX_TIMEOUT) -> None:
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
    found = matcher.match([Block(0, 1, text)], Positions(None, None)).found[0]
    return found.rule if found else None
