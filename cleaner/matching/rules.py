"""Rules: load TOML rule packs into a validated, compiled `RuleSet`.

The only module that knows the rule file format. Loading checks everything a rule author can get
wrong (syntax, unknown keys, bad values, bad patterns, duplicate ids, examples that fail) and
reports every problem of every file in one `RuleFileError`, each naming file and rule.

A pack is one TOML file: an optional `[pack]` table (description; for site packs `hosts` and
`signatures`), `[[rule]]` tables and `[[disable]]` tables. Packs come in layers: the built-in
packs, then each `--rules` path in order; a rule in a later layer with the id (or alias) of an
earlier one replaces it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex

from cleaner import cache
from cleaner.errors import RuleFileError, RuleProblem
from cleaner.limits import HOLD_GIL, REGEX_TIMEOUT
from cleaner.matching import check
from cleaner.model import Label

_ID = regex.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$")
_LEADING_FLAGS = regex.compile(r"^\(\?([aiLmsux]+)\)")
HOST = regex.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")
_VOCABULARY_NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PLACEHOLDER = regex.compile(r"\{\{([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}\}")

_PACK_KEYS = {"description", "hosts", "signatures"}
_RULE_KEYS = {
    "id",
    "label",
    "pattern",
    "why",
    "action",
    "where",
    "max_chars",
    "priority",
    "aliases",
    "disabled",
    "examples",
}
_EXAMPLE_KEYS = {"match", "keep", "miss"}
_DISABLE_KEYS = {"id", "why"}
_TOP_KEYS = {"pack", "rule", "disable", "vocabulary"}


class Action(StrEnum):
    """What a matching rule does besides labelling its block."""

    LABEL = "label"  # the block gets the rule's label
    END = "end"  # the block marks the end of the article: what follows the body is footer
    LIST = "list"  # the block heads a list of links: short lines after it, up to text, go too


class Where(StrEnum):
    """Where on the page a rule applies (see `engine.Positions`)."""

    ANY = "any"
    HEAD = "head"
    TAIL = "tail"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A named word list of a `[vocabulary]` table, which patterns use as `{{name}}`."""

    name: str
    path: str
    entries: tuple[str, ...]

    @property
    def group(self) -> str:
        r"""The regex group that `{{name}}` stands for: the entries escaped (they are literal
        text; re.escape escapes spaces and "#" too, so they read the same in a (?x) pattern),
        longest first (so that "EPA-EFE" is tried before "EPA"), in a non-capturing group.

        >>> print(Vocabulary("agencies", "x.toml", ("EPA", "EPA-EFE", "Getty Images")).group)
        (?:Getty\ Images|EPA\-EFE|EPA)
        """
        ordered = sorted(self.entries, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(entry) for entry in ordered) + ")"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule with its examples; its pattern is compiled on first use (`pattern`)."""

    id: str
    label: Label
    expression: str  # the pattern as compiled: vocabularies expanded, leading flags scoped
    source: str
    why: str
    path: str
    action: Action = Action.LABEL
    where: Where = Where.ANY
    max_chars: int | None = None
    priority: int = 0
    aliases: tuple[str, ...] = ()
    match_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    miss_examples: tuple[str, ...] = ()
    # Shipped with newsclean: tests/test_backtracking.py checks its pattern on adversarial lines,
    # so it runs without a time limit per call (the limit costs two clock readings a call, more
    # than many searches). A rule of a user's pack, which no test has seen, keeps the limit.
    builtin: bool = False
    # The compiled pattern, once `pattern` has compiled it (or the loader did, checking it).
    compiled: regex.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The compiled pattern. Compiled on first use: compiling all the built-in patterns
        took a fifth of a small page's start-up, and a small page tries a few of them."""
        compiled = self.compiled
        if compiled is None:
            compiled = regex.compile(self.expression)
            # Frozen, but this slot is a cache: two threads racing here store equal patterns.
            object.__setattr__(self, "compiled", compiled)
        return compiled

    def fits(self, text: str) -> bool:
        """Whether the rule's pattern and length limit accept `text` (position aside).

        Raises TimeoutError when the pattern runs out of time, as the engine's calls do.
        """
        if self.max_chars is not None and len(text) > self.max_chars:
            return False
        return self.search(text, REGEX_TIMEOUT) is not None

    def search(self, text: str, timeout: float) -> regex.Match[str] | None:
        """The pattern's first match in `text`; a user's rule raises TimeoutError after `timeout`
        seconds, a built-in one has no time limit (`limits.HOLD_GIL` says why the
        arguments)."""
        if self.builtin:
            return self.pattern.search(text, None, None, HOLD_GIL)
        return self.pattern.search(text, concurrent=HOLD_GIL, timeout=timeout)


