"""The error hierarchy: every failure newsclean reports is one of these.

Errors carry what a user needs to act on them (the input, the rule file, the rule id, a hint)
and render as one line, so the CLI can print them without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputError(NewscleanError):
    """An input that cannot be cleaned: binary, too large, unreadable, broken HTML."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass(frozen=True, slots=True)
class RuleProblem:
    """One problem found in one rule file; `rule_id` is empty for file-level problems."""

    path: str
    message: str
    rule_id: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}: rule {self.rule_id}" if self.rule_id else self.path
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"


class RuleFileError(NewscleanError):
    """Every problem of every rule file loaded in one run, reported together."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no problems"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")
