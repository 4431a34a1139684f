"""Rule packs: every example of every rule is a test case, and the loader reports every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.errors import RuleFileError
from cleaner.label.reasons import REASONS
from cleaner.matching import check, reference
from cleaner.matching.rules import Rule, builtin_rules_dir, load_rules

RULESET = load_rules()
CASES = check.cases(RULESET)
CHAINS = check.Chains(RULESET)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_example(case: check.Case) -> None:
    """A match example is decided by its own rule, a keep example by no rule at all, and a
    known miss by anything but its rule (the loader has checked each rule alone)."""
    problem = check.case_problem(case, CHAINS)
    assert problem is None, str(problem)


def test_case_ids_name_pack_rule_and_example() -> None:
    assert "generic.auth:auth.sign-in:match[0]" in {case.id for case in CASES}


def test_generic_packs_cover_the_required_kinds_of_boilerplate() -> None:
    packs = {Path(rule.path).stem for rule in RULESET.generic}
    assert {"auth", "legal", "credits", "social", "newsletter", "ads", "cookies"} <= packs


REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "rules-reference.md"


def test_the_rule_reference_is_current() -> None:
    """docs/rules-reference.md is generated from the packs; editing a pack means generating it again."""
    current = reference.render(RULESET)
    assert REFERENCE.read_text(encoding="utf-8") == current, (
        f"docs/rules-reference.md is out of date: run `{reference.COMMAND}`"
    )


def test_the_reference_command_prints_the_reference() -> None:
    result = CliRunner().invoke(main, ["rules", "reference"])
    assert result.exit_code == 0
    assert result.output == reference.render(RULESET)
    assert "### `{{agencies}}`" in result.output and "`EPA-EFE`" in result.output


def test_the_reference_shows_every_kind_of_example_and_every_structural_reason(tmp_path: Path) -> None:
    ruleset = load_rules([_write(tmp_path, "shop.toml", MISS_RULE.format(miss="Buy it now"))], builtin=False)
    page = reference.render(ruleset)
    assert "### `shop.buy`" in page and "Known misses" in page and "- `Buy it now`" in page
    assert all(f"- `{reason}`: {why}" in page for reason, why in REASONS.items())
    assert "- `settle.<reason>`" in page


def test_builtin_rules_are_found_without_the_source_tree_layout() -> None:
    assert any(builtin_rules_dir().rglob("*.toml"))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RULE = """
[[rule]]
id = "{id}"
label = "boilerplate"
pattern = '''^Buy now$'''
why = "Shop button."
examples.match = ["Buy now"]
examples.keep = ["Buy now, pay later schemes grew fast last year."]
"""


def test_loader_reports_every_problem_of_every_file_in_one_run(tmp_path: Path) -> None:
    _write(tmp_path, "a-broken.toml", "[[rule]\nid = 'x'")
    _write(
        tmp_path,
        "b-bad.toml",
        """
[[rule]]
id = "bad.regex"
label = "boilerplate"
pattern = '''(unclosed'''
why = "x"
examples.match = ["a"]
examples.keep = ["b"]

[[rule]]
id = "bad.keys"
label = "boilerplate"
action = "explode"
pattern = '''^x$'''
whyy = "typo"
examples.match = ["x"]
examples.keep = ["y"]

