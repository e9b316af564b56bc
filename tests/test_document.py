"""The document in the repository (spec/document/), split into sections and statements with stable
anchors (concurrency_spec/document.py), the claims that quote it, and the coverage of its statements by
claims, computed (concurrency_spec/coverage.py, concurrency-spec coverage)."""

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest

from concurrency_spec import coverage
from concurrency_spec.claims import STDLIB, Claim, load_catalogue
from concurrency_spec.document import DOCUMENT_DIR, DOCUMENT_FILE, KINDS, comment_at, load, parse
from concurrency_spec.sections import TITLES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = load()
CLAIMS = list(load_catalogue().values())
SUMMARY = re.compile(r"(\d+) statements: (\d+) covered by claims, (\d+) not normative, (\d+) uncovered")


def anchors(document):
    return [statement.anchor for statement in document.statements]


def edited(old, new, count=1):
    """The document's text with ``old`` replaced by ``new`` (``old`` occurs exactly ``count`` times)."""
    assert DOCUMENT.text.count(old) == count, old
    return parse(DOCUMENT.text.replace(old, new))


# the document -------------------------------------------------------------------------------------------


def test_the_document_is_the_tutorial_with_the_sections_and_titles_the_catalogue_uses():
    assert DOCUMENT_FILE.read_text(encoding="utf-8").startswith("Wiki LogoWiki - The Power of Many\n")
    top = [s.number for s in DOCUMENT.sections if "." not in s.number]
    assert top == ["§0"] + [f"§{n}" for n in range(1, 11)]
    for number, (title, _) in TITLES.items():
        assert DOCUMENT.section(number).title == title, number


def test_every_line_of_the_document_lies_in_a_statement_or_a_heading():
    offset = 0
    for line in DOCUMENT.text.splitlines(keepends=True):
        body = re.sub(r"^\s+(•|\d+\.) ", "", line).strip()  # a list item without its marker
        if body:
            start = offset + line.index(body)
            end = start + len(body)
            assert DOCUMENT.statements_holding(start, end) or DOCUMENT.heading_holding(start, end), line
        offset += len(line)


def test_statements_are_of_the_documented_kinds_and_comments_lie_in_their_program():
    assert {s.kind for s in DOCUMENT.statements} == set(KINDS)
    for comment in (s for s in DOCUMENT.statements if s.kind == "comment"):
        programs = [
            s for s in DOCUMENT.statements_holding(comment.span.start, comment.span.end) if s != comment
        ]
        assert [p.kind for p in programs] == ["code"], comment.anchor
    assert DOCUMENT.statement("§2.3/comment-c643a9").text == "print(counter)  # 500000 (正确)"


def test_numbered_items_are_sections_of_their_own():
    questions = [s for s in DOCUMENT.statements if s.section.startswith("§9.")]
    assert [(q.section, q.kind) for q in questions] == [(f"§9.{n}", "item") for n in range(1, 6)]
    assert DOCUMENT.section("§9.4").title == "如何取消正在运行的协程?"


def test_a_comment_starts_at_a_hash_outside_strings():
    assert comment_at("t.join()  # 等待线程结束") == 10
    assert comment_at('print("#1")  # one') == 13
    assert comment_at("print('a \\' # b')") == -1
    assert comment_at("counter += 1") == -1


def test_a_heading_out_of_sequence_is_an_error():
    with pytest.raises(ValueError, match="out of sequence"):
        parse("1. one\n\n1.1 first\n\n1.3 third\n")


# anchors ------------------------------------------------------------------------------------------------


def test_anchors_are_unique_and_name_section_kind_and_text():
    assert len(set(anchors(DOCUMENT))) == len(DOCUMENT.statements)
    shape = re.compile(rf"§\d+(\.\d+)*/({'|'.join(KINDS)})-[0-9a-f]{{6}}(-\d+)?")
    for statement in DOCUMENT.statements:
        assert shape.fullmatch(statement.anchor), statement.anchor
        assert statement.anchor.startswith(f"{statement.section}/{statement.kind}-")


def test_a_repeated_statement_gets_a_numbered_anchor():
    document = parse("1. one\n\n1.1 first\n\nSame words.\n\nOther words.\n\nSame words.\n")
    first, other, second = anchors(document)
    assert second == f"{first}-2" and other != first


