"""Learning over a batch: clean every page once, count each site's recurring lines, write packs.

The first pass cleans the batch with the rules in force and reads each page's JSON record
(`cleaner.learn.site` counts it under the host of its URL; a page without a URL is not
counted). Then each host with enough pages gets a pack (`cleaner.learn.pack`), checked as
`newsclean rules check` checks it. `newsclean learn` writes the packs; `newsclean
--learn-sites` writes them to a temporary folder and cleans the batch a second time with them.
Both passes read the inputs again (files twice; standard input is held in memory).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.learn.family import Families
from cleaner.learn.pack import Written, propose, taken_ids, write_checked
from cleaner.learn.site import Settings, SiteCounts
from cleaner.matching.rules import RuleSet, host_of
from cleaner.run.pool import Outcome


@dataclass(frozen=True, slots=True)
class Learned:
    """What learning gave: a pack per host that learned something, and a line for every host
    that did not (too few pages, nothing recurring)."""

    packs: tuple[Written, ...]
    notes: tuple[str, ...]


def count_sites(outcomes: Iterable[Outcome], families: Families) -> dict[str, SiteCounts]:
    """The counts of each host, from the JSON Lines outcomes of a cleaning pass."""
    sites: dict[str, SiteCounts] = {}
    for outcome in outcomes:
        if outcome.failed or not outcome.output.strip():
            continue
        record = json.loads(outcome.output)
        host = host_of(record["url"]) if record.get("url") else ""
        if host:
            sites.setdefault(host, SiteCounts(host, families)).add(record)
    return sites


def learn_sites(
    sites: dict[str, SiteCounts],
    settings: Settings,
    ruleset: RuleSet,
    rule_paths: Sequence[Path],
    command: str,
) -> Learned:
    """A checked pack for every host whose pages show recurring furniture, hosts sorted."""
    packs: list[Written] = []
    notes: list[str] = []
    taken = taken_ids(ruleset)
    for host in sorted(sites):
        counts = sites[host]
        if counts.pages < settings.min_pages:
            notes.append(f"{host}: {counts.pages} page(s); learning needs {settings.min_pages} or more")
            continue
        findings = counts.findings(settings)
        proposals, reports = propose(host, findings, counts.article_lines(), taken, counts.families)
        if not proposals:
            notes.append(f"{host}: {counts.pages} pages; no line recurs on enough of them to rule")
            if not reports:
                continue
        written = write_checked(host, counts.pages, proposals, reports, command, rule_paths)
        if written.rules:
            packs.append(written)
            taken |= {proposal.id for proposal in written.rules}
        for finding in written.reports:
            notes.append(
                f"{host}: not ruled: {finding.examples[0][:70]!r} ({finding.pages} of "
                f"{finding.of_pages} pages; {finding.why_not})"
            )
    return Learned(tuple(packs), tuple(notes))


def pack_name(host: str) -> str:
    """The file name of a host's learned pack.

    >>> pack_name("www.ledger.example")
    'ledger.example.toml'
    """
    return f"{host.lower().removeprefix('www.')}.toml"


def write_packs(packs: Iterable[Written], folder: Path) -> Iterator[Path]:
    """Write each pack to `folder/HOST.toml`; the paths written."""
    for pack in packs:
        path = folder / pack_name(pack.host)
        path.write_text(pack.text, encoding="utf-8")
        yield path
