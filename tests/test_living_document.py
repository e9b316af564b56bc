"""The living document (`concurrency-spec doc`) shows the whole tutorial, every statement beside its
claims, their tests (file:line) and their verdicts, in one self-contained page. It reads the spec's tests
from their files: the same tests, for every claim, as pytest collects."""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spec_results

from concurrency_spec.claims import load_catalogue
from concurrency_spec.coverage import load_marks
from concurrency_spec.document import load
from concurrency_spec.report import living, proofs

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()
FAILING, WHY = spec_results.FAILING, spec_results.WHY


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "concurrency_spec", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Two interpreters (one failing a claim) and a matrix of two implementations."""
    return spec_results.latest(tmp_path_factory.mktemp("results"))


@pytest.fixture(scope="module")
def page(results):
    groups = proofs.load_groups([results / ".results", results / ".matrix"])
    return living.html_document(groups)


def card(page, claim_id):
    """The claim's whole card (where it is shown with its verdicts and tests), without line-break hints."""
    pattern = rf'<article class="claim[^"]*" id="claim-{re.escape(claim_id)}@[^"]*">(.*?)</article>'
    whole = [found for found in re.findall(pattern, page, re.S) if 'class="verdicts"' in found]
    assert len(whole) == 1, f"{claim_id} is shown whole {len(whole)} times"
    return whole[0].replace("<wbr>", "")


def test_the_spec_tests_read_from_their_files_are_those_pytest_collects():
    listing = cli("catalogue")
    assert listing.returncode == 0, listing.stderr
    collected = {c["id"]: sorted({t.split("[")[0] for t in c["tests"]}) for c in json.loads(listing.stdout)}
    read = {
        claim: sorted(t.nodeid for t in tests)
        for claim, tests in proofs.tests_by_claim(proofs.spec_tests()).items()
    }
    assert read == {claim: tests for claim, tests in collected.items() if tests}


def test_a_test_is_found_at_its_line_with_its_source():
    test = next(t for t in proofs.spec_tests() if FAILING in t.claims)
    lines = (ROOT / test.path).read_text(encoding="utf-8").splitlines()
    assert lines[test.line - 1].startswith(f"def {test.name}(")
    assert test.source.startswith("@pytest.mark.claim") and test.first_lines()[0] == lines[test.line - 1]


def test_every_statement_of_the_document_is_on_the_page_in_its_own_words(page):
    document = load()
    for statement in document.statements:
        assert f'id="{html.escape(statement.anchor)}"' in page, statement.anchor
        for line in statement.text.splitlines():
            assert html.escape(line) in page, line
    for section in document.sections[1:]:
        assert html.escape(section.title) in page, section.number


def test_every_claim_is_beside_the_statements_it_quotes_with_its_sentence_quote_tests_and_verdicts(page):
    tests = proofs.tests_by_claim(proofs.spec_tests())
    for claim in CATALOGUE.values():
        shown = card(page, claim.id)
        sentence = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(claim.text))
        assert f'<p class="text">{sentence}</p>' in shown, claim.id
        assert all(f'<q lang="zh-Hans">{html.escape(q)}</q>' in shown for q in claim.quote), claim.id
        assert "interpreters" in shown and "implementations" in shown, claim.id
        for test in tests.get(claim.id, []):
            assert f'<span class="where">{test.where}</span>' in shown, (claim.id, test.where)
            assert html.escape(test.source) in shown, (claim.id, test.name)


def test_a_failing_claim_shows_where_it_failed_and_why(page):
    shown = card(page, FAILING)
    assert '<span class="pill failed">FAIL</span> <span class="labels">py312</span>' in shown
    assert html.escape(WHY) in shown
    assert '<span class="pill passed">pass</span> <span class="labels">py311</span>' in shown
    assert 'class="claim failing"' in page


def test_statements_marked_not_normative_say_so_with_the_reason(page):
    for anchor, reason in load_marks().items():
        row = re.search(
            rf'<div class="stmt" id="{re.escape(html.escape(anchor))}">(.*?)</div></div>', page, re.S
        )
        assert row and "Not normative:" in row.group(1) and html.escape(reason) in row.group(1), anchor


def test_the_page_is_self_contained_and_names_a_cjk_font(page):
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@font-face" not in style, "no font or image fetched"
    assert not re.search(r'(src|href)="(?!#)', page), "every link stays on the page"
    assert '"WenQuanYi Micro Hei"' in page and 'lang="zh-Hans"' in page


def test_without_results_every_claim_says_not_run_yet():
    page = living.html_document([])
    assert page.count("not run yet") >= len(CATALOGUE)
    assert "No results yet" in page


def test_doc_writes_the_page_from_the_default_results(results):
    run = cli("doc", "-o", "page.html", cwd=results)
    assert run.returncode == 0, run.stderr
    assert "interpreters from .results, implementations from .matrix" in run.stdout
    written = (results / "page.html").read_text(encoding="utf-8")
    assert "py312" in written and "aiologic" in written


def test_doc_without_results_renders_not_run_yet(tmp_path):
    run = cli("doc", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "not run yet" in (tmp_path / "document.html").read_text(encoding="utf-8")


def test_doc_names_results_that_are_not_there_in_one_line_and_exit_status_2(tmp_path):
    run = cli("doc", "/no/such/results", cwd=tmp_path)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "no such results directory or file" in run.stderr and "Traceback" not in run.stderr


def test_a_run_that_did_not_finish_says_so_and_reasons_show_code_without_backticks(tmp_path):
    data = spec_results.results("py313", python="3.13.0", failing={FAILING: "`lock` entered twice"})
    data["complete"] = False
    (tmp_path / "py313.json").write_text(json.dumps(data), encoding="utf-8")
    page = living.html_document(proofs.load_groups([tmp_path]))
    assert "py313</span> <em>(interrupted after" in page
    assert "<code>lock</code> entered twice" in card(page, FAILING) and "`lock`" not in page