@dataclass(frozen=True, slots=True)
class Disable:
    """A rule switched off, with the reason: by a `[[disable]]` table (which must name a known
    rule) or by a rule of its own with `disabled = "why"` (which may be new)."""

    id: str
    why: str
    path: str
    must_exist: bool = True


@dataclass(frozen=True, slots=True)
class Pack:
    """One rule file: its rules, what it disables, and for site packs how to recognise the site."""

    name: str
    path: str
    description: str = ""
    hosts: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    disables: tuple[Disable, ...] = ()

    @property
    def is_site(self) -> bool:
        return bool(self.hosts or self.signatures)


@dataclass(frozen=True)
class RuleSet:
    """Generic rules (always on) and site packs (on for their site), in priority order."""

    generic: tuple[Rule, ...]
    sites: tuple[Pack, ...] = ()
    disabled: tuple[Disable, ...] = field(default=())
    packs: tuple[Pack, ...] = ()  # every pack loaded, in load order: what the reference shows
    vocabularies: tuple[Vocabulary, ...] = ()

    def site_for(self, url: str | None, text: str) -> Pack | None:
        """The site pack for a URL's host (several packs for one host, a hand-written and a
        learned one: all their rules), or, with no URL, the first whose signature is in text."""
        if url:
            host = host_of(url)
            found = [
                pack for pack in self.sites if any(host == h or host.endswith("." + h) for h in pack.hosts)
            ]
            return _merged(found) if len(found) > 1 else (found[0] if found else None)
        for pack in self.sites:
            if any(signature in text for signature in pack.signatures):
                return pack
        return None

    def rules_for(self, site: Pack | None) -> tuple[Rule, ...]:
        """The active rules for a document of `site`, highest priority first."""
        if site is None:
            return self.generic
        off = {disable.id for disable in site.disables}
        rules = [rule for rule in (*site.rules, *self.generic) if not _named(rule, off)]
        return tuple(sorted(rules, key=lambda rule: -rule.priority))

    def all_rules(self) -> tuple[Rule, ...]:
        return (*self.generic, *(rule for pack in self.sites for rule in pack.rules))


def _merged(packs: Sequence[Pack]) -> Pack:
    """One pack of several site packs for the same host (a hand-written pack and a learned
    one live together): their rules and disables, the first one's description."""
    first = packs[0]
    return Pack(
        "+".join(pack.name for pack in packs),
        first.path,
        first.description,
        tuple(dict.fromkeys(host for pack in packs for host in pack.hosts)),
        tuple(dict.fromkeys(signature for pack in packs for signature in pack.signatures)),
        tuple(rule for pack in packs for rule in pack.rules),
        tuple(disable for pack in packs for disable in pack.disables),
    )


