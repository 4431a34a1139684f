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
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path

from cleaner.learn.family import Families
from cleaner.learn.pack import MARKER, Written, propose, taken_ids, write_checked
from cleaner.learn.site import Settings, SiteCounts
from cleaner.matching.rules import HOST, RuleSet, host_of
from cleaner.run.inputs import WorkItem, is_http_url
from cleaner.run.pool import Outcome

__all__ = ["Learned", "Written", "count_sites", "learn_sites", "pack_name", "write_packs"]


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
        host = site_host(record.get("url"))
        if host:
            sites.setdefault(host, SiteCounts(host, families)).add(record)
    return sites


def site_host(url: str | None) -> str:
    """The host a page is learned under: that of an http(s) URL, if a site pack can name it;
    "" for a page without one (`hard::page.html`, `file:`, an IP address).

    >>> site_host("https://www.ledger.example/a"), site_host("hard::x.html"), site_host(None)
    ('ledger.example', '', '')
    """
    if not url or not is_http_url(url):
        return ""
    host = host_of(url)
    return host if HOST.match(host) else ""


def learn_sites(
    sites: dict[str, SiteCounts],
    settings: Settings,
    ruleset: RuleSet,
    rule_paths: Sequence[Path],
    command: str,
    skip: Set[Path] = frozenset(),
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
        proposals, reports = propose(host, findings, counts.article_lines(settings), taken, counts.families)
        if not proposals:
            notes.append(f"{host}: {counts.pages} pages; no line recurs on enough of them to rule")
            if not reports:
                continue
        written = write_checked(host, counts.pages, proposals, reports, command, rule_paths, skip)
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


def is_learned_pack(path: Path) -> bool:
    """Whether a file is a pack `newsclean learn` wrote (which it may replace); a missing file
    is no obstacle either. A hand-written pack is never overwritten."""
    if not path.exists():
        return True
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().startswith(MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def read_url_map(path: Path) -> dict[str, str]:
    """`--url-of FILE`: one input a line, `PATH URL` (the URL last: a path may hold spaces);
    blank lines and lines starting with # are skipped. Paths as the inputs are given.

    Raises ValueError naming the line that is not `PATH URL`.
    """
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or "://" not in parts[1]:
            raise ValueError(f"{path}:{number}: expected 'PATH URL', got {line[:80]!r}")
        found[str(Path(parts[0].strip()))] = parts[1]
    return found


def with_urls(items: Iterable[WorkItem], site: str | None, urls: dict[str, str] | None) -> Iterator[WorkItem]:
    """The items with the URL that `--site HOST` or `--url-of FILE` gives them."""
    for item in items:
        if site is not None:
            yield replace(item, url=f"https://{site}/")
        elif urls is not None and str(Path(item.source)) in urls:
            yield replace(item, url=urls[str(Path(item.source))])
        else:
            yield item