[[rule]]
id = "bad.example"
label = "boilerplate"
pattern = '''^Subscribe$'''
why = "x"
examples.match = ["Sign in"]
examples.keep = ["Subscribe"]
""",
    )
    _write(tmp_path, "c-dup.toml", GOOD_RULE.format(id="dup.rule") + GOOD_RULE.format(id="dup.rule"))
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path], builtin=False)
    text = "\n".join(str(problem) for problem in caught.value.problems)
    assert "a-broken.toml: invalid TOML" in text
    assert "rule bad.regex: invalid pattern" in text
    assert "rule bad.keys: unknown key 'whyy'" in text and "did you mean 'why'?" in text
    assert "rule bad.keys: action 'explode' is not one of label, end" in text
    assert "rule bad.example: example does not match: 'Sign in'" in text
    assert "rule bad.example: keep example matches: 'Subscribe'" in text
    assert "rule dup.rule: duplicate rule id 'dup.rule'" in text


def test_a_user_pack_overrides_a_builtin_rule_by_id(tmp_path: Path) -> None:
    override = GOOD_RULE.format(id="ads.marker")
    ruleset = load_rules([_write(tmp_path, "mine.toml", override)])
    rule = next(rule for rule in ruleset.generic if rule.id == "ads.marker")
    assert rule.source == "^Buy now$"
    assert sum(1 for rule in ruleset.generic if rule.id == "ads.marker") == 1


def test_a_pack_can_disable_a_rule_with_a_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, "quiet.toml", '[[disable]]\nid = "ads.marker"\nwhy = "we keep ad markers"\n')
    ruleset = load_rules([path])
    assert "ads.marker" not in {rule.id for rule in ruleset.generic}
    assert ruleset.disabled[0].why == "we keep ad markers"


def test_disabling_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.toml", '[[disable]]\nid = "ads.markr"\nwhy = "typo"\n')
    with pytest.raises(RuleFileError, match=r"unknown rule 'ads\.markr'"):
        load_rules([path])


def test_a_site_pack_applies_only_to_its_site(tmp_path: Path) -> None:
    site = """
[pack]
hosts = ["example-news.test"]
signatures = ["Example News Corp"]

[[rule]]
id = "sites.example-news.kicker"
label = "boilerplate"
pattern = '''^EXCLUSIVE$'''
why = "Section kicker of this site."
examples.match = ["EXCLUSIVE"]
examples.keep = ["Exclusive talks began."]

[[disable]]
id = "ads.marker"
why = "this site prints 'Advertisement' as a section name"
"""
    ruleset = load_rules([_write(tmp_path, "example-news.test.toml", site)])
    pack = ruleset.site_for("https://www.example-news.test/a/1", "")
    assert pack is not None
    active = {rule.id for rule in ruleset.rules_for(pack)}
    assert "sites.example-news.kicker" in active and "ads.marker" not in active
    assert ruleset.site_for("https://other.test/", "") is None
    assert ruleset.site_for(None, "© Example News Corp") is pack
    assert "sites.example-news.kicker" not in {rule.id for rule in ruleset.rules_for(None)}


MISS_RULE = """
[[rule]]
id = "shop.buy"
label = "boilerplate"
pattern = '''^Buy now$'''
why = "Shop button."
examples.match = ["Buy now"]
examples.keep = ["Buy now, pay later schemes grew fast last year."]
examples.miss = ["{miss}"]
"""


def test_a_known_miss_is_data_and_fails_once_it_matches(tmp_path: Path) -> None:
    """A miss example that the rule does not match loads and passes its case; one that it
    matches fails in the loader (and in the chain), asking to promote it, as strict xfail."""
    ruleset = load_rules([_write(tmp_path, "shop.toml", MISS_RULE.format(miss="Buy it now"))], builtin=False)
    (case,) = [case for case in check.cases(ruleset) if case.kind == "miss"]
    assert case.id == "shop:shop.buy:miss[0]"
    assert check.case_problem(case, check.Chains(ruleset)) is None
    with pytest.raises(RuleFileError, match=r"miss example matches now: 'Buy now'.*examples\.match"):
        load_rules([_write(tmp_path, "shop.toml", MISS_RULE.format(miss="Buy now"))], builtin=False)


VOCABULARY_RULE = """
[[rule]]
id = "mine.agency-line"
label = "credit"
pattern = '''
(?x)
^{{agencies}}\\ Photo$    # a built-in vocabulary
'''
why = "Agency photo credit."
examples.match = ["EPA-EFE Photo", "Getty Images Photo"]
examples.keep = ["EPA Photos"]
"""


def test_a_user_pack_uses_the_builtin_vocabularies(tmp_path: Path) -> None:
    ruleset = load_rules([_write(tmp_path, "mine.toml", VOCABULARY_RULE)])
    rule = next(rule for rule in ruleset.generic if rule.id == "mine.agency-line")
    assert "{{agencies}}" in rule.source
    assert rule.pattern.search("picture alliance Photo") and not rule.pattern.search("Pictures Photo")


def test_vocabulary_problems_name_file_and_rule(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "words.toml",
        """
