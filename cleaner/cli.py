"""CLI: the `newsclean` command. Thin: options in, `Cleaner` calls, formatted output out.

    newsclean [clean] [OPTIONS] [FILE | DIR | -]...   clean files, folders or stdin (JSON, Markdown…)
    newsclean rules list|check|reference            show, test or document the rule packs
    newsclean samples check|bless [DIR]             regression samples against golden JSON
    newsclean schema                                print the output JSON schema

Exit codes: 0 all inputs cleaned; 1 some input failed; 2 usage, rule-file or output-file error;
130 interrupted by Ctrl-C or SIGTERM (nothing half-written is left behind). Every error is one
line on stderr naming the input; no traceback reaches the user.
"""

from __future__ import annotations

import io
import math
import os
import shlex
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from cleaner import emit
from cleaner.errors import RuleFileError, RuleProblem
from cleaner.learn.site import MIN_PAGES, MIN_SHARE
from cleaner.learn.site import Settings as LearnSettings
from cleaner.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, format_size, parse_size
from cleaner.matching import check
from cleaner.matching.rules import HOST, RuleSet, load_rules
from cleaner.pipeline import INPUT_FORMATS, Cleaner
from cleaner.read.repair import fix_surrogates
from cleaner.run import inputs, pool
from cleaner.run.progress import Progress

if TYPE_CHECKING:
    from cleaner.learn.pack import Written

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """A size in bytes on the command line: 50M, 512k, 1000; 0 for no limit."""
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A time limit in seconds on the command line; 0 for no limit."""
    if math.isnan(value) or math.isinf(value):
        raise click.BadParameter(
            f"{value} is not a number of seconds; give one such as 30, or 0 for no limit"
        )
    return value


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, goes to `clean`; its help
    shows the options of `clean` and lists the commands."""

    default_command = "clean"

    def invoke(self, ctx: click.Context) -> object:
        """Run the command with Ctrl-C and SIGTERM answered from its first moment (loading the
        rules takes a second): exit 130 with one line, not a traceback or click's "Aborted!"."""
        previous = signal.getsignal(signal.SIGTERM)
        # The command's entry point (newsclean_entry.py) sets its own handler: it stays.
        ours = previous is signal.SIG_DFL or previous is None
        if ours:
            signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _report("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        finally:
            if ours:
                signal.signal(signal.SIGTERM, previous or signal.SIG_DFL)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] [FILE | DIR | -]...")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="   or: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command = self.commands[self.default_command]
        inner = click.Context(command, info_name=ctx.info_name, help_option_names=["-h", "--help"])
        params = [param for param in command.get_params(inner) if isinstance(param, click.Option)]
        records = [param.get_help_record(inner) for param in params]
        records += [param.get_help_record(ctx) for param in self.params]
        with formatter.section("Options"):
            formatter.write_dl([record for record in records if record])
        self.format_commands(ctx, formatter)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsclean")
def main() -> None:
    """Clean scraped news text or HTML into JSON: title, byline, body, captions, and every
    removed line with the rule that removed it. Never fetches: pipe a page in.

    `newsclean FILE` is `newsclean clean FILE`.
    """


rules_option = click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra rule pack file or folder (repeatable); adds to or overrides the built-in rules.",
)


