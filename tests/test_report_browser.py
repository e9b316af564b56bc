"""The report as a person sees it, in a real browser (headless Chromium driven by Playwright, see
``browser.py``): every environment column is there, the not-run ones saying why in their header; at
1366 px wide, with tox's whole env_list, every column is visible without scrolling sideways; a failing
claim stands out with its reason visible without hovering; the heat map is drawn, its labels whole and
its groups named; the sections' Chinese titles drawn in a CJK font; the test sources are folded, and the
links lead where they say (opening them).
Screenshots are kept as artefacts: ``report.png`` (the whole page of the whole spec at 1366 px) and
``report-small.png``.
"""

import configparser
import json

import pytest
import spec_results
from browser import CJK_FONTS, LAPTOP, ROOT, fonts_of, launched, screenshot

from concurrency_spec import report
from concurrency_spec.report.model import parse_env_list

REQUESTED = ["py39", "py311", "py312", "py399", "py399t", "pypy3"]
FAILING = "threading.lock.total"


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


def columns():
    """tox's env_list, and one more: room for the next Python (ten columns today)."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tox.ini", encoding="utf-8")
    return [*parse_env_list(config["tox"]["environments"]), "py399"]


@pytest.fixture(scope="module")
def whole_spec_page(tmp_path_factory):
    """The report of the whole spec over tox's env_list and one more: six interpreters ran (one failing
    a claim), the others did not."""
    folder = tmp_path_factory.mktemp("whole")
    for env, python in (("py39", "3.9.18"), ("py310", "3.10.13"), ("py311", "3.11.7"), ("py313", "3.13.0")):
        spec_results.write(folder, env, python=python)
    spec_results.write(
        folder, "py312", python="3.12.1", failing={FAILING: "AssertionError: assert 499873 == 500000"}
    )
    spec_results.write(folder, "pypy3", python="3.9.18", implementation="pypy")
    page = folder / "report.html"
    page.write_text(report.html_report(report.load([folder], requested=columns())), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser(report_page, whole_spec_page):
    with launched() as started:
        yield started
        for page, name in ((whole_spec_page, "report.png"), (report_page, "report-small.png")):
            tab = started.new_page(viewport=LAPTOP)
            tab.goto(page.as_uri())
            screenshot(tab, name, full_page=True)


@pytest.fixture
def page(browser, report_page):
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    tab.goto(report_page.as_uri())
    yield tab
    tab.close()


@pytest.fixture
def laptop(browser, whole_spec_page):
    tab = browser.new_page(viewport=LAPTOP)
    tab.goto(whole_spec_page.as_uri())
    yield tab
    tab.close()


@pytest.mark.timeout(120)
def test_every_requested_environment_is_a_column_and_the_missing_ones_say_why_in_their_header(page):
    headers = page.locator("table.claims thead th[data-env]")
    assert [headers.nth(i).get_attribute("data-env") for i in range(headers.count())] == REQUESTED
    for label in ("py399", "py399t"):
        header = page.locator(f'table.claims thead th[data-env="{label}"]')
        text = header.inner_text()
        assert header.is_visible() and "not run" in text and "interpreter not found" in text
        assert "pyenv install 3.99" in text and "`" not in text
        assert "pyenv install 3.99" in header.get_attribute("title")
        assert "`" not in header.get_attribute("title")


@pytest.mark.timeout(120)
def test_at_1366_px_every_environment_column_is_visible_without_scrolling_sideways(laptop):
    headers = laptop.locator("table.claims thead th[data-env]")
    assert headers.count() == len(columns()) >= 10
    wrap = laptop.evaluate(
        "() => { const w = document.querySelector('.table-wrap');"
        " return [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth]; }"
    )
    assert wrap[0] <= wrap[1] and wrap[2] <= LAPTOP["width"], wrap
    for i in range(headers.count()):
        box = headers.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], headers.nth(i).inner_text()


@pytest.mark.timeout(120)
def test_the_heat_map_labels_are_whole_and_its_groups_named(laptop):
    heatmap = laptop.locator("svg.heatmap").bounding_box()
    labels = laptop.locator("svg.heatmap text")
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        inside = box["x"] >= heatmap["x"] and box["y"] >= heatmap["y"]
        assert inside and box["x"] + box["width"] <= heatmap["x"] + heatmap["width"], labels.nth(
            i
        ).inner_html()
    groups = laptop.locator("svg.heatmap text.part")
    assert [groups.nth(i).text_content() for i in range(groups.count())] == [
        "the document's claims",
        "standard-library details",
    ]


@pytest.mark.timeout(120)
def test_the_test_sources_are_folded_so_the_page_stays_short(laptop):
    sources = laptop.locator("details.source")
    assert sources.count() > 100
    assert laptop.evaluate("[...document.querySelectorAll('details.source')].every(d => !d.open)")
    assert laptop.evaluate("document.documentElement.scrollHeight") < 15000


@pytest.mark.timeout(120)
def test_a_failing_claim_stands_out_with_its_reason_visible_without_hovering(page):
    row = page.locator(f'tr.failing[data-claim="{FAILING}"]')
    assert row.is_visible()
    assert (
        row.evaluate("r => getComputedStyle(r.querySelector('td.claim')).borderLeftColor")
        != "rgba(0, 0, 0, 0)"
    )
    reason = row.locator(".reason")
    assert reason.is_visible() and "py312: AssertionError: assert 499873 == 500000" in reason.inner_text()
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
    source = page.locator(target)  # folded until the link opened it
    assert source.is_visible() and "def test_five_threads_adding_100000" in source.inner_text()
    assert source.evaluate("a => a.getBoundingClientRect().top") < 900  # scrolled into view
    note = page.locator(f'tr[data-claim="{FAILING}"] sup a').first
    note.click()
    assert page.locator(note.get_attribute("href")).is_visible()


@pytest.mark.timeout(120)
def test_the_chinese_titles_are_drawn_in_a_cjk_font(laptop):
    drawn = fonts_of(laptop, "table.claims tr.section summary")
    assert any(glyphs > 0 for family, glyphs in drawn.items() if family in CJK_FONTS), drawn
