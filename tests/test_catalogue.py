"""The suite checks itself: the catalogue is well formed and every claim is tied to tests."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from concurrency_spec.claims import CLAIMS_DIR, load_catalogue, section_key

ROOT = Path(__file__).resolve().parent.parent
SPEC_FILES = sorted((ROOT / "spec").glob("test_*.py"))
CATALOGUE = load_catalogue()


def _parse(path):
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        pytest.skip(f"{path.name} uses syntax this Python ({sys.version_info[:2]}) cannot parse")


def _claim_marks(decorators):
    for decorator in decorators:
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("mark.claim"):
            yield [arg.value for arg in decorator.args if isinstance(arg, ast.Constant)]


def _module_marks(tree):
    marks = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            marks.extend(_claim_marks(values))
    return marks


def _test_functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            yield node


def test_claim_ids_are_unique_and_well_formed():
    # load_catalogue raises on a duplicate id; here the shape of each id and section
    for claim in CATALOGUE.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+", claim.id), claim.id
        assert re.fullmatch(r"§\d+(\.\d+)*", claim.section), (claim.id, claim.section)
        assert section_key(claim.section)[0] in range(1, 11), claim.id


def test_paraphrases_state_facts():
    wishes = re.compile(r"\b(should|ought|must|might|try to|hopefully)\b", re.IGNORECASE)
    for claim in CATALOGUE.values():
        assert not wishes.search(claim.text), f"{claim.id}: state a fact, not a wish: {claim.text!r}"
        assert claim.text.strip().endswith("."), f"{claim.id}: a paraphrase is one sentence ending in '.'"
        assert len(claim.text) <= 240, f"{claim.id}: a paraphrase fits on one line"


def test_every_section_file_has_claims():
    for path in CLAIMS_DIR.glob("*.toml"):
        assert any(c.file == path.name for c in CATALOGUE.values()), f"{path.name} holds no claim"


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.name)
def test_every_spec_test_names_a_known_claim(path):
    tree = _parse(path)
    module_marks = _module_marks(tree)
    for function in _test_functions(tree):
        named = [c for mark in module_marks + list(_claim_marks(function.decorator_list)) for c in mark]
        assert named, f"{path.name}::{function.name} names no claim"
        unknown = [c for c in named if c not in CATALOGUE]
        assert not unknown, f"{path.name}::{function.name} names unknown claims {unknown}"


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.name)
def test_spec_files_reach_code_only_through_impl(path):
    tree = _parse(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        forbidden = (
            "concurrency_spec.reference",
            "mutants",
            "concurrency_spec.adapters",
            "reference",
            "mutants",
        )
        assert not any(n == f or n.startswith(f + ".") for n in names for f in forbidden), (
            f"{path.name} imports {names}: spec tests reach the implementation through `impl` only"
        )


@pytest.fixture(scope="module")
def catalogue_listing():
    output = subprocess.run(
        [sys.executable, "-m", "concurrency_spec", "catalogue"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert output.returncode == 0, output.stderr + output.stdout
    return json.loads(output.stdout)


def test_catalogue_command_prints_every_claim_as_json(catalogue_listing):
    assert [c["id"] for c in catalogue_listing] == sorted(
        CATALOGUE, key=lambda i: (section_key(CATALOGUE[i].section), i)
    )
    for entry in catalogue_listing:
        assert set(entry) >= {"id", "section", "text", "quote", "requires", "applies_here", "tests"}


def test_every_claim_has_a_test(catalogue_listing):
    untested = [c["id"] for c in catalogue_listing if not c["tests"] and c["applies_here"]]
    assert not untested, f"claims without a test: {untested}"


def test_the_readme_quotes_its_example_test_as_the_spec_has_it():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"A test looks like this \(`(spec/[^`]+)`.*?```python\n(.*?)```", readme, re.S)
    assert example, "the README's example test is gone"
    path, code = example.groups()
    assert code in (ROOT / path).read_text(encoding="utf-8"), f"the README's example differs from {path}"