def _url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not inputs.is_http_url(value):
        raise click.BadParameter(f"{value!r} is not an http(s) URL with a host (https://host/path)")
    return value


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--input-format",
    type=click.Choice((*INPUT_FORMATS, "jsonl")),
    metavar="FORMAT",
    default="auto",
    help="auto (default), text, html, or jsonl: lines {id, url, text | html}.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(emit.OUTPUT_FORMATS),
    metavar="FORMAT",
    default=None,
    help="json (default for one input; several: one array), jsonl (default for several, "
    "a folder or -o *.jsonl), text or markdown.",
)
@click.option(
    "--url", callback=_url, metavar="URL", help="URL of the page (selects site rules; never fetched)."
)
@rules_option
@click.option("--strict-rules", is_flag=True, help="Refuse --rules that break rule examples.")
@click.option("--explain", is_flag=True, help="Show every input line with its label and reason.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (atomically).",
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    default=None,
    help="One output file per input in DIR, names mirrored.",
)
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    metavar="PATTERN",
    help="Files taken from a folder (repeatable; default *.txt *.htm[l], also .gz .bz2 .xz).",
)
@click.option(
    "--max-bytes",
    callback=_size,
    metavar="SIZE",
    default=format_size(DEFAULT_MAX_BYTES).replace(" ", ""),
    help="Refuse larger inputs (default 50M; 0: no limit).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    callback=_seconds,
    metavar="SECONDS",
    default=DEFAULT_TIMEOUT,
    help=f"Give up on an input after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    default=1,
    help="Clean in N processes (0: one per CPU); same output.",
)
@click.option("--progress/--no-progress", default=None, help="A counter on stderr (default: on a terminal).")
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    default=None,
    help="Clean on this Dask cluster; needs newsclean[dask].",
)
@click.option(
    "--learn-sites",
    is_flag=True,
    help="Learn each site's recurring lines from the batch first (pages with URLs), then clean with them.",
)
def clean(
    files: tuple[str, ...],
    input_format: str,
    output_format: str | None,
    url: str | None,
    rule_paths: tuple[Path, ...],
    strict_rules: bool,
    explain: bool,
    output: Path | None,
    output_dir: Path | None,
    patterns: tuple[str, ...],
    max_bytes: int | None,
    timeout: float,
    jobs: int,
    progress: bool | None,
    dask_scheduler: str | None,
    learn_sites: bool,
) -> None:
    """Clean FILE…, the files of DIR…, or standard input (also '-') into JSON."""
    _check_usage(files, output_format, explain, output, output_dir, input_format)
    if learn_sites and dask_scheduler is not None:
        raise click.UsageError("--learn-sites reads the batch twice here; leave out --dask-scheduler")
    ruleset = _checked_rules(rule_paths, strict=strict_rules)
    cleaner = Cleaner(ruleset, max_bytes=max_bytes, timeout=timeout or None)
    arguments = [Path(name) for name in files] or [Path("-")]
    if arguments == [Path("-")] and sys.stdin.isatty():
        raise click.UsageError("no input: give FILE… or pipe a page into standard input")
    records = input_format == "jsonl"
    sources = [inputs.Source(path, Path(path.name)) for path in arguments]
    if not records:
        sources = inputs.expand(arguments, patterns or inputs.DEFAULT_GLOBS)
    batch = records or len(sources) > 1 or any(path.is_dir() for path in arguments)
    chosen = emit.output_format(output_format, None if output is None else output.name, many=batch)
    if output_dir is not None:
        chosen = output_format or "json"
    settings = pool.Settings(
        # Absolute, so that workers started elsewhere (a Dask worker's folder) find the same files.
        rule_paths=tuple(str(path.resolve()) for path in rule_paths),
        max_bytes=max_bytes,
        timeout=timeout or None,
        output_format=chosen,
        explain=explain,
        many=batch and output_dir is None,
    )
    paths = [source.path for source in sources]
    make_items = _item_maker(paths, records, input_format, url, max_bytes, replay=learn_sites)
    learned = tempfile.TemporaryDirectory(prefix="newsclean-learned-") if learn_sites else nullcontext(None)
    with learned as folder:
        if folder is not None:
            cleaner, settings = _learn_first(cleaner, make_items(), settings, jobs, rule_paths, Path(folder))
        _clean_batch(
            cleaner,
            make_items(),
            settings,
            sources,
            output,
            output_dir,
            jobs,
            dask_scheduler,
            progress,
            batch=batch,
            records=records,
            chosen=chosen,
            explain=explain,
        )


def _item_maker(
    paths: Sequence[Path],
    records: bool,
    input_format: str,
    url: str | None,
    max_bytes: int | None,
    *,
    replay: bool,
) -> Callable[[], Iterator[inputs.WorkItem]]:
    """What makes the batch's items, lazily; with `replay`, as often as asked (files are read
    again, standard input is held in memory: the learning pass and the cleaning pass)."""
    copy = sys.stdin.buffer.read() if replay and Path("-") in paths else None

    def make() -> Iterator[inputs.WorkItem]:
        stdin = io.BytesIO(copy) if copy is not None else None
        if records:
            return inputs.jsonl_items(paths, url, max_bytes, stdin)
        return inputs.file_items(paths, input_format, url, max_bytes, stdin)  # type: ignore[arg-type]

    return make