def builtin_rules_dir() -> Path:
    """The packs shipped in the wheel (`cleaner/packs`), or `rules/` of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "packs"
    return shipped if shipped.is_dir() else package.parent / "rules"


def load_rules(extra: Sequence[Path] = (), *, builtin: bool = True, skip: Set[Path] = frozenset()) -> RuleSet:
    """Load the built-in packs and then each extra file or folder, later layers overriding.

    Every file is read before any pattern compiles: a pattern may use a vocabulary of any file
    of any layer (the built-in ones from a user's pack). Files in `skip` (resolved paths) are
    left out: `newsclean learn` learns without the pack it is about to replace.
    """
    layers: list[list[Path]] = []
    problems: list[RuleProblem] = []
    if builtin:
        layers.append(_pack_files(builtin_rules_dir(), problems))
    for path in extra:
        layers.append(_pack_files(Path(path), problems))
    if skip:
        layers = [[path for path in layer if path.resolve() not in skip] for layer in layers]
    read = [
        _read_shipped(layer, problems)
        if builtin and number == 0
        else [(path, _read(path, problems)) for path in layer]
        for number, layer in enumerate(layers)
    ]
    vocabularies = _vocabularies([item for layer in read for item in layer], problems)
    # The built-in packs as they were checked before (the cache holds True under their key):
    # their patterns compile when first used, their examples are not run again.
    stamp = _checked_stamp(layers[0], vocabularies) if builtin and not problems else None
    checked = stamp is not None and cache.read("rules", stamp) is True
    packs_by_layer = [
        [_load_pack(path, data, vocabularies, problems, checked and number == 0) for path, data in layer]
        for number, layer in enumerate(read)
    ]
    if builtin:
        packs_by_layer[0] = [_shipped(pack) for pack in packs_by_layer[0]]
    ruleset = replace(_combine(packs_by_layer, problems), vocabularies=tuple(vocabularies.values()))
    if problems:
        raise RuleFileError(problems)
    if stamp is not None and not checked:
        cache.write("rules", stamp, True)
    return ruleset


def _checked_stamp(files: Sequence[Path], vocabularies: Mapping[str, Vocabulary]) -> str:
    """The cache key under which the built-in packs `files` are recorded as checked: their
    bytes, every vocabulary their patterns could use, and the code and `regex` version that
    compile and check them. When it is recorded, loading them again skips what it proved (each
    pattern compiles, each example passes) and compiles each pattern on first use."""
    parts: list[bytes | str] = [regex.__version__, cache.code_bytes(__file__)]
    parts.append(cache.code_bytes(check.__file__))
    for path in files:
        parts += [f"{path.parent.name}/{path.name}", cache.file_bytes(path)]
    for vocabulary in vocabularies.values():
        parts += [vocabulary.name, "\n".join(vocabulary.entries)]
    return cache.key_of(parts)


def _shipped(pack: Pack) -> Pack:
    """A built-in pack, its rules marked `builtin` (free of a time limit per call)."""
    return replace(pack, rules=tuple(replace(rule, builtin=True) for rule in pack.rules))


def _pack_files(path: Path, problems: list[RuleProblem]) -> list[Path]:
    if path.is_dir():
        return sorted(path.rglob("*.toml"))
    if path.is_file():
        return [path]
    problems.append(RuleProblem(str(path), "no such rule file or folder"))
    return []


def _read_shipped(files: list[Path], problems: list[RuleProblem]) -> list[tuple[Path, dict[str, Any] | None]]:
    """The TOML data of the built-in packs, from the cache when their bytes are the ones it was
    read from (`tomllib` in pure Python took a twentieth of a small page's start-up)."""
    key = cache.key_of(
        ["toml", *(f"{path.parent.name}/{path.name}" for path in files)]
        + [cache.file_bytes(path) for path in files]
    )
    found = cache.read("toml", key)
    if isinstance(found, list) and len(found) == len(files) and all(isinstance(data, dict) for data in found):
        return list(zip(files, found, strict=True))
    read = [(path, _read(path, problems)) for path in files]
    if all(data is not None for _, data in read):
        cache.write("toml", key, [data for _, data in read])
    return read


def _read(path: Path, problems: list[RuleProblem]) -> dict[str, Any] | None:
    """The TOML data of a rule file, or None after a problem."""
    import tomllib  # imported here: the built-in packs' data usually comes from the cache

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(
            RuleProblem(str(path), f"cannot read rule file: {error}", hint="a rule file is UTF-8 text")
        )
    except tomllib.TOMLDecodeError as error:
        problems.append(
            RuleProblem(
                str(path),
                f"invalid TOML: {error}",
                hint="fix the syntax there; in '''triple single quotes''' a pattern's backslashes stay",
            )
        )
    return None


def _vocabularies(
    files: list[tuple[Path, dict[str, Any] | None]], problems: list[RuleProblem]
) -> dict[str, Vocabulary]:
    """The valid `[vocabulary]` lists of every file, by name."""
    found: dict[str, Vocabulary] = {}
    for path, data in files:
        table = (data or {}).get("vocabulary", {})
        where = str(path)
        if not isinstance(table, dict):
            problems.append(
                RuleProblem(where, "[vocabulary] must be a table", hint='write name = ["entry", "entry"]')
            )
            continue
        for name, entries in table.items():
            if name in found:
                problems.append(
                    RuleProblem(
                        where,
                        f"vocabulary {name!r} is also defined in {found[name].path}",
                        hint="vocabulary names are unique across packs: pick another name",
                    )
                )
                continue
            vocabulary = _vocabulary(name, entries, where, problems)
            if vocabulary is not None:
                found[name] = vocabulary
    return found


def _vocabulary(name: str, entries: object, where: str, problems: list[RuleProblem]) -> Vocabulary | None:
    """One vocabulary, or None after problems."""
    before = len(problems)

    def problem(message: str, hint: str) -> None:
        problems.append(RuleProblem(where, f"vocabulary {name!r}: {message}", hint=hint))

    if not _VOCABULARY_NAME.match(name):
        problem("the name is not lowercase words joined by hyphens", "e.g. agencies, months-de")
    if not isinstance(entries, list) or not entries or not all(isinstance(item, str) for item in entries):
        problem("must be a non-empty list of strings", 'write name = ["entry", "entry"]')
        return None
    for entry in entries:
        if not entry.strip() or entry != entry.strip():
            problem(f"entry {entry!r} is empty or has spaces around it", "write the bare word or phrase")
    for entry in sorted({entry for entry in entries if entries.count(entry) > 1}):
        problem(f"entry {entry!r} is listed twice", "keep one")
    return None if len(problems) > before else Vocabulary(name, where, tuple(entries))


def _load_pack(
    path: Path,
    data: dict[str, Any] | None,
    vocabularies: dict[str, Vocabulary],
    problems: list[RuleProblem],
    checked: bool = False,
) -> Pack:
    """The pack of one file's data; `checked`: its patterns and examples passed before, so
    they are neither compiled nor run now."""
    name = path.stem
    if data is None:
        return Pack(name, str(path))
    where = str(path)
    _unknown_keys(data, _TOP_KEYS, where, "", problems)
    meta = data.get("pack", {})
    if not isinstance(meta, dict):
        problems.append(
            RuleProblem(
                where, "[pack] must be a table", hint="write [pack] with description, hosts, signatures"
            )
        )
        meta = {}
    _unknown_keys(meta, _PACK_KEYS, where, "", problems, context="[pack]")
    hosts = _strings(meta.get("hosts", []), where, "", "hosts", problems)
    for host in hosts:
        if not HOST.match(host):
            problems.append(
                RuleProblem(
                    where,
                    f"host {host!r} is not a lowercase domain name",
                    hint="write 'example.com': no scheme, no path",
                )
            )
    signatures = _strings(meta.get("signatures", []), where, "", "signatures", problems)
    rules: list[Rule] = []
    disables: list[Disable] = []
    for table in _tables(data, "rule", where, problems):
        parsed = _parse_rule(table, where, vocabularies, problems, checked)
        if isinstance(parsed, Rule):
            rules.append(parsed)
        elif isinstance(parsed, Disable):
            disables.append(parsed)
    for table in _tables(data, "disable", where, problems):
        item = _parse_disable(table, where, problems)
        if item is not None:
            disables.append(item)
    description = meta.get("description", "")
    return Pack(name, where, str(description), tuple(hosts), tuple(signatures), tuple(rules), tuple(disables))


def _tables(data: dict[str, Any], key: str, where: str, problems: list[RuleProblem]) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.append(RuleProblem(where, f"'{key}' must be an array of tables", hint=f"write [[{key}]]"))
        return []
    return value


def _parse_rule(
    table: dict[str, Any],
    where: str,
    vocabularies: dict[str, Vocabulary],
    problems: list[RuleProblem],
    checked: bool = False,
) -> Rule | Disable | None:
    """A valid rule, a `Disable` for a valid rule marked `disabled`, or None after problems.
    `checked`: the pattern compiled and the examples passed before; neither is tried again.

    A malformed id is one problem; the rule's other fields are still checked, under that id.
    """
    before = len(problems)
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        problems.append(
            RuleProblem(
                where,
                f"rule id {rule_id!r} is missing or malformed",
                hint="use a dotted lowercase id such as 'auth.sign-in'",
            )
        )
        rule_id = rule_id if isinstance(rule_id, str) and rule_id else "(no id)"

    def problem(message: str, hint: str) -> None:
        problems.append(RuleProblem(where, message, rule_id, hint))

    _unknown_keys(table, _RULE_KEYS, where, rule_id, problems)
    label = _choice(table.get("label"), Label, "label", problem)
    action = _choice(table.get("action", "label"), Action, "action", problem)
    place = _choice(table.get("where", "any"), Where, "where", problem)
    why = table.get("why")
    if not isinstance(why, str) or not why.strip():
        problem("'why' is missing", hint="say in one sentence why a matching block is what the label says")
    max_chars = table.get("max_chars")
    if max_chars is not None and (
        not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0
    ):
        problem(
            f"max_chars must be a positive integer, not {max_chars!r}",
            hint="the longest line it may match, e.g. 120",
        )
    priority = table.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        problem(f"priority must be an integer, not {priority!r}", hint="e.g. priority = 10; higher wins")
    disabled = table.get("disabled")
    if disabled is not None and (not isinstance(disabled, str) or not disabled.strip()):
        problem("'disabled' must say why the rule is off", hint='write disabled = "why it is off"')
    aliases = _strings(table.get("aliases", []), where, rule_id, "aliases", problems)
    for alias in aliases:
        if not _ID.match(alias):
            problem(
                f"alias {alias!r} is not a dotted lowercase id",
                hint="an old id of this rule, e.g. 'auth.login'",
            )
    examples = table.get("examples", {})
    if not isinstance(examples, dict):
        problem(
            "'examples' must be a table with 'match' and 'keep' lists",
            hint='write examples.match = ["…"] and examples.keep = ["…"]',
        )
        examples = {}
    _unknown_keys(examples, _EXAMPLE_KEYS, where, rule_id, problems, context="examples")
    matches = _strings(examples.get("match", []), where, rule_id, "examples.match", problems)
    keeps = _strings(examples.get("keep", []), where, rule_id, "examples.keep", problems)
    misses = _strings(examples.get("miss", []), where, rule_id, "examples.miss", problems)
    if disabled is None and (not matches or not keeps):
        problem("every rule needs examples.match and examples.keep", hint="add at least one of each")
    source = table.get("pattern")
    expression = _expression(source, vocabularies, problem)
    pattern = _compile(expression, problem) if expression is not None and not checked else None
    if (
        len(problems) > before
        or expression is None
        or (pattern is None and not checked)
        or label is None
        or action is None
        or place is None
    ):
        return None
    if disabled is not None:
        return Disable(rule_id, str(disabled), where, must_exist=False)
    rule = Rule(
        id=rule_id,
        label=label,
        expression=expression,
        source=str(source),
        why=str(why),
        path=where,
        action=action,
        where=place,
        max_chars=max_chars,
        priority=priority,
        aliases=tuple(aliases),
        match_examples=tuple(matches),
        keep_examples=tuple(keeps),
        miss_examples=tuple(misses),
        compiled=pattern,
    )
    if checked:
        return rule
    example_problems = check.rule_problems(rule)
    problems.extend(example_problems)
    return None if example_problems else rule


def _parse_disable(table: dict[str, Any], where: str, problems: list[RuleProblem]) -> Disable | None:
    _unknown_keys(table, _DISABLE_KEYS, where, "", problems, context="[[disable]]")
    rule_id, why = table.get("id"), table.get("why")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        problems.append(
            RuleProblem(
                where,
                f"[[disable]] id {rule_id!r} is missing or malformed",
                hint="the id of a rule, e.g. 'ads.marker'",
            )
        )
        return None
    if not isinstance(why, str) or not why.strip():
        problems.append(
            RuleProblem(where, "[[disable]] needs a 'why'", rule_id, "say why the rule is off here")
        )
        return None
    return Disable(rule_id, why, where)


def compile_pattern(source: str) -> regex.Pattern[str]:
    """Compile a rule pattern; leading global flags such as `(?i)` become a scoped group.

    Scoping keeps a pattern's meaning the same alone and inside the combined prefilter.

    >>> compile_pattern("(?i)^or$").pattern
    '(?i:^or$)'
    """
    return regex.compile(scoped(source))


def scoped(source: str) -> str:
    """A rule pattern with its leading global flags, such as `(?i)`, made a scoped group."""
    flags = _LEADING_FLAGS.match(source)
    if flags:
        source = f"(?{flags.group(1)}:{source[flags.end() :]})"
    return source


def expand(source: str, vocabularies: Mapping[str, Vocabulary], problem: Any) -> str | None:
    """A pattern with each `{{name}}` replaced by its vocabulary's group, or None after a problem.

    >>> expand("^{{agencies}}$", {"agencies": Vocabulary("agencies", "x.toml", ("AP", "AFP"))}, print)
    '^(?:AFP|AP)$'
    """
    unknown = sorted({name for name in _PLACEHOLDER.findall(source) if name not in vocabularies})
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(vocabularies), n=1)
        problem(
            f"unknown vocabulary {{{{{name}}}}}",
            hint=f"did you mean {{{{{close[0]}}}}}?" if close else "define it in a [vocabulary] table",
        )
    expanded = _PLACEHOLDER.sub(lambda found: _group(vocabularies, found.group(1)), source)
    if "{{" in expanded or "}}" in expanded:
        problem(
            "malformed vocabulary placeholder",
            hint="write {{name}}: two braces, a lowercase name, no spaces",
        )
        return None
    return None if unknown else expanded


def _group(vocabularies: Mapping[str, Vocabulary], name: str) -> str:
    vocabulary = vocabularies.get(name)
    return vocabulary.group if vocabulary else ""


def _expression(source: object, vocabularies: Mapping[str, Vocabulary], problem: Any) -> str | None:
    """The pattern a rule compiles (vocabularies expanded, flags scoped), or None after a problem."""
    if not isinstance(source, str) or not source:
        problem("'pattern' is missing", hint="a regular expression in the syntax of the 'regex' module")
        return None
    expanded = expand(source, vocabularies, problem)
    return None if expanded is None else scoped(expanded)


def _compile(expression: str, problem: Any) -> regex.Pattern[str] | None:
    """The compiled pattern, or None after a problem."""
    try:
        return regex.compile(expression)
    except regex.error as error:
        problem(f"invalid pattern: {error}", hint="test it with python -c 'import regex; regex.compile(...)'")
        return None


def _choice(value: object, enum: type[StrEnum], key: str, problem: Any) -> Any:
    allowed = [member.value for member in enum]
    if value not in allowed:
        close = difflib.get_close_matches(str(value), allowed, n=1)
        problem(
            f"{key} {value!r} is not one of {', '.join(allowed)}",
            hint=f"did you mean '{close[0]}'?" if close else "see docs/rules.md",
        )
        return None
    return enum(value)


def _strings(value: object, where: str, rule_id: str, key: str, problems: list[RuleProblem]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(RuleProblem(where, f"'{key}' must be a list of strings", rule_id, 'write ["…", "…"]'))
        return []
    return value


def _unknown_keys(
    table: dict[str, Any],
    known: set[str],
    where: str,
    rule_id: str,
    problems: list[RuleProblem],
    context: str = "",
) -> None:
    for key in sorted(set(table) - known):
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(known))}"
        place = f" in {context}" if context else ""
        problems.append(RuleProblem(where, f"unknown key '{key}'{place}", rule_id, hint))