[vocabulary]
colours = ["red", "blue"]
Bad_Name = ["x"]
empty = []
spaced = [" red", "red", "red"]

[[rule]]
id = "words.unknown"
label = "boilerplate"
pattern = '''^{{colour}}$'''
why = "x"
examples.match = ["red"]
examples.keep = ["green"]

[[rule]]
id = "words.malformed"
label = "boilerplate"
pattern = '''^{{ colours }}$'''
why = "x"
examples.match = ["red"]
examples.keep = ["green"]
""",
    )
    _write(tmp_path, "more-words.toml", '[vocabulary]\ncolours = ["green"]\n')
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path], builtin=False)
    text = "\n".join(str(problem) for problem in caught.value.problems)
    for expected in [
        "rule words.unknown: unknown vocabulary {{colour}} (hint: did you mean {{colours}}?)",
        "rule words.malformed: malformed vocabulary placeholder",
        "words.toml: vocabulary 'Bad_Name': the name is not lowercase words joined by hyphens",
        "words.toml: vocabulary 'empty': must be a non-empty list of strings",
        "words.toml: vocabulary 'spaced': entry ' red' is empty or has spaces around it",
        "words.toml: vocabulary 'spaced': entry 'red' is listed twice",
        "words.toml: vocabulary 'colours' is also defined in",
    ]:
        assert expected in text, f"{expected!r} not reported"


MAX_PATTERN_LINE = 100


@pytest.mark.parametrize("rule", RULESET.all_rules(), ids=lambda rule: rule.id)
def test_builtin_patterns_are_verbose_and_short_lined(rule: Rule) -> None:
    """A pattern a reviewer can read in one look: (?x), one alternative a line, lines of at
    most 100 characters (long alternations go one a line; long lists go to a vocabulary)."""
    assert rule.source.startswith("(?") and "x" in rule.source[2 : rule.source.index(")")]
    long = [line for line in rule.source.splitlines() if len(line) > MAX_PATTERN_LINE]
    assert not long, f"lines over {MAX_PATTERN_LINE} characters in {rule.id}: {long}"


def test_a_missing_rule_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no such rule file or folder"):
        load_rules([tmp_path / "nope.toml"])


BROKEN_PACKS = {
    "a-syntax.toml": "[[rule]\nid = 'x'",
    "b-not-utf8.toml": b"[[rule]]\nid = '\xff\xfe'\n",
    "c-values.toml": """
[pack]
hosts = ["https://Example.com/path"]
signatures = "not a list"

[[rule]]
id = "bad.values"
label = "boilerplat"
action = "explode"
where = "middle"
pattern = '''(unclosed'''
max_chars = -3
priority = "high"
disabled = ""
aliases = ["Not An Id"]
examples = "none"
colour = "red"

[[rule]]
label = "boilerplate"
pattern = '''^x$'''

[[rule]]
id = "bad.missing"

[[rule]]
id = "bad.examples"
label = "boilerplate"
pattern = '''^Subscribe$'''
why = "x"
examples.match = ["Sign in"]
examples.keep = ["Subscribe"]

[[rule]]
id = "bad.example-keys"
label = "boilerplate"
pattern = '''^x$'''
why = "x"
examples.match = ["x"]
examples.keep = ["y"]
examples.maybe = ["?"]

[[rule]]
id = "bad.catastrophic"
label = "boilerplate"
pattern = '''^(?:a|a)*$'''
why = "Backtracks exponentially on a line of a's that ends otherwise."
examples.match = ["aaaa"]
examples.keep = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"]