def _learn_first(
    cleaner: Cleaner,
    items: Iterator[inputs.WorkItem],
    settings: pool.Settings,
    jobs: int,
    rule_paths: tuple[Path, ...],
    folder: Path,
) -> tuple[Cleaner, pool.Settings]:
    """`--learn-sites`: clean the batch once, learn a pack per site into `folder`, and give
    the cleaner and settings that clean with those packs too."""
    from cleaner.learn.family import Families  # imported here: learning is not start-up's
    from cleaner.run import learning

    first = replace(settings, output_format="jsonl", explain=False, many=True)
    outcomes = _run(cleaner, items, first, jobs, None, batch=True)
    sites = learning.count_sites(outcomes, Families(cleaner.ruleset.vocabularies))
    learned = learning.learn_sites(
        sites, LearnSettings(), cleaner.ruleset, rule_paths, "newsclean --learn-sites (this batch)"
    )
    for pack in learned.packs:
        _report(f"{pack.host}: learned {len(pack.rules)} rule(s) from {sites[pack.host].pages} pages")
    list(learning.write_packs(learned.packs, folder))
    second = replace(settings, rule_paths=(*settings.rule_paths, str(folder)))
    return second.build_cleaner(), second


def _clean_batch(
    cleaner: Cleaner,
    items: Iterator[inputs.WorkItem],
    settings: pool.Settings,
    sources: Sequence[inputs.Source],
    output: Path | None,
    output_dir: Path | None,
    jobs: int,
    dask_scheduler: str | None,
    progress: bool | None,
    *,
    batch: bool,
    records: bool,
    chosen: str,
    explain: bool,
) -> None:
    """Clean the batch and write it; exit with the batch's code."""
    counter = Progress(
        sys.stderr,
        enabled=progress if progress is not None else sys.stderr.isatty() and batch,
        total=None if records else len(sources),
    )
    # SIGTERM (a job's time limit, `kill`) stops a batch as Ctrl-C does: output file removed.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with closing(_run(cleaner, items, settings, jobs, dask_scheduler, batch=batch)) as outcomes:
            if output_dir is not None:
                targets = _targets(sources, output_dir, emit.EXTENSIONS[chosen])
                failed = _write_each(outcomes, targets, counter)
            else:
                framing = emit.framing(chosen, many=settings.many and not explain)
                with _output(output) as out:
                    failed = _write_all(outcomes, out, counter, framing)
    except KeyboardInterrupt:
        counter.wipe()
        _report("interrupted" + (f"; {output} was not written" if output else ""))
        sys.exit(EXIT_INTERRUPTED)
    except _WriteError as error:
        counter.wipe()
        _report(f"{error.path}: cannot write: {error.reason}")
        sys.exit(EXIT_USAGE)
    except OSError as error:  # the output file's folder is missing or not writable, the disk full
        counter.wipe()
        _report(f"{output or 'standard output'}: cannot write: {error.strerror or error}")
        sys.exit(EXIT_USAGE)
    finally:
        signal.signal(signal.SIGTERM, previous)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _check_usage(
    files: Sequence[str],
    output_format: str | None,
    explain: bool,
    output: Path | None,
    output_dir: Path | None,
    input_format: str,
) -> None:
    """Refuse what cannot work, before anything is read: URLs, options that exclude each other."""
    for name in files:
        if inputs.looks_like_url(name):
            _report(
                f"{name}: newsclean never fetches pages; fetch it and pipe it in: "
                f"curl -s '{name}' | newsclean --url '{name}'"
            )
            sys.exit(EXIT_USAGE)
    if explain and output_format is not None:
        raise click.UsageError("--explain writes its own format; leave out --format")
    if output_dir is not None:
        if output is not None:
            raise click.UsageError("give -o FILE or --output-dir DIR, not both")
        if explain or input_format == "jsonl" or not files or "-" in files:
            raise click.UsageError("--output-dir takes files or folders (no '-', --explain or jsonl input)")


def _targets(sources: Sequence[inputs.Source], folder: Path, extension: str) -> list[Path]:
    """The output file of each input under `--output-dir`; two inputs may not share one."""
    targets = [folder / inputs.output_name(source.relative, extension) for source in sources]
    seen: dict[Path, inputs.Source] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise click.UsageError(f"{seen[target].path} and {source.path} would both write {target}")
        seen[target] = source
    return targets