def _named(rule: Rule, ids: set[str]) -> bool:
    return rule.id in ids or any(alias in ids for alias in rule.aliases)


def _combine(packs_by_layer: list[list[Pack]], problems: list[RuleProblem]) -> RuleSet:
    """Merge layers: duplicate ids inside a layer are errors, across layers the later one wins."""
    generic: dict[str, Rule] = {}
    sites: list[Pack] = []
    disabled: list[Disable] = []
    for layer in packs_by_layer:
        seen: dict[str, str] = {}
        for pack in layer:
            for rule in pack.rules:
                for name in (rule.id, *rule.aliases):
                    if name in seen:
                        problems.append(
                            RuleProblem(
                                pack.path,
                                f"duplicate rule id {name!r}, also in {seen[name]}",
                                rule.id,
                                "ids are unique across packs",
                            )
                        )
                    seen[name] = pack.path
            if pack.is_site:
                sites.append(pack)
                continue
            for rule in pack.rules:
                for old in [key for key, known in generic.items() if _named(known, {rule.id, *rule.aliases})]:
                    del generic[old]
                generic[rule.id] = rule
            disabled.extend(pack.disables)
    off = {item.id for item in disabled}
    known_ids = {name for rule in generic.values() for name in (rule.id, *rule.aliases)}
    known_ids |= {name for pack in sites for rule in pack.rules for name in (rule.id, *rule.aliases)}
    for item in disabled + [d for pack in sites for d in pack.disables]:
        if item.must_exist and item.id not in known_ids:
            problems.append(
                RuleProblem(
                    item.path,
                    f"[[disable]] names unknown rule {item.id!r}",
                    item.id,
                    "newsclean rules list shows every id",
                )
            )
    active = [rule for rule in generic.values() if not _named(rule, off)]
    ordered = tuple(sorted(active, key=lambda rule: -rule.priority))
    loaded = tuple(pack for layer in packs_by_layer for pack in layer)
    return RuleSet(ordered, tuple(sites), tuple(disabled), loaded)


def host_of(url: str) -> str:
    """The lowercase host of a URL without "www.", or "" if it has none."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.lower().removeprefix("www.")


def iter_examples(ruleset: RuleSet) -> Iterable[tuple[Rule, str, int, str]]:
    """(rule, kind, index, text) for every example of every rule (`check.cases` adds the pack)."""
    for rule in ruleset.all_rules():
        for kind, index, text in check.examples_of(rule):
            yield rule, kind, index, text
