"""Pack: write a site's findings as a TOML site pack that `newsclean rules check` passes.

Each rule gets the id `learned.<host>.<slug>` (the host with hyphens for dots, a number after
the slug when two families share one, never an id the rule set already has), label
`boilerplate`, an anchored pattern, a `why` that says how often it was seen, its most frequent
lines as `match` examples and article lines of the same pages as `keep` examples (the one
sharing most words with the rule first). The text is checked the way `rules check` checks it
before it is returned: an example the chain decides otherwise is dropped, and a rule left with
no match or no keep example is reported instead. The header holds the provenance without a
date (pages, host, command), so learning the same pages twice writes the same file.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from cleaner.errors import RuleFileError
from cleaner.label.features import ends_sentence, words_of
from cleaner.learn.family import Families, slug
from cleaner.learn.site import Finding
from cleaner.matching import check
from cleaner.matching.rules import RuleSet, load_rules

MARKER = "# Learned by `newsclean learn`"
ID_PREFIX = "learned"
KEEP_EXAMPLES = 2
KEEP_MIN_WORDS = 5
ARRAY_WIDTH = 80
LOOKALIKE_CHARS = 4  # words this long make a lookalike ("Harbor", "Ledger"); "the" does not


@dataclass(frozen=True, slots=True)
class Proposal:
    """One rule to write: a finding with its id and examples."""

    id: str
    finding: Finding
    match: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Written:
    """A pack's text, its rules, and the findings it reports instead of ruling."""

    host: str
    text: str
    rules: tuple[Proposal, ...]
    reports: tuple[Finding, ...]


def host_slug(host: str) -> str:
    """A host as one part of a dotted rule id.

    >>> host_slug("www.ledger.example")
    'ledger-example'
    """
    return host.lower().removeprefix("www.").replace(".", "-")


def propose(
    host: str, findings: Iterable[Finding], article: Sequence[str], taken: set[str], families: Families
) -> tuple[list[Proposal], list[Finding]]:
    """Rules for the findings that may be ruled (ids not in `taken`), and those reported."""
    proposals: list[Proposal] = []
    reports: list[Finding] = []
    used = set(taken)
    for finding in findings:
        if finding.why_not is not None:
            reports.append(finding)
            continue
        rule_id = _free_id(f"{ID_PREFIX}.{host_slug(host)}.{slug(finding.family)}", used)
        used.add(rule_id)
        keep = _keep_examples(
            finding, [line for line in article if families.family_of(line).key != finding.family.key]
        )
        proposals.append(Proposal(rule_id, finding, finding.examples, keep))
    return proposals, reports