class _WriteError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def _run(
    cleaner: Cleaner,
    items: Iterator[inputs.WorkItem],
    settings: pool.Settings,
    jobs: int,
    dask_scheduler: str | None,
    *,
    batch: bool,
) -> pool.Outcomes:
    """The outcomes of the batch, in input order: on a Dask cluster, in worker processes, or here."""
    if dask_scheduler is not None:
        from cleaner.run import cluster  # imports Dask only when it runs

        try:
            return cluster.run_on_scheduler(items, settings, dask_scheduler)
        except cluster.SchedulerError as error:
            _report(str(error))
            sys.exit(EXIT_USAGE)
    jobs = jobs or pool.cpu_count()
    if jobs > 1 and batch:  # one document gains nothing from starting workers
        return pool.run_in_processes(items, settings, jobs)
    return pool.run_here(cleaner, items, settings)


def _write_all(
    outcomes: Iterator[pool.Outcome], out: IO[str], counter: Progress, framing: emit.Framing
) -> bool:
    """Write each outcome in turn, its problems to stderr; True when some input failed."""
    failed = False

    def outputs() -> Iterator[str]:
        nonlocal failed
        for outcome in outcomes:
            if outcome.reports:
                counter.wipe()
                for line in outcome.reports:
                    _report(line)
            yield outcome.output
            failed |= outcome.failed
            counter.advance(failed=outcome.failed)

    for text in framing.join(outputs()):
        out.write(text)
    counter.close()
    return failed


def _write_each(outcomes: Iterator[pool.Outcome], targets: Sequence[Path], counter: Progress) -> bool:
    """Write each outcome to its own file (atomically), its problems to stderr; True when some
    input failed. A failed input writes no file."""
    failed = False
    for outcome, target in zip(outcomes, targets, strict=False):
        if outcome.reports:
            counter.wipe()
            for line in outcome.reports:
                _report(line)
        if outcome.output:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with _output(target) as out:
                    out.write(outcome.output)
            except OSError as error:
                raise _WriteError(target, error.strerror or str(error)) from None
        failed |= outcome.failed
        counter.advance(failed=outcome.failed)
    counter.close()
    return failed


def _host(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not HOST.match(value.lower()):
        raise click.BadParameter(f"{value!r} is not a host name such as example.com")
    return value.lower().removeprefix("www.") if value is not None else None


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--input-format",
    type=click.Choice((*INPUT_FORMATS, "jsonl")),
    metavar="FORMAT",
    default="auto",
    help="auto (default), text, html, or jsonl: lines {id, url, text | html}.",
)
@click.option("--site", callback=_host, metavar="HOST", help="Every page is of this site.")
@click.option(
    "--url-of",
    "url_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    metavar="FILE",
    help="The URL of each input: lines 'PATH URL'.",
)
@rules_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The pack to write (HOST.toml), or a folder for one pack per site; default: stdout.",
)
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN", help="Files taken from a folder.")
@click.option(
    "--min-pages",
    type=click.IntRange(min=2),
    default=MIN_PAGES,
    show_default=True,
    help="A line must be on at least this many pages.",
)
@click.option(
    "--min-share",
    type=click.FloatRange(min=0.0, max=1.0),
    default=MIN_SHARE,
    show_default=True,
    help="…and on at least this share of the site's pages.",
)
def learn(
    files: tuple[str, ...],
    input_format: str,
    site: str | None,
    url_file: Path | None,
    rule_paths: tuple[Path, ...],
    output: Path | None,
    patterns: tuple[str, ...],
    min_pages: int,
    min_share: float,
) -> None:
    """Learn the lines that recur on a site's pages and write them as a site pack to review.

    Each page is cleaned first; lines a rule already removes, and the headline, byline, date
    and captions, are left alone; a recurring line that a page keeps as prose is reported, not
    ruled. The pack passes `newsclean rules check`. See docs/learning.md.
    """
    from cleaner.learn.family import Families  # imported here: learning is not start-up's
    from cleaner.run import learning

    if site is not None and url_file is not None:
        raise click.UsageError("give --site HOST or --url-of FILE, not both")
    try:
        urls = learning.read_url_map(url_file) if url_file is not None else None
    except (ValueError, OSError, UnicodeDecodeError) as error:
        raise click.BadParameter(str(error), param_hint="--url-of") from None
    folder = output is not None and output.is_dir()
    skip = _replaced_packs(output, folder)
    ruleset = _load_rules_or_exit(rule_paths, skip)
    cleaner = Cleaner(ruleset)
    arguments = [Path(name) for name in files]
    records = input_format == "jsonl"
    sources = [inputs.Source(path, Path(path.name)) for path in arguments]
    if not records:
        sources = inputs.expand(arguments, patterns or inputs.DEFAULT_GLOBS)
    paths = [source.path for source in sources]
    make_items = _item_maker(paths, records, input_format, None, DEFAULT_MAX_BYTES, replay=False)
    items = learning.with_urls(make_items(), site, urls)
    first = pool.Settings(output_format="jsonl", many=True, max_bytes=DEFAULT_MAX_BYTES)
    sites = learning.count_sites(
        _reported(pool.run_here(cleaner, items, first)), Families(ruleset.vocabularies)
    )
    settings = LearnSettings(min_pages=min_pages, min_share=min_share)
    command = _learn_command(files, input_format, site, url_file, rule_paths, output, min_pages, min_share)
    learned = learning.learn_sites(sites, settings, ruleset, rule_paths, command, skip)
    for note in learned.notes:
        _report(note)
    if not sites:
        _report("no page has a URL: give --site HOST, --url-of FILE, or JSON Lines with urls")
    _write_learned(learned.packs, output, folder=folder)


