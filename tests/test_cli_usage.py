"""CLI behaviour a new user expects (issue 15): help, output shapes, folders, compressed input,
URLs, Markdown, error records in the schema, rule packs that break examples."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from helpers import SAMPLES, assert_schema_valid, newsclean_command

from cleaner.cli import main
from cleaner.schema import load_schema

SEED = SAMPLES / "seed-layout.txt"
GERMAN = SAMPLES / "german.txt"

# A pack whose one rule removes every line with "the": it breaks many built-in keep examples.
GREEDY_PACK = """\
[[rule]]
id = "greedy.the"
label = "boilerplate"
pattern = '(?i)\\bthe\\b'
why = "Removes every line with 'the' (a bad rule)."
examples.match = ["zzz the zzz"]
examples.keep = ["zzz qqq"]
"""


def newsclean(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [newsclean_command(), *map(str, args)], input=stdin, capture_output=True, timeout=120, check=False
    )


def run(*args: str | Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


# 1. help


def test_top_level_help_shows_the_cleaning_options_and_the_commands_on_one_screen() -> None:
    proc = newsclean("--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for option in ("--format", "--explain", "--jobs", "--output-dir", "--glob", "--url", "--rules"):
        assert option in out
    for command in ("rules", "samples", "schema"):
        assert f"\n  {command} " in out
    assert len(out.splitlines()) <= 50


def test_a_file_alone_is_still_the_default_command() -> None:
    proc = newsclean(SEED)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["source"] == str(SEED)


# 2. output shape


def test_output_file_named_jsonl_gets_json_lines_for_one_input(tmp_path: Path) -> None:
    target = tmp_path / "one.jsonl"
    assert newsclean("-o", target, SEED).returncode == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"] == str(SEED)


def test_format_json_with_several_inputs_is_one_json_array_with_error_records(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    proc = newsclean("--format", "json", SEED, missing, GERMAN)
    assert proc.returncode == 1
    records = json.loads(proc.stdout)
    assert [record["source"] for record in records] == [str(SEED), str(missing), str(GERMAN)]
    assert records[1] == {"source": str(missing), "error": "no such file"}
    for record in records:
        assert_schema_valid(record)


def test_format_json_with_several_jobs_is_the_same_array() -> None:
    assert newsclean("--format", "json", "-j", "2", SEED, GERMAN).stdout == (
        newsclean("--format", "json", SEED, GERMAN).stdout
    )


def test_several_inputs_without_format_stay_json_lines() -> None:
    lines = newsclean(SEED, GERMAN).stdout.decode().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(SEED), str(GERMAN)]


# 3. the schema describes every line


def test_error_records_and_articles_pass_the_schema_and_nothing_else_does() -> None:
    assert_schema_valid({"source": "a.txt", "error": "no such file"})
    assert_schema_valid({"source": "in.jsonl:3", "id": "a7", "error": 'has neither "text" nor "html"'})
    assert_schema_valid(json.loads(newsclean(SEED).stdout))
    for bad in ({"source": "a.txt"}, {"source": "a.txt", "error": "x", "title": "y"}, {"error": "x"}):
        with pytest.raises(jsonschema.ValidationError):
            assert_schema_valid(bad)


def test_the_schema_lists_every_flag_assemble_can_set() -> None:
    article = load_schema()["$defs"]["article"]
    allowed = set(article["properties"]["flags"]["items"]["enum"])
    source = (Path(__file__).parent.parent / "cleaner" / "assemble.py").read_text(encoding="utf-8")
    set_here = {line.split('"')[1] for line in source.splitlines() if "flags.append(" in line}
    assert set_here == allowed == {"no-article", "paywall-teaser", "short", "comments", "high-removal"}
    record = json.loads(newsclean(SEED).stdout)
    with pytest.raises(jsonschema.ValidationError):
        assert_schema_valid({**record, "flags": ["no-such-flag"]})


# 4. folders


def _pages(folder: Path) -> list[Path]:
    (folder / "2024" / "may").mkdir(parents=True)
    (folder / ".cache").mkdir()
    pages = [folder / "b.txt", folder / "2024" / "a.txt", folder / "2024" / "may" / "c.txt.gz"]
    shutil.copy(SEED, pages[0])
    shutil.copy(GERMAN, pages[1])
    pages[2].write_bytes(gzip.compress(SEED.read_bytes()))
    shutil.copy(SEED, folder / ".cache" / "hidden.txt")
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    return pages


def test_a_folder_is_walked_sorted_into_json_lines(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    proc = newsclean(tmp_path / "pages")
    assert proc.returncode == 0, proc.stderr
    sources = [json.loads(line)["source"] for line in proc.stdout.decode().splitlines()]
    assert sources == sorted(str(page) for page in pages)


def test_glob_picks_the_files_of_a_folder_and_one_file_is_still_json_lines(tmp_path: Path) -> None:
    _pages(tmp_path / "pages")
    proc = newsclean("--glob", "b.*", tmp_path / "pages")
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"] == str(tmp_path / "pages" / "b.txt")


@pytest.mark.parametrize(("output_format", "suffix"), [("json", ".json"), ("markdown", ".md")])
def test_output_dir_mirrors_the_names_one_file_per_input(
    tmp_path: Path, output_format: str, suffix: str
) -> None:
    _pages(tmp_path / "pages")
    out = tmp_path / "out"
    proc = newsclean("--format", output_format, "--output-dir", out, tmp_path / "pages", GERMAN)
    assert proc.returncode == 0, proc.stderr
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert written == sorted(f"{name}{suffix}" for name in ("2024/a", "2024/may/c", "b", "german"))
    if output_format == "json":
        record = json.loads((out / "2024" / "may" / "c.json").read_text(encoding="utf-8"))
        assert record["source"].endswith("c.txt.gz") and record["title"].startswith("Marlow Bay")
    else:
        assert (out / "b.md").read_text(encoding="utf-8").startswith("# Marlow Bay")


def test_output_dir_refuses_two_inputs_with_one_output_name(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(SEED, tmp_path / "a.html")
    code, _, err = run("--output-dir", tmp_path / "out", tmp_path / "a.txt", tmp_path / "a.html")
    assert code == 2 and "would both write" in err
    assert not (tmp_path / "out").exists()


def test_output_dir_excludes_output_file_and_standard_input(tmp_path: Path) -> None:
    assert run("--output-dir", tmp_path, "-o", tmp_path / "x.json", SEED)[0] == 2
    assert run("--output-dir", tmp_path, "-", stdin=SEED.read_bytes())[0] == 2


# 5. compressed input


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress])
def test_compressed_files_and_standard_input_are_read(tmp_path: Path, compress: object) -> None:
    assert callable(compress)
    packed = compress(SEED.read_bytes())
    page = tmp_path / "page.bin"
    page.write_bytes(packed)
    plain = json.loads(newsclean(SEED).stdout)
    from_file = json.loads(newsclean(page).stdout)
    from_pipe = json.loads(newsclean(stdin=packed).stdout)
    assert from_file["body"] == from_pipe["body"] == plain["body"]


def test_broken_or_oversized_compressed_input_is_an_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(SEED.read_bytes())[:200])
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 3_000_000))
    proc = newsclean("--max-bytes", "1M", broken, bomb)
    assert proc.returncode == 1
    errors = proc.stderr.decode().splitlines()
    assert errors[0].startswith(f"newsclean: {broken}: broken gzip data")
    assert errors[1].startswith(f"newsclean: {bomb}: too large")


# 6. URLs


def test_a_url_as_input_says_newsclean_never_fetches_and_shows_the_pipe() -> None:
    proc = newsclean("https://example.com/a")
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode()
    assert "never fetches" in err and "curl -s 'https://example.com/a' | newsclean --url" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("url", ["notaurl", "ftp://host/x", "https://", "http:///path"])
def test_url_option_takes_only_http_urls_with_a_host(url: str) -> None:
    code, out, err = run("--url", url, SEED)
    assert code == 2 and out == "" and "not an http(s) URL" in err


# 7. Markdown


def test_markdown_output_has_the_title_heading_and_the_paragraphs() -> None:
    proc = newsclean("--format", "markdown", SEED)
    assert proc.returncode == 0
    text = proc.stdout.decode()
    record = json.loads(newsclean(SEED).stdout)
    assert text.startswith(f"# {record['title']}\n\n")
    for paragraph in record["body"]:
        assert paragraph.replace("*", "\\*") in text


# 8. smaller points


def test_load_rules_is_exported_as_docs_rules_md_shows(tmp_path: Path) -> None:
    from cleaner import Cleaner, RuleSet, load_rules

    ruleset = load_rules([])
    assert isinstance(ruleset, RuleSet)
    assert Cleaner(ruleset).clean(SEED.read_bytes()).title


def test_a_missing_rule_path_has_the_cli_hint_only_in_the_cli(tmp_path: Path) -> None:
    from cleaner import RuleFileError, load_rules

    with pytest.raises(RuleFileError) as error:
        load_rules([tmp_path / "gone.toml"])
    assert "--rules" not in str(error.value)
    code, _, err = run("--rules", tmp_path / "gone.toml", SEED)
    assert code == 2 and "check the path given to --rules" in err


def test_a_malformed_rule_id_does_not_hide_the_rule_s_other_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "Bad Id"\nlabel = "nope"\n\n[[rule]]\nlabel = "body"\n', encoding="utf-8")
    code, _, err = run("--rules", bad, SEED)
    assert code == 2
    assert "rule id 'Bad Id' is missing or malformed" in err
    assert "rule Bad Id: label 'nope' is not one of" in err
    assert "rule id None is missing or malformed" in err and "rule (no id): 'why' is missing" in err


def test_rules_that_break_the_built_in_examples_warn_or_are_refused(tmp_path: Path) -> None:
    pack = tmp_path / "greedy.toml"
    pack.write_text(GREEDY_PACK, encoding="utf-8")
    proc = newsclean("--rules", pack, SEED)
    assert proc.returncode == 0 and json.loads(proc.stdout)
    assert "warning: " in proc.stderr.decode() and "removed by greedy.the" in proc.stderr.decode()
    proc = newsclean("--strict-rules", "--rules", pack, SEED)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "--strict-rules" in proc.stderr.decode().splitlines()[-1]


def test_samples_check_knows_the_rules_a_golden_was_blessed_with(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "one.txt")
    pack = tmp_path / "extra.toml"
    pack.write_text(GREEDY_PACK, encoding="utf-8")
    assert run("samples", "bless", tmp_path, "--rules", pack)[0] == 0
    assert run("samples", "check", tmp_path, "--rules", pack)[0] == 0
    code, out, _ = run("samples", "check", tmp_path)
    assert code == 1 and f"blessed with --rules {pack.name}" in out


def test_rules_list_prints_no_empty_site_header() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0
    blocks = out.split("\n\n")
    assert all(len(block.strip().splitlines()) > 1 for block in blocks if block.startswith("[site"))
    assert "[site nysun.com" not in out


def test_explain_with_a_format_is_a_usage_error() -> None:
    code, out, err = run("--explain", "--format", "text", SEED)
    assert code == 2 and out == "" and "--explain" in err
