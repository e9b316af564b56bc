"""The living document as a learner sees it, in a real browser (headless Chromium driven by Playwright,
see ``browser.py``): the tutorial's Chinese drawn in a CJK font (the font Chromium really used, not the
CSS list), each statement with its claims beside it, nothing wider than a 1366 px screen, test sources
folded until opened, and the links between a claim's places leading where they say. Screenshots are
kept as artefacts: ``document.png`` (the top of the page) and ``document-2.3.png`` (§2.3, its program and
its four claims, one test opened).
"""

import pytest
import spec_results
from browser import CJK_FONTS, LAPTOP, fonts_of, launched, screenshot

from concurrency_spec.document import load
from concurrency_spec.report import living, proofs

FAILING = "threading.lock.total"


@pytest.fixture(scope="module")
def document_page(tmp_path_factory):
    """The page over four interpreters (one failing a claim) and a matrix of two implementations."""
    folder = tmp_path_factory.mktemp("doc")
    for env, python in (("py39", "3.9.18"), ("py311", "3.11.7"), ("py313", "3.13.0")):
        spec_results.write(folder / ".results", env, python=python)
    why = "AssertionError: assert 499873 == 500000"
    spec_results.write(folder / ".results", "py312", python="3.12.1", failing={FAILING: why})
    spec_results.write(folder / ".matrix", "reference")
    spec_results.write(folder / ".matrix", "aiologic", impl="concurrency_spec.adapters.aiologic")
    page = folder / "document.html"
    groups = proofs.load_groups([folder / ".results", folder / ".matrix"])
    page.write_text(living.html_document(groups), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser(document_page):
    with launched() as started:
        yield started
        tab = started.new_page(viewport=LAPTOP)
        tab.goto(document_page.as_uri())
        screenshot(tab, "document.png", full_page=True, clip={"x": 0, "y": 0, "width": 1366, "height": 2400})
        tab.goto(document_page.as_uri() + "#s2-3")
        tab.locator("#s2-3 ~ .stmt details.source summary").first.click()
        tab.evaluate("document.getElementById('s2-3').scrollIntoView()")
        screenshot(tab, "document-2.3.png")


@pytest.fixture
def page(browser, document_page):
    tab = browser.new_page(viewport=LAPTOP)
    tab.goto(document_page.as_uri())
    yield tab
    tab.close()


@pytest.mark.timeout(120)
def test_the_chinese_text_is_drawn_in_a_cjk_font(page):
    for selector in ("h1", "#s2-3 span[lang]", 'div.stmt[id="§1.1/item-9930cd"] .words p'):
        drawn = fonts_of(page, selector)
        cjk = {family: glyphs for family, glyphs in drawn.items() if family in CJK_FONTS}
        assert cjk and all(glyphs > 0 for glyphs in cjk.values()), (selector, drawn)
    program_line = page.locator('span.line[id="§2.3/comment-c643a9"]')
    assert "500000 (正确)" in program_line.inner_text()
    drawn = fonts_of(page, 'span.line[id="§2.3/comment-c643a9"]')
    assert any(family in CJK_FONTS for family in drawn), drawn


@pytest.mark.timeout(120)
def test_each_statement_has_its_claims_beside_it(page):
    rows = page.locator("div.stmt")
    assert rows.count() >= len([s for s in load().statements if s.kind != "comment"])
    for index in range(0, rows.count(), 9):
        words = rows.nth(index).locator(".words").bounding_box()
        proof = rows.nth(index).locator(".proof").bounding_box()
        assert proof["x"] >= words["x"] + words["width"] and abs(proof["y"] - words["y"]) < 2
    program = page.locator('div.stmt[id="§2.3/code-8efa5c"]')
    assert program.locator("article.claim").count() == 4
    assert program.locator(f'article.claim.failing header code.id:text-is("{FAILING}")').is_visible()
    assert "FAIL" in program.locator("article.claim.failing .verdicts").inner_text()
    marked = page.locator('div.stmt[id="§0/paragraph-b8c8bb"] .proof')
    assert "Not normative:" in marked.inner_text()


@pytest.mark.timeout(120)
def test_nothing_is_wider_than_a_1366_px_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]


@pytest.mark.timeout(120)
def test_test_sources_are_folded_and_open_with_their_file_and_line(page):
    assert page.evaluate("[...document.querySelectorAll('details.source')].every(d => !d.open)")
    test = next(t for t in proofs.spec_tests() if FAILING in t.claims)
    source = page.locator("details.source", has_text=test.name).first
    assert test.where in source.locator("summary").inner_text().replace("\u200b", "")
    source.locator("summary").click()
    assert source.locator("pre").is_visible() and f"def {test.name}(" in source.locator("pre").inner_text()


@pytest.mark.timeout(120)
def test_a_claim_shown_elsewhere_links_to_where_it_is_whole(page):
    link = page.locator('div.stmt[id="§1.1/diagram-cb9661"] .seen a')
    assert "line 11" in link.inner_text()
    link.click()
    target = link.get_attribute("href")
    assert page.evaluate("decodeURIComponent(location.hash)") == target
    whole = page.locator(f'[id="{target[1:]}"]')
    assert whole.is_visible() and whole.locator(".verdicts").is_visible()
    assert whole.evaluate("e => e.getBoundingClientRect().top") < LAPTOP["height"]  # scrolled to it