def _reported(outcomes: Iterator[pool.Outcome]) -> Iterator[pool.Outcome]:
    """The outcomes, their problems reported on stderr as they come."""
    for outcome in outcomes:
        for line in outcome.reports:
            _report(line)
        yield outcome


def _replaced_packs(output: Path | None, folder: bool) -> frozenset[Path]:
    """The learned packs that this run may replace: learning leaves them out, or their rules
    would hide the lines they rule."""
    from cleaner.run import learning

    if output is None:
        return frozenset()
    candidates = sorted(output.glob("*.toml")) if folder else [output]
    return frozenset(
        path.resolve() for path in candidates if path.exists() and learning.is_learned_pack(path)
    )


def _learn_command(
    files: Sequence[str],
    input_format: str,
    site: str | None,
    url_file: Path | None,
    rule_paths: Sequence[Path],
    output: Path | None,
    min_pages: int,
    min_share: float,
) -> str:
    """The command as a pack's provenance, inputs sorted (their order changes nothing)."""
    words = ["newsclean", "learn"]
    if input_format != "auto":
        words += ["--input-format", input_format]
    if site:
        words += ["--site", site]
    if url_file:
        words += ["--url-of", str(url_file)]
    for path in rule_paths:
        words += ["--rules", str(path)]
    if min_pages != MIN_PAGES:
        words += ["--min-pages", str(min_pages)]
    if min_share != MIN_SHARE:
        words += ["--min-share", f"{min_share:g}"]
    names = sorted(files)
    words += names if len(names) <= _SHOWN_INPUTS else [*names[:_SHOWN_INPUTS], f"… ({len(names)} inputs)"]
    if output is not None:
        words += ["-o", str(output)]
    return " ".join(shlex.quote(word) if not word.startswith("…") else word for word in words)


_SHOWN_INPUTS = 5


def _write_learned(packs: Sequence[Written], output: Path | None, *, folder: bool) -> None:
    """Write the learned packs: to stdout or a file (one site), or one file per site in a
    folder; never over a hand-written pack. Exit 1 when nothing was learned."""
    from cleaner.run import learning

    if not packs:
        _report("nothing learned; no pack written")
        sys.exit(EXIT_FAILED)
    if not folder and len(packs) > 1:
        hosts = ", ".join(pack.host for pack in packs)
        raise click.UsageError(f"the pages are of several sites ({hosts}): give -o a folder, or --site")
    targets = [output / learning.pack_name(pack.host) if folder and output else output for pack in packs]
    for pack, target in zip(packs, targets, strict=True):
        if target is None:
            click.echo(pack.text, nl=False)
            continue
        if not learning.is_learned_pack(target):
            _report(f"{target}: not written: it is not a pack newsclean learn wrote (a hand-written pack?)")
            sys.exit(EXIT_USAGE)
        try:
            with _output(target) as out:
                out.write(pack.text)
        except OSError as error:
            _report(f"{target}: cannot write: {error.strerror or error}")
            sys.exit(EXIT_USAGE)
        _report(f"{target}: {len(pack.rules)} rule(s) for {pack.host}; review it (docs/learning.md)")
    sys.exit(EXIT_OK)


