"""Limits: an input over the size limit, or one that takes longer than the time limit, is an
`InputError` naming it; the time limit holds in any thread and never leaks out of the document."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from hostile import attributes_html, links_html

from cleaner import Cleaner, InputError
from cleaner.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Limits, TimeBudget, parse_size
from cleaner.matching.rules import RuleSet
from cleaner.model import Article
from cleaner.read.segment import segment_text

PAGE = "Harbor Bridge Reopens\n\nThe bridge reopened on Monday after repairs, officials said."
NO_RULES = RuleSet(())  # the limits do not depend on the rules; this one compiles at once


def endless() -> None:
    """Work that never ends on its own (in Python code, where the watchdog can stop it)."""
    while True:
        time.sleep(0.01)


def test_the_defaults_are_50_mb_and_30_seconds() -> None:
    assert (DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT) == (50_000_000, 30.0)
    assert Cleaner(NO_RULES).limits == Limits(50_000_000, 30.0)


@pytest.mark.parametrize("text", ["", "lots", "-5M", "5 X", "1e9", "5KiB"])
def test_a_size_must_be_bytes_or_a_number_with_a_unit(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


@pytest.mark.parametrize(("text", "size"), [("50M", 50_000_000), ("1.5G", 1_500_000_000), ("2kB", 2000)])
def test_sizes_use_decimal_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("limits", [{"max_bytes": 0}, {"max_bytes": -1}, {"timeout": 0}, {"timeout": -2.0}])
def test_limits_must_be_positive_or_none(limits: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be a positive number"):
        Cleaner(NO_RULES, **limits)  # type: ignore[arg-type]


def test_an_input_over_max_bytes_is_an_error_naming_it() -> None:
    cleaner = Cleaner(NO_RULES, max_bytes=100)
    assert cleaner.clean(b"x" * 100).body == ("x" * 100,)
    with pytest.raises(InputError, match=r"^big\.txt: too large: over the limit of 100 bytes; raise it"):
        cleaner.clean(b"x" * 101, source="big.txt")


def test_text_is_measured_in_utf8_bytes() -> None:
    cleaner = Cleaner(NO_RULES, max_bytes=10)
    assert cleaner.clean("eeeee").body == ("eeeee",)
    with pytest.raises(InputError, match="too large"):
        cleaner.clean("ééééé é")  # 7 characters, 13 bytes


def test_no_size_limit_with_none() -> None:
    assert Cleaner(NO_RULES, max_bytes=None).limits.max_bytes is None
    Limits(max_bytes=None).check_size(b"x" * 1000, "-")


def test_a_budget_returns_the_result_of_work_in_time() -> None:
    assert TimeBudget(5.0, "page.txt").run(lambda: 42) == 42


def test_work_that_never_ends_is_stopped_at_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"^page\.txt: gave up after 0\.2 s \(the time limit per document\)"):
        TimeBudget(0.2, "page.txt").run(endless)
    assert time.monotonic() - started < 5


def test_one_budget_spans_several_stretches_of_work() -> None:
    budget = TimeBudget(0.3, "page.txt")
    budget.run(lambda: time.sleep(0.2))
    assert budget.used >= 0.2
    with pytest.raises(InputError, match=r"gave up after 0\.3 s"):
        budget.run(endless)  # only the remaining ~0.1 s is left
    with pytest.raises(InputError, match="gave up"):
        budget.run(lambda: None)  # spent: refused without starting


def test_work_that_ends_past_the_limit_is_refused_even_when_the_watchdog_never_lands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The watchdog's exception reaches a thread only in Python bytecode; compiled code that runs
    # past the deadline returns, and disarming withdraws the exception. Stand in for that.
    monkeypatch.setattr("cleaner.limits._WATCHDOG.arm", lambda thread_id, seconds: None)
    with pytest.raises(InputError, match=r"^page\.txt: gave up after 0\.1 s"):
        TimeBudget(0.1, "page.txt").run(lambda: time.sleep(0.2))


def test_no_time_limit_with_none() -> None:
    assert TimeBudget(None, "-").run(lambda: "done") == "done"


def test_the_limit_stops_only_the_slow_thread() -> None:
    def slow() -> str:
        TimeBudget(0.3, "slow.txt").run(endless)
        return "unreachable"

    def quick() -> str:
        return TimeBudget(5.0, "quick.txt").run(lambda: (time.sleep(0.5), "quick done")[1])

    with ThreadPoolExecutor(max_workers=2) as pool:
        slow_result, quick_result = pool.submit(slow), pool.submit(quick)
        with pytest.raises(InputError, match=r"^slow\.txt: gave up"):
            slow_result.result(timeout=10)
        assert quick_result.result(timeout=10) == "quick done"


@pytest.mark.slow
def test_a_time_limit_never_leaks_out_of_the_document() -> None:
    """Work that ends just before or just after the limit: either way the outcome is the result
    or an InputError, and the code after `run` never sees a late exception."""

    def about_as_long_as_the_limit() -> str:
        deadline = time.monotonic() + 0.002
        while time.monotonic() < deadline:
            pass
        return "done"

    def many(count: int) -> list[str]:
        outcomes = []
        for _ in range(count):
            try:
                outcomes.append(TimeBudget(0.002, "-").run(about_as_long_as_the_limit))
            except InputError:
                outcomes.append("gave up")
            total = sum(range(1000))  # Python code where a stray exception would land
            assert total == 499500
        time.sleep(0.05)
        return outcomes

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = [outcome for chunk in pool.map(many, [300, 300, 300]) for outcome in chunk]
    assert set(results) <= {"done", "gave up"} and len(results) == 900


def test_cleaner_applies_the_time_limit_to_each_document(monkeypatch: pytest.MonkeyPatch) -> None:
    cleaner = Cleaner(NO_RULES, timeout=0.5)
    assert cleaner.clean(PAGE).title == "Harbor Bridge Reopens"
    monkeypatch.setattr("cleaner.pipeline.segment_text", lambda text: endless())
    with pytest.raises(InputError, match=r"^stuck\.txt: gave up after 0\.5 s"):
        cleaner.clean(PAGE, source="stuck.txt")


def test_cleaner_time_limit_works_in_worker_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    cleaner = Cleaner(NO_RULES, timeout=0.5)

    def stuck_on_marked_pages(text: str) -> object:
        if "STUCK" in text:
            endless()
        return segment_text(text)

    monkeypatch.setattr("cleaner.pipeline.segment_text", stuck_on_marked_pages)

    def clean(page: str) -> Article | str:
        try:
            return cleaner.clean(page)
        except InputError as error:
            return error.message

    pages = [PAGE, "STUCK\n\n" + PAGE] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(clean, pages))
    assert [isinstance(result, Article) for result in results] == [True, False] * 3
    assert all(str(result).startswith("gave up after 0.5 s") for result in results[1::2])


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_a_bytearray_or_memoryview_is_cleaned_as_bytes(kind: type) -> None:
    raw = b"Harbor Vote\n\nThe harbor board voted on Tuesday to rebuild the north pier, the chairwoman said."
    assert Cleaner().clean(kind(raw)) == Cleaner().clean(raw)


def test_another_input_type_is_a_type_error_saying_what_to_give() -> None:
    with pytest.raises(TypeError, match=r"^clean\(\) takes the document as str or bytes, not list$"):
        Cleaner().clean(["a"])  # type: ignore[arg-type]


@pytest.mark.parametrize("seconds", [float("nan"), float("inf")])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(seconds: float) -> None:
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        Limits(timeout=seconds)


def test_a_size_over_a_petabyte_is_refused() -> None:
    with pytest.raises(ValueError, match="more than any input can be"):
        parse_size("9999999999G")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "size"), [(links_html, 2), (attributes_html, 300_000)], ids=["links", "attributes"]
)
def test_the_time_limit_holds_on_hostile_markup_in_the_library(
    make: Callable[[int], bytes], size: int
) -> None:
    """Markup under the prescan's budgets whose cost is in libxml2 calls (bench/hostile.py --limit).

    A limit of 1 s: the attributes page now takes about 2 s, as long as a limit of 2 s."""
    raw = make(size)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"^page\.html: gave up after 1 s"):
        Cleaner(timeout=1, max_bytes=None).clean(raw, source="page.html")
    assert time.monotonic() - started < 2 * 1
