"""The report as a person sees it, in a real browser (headless Chromium driven by Playwright): every
environment column is there, the not-run ones too; a failing claim stands out with its reason visible
without hovering; the heat map is drawn; the links lead where they say. A screenshot of the page is
kept as an artefact (``.artifacts/report.png``, or ``$SPEC_ARTIFACTS``).

Chromium is the system's (Debian's ``chromium``; ``.ci/run`` installs it), playwright the ``browser`` extra's.
Where either is missing, the test is skipped with the reason, unless ``SPEC_REQUIRE_BROWSER=1`` (as in CI)
makes that a failure (``dev.py check`` lifts it where playwright has no wheels: PyPy, free-threaded 3.13).
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from concurrency_spec import report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("SPEC_ARTIFACTS") or ROOT / ".artifacts")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUESTED = ["py39", "py311", "py312", "py399", "py399t", "pypy3"]
FAILING = "threading.lock.total"


def unavailable(reason):
    if os.environ.get("SPEC_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SPEC_REQUIRE_BROWSER=1")
    pytest.skip(reason)


def chromium():
    for name in ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    unavailable("no Chromium on this machine (apt install chromium)")


def playwright_sync_api():
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[browser]')")
    return sync_api


def results(env, python, fail=False):
    claims = [
        {"id": FAILING, "section": "§2.3", "text": "Five threads reach exactly 500000.", "requires": []},
        {"id": "threading.thread.join-waits", "section": "§2.1", "text": "join() waits.", "requires": []},
        {
            "id": "gil.cpu-threads-one-at-a-time",
            "section": "§9.1",
            "text": "Threads take turns.",
            "requires": ["gil"],
        },
    ]
    tests = [
        {
            "test": "spec/test_s02_threading.py::"
            "test_five_threads_adding_100000_each_under_a_lock_reach_exactly_500000",
            "claims": [FAILING],
            "params": "",
            "outcome": "failed" if fail else "passed",
            "reason": "AssertionError: assert 499873 == 500000" if fail else "",
            "duration": 0.2,
        },
        {
            "test": "spec/test_s02_threading.py::test_join_returns_only_after_the_target_finished",
            "claims": ["threading.thread.join-waits"],
            "params": "",
            "outcome": "passed",
            "reason": "",
            "duration": 0.1,
        },
        {
            "test": "spec/test_s09_1_gil.py::test_two_cpu_bound_threads_use_no_more_cpu_time_than_wall_time",
            "claims": ["gil.cpu-threads-one-at-a-time"],
            "params": "",
            "outcome": "not-applicable",
            "reason": "not applicable: the GIL is disabled on this free-threaded build",
            "duration": 0.0,
        },
    ]
    facts = {
        "env": env,
        "python": python,
        "implementation": "cpython",
        "version": python,
        "gil": True,
        "platform": "Linux",
        "cores": 2,
        "impl": "reference",
        "impl_contract": "2.0",
        "packages": {"pytest": "9.2.0"},
    }
    return {"facts": facts, "claims": claims, "deviations": {}, "tests": tests}


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """The report of three environments that ran (one failing a claim) and three that did not."""
    folder = tmp_path_factory.mktemp("results")
    for env, python, fail in (
        ("py311", "3.11.7", False),
        ("py312", "3.12.1", True),
        ("py39", "3.9.18", False),
    ):
        (folder / f"{env}.json").write_text(json.dumps(results(env, python, fail)))
    html = folder / "report.html"
    html.write_text(report.html_report(report.load([folder], requested=REQUESTED)), encoding="utf-8")
    return html


@pytest.fixture(scope="module")
def browser(report_page):
    sync_api = playwright_sync_api()
    executable = chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield launched
            tab = launched.new_page(viewport={"width": 1400, "height": 900})
            tab.goto(report_page.as_uri())
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            launched.close()


@pytest.fixture
def page(browser, report_page):
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    tab.goto(report_page.as_uri())
    yield tab
    tab.close()


@pytest.mark.timeout(120)
def test_every_requested_environment_is_a_column_and_the_missing_ones_say_not_run(page):
    headers = page.locator("table.claims thead th[data-env]")
    assert [headers.nth(i).get_attribute("data-env") for i in range(headers.count())] == REQUESTED
    for label in ("py399", "py399t", "pypy3"):
        header = page.locator(f'table.claims thead th[data-env="{label}"]')
        assert header.is_visible() and "not run" in header.inner_text()
        reason = page.locator(f'ul.not-run li[data-env="{label}"]')
        assert reason.is_visible()
        assert "interpreter not found" in reason.inner_text() or "no results" in reason.inner_text()


@pytest.mark.timeout(120)
def test_a_failing_claim_stands_out_with_its_reason_visible_without_hovering(page):
    row = page.locator(f'tr.failing[data-claim="{FAILING}"]')
    assert row.is_visible()
    assert (
        row.evaluate("r => getComputedStyle(r.querySelector('td.claim')).borderLeftColor")
        != "rgba(0, 0, 0, 0)"
    )
    reason = row.locator(".reason")
    assert reason.is_visible() and "499873" in reason.inner_text()
    failed = row.locator(".pill.failed")
    assert failed.is_visible()
    colour = failed.evaluate("p => getComputedStyle(p).backgroundColor")
    assert colour == "rgb(180, 35, 24)"  # --fail


@pytest.mark.timeout(120)
def test_the_heat_map_is_drawn_one_cell_per_claim_and_environment(page):
    heatmap = page.locator("svg.heatmap")
    assert heatmap.is_visible()
    box = heatmap.bounding_box()
    assert box["width"] > 150 and box["height"] > 60
    assert heatmap.locator("rect[width='34']").count() == 3 * len(REQUESTED)
    assert heatmap.locator("rect[fill='#cf222e']").count() == 1  # the one failure, in red


@pytest.mark.timeout(120)
def test_links_lead_to_the_tests_and_the_reasons(page):
    link = page.locator(f'tr[data-claim="{FAILING}"] .tests a').first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    article = page.locator(target)
    assert article.is_visible() and "def test_five_threads_adding_100000" in article.inner_text()
    assert article.evaluate("a => a.getBoundingClientRect().top") < 900  # scrolled into view
    note = page.locator(f'tr[data-claim="{FAILING}"] sup a').first
    note.click()
    assert page.locator(note.get_attribute("href")).is_visible()