@main.group()
def rules() -> None:
    """Show and test the rule packs."""


@rules.command("list")
@rules_option
def rules_list(rule_paths: tuple[Path, ...]) -> None:
    """List every active rule: id, label, action, where it applies and why."""
    ruleset = _load_rules_or_exit(rule_paths)
    for rule in ruleset.generic:
        click.echo(f"{rule.id:<32} {rule.label:<11} {rule.action:<5} {rule.where:<4} {rule.why}")
    for pack in ruleset.sites:
        if not pack.rules and not pack.disables:
            continue  # a pack of vocabularies or hosts only: nothing to list
        click.echo(f"\n[site {pack.name}: {', '.join(pack.hosts) or 'signature only'}]")
        for rule in pack.rules:
            click.echo(f"{rule.id:<32} {rule.label:<11} {rule.action:<5} {rule.where:<4} {rule.why}")
        for disable in pack.disables:
            click.echo(f"{disable.id:<32} disabled    {disable.why}")
    for disable in ruleset.disabled:
        click.echo(f"{disable.id:<32} disabled    {disable.why}")


@rules.command("check")
@rules_option
def rules_check(rule_paths: tuple[Path, ...]) -> None:
    """Load every rule pack and run every rule's examples; exit 2 on any problem.

    Loading runs each rule's examples against the rule alone; then each example runs against
    the whole chain of its pack, as the test suite's cases do.
    """
    ruleset = _load_rules_or_exit(rule_paths)
    problems = check.chain_problems(ruleset)
    for problem in problems:
        _report(str(problem))
    count = len(check.cases(ruleset))
    if problems:
        sys.exit(EXIT_USAGE)
    click.echo(f"{len(ruleset.all_rules())} rules, {count} examples: all pass")


@rules.command("reference")
@rules_option
def rules_reference(rule_paths: tuple[Path, ...]) -> None:
    """Print the rule reference (Markdown): every pack and rule with its examples.

    The built-in one is docs/rules-reference.md: newsclean rules reference > docs/rules-reference.md
    """
    from cleaner.matching import reference

    click.echo(reference.render(_load_rules_or_exit(rule_paths)), nl=False)


@main.group()
def samples() -> None:
    """Regression samples: raw inputs with golden JSON."""


samples_dir = click.argument(
    "folder", required=False, default="samples", type=click.Path(path_type=Path, file_okay=False, exists=True)
)


@samples.command("check")
@samples_dir
@click.option("--only", "names", multiple=True, help="Only this sample (repeatable).")
@rules_option
def samples_check(folder: Path, names: tuple[str, ...], rule_paths: tuple[Path, ...]) -> None:
    """Check each sample against its golden JSON and expectations, with a diff."""
    from cleaner.samples import check_sample, rules_problem, sample_inputs

    cleaner = Cleaner(_load_rules_or_exit(rule_paths))
    results = [
        check_sample(cleaner, path, rules_problem(folder, path.name, rule_paths))
        for path in sample_inputs(folder, names)
    ]
    for result in results:
        click.echo(f"{'ok  ' if result.ok else 'FAIL'} {result.name}")
        for problem in result.problems:
            click.echo("     " + problem.replace("\n", "\n     "))
    failed = sum(1 for result in results if not result.ok)
    click.echo(f"{len(results) - failed} of {len(results)} samples pass")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@samples.command("bless")
