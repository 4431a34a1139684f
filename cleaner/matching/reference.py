"""Reference: the rule packs as a Markdown page, every rule with its label, action, place,
length limit, reason and examples.

Generated, never written by hand, so that it cannot drift from the packs (as sqlfluff generates
its rule docs): `newsclean rules reference > docs/rules-reference.md`, and a test fails when the
checked-in page is not what the packs give.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cleaner.label.reasons import REASONS, SETTLE_PREFIX
from cleaner.matching.check import KINDS, pack_name
from cleaner.matching.rules import Pack, Rule, RuleSet, Vocabulary

COMMAND = "newsclean rules reference > docs/rules-reference.md"
_EXAMPLE_HEADINGS = dict(
    zip(KINDS, ("Matches", "Keeps", "Known misses (should match, do not yet)"), strict=True)
)


def render(ruleset: RuleSet, reasons: Mapping[str, str] = REASONS) -> str:
    """The reference page of a rule set, with the structural reasons (`structure.*`, `html.*`,
    `settle.*`: reason -> description) that lines no rule decides get."""
    packs = [pack for pack in ruleset.packs if pack.rules or pack.disables or pack.is_site]
    lines = [
        "# Rule reference",
        "",
        f"Generated from the rule packs by `{COMMAND}`: do not edit by hand.",
        "How to write a rule: [rules.md](rules.md).",
        "",
        "## Packs",
        "",
    ]
    lines += [
        f"- [{pack_name(pack.path)}](#{_anchor(pack_name(pack.path))}): {pack.description}" for pack in packs
    ]
    if ruleset.vocabularies:
        lines.append("- [Vocabularies](#vocabularies): the word lists that patterns use as `{{name}}`.")
    lines.append("")
    for pack in packs:
        lines += _pack_lines(pack)
    lines += _vocabulary_lines(ruleset.vocabularies)
    lines += _reason_lines(reasons)
    return "\n".join(lines).rstrip() + "\n"


def _pack_lines(pack: Pack) -> list[str]:
    lines = [f"## {pack_name(pack.path)}", ""]
    if pack.description:
        lines += [pack.description, ""]
    if pack.hosts:
        lines += [f"Hosts: {', '.join(f'`{host}`' for host in pack.hosts)}.", ""]
    if pack.signatures:
        lines += [f"Signatures: {', '.join(_code(text) for text in pack.signatures)}.", ""]
    for rule in pack.rules:
        lines += _rule_lines(rule)
    for disable in pack.disables:
        lines += [f"### `{disable.id}` (disabled)", "", disable.why, ""]
    return lines


def _rule_lines(rule: Rule) -> list[str]:
    facts = [
        f"label `{rule.label}`",
        f"action `{rule.action}`",
        f"where `{rule.where}`",
        f"max_chars {rule.max_chars if rule.max_chars is not None else 'none'}",
    ]
    if rule.priority:
        facts.append(f"priority {rule.priority}")
    if rule.aliases:
        facts.append(f"aliases {', '.join(f'`{alias}`' for alias in rule.aliases)}")
    lines = [f"### `{rule.id}`", "", rule.why, "", "; ".join(facts) + ".", ""]
    examples = (rule.match_examples, rule.keep_examples, rule.miss_examples)
    for kind, texts in zip(KINDS, examples, strict=True):
        if texts:
            lines += [f"{_EXAMPLE_HEADINGS[kind]}:", "", *(f"- {_code(text)}" for text in texts), ""]
    return lines


def _vocabulary_lines(vocabularies: Sequence[Vocabulary]) -> list[str]:
    if not vocabularies:
        return []
    lines = ["## Vocabularies", ""]
    for vocabulary in vocabularies:
        entries = ", ".join(_code(entry) for entry in vocabulary.entries)
        where = pack_name(vocabulary.path)
        lines += [f"### `{{{{{vocabulary.name}}}}}`", "", f"Entries, from `{where}`: {entries}.", ""]
    return lines


def _reason_lines(reasons: Mapping[str, str]) -> list[str]:
    """The structural reasons (`cleaner/label/reasons.py`), and what `settle.` before one means."""
    lines = [
        "## Structural reasons",
        "",
        "Lines no rule decides get a reason from the structural passes (`structure.*`, `html.*`,",
        "`settle.*`).",
        "",
    ]
    settled = (
        f"- `{SETTLE_PREFIX}<reason>`: a line kept by the first pass that a second pass over the "
        "printed article cut, under that pass's reason (text input only)"
    )
    return [*lines, *(f"- `{reason}`: {reasons[reason]}" for reason in sorted(reasons)), settled]


def _code(text: str) -> str:
    """A Markdown code span for any text, backticks in it included.

    >>> _code("a `b` c")
    '`` a `b` c ``'
    """
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, dots and spaces dropped or dashed.

    >>> _anchor("generic.auth")
    'genericauth'
    """
    return "".join(char for char in heading.lower().replace(" ", "-") if char.isalnum() or char in "-_")