[[disable]]
id = "no.such-rule"
why = "typo"

[[disable]]
id = "Bad Id"

[[disable]]
id = "ads.marker"
""",
    "d-tables.toml": '[pack]\nrule = 1\n\n[[rule]]\nid = "dup.one"\n',
    "e-dup.toml": GOOD_RULE.format(id="dup.rule") + GOOD_RULE.format(id="dup.rule"),
}


def test_every_problem_names_its_file_and_gives_a_hint(tmp_path: Path) -> None:
    """Each problem of each broken file, in one run: the file, the rule when there is one, and
    a hint that says what to do."""
    for name, text in BROKEN_PACKS.items():
        (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path], builtin=False)
    problems = caught.value.problems
    assert {Path(problem.path).name for problem in problems} == set(BROKEN_PACKS)
    for problem in problems:
        assert problem.hint, f"no hint: {problem}"
        assert "\n" not in str(problem)
    text = "\n".join(str(problem) for problem in problems)
    for expected in [
        "a-syntax.toml: invalid TOML",
        "b-not-utf8.toml: cannot read rule file",
        "host 'https://Example.com/path' is not a lowercase domain name",
        "'signatures' must be a list of strings",
        "rule bad.values: label 'boilerplat' is not one of",
        "(hint: did you mean 'boilerplate'?)",
        "rule bad.values: action 'explode' is not one of label, end",
        "rule bad.values: where 'middle' is not one of any, head, tail",
        "rule bad.values: invalid pattern",
        "rule bad.values: max_chars must be a positive integer, not -3",
        "rule bad.values: priority must be an integer",
        "rule bad.values: 'disabled' must say why",
        "rule bad.values: alias 'Not An Id' is not a dotted lowercase id",
        "rule bad.values: 'examples' must be a table",
        "rule bad.values: unknown key 'colour'",
        "rule id None is missing or malformed",
        "rule bad.missing: 'why' is missing",
        "rule bad.missing: 'pattern' is missing",
        "rule bad.examples: example does not match: 'Sign in'",
        "rule bad.examples: keep example matches: 'Subscribe'",
        "rule bad.example-keys: unknown key 'maybe' in examples",
        "rule bad.catastrophic: pattern ran out of time (0.5 s) on example 'aaaaaaaa",
        "(hint: it backtracks catastrophically",
        "[[disable]] names unknown rule 'no.such-rule'",
        "[[disable]] id 'Bad Id' is missing or malformed",
        "rule ads.marker: [[disable]] needs a 'why'",
        "d-tables.toml: unknown key 'rule' in [pack]",
        "rule dup.rule: duplicate rule id 'dup.rule'",
    ]:
        assert expected in text, f"{expected!r} not reported"


def test_rule_files_are_data_never_code(tmp_path: Path) -> None:
    """Strings that would run code if anything evaluated them stay inert strings, and there is
    no key through which a rule file could name code to run."""
    sentinel = tmp_path / "ran"
    payload = f"__import__('pathlib').Path({str(sentinel)!r}).touch()"
    pack = tmp_path / "inert.toml"
    pack.write_text(
        f"""
[pack]
description = "{payload}"

[[rule]]
id = "inert.payload"
label = "boilerplate"
pattern = '''^__import__'''
why = "{payload}"
examples.match = ["{payload}"]
examples.keep = ["An ordinary sentence about code."]
""",
        encoding="utf-8",
    )
    ruleset = load_rules([pack], builtin=False)
    assert ruleset.generic[0].why == payload
    assert not sentinel.exists()
    for key in ("code", "callback", "python", "function", "module"):
        pack.write_text(GOOD_RULE.format(id="inert.keys") + f'{key} = "os.system"\n', encoding="utf-8")
        with pytest.raises(RuleFileError, match=f"unknown key '{key}'"):
            load_rules([pack], builtin=False)