@samples_dir
@click.option("--only", "names", multiple=True, help="Only this sample (repeatable).")
@rules_option
def samples_bless(folder: Path, names: tuple[str, ...], rule_paths: tuple[Path, ...]) -> None:
    """Write the golden JSON of each sample from the current output."""
    from cleaner.samples import bless_sample, record_rules, sample_inputs

    cleaner = Cleaner(_load_rules_or_exit(rule_paths))
    for path in sample_inputs(folder, names):
        changed = bless_sample(cleaner, path)
        record_rules(folder, path.name, rule_paths)
        click.echo(f"{'blessed ' if changed else 'unchanged'} {path.with_suffix('.json').name}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here (default: stdout)."
)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", help="auto, text or html.")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN", help="Files taken from a folder.")
@click.option("--url", callback=_url, metavar="URL", help="URL of the pages (selects site rules).")
@rules_option
def report(
    files: tuple[Path, ...],
    output: Path | None,
    input_format: str,
    patterns: tuple[str, ...],
    url: str | None,
    rule_paths: tuple[Path, ...],
) -> None:
    """Write one self-contained HTML page showing what cleaning FILE… removed, and why."""
    from cleaner import report as html_report

    cleaner = Cleaner(_load_rules_or_exit(rule_paths))
    sources = inputs.expand(files, patterns or inputs.DEFAULT_GLOBS)
    items = inputs.file_items([source.path for source in sources], input_format, url, None)  # type: ignore[arg-type]
    entries: list[html_report.Entry] = []
    for item in items:
        cleaned = pool.clean_item(cleaner, item)
        if isinstance(cleaned, str):
            _report(f"{item.source}: {cleaned}")
        entries.append(html_report.Failed(item.source, cleaned) if isinstance(cleaned, str) else cleaned)
    try:
        with _output(output) as out:
            out.write(html_report.render(entries))
    except OSError as error:
        _report(f"{output or 'standard output'}: cannot write: {error.strerror or error}")
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FAILED if any(isinstance(entry, html_report.Failed) for entry in entries) else EXIT_OK)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output (schema v1)."""
    from cleaner.schema import schema_text

    click.echo(schema_text(), nl=False)


def _load_rules_or_exit(rule_paths: tuple[Path, ...], skip: frozenset[Path] = frozenset()) -> RuleSet:
    try:
        return load_rules(rule_paths, skip=skip)
    except RuleFileError as error:
        for problem in error.problems:
            _report(str(_with_hint(problem, rule_paths)))
        _report(f"{len(error.problems)} problem(s) in rule files; nothing was cleaned")
        sys.exit(EXIT_USAGE)


_SHOWN_PROBLEMS = 10


def _checked_rules(rule_paths: tuple[Path, ...], *, strict: bool) -> RuleSet:
    """The rule set; extra packs whose rules break the examples of the rules (built-in or
    their own) are reported loudly, and refused (exit 2) when `strict`."""
    ruleset = _load_rules_or_exit(rule_paths)
    problems = check.chain_problems(ruleset) if rule_paths else []
    for problem in problems[:_SHOWN_PROBLEMS]:
        _report(("" if strict else "warning: ") + str(problem))
    if len(problems) > _SHOWN_PROBLEMS:
        _report(f"… and {len(problems) - _SHOWN_PROBLEMS} more: newsclean rules check --rules …")
    if problems and strict:
        _report(
            f"{len(problems)} rule example(s) fail with these --rules (--strict-rules); nothing was cleaned"
        )
        sys.exit(EXIT_USAGE)
    if problems:
        _report(f"warning: {len(problems)} rule example(s) fail with these --rules; cleaning anyway")
    return ruleset


def _with_hint(problem: RuleProblem, rule_paths: tuple[Path, ...]) -> RuleProblem:
    """A problem with a rule path given on the command line, with a hint about --rules."""
    if problem.hint or problem.rule_id or problem.path not in {str(path) for path in rule_paths}:
        return problem
    return replace(problem, hint="check the path given to --rules")


# Control characters in a file name or an exception's text would break the one-line promise.
_VISIBLE = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}


def _report(line: str) -> None:
    """One line on stderr, whatever the names and messages in it hold."""
    click.echo(f"newsclean: {fix_surrogates(line).translate(_VISIBLE)}", err=True)


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """Standard output ('-' too), or a temporary file renamed over `path` only when all went
    well. The file gets the mode a new file gets (0644 under umask 022), and a symbolic link
    keeps pointing where it did: the file it points to is replaced."""
    if path is None or str(path) == "-":
        if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`newsclean *.txt | head`): stop quietly, like other filters.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FAILED)
        return
    target = path.resolve()
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(descriptor, _new_file_mode())
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            yield handle
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """The mode `open` gives a new file: 0666 less the umask (which can only be read by
    setting it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
