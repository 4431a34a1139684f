"""Learning: `newsclean learn` writes a site pack of the lines that recur on a site's pages,
and `newsclean --learn-sites` learns and cleans a batch in one go (tests/sitegen.py is the site)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitegen import HOST, SPONSOR, STORIES, shares, site_pages

from cleaner.cli import main
from cleaner.learn.family import Families
from cleaner.learn.site import Settings, SiteCounts, is_prose_line
from cleaner.matching.rules import load_rules
from cleaner.pipeline import Cleaner


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for number, page in enumerate(site_pages(8), 1):
        (folder / f"story-{number:02d}.txt").write_text(page.text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def learned_pack(pages_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    pack = tmp_path_factory.mktemp("rules") / f"{HOST}.toml"
    code, _, err = run("learn", "--site", HOST, str(pages_dir), "-o", str(pack))
    assert code == 0, err
    return pack, err


def batch(pages: int = 8) -> bytes:
    lines = [
        json.dumps({"id": n, "url": page.url, "text": page.text}) for n, page in enumerate(site_pages(pages))
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# Families


def test_counts_and_dates_make_one_family_and_its_pattern_matches_whole_lines_only() -> None:
    families = Families.default()
    assert families.family_of("3 comments").key == families.family_of("1,204 comments").key
    assert families.family_of("Updated May 3, 2025 5:42 PM").key == "Updated ⟨date⟩ ⟨time⟩"
    pattern = families.family_of("3 comments").pattern
    assert pattern.startswith("^") and pattern.endswith("$")


def test_a_line_of_bare_numbers_or_dates_is_no_family_to_learn() -> None:
    assert not Families.default().family_of("March 3, 2025").has_words
    assert not Families.default().family_of("12").has_words


def test_prose_is_a_sentence_of_some_length() -> None:
    assert is_prose_line(SPONSOR)
    assert not is_prose_line("Ledger Plus members read this first")


def test_learning_counts_each_line_once_per_page_in_any_order(cleaner: Cleaner) -> None:
    records = [cleaner.clean(page.text, url=page.url).to_dict() for page in site_pages(6)]
    forward, backward = SiteCounts(HOST, Families.default()), SiteCounts(HOST, Families.default())
    for record in records:
        forward.add(record)
    for record in reversed(records):
        backward.add(record)
    assert forward.findings(Settings()) == backward.findings(Settings())
    assert forward.article_lines(Settings()) == backward.article_lines(Settings())


# newsclean learn


def test_learn_writes_a_site_pack_that_rules_check_passes(learned_pack: tuple[Path, str]) -> None:
    pack, _ = learned_pack
    text = pack.read_text(encoding="utf-8")
    assert text.startswith("# Learned by `newsclean learn` from 8 pages of ledger.example.")
    assert f'hosts = ["{HOST}"]' in text
    code, out, err = run("rules", "check", "--rules", str(pack))
    assert code == 0, err
    assert "all pass" in out


def test_each_rule_is_a_learned_id_with_how_often_it_was_seen(learned_pack: tuple[Path, str]) -> None:
    ruleset = load_rules([learned_pack[0]])
    site = ruleset.site_for(f"https://{HOST}/a", "")
    assert site is not None and site.rules
    for rule in site.rules:
        assert rule.id.startswith("learned.ledger-example.")
        assert rule.pattern.pattern.startswith("^") and rule.pattern.pattern.endswith("$")
        assert "pages of ledger.example" in rule.why
    ids = {rule.id for rule in site.rules}
    assert {
        "learned.ledger-example.ledger-plus-members-read-this-first",
        "learned.ledger-example.views",
    } <= ids
    # both A/B variants of the follow prompt, each on half the pages
    assert {
        "learned.ledger-example.follow-the-harbor-desk",
        "learned.ledger-example.tap-here-to-follow-the-harbor",
    } <= ids


def test_recurring_prose_inside_articles_is_reported_not_ruled(learned_pack: tuple[Path, str]) -> None:
    pack, err = learned_pack
    text = pack.read_text(encoding="utf-8")
    assert "Tidewater Fund" in err and "not ruled" in err
    header = text.split("[pack]")[0]
    assert "Tidewater Fund" in header
    rules_part = text.split("[pack]")[1]
    assert "Tidewater" not in rules_part


def test_headlines_shown_as_teasers_on_other_pages_are_never_ruled(learned_pack: tuple[Path, str]) -> None:
    site = load_rules([learned_pack[0]]).site_for(f"https://{HOST}/a", "")
    assert site is not None
    for story in STORIES:
        assert not any(rule.fits(story.headline) for rule in site.rules)


def test_the_same_pages_in_another_order_give_the_same_pack(
    pages_dir: Path, learned_pack: tuple[Path, str]
) -> None:
    files = sorted(str(path) for path in pages_dir.iterdir())
    _, forward, _ = run("learn", "--site", HOST, *files)
    _, backward, _ = run("learn", "--site", HOST, *reversed(files))
    assert forward == backward
    assert forward.split("[pack]")[1] == learned_pack[0].read_text(encoding="utf-8").split("[pack]")[1]


def test_learning_again_with_the_pack_in_the_rules_rewrites_it_the_same(
    learned_pack: tuple[Path, str], pages_dir: Path
) -> None:
    pack, _ = learned_pack
    before = pack.read_text(encoding="utf-8").split("[pack]")[1]
    code, _, err = run("learn", "--site", HOST, "--rules", str(pack.parent), str(pages_dir), "-o", str(pack))
    assert code == 0, err
    assert pack.read_text(encoding="utf-8").split("[pack]")[1] == before


def test_a_hand_written_pack_is_never_overwritten(pages_dir: Path, tmp_path: Path) -> None:
    mine = tmp_path / f"{HOST}.toml"
    mine.write_text('[pack]\nhosts = ["ledger.example"]\n', encoding="utf-8")
    code, _, err = run("learn", "--site", HOST, str(pages_dir), "-o", str(mine))
    assert code == 2
    assert "not a pack newsclean learn wrote" in err
    assert mine.read_text(encoding="utf-8") == '[pack]\nhosts = ["ledger.example"]\n'


def test_a_hand_written_rule_keeps_its_id_and_the_learned_one_takes_another(
    pages_dir: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        "[[rule]]\n"
        'id = "learned.ledger-example.views"\n'
        'label = "boilerplate"\n'
        "pattern = '^Views of the harbor$'\n"
        'why = "Written by hand."\n'
        'examples.match = ["Views of the harbor"]\n'
        'examples.keep = ["The views from the harbor wall were fine, she said."]\n',
        encoding="utf-8",
    )
    code, out, err = run("learn", "--site", HOST, "--rules", str(mine), str(pages_dir))
    assert code == 0, err
    assert 'id = "learned.ledger-example.views-2"' in out
    assert 'id = "learned.ledger-example.views"\n' not in out


def test_too_few_pages_learn_nothing(pages_dir: Path) -> None:
    files = sorted(str(path) for path in pages_dir.iterdir())[:2]
    code, out, err = run("learn", "--site", HOST, *files)
    assert code == 1
    assert out == ""
    assert "learning needs 3 or more" in err


def test_pages_without_urls_need_a_site(pages_dir: Path) -> None:
    code, _, err = run("learn", str(pages_dir))
    assert code == 1
    assert "--site HOST" in err


def test_url_of_gives_each_input_its_url(pages_dir: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "urls.txt"
    files = sorted(pages_dir.iterdir())
    mapping.write_text("".join(f"{path} https://{HOST}/{path.stem}\n" for path in files), encoding="utf-8")
    code, out, err = run("learn", "--url-of", str(mapping), *map(str, files))
    assert code == 0, err
    assert "learned.ledger-example.views" in out


# newsclean --learn-sites


def test_learn_sites_removes_the_furniture_the_rules_missed_and_keeps_the_articles() -> None:
    pages = site_pages(8)
    _, plain, _ = run("--input-format", "jsonl", "-", stdin=batch())
    code, learned, err = run("--learn-sites", "--input-format", "jsonl", "-", stdin=batch())
    assert code == 0, err
    assert "ledger.example: learned" in err

    plain_shares = shares(pages, [json.loads(line) for line in plain.splitlines()])
    learned_shares = shares(pages, [json.loads(line) for line in learned.splitlines()])
    assert learned_shares.furniture_removed > plain_shares.furniture_removed + 0.05
    assert learned_shares.article_kept == plain_shares.article_kept == 1.0
    reasons = {item["reason"] for line in learned.splitlines() for item in json.loads(line)["removed"]}
    assert "learned.ledger-example.ledger-plus-members-read-this-first" in reasons


def test_learn_sites_gives_each_page_the_same_output_in_any_batch_order() -> None:
    lines = batch().decode("utf-8").splitlines()
    _, forward, _ = run(
        "--learn-sites", "--input-format", "jsonl", "-", stdin=("\n".join(lines) + "\n").encode()
    )
    _, backward, _ = run(
        "--learn-sites", "--input-format", "jsonl", "-", stdin=("\n".join(reversed(lines)) + "\n").encode()
    )
    by_id = {json.loads(line)["id"]: json.loads(line) for line in forward.splitlines()}
    for line in backward.splitlines():
        record = json.loads(line)
        assert {**record, "source": None} == {**by_id[record["id"]], "source": None}


def test_learn_sites_changes_nothing_for_sites_with_too_few_pages() -> None:
    two = batch(2)
    assert (
        run("--learn-sites", "--input-format", "jsonl", "-", stdin=two)[1]
        == run("--input-format", "jsonl", "-", stdin=two)[1]
    )


def test_learn_sites_runs_here_not_on_a_cluster() -> None:
    code, _, err = run("--learn-sites", "--dask-scheduler", "tcp://127.0.0.1:1", "-", stdin=batch(1))
    assert code == 2
    assert "--learn-sites" in err


def test_a_hand_written_and_a_learned_pack_for_one_site_both_apply(
    tmp_path: Path, learned_pack: tuple[Path, str]
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[pack]\nhosts = ["ledger.example"]\n\n[[rule]]\n'
        'id = "ledger.quay-notice"\nlabel = "boilerplate"\npattern = \'^Quay notice$\'\n'
        'why = "Written by hand."\nexamples.match = ["Quay notice"]\n'
        'examples.keep = ["The quay was closed, the notice said."]\n',
        encoding="utf-8",
    )
    site = load_rules([mine, learned_pack[0]]).site_for(f"https://www.{HOST}/x", "")
    assert site is not None
    ids = {rule.id for rule in site.rules}
    assert "ledger.quay-notice" in ids
    assert "learned.ledger-example.views" in ids


def test_a_rule_without_article_lines_to_show_keeps_a_sentence_quoting_its_line(cleaner: Cleaner) -> None:
    from cleaner.learn.pack import propose

    counts = SiteCounts(HOST, Families.default())
    for page in site_pages(6):
        counts.add(cleaner.clean(page.text, url=page.url).to_dict())
    proposals, _ = propose(HOST, counts.findings(Settings()), [], set(), counts.families)
    assert proposals
    for proposal in proposals:
        assert proposal.keep == (f"The notice read “{proposal.match[0]}” for a week, she said.",)
