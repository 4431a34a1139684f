"""Check: run the examples of the rules, alone and against the whole rule chain.

The one place that says what an example means, used by the loader (each rule alone), by
`newsclean rules check` and by the test suite (the whole chain, one case per example):

- a `match` example is matched by its rule alone, and decided by that rule when the whole chain
  runs (a more general rule may not steal it);
- a `keep` example is matched by its rule alone by nothing, and by no rule of the chain;
- a `miss` example is a known miss, text the rule should match but does not yet: it must not
  match, so that a pattern that starts matching it gets it promoted to `match` (as pytest's
  strict xfail does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.errors import RuleProblem
from cleaner.limits import REGEX_TIMEOUT

if TYPE_CHECKING:
    from cleaner.matching.matcher import Matcher
    from cleaner.matching.rules import Pack, Rule, RuleSet

KINDS = ("match", "keep", "miss")


@dataclass(frozen=True, slots=True)
class Case:
    """One example of one rule, with the site pack whose chain decides it (None: generic)."""

    rule: Rule
    kind: str  # one of KINDS
    index: int
    text: str
    site: Pack | None = None

    @property
    def id(self) -> str:
        """A readable test id: `generic.auth:auth.sign-in:match[0]`."""
        return f"{pack_name(self.rule.path)}:{self.rule.id}:{self.kind}[{self.index}]"


def pack_name(path: str) -> str:
    """A pack's name as ids and the reference show it: `generic.auth`, `sites.nysun.com`.

    >>> pack_name("rules/generic/auth.toml")
    'generic.auth'
    >>> pack_name("/tmp/mine.toml")
    'mine'
    """
    file = Path(path)
    folder = file.parent.name
    return f"{folder}.{file.stem}" if folder in ("generic", "sites") else file.stem


def examples_of(rule: Rule) -> Iterable[tuple[str, int, str]]:
    """(kind, index, text) of every example of a rule, in the order of KINDS."""
    for kind, texts in zip(KINDS, (rule.match_examples, rule.keep_examples, rule.miss_examples), strict=True):
        for index, text in enumerate(texts):
            yield kind, index, text


def cases(ruleset: RuleSet) -> list[Case]:
    """Every example of every active rule, generic rules first, then each site pack's."""
    found = [Case(rule, *example) for rule in ruleset.generic for example in examples_of(rule)]
    for site in ruleset.sites:
        found += [Case(rule, *example, site=site) for rule in site.rules for example in examples_of(rule)]
    return found


def rule_problems(rule: Rule) -> list[RuleProblem]:
    """Problems of a rule's examples against the rule alone: what the loader checks."""
    problems = []
    for kind, _, text in examples_of(rule):
        try:
            matches = rule.fits(text)
        except TimeoutError:
            problems.append(
                RuleProblem(
                    rule.path,
                    f"pattern ran out of time ({REGEX_TIMEOUT:g} s) on example {text!r}",
                    rule.id,
                    "it backtracks catastrophically: avoid repeating alternatives that can match "
                    "the same text, such as (a|aa)+ or (a|a)*",
                )
            )
            continue
        if kind == "match" and not matches:
            problems.append(
                RuleProblem(
                    rule.path, f"example does not match: {text!r}", rule.id, "fix the pattern or the example"
                )
            )
        elif kind == "keep" and matches:
            problems.append(
                RuleProblem(rule.path, f"keep example matches: {text!r}", rule.id, "tighten the pattern")
            )
        elif kind == "miss" and matches:
            problems.append(
                RuleProblem(
                    rule.path,
                    f"miss example matches now: {text!r}",
                    rule.id,
                    "move it from examples.miss to examples.match",
                )
            )
    return problems


class Chains:
    """One `Matcher` per site pack (None: the generic rules), built on first use."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._matchers: dict[str | None, Matcher] = {}

    def decider(self, case: Case) -> Rule | None:
        """The rule that decides the case's text alone on a line, in its pack's chain."""
        # Imported here: the matcher imports the rule loader, which imports this module.
        from cleaner.matching.matcher import Matcher, decided_by

        key = case.site.path if case.site else None
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = Matcher(self.ruleset.rules_for(case.site))
            self._matchers[key] = matcher
        return decided_by(matcher, case.text)


def case_problem(case: Case, chains: Chains) -> RuleProblem | None:
    """The problem of one example against the whole chain, or None when it behaves."""
    winner = chains.decider(case)
    rule = case.rule
    if case.kind == "match" and winner is not rule:
        other = winner.id if winner else "no rule"
        return RuleProblem(
            rule.path,
            f"match example {case.text!r} is decided by {other}",
            rule.id,
            "raise this rule's priority, or narrow the rule that takes it",
        )
    if case.kind == "keep" and winner is not None:
        return RuleProblem(
            rule.path,
            f"keep example {case.text!r} is removed by {winner.id}",
            rule.id,
            "narrow that rule (pattern, max_chars, where) or pick another example",
        )
    if case.kind == "miss" and winner is rule:
        return RuleProblem(
            rule.path,
            f"miss example {case.text!r} is decided by this rule now",
            rule.id,
            "move it from examples.miss to examples.match",
        )
    return None


def chain_problems(ruleset: RuleSet, selected: Sequence[Case] | None = None) -> list[RuleProblem]:
    """Problems of the examples (all, or `selected`) against the whole chain of their pack."""
    chains = Chains(ruleset)
    found = (case_problem(case, chains) for case in (cases(ruleset) if selected is None else selected))
    return [problem for problem in found if problem is not None]