def _free_id(base: str, used: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… when it is taken (by a hand-written rule, or another family)."""
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _keep_examples(finding: Finding, article: Sequence[str]) -> tuple[str, ...]:
    """Article lines that the rule must leave alone: those sharing most words with its lines
    first (the lookalikes a reviewer worries about), then the shortest, then by text."""
    words = {
        word.lower() for text in finding.examples for word in words_of(text) if len(word) >= LOOKALIKE_CHARS
    }
    # Sentences first: the article text a reviewer recognises as such.
    candidates = [line for line in article if len(line.split()) >= KEEP_MIN_WORDS and ends_sentence(line)]
    candidates = candidates or [line for line in article if len(line.split()) >= KEEP_MIN_WORDS]

    def order(line: str) -> tuple[int, int, str]:
        shared = len(words & {word.lower() for word in words_of(line) if len(word) >= LOOKALIKE_CHARS})
        return (-shared, len(line), line)

    chosen = tuple(sorted(candidates, key=order)[:KEEP_EXAMPLES])
    # No article line to show (a site whose pages hold little text): a sentence quoting the
    # line still shows that the rule takes whole lines only.
    return chosen or (f"The notice read “{finding.examples[0]}” for a week, she said.",)


def render(
    host: str, pages: int, proposals: Sequence[Proposal], reports: Sequence[Finding], command: str
) -> str:
    """The TOML text of a learned pack."""
    lines = [
        f"{MARKER} from {pages} pages of {host}.",
        f"# Command: {command}",
        "# Review every rule before you keep this pack: delete what is not furniture, and move a",
        "# rule you edit by hand to a pack of your own (learning again rewrites this file).",
    ]
    if reports:
        lines.append("#")
        lines.append("# Recurring lines not ruled (decide yourself):")
        for finding in reports:
            seen = f"{finding.pages} of {finding.of_pages} pages"
            lines.append(f"#   {_short(finding.examples[0])}: {seen}; {finding.why_not}")
    lines += [
        "",
        "[pack]",
        f"description = {_string(f'Lines that recur on the pages of {host}, learned from {pages} pages.')}",
        f"hosts = [{_string(host.lower().removeprefix('www.'))}]",
    ]
    for proposal in proposals:
        finding = proposal.finding
        lines += [
            "",
            "[[rule]]",
            f"id = {_string(proposal.id)}",
            'label = "boilerplate"',
            f"pattern = {_pattern(finding.family.pattern)}",
            f"why = {_string(_why(finding, host))}",
            f"max_chars = {_max_chars(finding.longest)}",
            f"examples.match = {_array(proposal.match)}",
            f"examples.keep = {_array(proposal.keep)}",
        ]
    return "\n".join(lines) + "\n"


def _why(finding: Finding, host: str) -> str:
    return f"Learned: on {finding.pages} of {finding.of_pages} pages of {host}, and never as article prose."


def _max_chars(longest: int) -> int:
    """A little room over the longest line seen (a count may grow a digit)."""
    return longest + max(10, longest // 5)


def _short(text: str, limit: int = 70) -> str:
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)


def _array(texts: Sequence[str]) -> str:
    """A TOML array of strings, one a line when they do not fit on one."""
    one_line = "[" + ", ".join(_string(text) for text in texts) + "]"
    if len(one_line) <= ARRAY_WIDTH:
        return one_line
    return "[\n" + "".join(f"    {_string(text)},\n" for text in texts) + "]"


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _pattern(pattern: str) -> str:
    """A pattern as a TOML literal string (backslashes stay), else a basic string."""
    if "'" in pattern or "\n" in pattern:
        return _string(pattern)
    return f"'{pattern}'"


def write_checked(
    host: str,
    pages: int,
    proposals: Sequence[Proposal],
    reports: Sequence[Finding],
    command: str,
    rule_paths: Sequence[Path],
    skip: Set[Path] = frozenset(),
) -> Written:
    """The pack's text after the checks of `newsclean rules check` with these `--rules`: the
    examples the whole chain decides otherwise are dropped, a rule without a match or keep
    example left goes to the reports, until the pack passes."""
    proposals, reports = list(proposals), list(reports)
    while proposals:
        text = render(host, pages, proposals, reports, command)
        problems = _problems(text, rule_paths, skip)
        if not problems:
            return Written(host, text, tuple(proposals), tuple(reports))
        ids = {proposal.id for proposal in proposals}
        if any(rule_id not in ids for rule_id, _ in problems):  # the pack itself: give it up
            why = "the learned pack does not load: " + "; ".join(sorted({text for _, text in problems}))
            return Written(host, "", (), (*reports, *(replace(p.finding, why_not=why) for p in proposals)))
        proposals, dropped = _without(proposals, problems)
        reports += dropped
    return Written(host, render(host, pages, proposals, reports, command), (), tuple(reports))


def _problems(text: str, rule_paths: Sequence[Path], skip: Set[Path]) -> list[tuple[str, str]]:
    """(rule id, example text) of each example the pack's chain decides wrongly."""
    with tempfile.TemporaryDirectory(prefix="newsclean-learn-") as folder:
        path = Path(folder) / "learned.toml"
        path.write_text(text, encoding="utf-8")
        try:
            ruleset = load_rules([*rule_paths, path], skip=skip)
        except RuleFileError as error:
            return [
                (problem.rule_id or "", _example_of(problem.message) or problem.message)
                for problem in error.problems
            ]
        mine = [case for case in check.cases(ruleset) if case.rule.path == str(path)]
        chains = check.Chains(ruleset)
        return [(case.rule.id, case.text) for case in mine if check.case_problem(case, chains) is not None]


def _example_of(message: str) -> str:
    """The example a loader problem quotes ("example does not match: '…'"), or ""."""
    found = regex.search(r": (['\"])(.*)\1$", message)
    return found.group(2) if found else ""


def _without(
    proposals: list[Proposal], problems: list[tuple[str, str]]
) -> tuple[list[Proposal], list[Finding]]:
    """The proposals without the failing examples; those left without examples, as reports."""
    kept: list[Proposal] = []
    dropped: list[Finding] = []
    for proposal in proposals:
        bad = {text for rule_id, text in problems if rule_id == proposal.id}
        if not bad:
            kept.append(proposal)
            continue
        match = tuple(text for text in proposal.match if text not in bad)
        keep = tuple(text for text in proposal.keep if text not in bad)
        # Each round drops an example or the rule, so the checks end.
        if match and keep and (match, keep) != (proposal.match, proposal.keep):
            kept.append(replace(proposal, match=match, keep=keep))
        else:
            dropped.append(
                replace(
                    proposal.finding, why_not="its examples fail the rule check (another rule decides them)"
                )
            )
    return kept, dropped


def taken_ids(ruleset: RuleSet) -> set[str]:
    """Every id and alias of a rule set: a learned rule never takes one."""
    return {name for rule in ruleset.all_rules() for name in (rule.id, *rule.aliases)} | {
        disable.id for disable in ruleset.disabled
    }