@pytest.mark.parametrize(
    "old, new, gone, added",
    [
        # a paragraph inserted before §2.3's program, in the same section
        ("2.3 线程同步 (Lock)\n\n", "2.3 线程同步 (Lock)\n\n新的一段.\n\n", set(), 1),
        # a statement of §1.3 reworded: its own anchor changes, no other
        ("典型场景: HTTP 请求", "典型场景: HTTPS 请求", {"§1.3/item-2a4f98"}, 1),
        # a line added to §2.4's program: the program changes, its comment line does not
        (
            "        q.task_done()\n",
            "        q.task_done()\n        q.task_done()\n",
            {"§2.4/code-d173f0"},
            1,
        ),
        # a line of §2.3's program re-indented: the same statements, the same anchors
        ("        with lock:  # 获取锁", "            with lock:  # 获取锁", set(), 0),
        # a whole section removed: its statement goes, the others stay
        ("8.3 生产者消费者\n\n实现一个多线程的生产者消费者模型.\n\n", "", {"§8.3/paragraph-269b99"}, 0),
    ],
    ids=["insert-before", "reword", "code-line-added", "reindent", "section-removed"],
)
def test_anchors_do_not_change_when_other_text_changes(old, new, gone, added):
    before, after = set(anchors(DOCUMENT)), set(anchors(edited(old, new)))
    assert before - after == gone
    assert len(after - before) == added


# claims quote it ----------------------------------------------------------------------------------------


def test_every_claim_quotes_the_document_and_names_one_of_its_sections():
    unquoted = [claim.id for claim in CLAIMS if not claim.quote]
    assert unquoted == [], "claims without a quote of the document"
    sections = {section.number for section in DOCUMENT.sections}
    assert [claim.id for claim in CLAIMS if claim.section not in sections] == []


def test_every_quote_is_verbatim_in_the_document_once_where_its_claim_says():
    located = [(claim.id, DOCUMENT.locate(quote, claim.section)) for claim in CLAIMS for quote in claim.quote]
    assert [f"{claim}: {problem}" for claim, (_, problem) in located if problem] == []


def test_standard_library_claims_quote_the_code_they_are_about():
    for claim in (c for c in CLAIMS if c.basis == STDLIB):
        starts = [(DOCUMENT.locate(quote, claim.section)[0], quote) for quote in claim.quote]
        kinds = {s.kind for at, quote in starts for s in DOCUMENT.statements_holding(at, at + len(quote))}
        assert "code" in kinds, f"{claim.id} quotes no code of the document"


def test_the_catalogue_loads_a_quote_given_as_a_string_or_a_list(tmp_path):
    (tmp_path / "claims.toml").write_text(
        '[[claim]]\nid = "a.one"\nsection = "§1.1"\ntext = "A does B."\nquote = \'并发 (单核):\'\n\n'
        '[[claim]]\nid = "a.two"\nsection = "§1.1"\ntext = "A does C."\nquote = [\'x\', \'y\']\n',
        encoding="utf-8",
    )
    catalogue = load_catalogue(tmp_path)
    assert catalogue["a.one"].quote == ("并发 (单核):",)
    assert catalogue["a.two"].as_dict()["quote"] == ["x", "y"]


@pytest.mark.parametrize("value", ["3", "['x', 3]", "''"])
def test_the_catalogue_refuses_a_quote_that_is_not_text(tmp_path, value):
    (tmp_path / "claims.toml").write_text(
        f'[[claim]]\nid = "a.one"\nsection = "§1.1"\ntext = "A does B."\nquote = {value}\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="quote must be a string or a list of strings"):
        load_catalogue(tmp_path)


# finding a quote ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "section, quote, problem",
    [
        ("§2.3", "不在文中", "is not in the document"),
        ("§2.3", "for t in threads:", "occurs 2 times in §2.3"),
        ("§8.1", "import asyncio", "times in the document"),
        ("§1.1", "(交替执行)\n  • 并行", "falls within no statement"),
    ],
    ids=["missing", "ambiguous-in-section", "ambiguous-in-document", "across-statements"],
)
def test_a_quote_that_is_not_once_inside_a_statement_where_it_is_looked_for_is_refused(
    section, quote, problem
):
    start, found = DOCUMENT.locate(quote, section)
    assert start == -1 and problem in found


