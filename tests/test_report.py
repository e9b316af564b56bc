"""The report merges per-environment results: a cell is the claim's verdict there, environments asked
for but without results show as "not run" with the reason, claims that differ come first, reasons are
visible text, and the exit status says whether any claim failed anywhere."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from concurrency_spec import report

ROOT = Path(__file__).resolve().parent.parent

CLAIMS = [
    {
        "id": "threading.lock.total",
        "section": "§2.3",
        "text": "A locked counter is exact.",
        "requires": [],
        "note": "",
    },
    {
        "id": "multiprocessing.pool.map-order",
        "section": "§3.2",
        "text": "Pool.map keeps order.",
        "requires": [],
        "note": "",
    },
    {
        "id": "gil.cpu-threads",
        "section": "§9.1",
        "text": "Threads take turns.",
        "requires": ["gil"],
        "note": "",
    },
    {
        "id": "asyncio.gather.order",
        "section": "§5.10",
        "text": "gather keeps order.",
        "requires": [],
        "note": "",
    },
]


def make_entry(test, claims, outcome, params="", reason=""):
    return {
        "test": test,
        "claims": claims,
        "params": params,
        "outcome": outcome,
        "reason": reason,
        "duration": 0.01,
    }


def results(env, tests, python="3.11.7", implementation="cpython", gil=True, deviations=None, claims=CLAIMS):
    return {
        "facts": {
            "env": env,
            "python": python,
            "implementation": implementation,
            "version": python,
            "gil": gil,
            "platform": "Linux-test",
            "cores": 2,
            "impl": "reference",
            "impl_contract": "1.0",
            "packages": {"pytest": "9.0"},
        },
        "claims": claims,
        "deviations": deviations or {},
        "tests": tests,
    }


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def all_passing(env, **facts):
    return results(
        env,
        [
            make_entry("spec/test_s02.py::test_lock", ["threading.lock.total"], "passed"),
            make_entry(
                "spec/test_s03.py::test_map[fork]", ["multiprocessing.pool.map-order"], "passed", "fork"
            ),
            make_entry(
                "spec/test_s03.py::test_map[spawn]", ["multiprocessing.pool.map-order"], "passed", "spawn"
            ),
            make_entry("spec/test_s09.py::test_gil", ["gil.cpu-threads"], "passed"),
            make_entry(
                "spec/test_s05.py::test_gather[asyncio]", ["asyncio.gather.order"], "passed", "asyncio"
            ),
        ],
        **facts,
    )


def test_a_cell_is_the_verdict_of_the_claims_tests():
    assert report.worst(["passed", "failed", "not-applicable"]) == "failed"
    assert report.worst(["passed", "deviation"]) == "deviation"
    assert report.worst(["not-applicable", "passed"]) == "passed"
    assert report.worst(["not-applicable", "not-applicable"]) == "not-applicable"
    assert report.worst(["skipped", "not-applicable"]) == "skipped"
    assert report.worst([]) is None
    assert report.worst(["exploded"]) == "failed"  # an unknown outcome is not taken for a pass


def failing_spawn(env="py311", **facts):
    data = all_passing(env, **facts)
    data["tests"][2] = make_entry(
        "spec/test_s03.py::test_map[spawn]",
        ["multiprocessing.pool.map-order"],
        "failed",
        "spawn",
        'AssertionError: <order> & "quotes"',
    )
    return data


def test_one_failing_parameter_makes_the_cell_fail_and_its_reason_a_note(tmp_path):
    built = report.load([write(tmp_path, "py311", failing_spawn())])

    cell = built.cell("multiprocessing.pool.map-order", "py311")
    assert cell.verdict == "failed"
    assert [built.footnotes[n - 1] for n in cell.notes] == ['AssertionError: <order> & "quotes"']
    assert built.cell("threading.lock.total", "py311").verdict == "passed"
    assert built.failed


def test_claims_are_rows_sorted_by_section_and_environments_columns_by_interpreter(tmp_path):
    write(tmp_path, "pypy3", all_passing("pypy3", python="3.9.18", implementation="pypy"))
    write(tmp_path, "py313", all_passing("py313", python="3.13.0"))
    write(tmp_path, "py39", all_passing("py39", python="3.9.18"))
    built = report.load([tmp_path])

    assert [c["section"] for c in built.claims] == ["§2.3", "§3.2", "§5.10", "§9.1"]
    assert [env.label for env in built.environments] == ["py39", "py313", "pypy3"]
    assert [env.interpreter for env in built.environments] == [
        "CPython 3.9.18",
        "CPython 3.13.0",
        "PyPy 3.9.18",
    ]


def test_a_claim_whose_tests_are_all_not_applicable_is_not_applicable_with_its_reason(tmp_path):
    data = all_passing("py313t", python="3.13.0", gil=False)
    data["tests"][3] = make_entry(
        "",
        ["gil.cpu-threads"],
        "not-applicable",
        "",
        "not applicable: the GIL is disabled on this free-threaded build",
    )
    built = report.load([write(tmp_path, "py313t", data)])

    cell = built.cell("gil.cpu-threads", "py313t")
    assert cell.verdict == "not-applicable"
    assert [built.footnotes[n - 1] for n in cell.notes] == ["the GIL is disabled on this free-threaded build"]
    assert built.environments[0].interpreter == "CPython 3.13.0 (free-threaded)"
    assert not built.failed


def test_a_declared_deviation_is_dev_and_does_not_fail_the_report(tmp_path):
    data = all_passing("py311", deviations={"threading.lock.total": "our lock is advisory"})
    data["tests"][0] = make_entry(
        "spec/test_s02.py::test_lock",
        ["threading.lock.total"],
        "deviation",
        "",
        "declared deviation: threading.lock.total: our lock is advisory",
    )
    built = report.load([write(tmp_path, "py311", data)])

    assert built.cell("threading.lock.total", "py311").verdict == "deviation"
    assert not built.failed
    assert "declared deviation: our lock is advisory" in report.html_report(built)


def test_a_claim_missing_from_an_environment_has_no_verdict_there(tmp_path):
    write(tmp_path, "py311", all_passing("py311"))
    older = all_passing("py39", python="3.9.18", claims=CLAIMS[:3])
    older["tests"] = [t for t in older["tests"] if t["claims"] != ["asyncio.gather.order"]]
    write(tmp_path, "py39", older)
    built = report.load([tmp_path])

    assert built.cell("asyncio.gather.order", "py39").verdict is None
    assert built.cell("asyncio.gather.order", "py311").verdict == "passed"
    assert built.counts("py39") == {"passed": 3, None: 1}


def test_environments_with_the_same_name_get_distinct_columns(tmp_path):
    write(tmp_path, "run-a", all_passing(""))
    write(tmp_path, "run-b", all_passing(""))
    assert [env.label for env in report.load([tmp_path]).environments] == ["run-a", "run-b"]
    write(tmp_path / "other", "x", all_passing("same"))
    write(tmp_path / "other", "y", all_passing("same"))
    assert [env.label for env in report.load([tmp_path / "other"]).environments] == ["same (x)", "same (y)"]


def test_every_requested_environment_is_a_column_those_without_results_not_run_with_a_hint(tmp_path):
    write(tmp_path, "py311", all_passing("py311"))
    built = report.load([tmp_path], requested=["py39", "py311", "py399", "py399t", "pypy3"])

    assert [env.label for env in built.environments] == ["py39", "py311", "py399", "py399t", "pypy3"]
    missing = {env.label: env for env in built.environments if not env.ran}
    assert set(missing) == {"py39", "py399", "py399t", "pypy3"}
    assert missing["py399"].reason == "interpreter not found: no python3.99 on PATH or in pyenv"
    assert "pyenv install 3.99" in missing["py399"].hint
    assert "free-threaded" in missing["py399t"].hint
    text = report.terminal(built)
    assert "py399: not run: interpreter not found" in text
    assert text.splitlines()[0].split()[-5:] == ["py39", "py311", "py399", "py399t", "pypy3"]


def test_an_environment_that_crashed_keeps_what_its_log_recorded(tmp_path):
    data = all_passing("py312", python="3.12.1")
    header = {key: data[key] for key in ("facts", "claims", "deviations")}
    lines = [json.dumps(header)] + [json.dumps({"test": t}) for t in data["tests"][:2]]
    (tmp_path / "py312.jsonl").write_text("\n".join(lines) + "\n")
    write(tmp_path, "py311", all_passing("py311"))
    built = report.load([tmp_path])

    crashed = next(env for env in built.environments if env.label == "py312")
    assert crashed.status == "incomplete" and "after 2 test(s)" in crashed.reason
    assert built.cell("threading.lock.total", "py312").verdict == "passed"
    assert built.cell("gil.cpu-threads", "py312").verdict is None


def test_package_versions_that_differ_between_environments_are_flagged(tmp_path):
    write(tmp_path, "py311", all_passing("py311"))
    older = all_passing("py39", python="3.9.18")
    older["facts"]["packages"] = {"pytest": "9.0", "pytest-asyncio": "1.2.0"}
    write(tmp_path, "py39", older)
    built = report.load([tmp_path])

    assert built.version_differences == {"pytest-asyncio": {"py39": "1.2.0", "py311": "absent"}}
    assert "pytest-asyncio: py39 1.2.0, py311 absent" in report.terminal(built)


def test_uniform_claims_fold_into_one_line_per_section_and_differences_stand_out(tmp_path):
    write(tmp_path, "py311", all_passing("py311"))
    write(tmp_path, "py39", failing_spawn("py39", python="3.9.18"))
    text = report.terminal(report.load([tmp_path]))

    assert "§2.3 线程同步 (Lock) — synchronising threads: 1 claim passes everywhere" in text
    assert any(
        line.split()[:3] == ["multiprocessing.pool.map-order", "FAIL¹", "pass"] for line in text.splitlines()
    )
    assert (
        '¹ [spawn] AssertionError: <order> & "quotes"' in text
        or '¹ AssertionError: <order> & "quotes"' in text
    )


def run_main(args, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return report.main([str(a) for a in args])


def test_exit_status_is_0_when_no_claim_failed_and_1_when_one_did(tmp_path, monkeypatch, capsys):
    good, bad = tmp_path / "good", tmp_path / "bad"
    write(good, "py311", all_passing("py311"))
    write(good, "py39", all_passing("py39", python="3.9.18"))
    write(bad, "py311", all_passing("py311"))
    write(bad, "py39", failing_spawn("py39", python="3.9.18"))

    assert run_main([good], monkeypatch, tmp_path) == 0
    assert run_main([bad], monkeypatch, tmp_path) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "py39" in out


def test_a_single_results_file_is_enough(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "only", all_passing("py311"))
    assert run_main([path, "--no-html"], monkeypatch, tmp_path) == 0
    assert "py311: CPython 3.11.7: 4 pass" in capsys.readouterr().out
    assert not (tmp_path / "report.html").exists()


def test_nothing_to_report_is_an_error_not_a_pass(tmp_path, monkeypatch):
    (tmp_path / "empty").mkdir()
    assert run_main([tmp_path / "empty"], monkeypatch, tmp_path) == 2
    assert run_main([tmp_path / "missing"], monkeypatch, tmp_path) == 2
    (tmp_path / "junk.json").write_text('{"not": "results"}')
    assert run_main([tmp_path / "junk.json"], monkeypatch, tmp_path) == 2


def test_html_and_markdown_show_verdicts_reasons_as_text_and_escape_them(tmp_path, monkeypatch):
    write(tmp_path / "results", "py311", failing_spawn())
    assert (
        run_main(
            [tmp_path / "results", "--markdown", "report.md", "--env-list", "py311, py399, report"],
            monkeypatch,
            tmp_path,
        )
        == 1
    )

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert 'class="pill failed"' in page
    assert "AssertionError: &lt;order&gt; &amp; &quot;quotes&quot;" in page  # escaped, and visible text
    assert '<li id="note-1">' in page
    assert 'class="not-run" data-env="py399"' in page
    assert "<svg" in page and 'class="heatmap"' in page
    assert "<script" not in page and "<link" not in page  # self-contained

    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "**FAIL¹**" in markdown and "`multiprocessing.pool.map-order`" in markdown
    assert "- py399: interpreter not found" in markdown


@pytest.mark.parametrize("entry", [["-m", "concurrency_spec", "report"]])
def test_the_command_line_entry_points_run_the_report(entry, tmp_path):
    write(tmp_path, "py311", all_passing("py311"))
    run = subprocess.run(
        [sys.executable, *entry, str(tmp_path), "--html", str(tmp_path / "r.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "r.html").exists()


def test_a_reason_shows_its_code_as_code_not_between_backticks(tmp_path):
    data = all_passing("py311", deviations={"threading.lock.total": "`release()` raises RuntimeError"})
    data["tests"][0] = make_entry("spec/test_s02.py::test_lock", ["threading.lock.total"], "deviation")
    page = report.html_report(report.load([write(tmp_path, "py311", data)]))
    assert "declared deviation: <code>release()</code> raises RuntimeError" in page
    assert "`release()`" not in page