def test_a_quote_outside_its_claims_section_is_looked_for_in_the_whole_document():
    start, problem = DOCUMENT.locate("counter.value += 1", "§9.5")
    assert problem == "" and DOCUMENT.section("§3.4").span.holds(start, start + 1)


def test_a_quote_may_lie_in_a_heading():
    start, problem = DOCUMENT.locate("(Python 3.11+)", "§5.9")
    assert problem == "" and DOCUMENT.heading_holding(start, start + 1) == DOCUMENT.section("§5.9")


# coverage ---------------------------------------------------------------------------------------------


def test_every_statement_is_covered_by_a_claim_or_marked_not_normative():
    computed = coverage.compute()
    assert computed.problems == []
    assert [s.anchor for s in computed.uncovered()] == []


def test_not_normative_marks_name_statements_no_claim_covers_with_a_one_line_reason():
    marks = coverage.load_marks()
    computed = coverage.compute(marks=marks)
    for anchor, reason in marks.items():
        assert computed.state(DOCUMENT.statement(anchor)) == coverage.NOT_NORMATIVE
        assert reason.strip() and "\n" not in reason


def test_a_claim_without_a_quote_or_with_a_section_the_document_lacks_is_a_problem():
    claims = [
        Claim("x.unquoted", "§2.3", "X does Y."),
        Claim("x.nowhere", "§11", "X does Y.", quote=("(Python 3.11+)",)),
        Claim("x.missing", "§2.3", "X does Y.", quote=("不在文中",)),
    ]
    assert coverage.compute(claims=claims, marks={}).problems[:3] == [
        "x.unquoted: no quote (quote the words of the document it encodes)",
        "x.nowhere: the document has no section §11",
        "x.missing: quote '不在文中' is not in the document",
    ]


def test_a_mark_on_an_unknown_or_a_covered_statement_is_a_problem():
    marks = {"§2.3/comment-000000": "gone", "§2.3/comment-c643a9": "a slip", "§7/header-548344": ""}
    problems = [p for p in coverage.compute(marks=marks).problems if p.startswith("not-normative mark")]
    assert problems == [
        "not-normative mark §2.3/comment-000000: the document has no such statement",
        "not-normative mark §2.3/comment-c643a9: covered by "
        "threading.lock.total, threading.lock.no-lost-update",
        "not-normative mark §7/header-548344: its reason is empty or longer than one line",
    ]


def test_a_statement_neither_quoted_nor_marked_is_uncovered_and_listed(capsys, monkeypatch):
    marked = len(coverage.load_marks())
    monkeypatch.setattr(coverage, "load_marks", lambda: {})
    assert coverage.main() == 1
    lines = capsys.readouterr().out.splitlines()
    assert "  §10/paragraph-b5658f  line 578  On this page" in lines
    assert SUMMARY.fullmatch(lines[-1]).group(4) == str(marked)


def test_the_coverage_command_prints_a_row_per_section_and_ends_with_the_sum():
    run = subprocess.run(
        [sys.executable, "-m", "concurrency_spec", "coverage"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    total, covered, marked, uncovered = map(int, SUMMARY.fullmatch(lines[-1]).groups())
    assert (total, uncovered) == (len(DOCUMENT.statements), 0) and covered + marked == total
    rows = [line.split() for line in lines[1:-1]]
    assert sum(int(row[1]) for row in rows) == total
    assert [row[0] for row in rows][:3] == ["§0", "§1.1", "§1.2"] and rows[-1][0] == "§10"


def test_the_coverage_command_lists_every_statement_on_request():
    run = subprocess.run(
        [sys.executable, "-m", "concurrency_spec", "coverage", "--statements"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "§2.3/comment-c643a9  line 95  print(counter)  # 500000 (正确)" in run.stdout
    assert "    covered: threading.lock.total" in run.stdout
    assert SUMMARY.fullmatch(run.stdout.splitlines()[-1])


def test_the_document_and_its_marks_are_packaged():
    with (ROOT / "pyproject.toml").open("rb") as handle:
        package_data = tomllib.load(handle)["tool"]["setuptools"]["package-data"]
    patterns = package_data["concurrency_spec.spec.document"]
    for path in DOCUMENT_DIR.iterdir():
        relative = path.relative_to(DOCUMENT_DIR).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
