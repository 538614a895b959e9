"""The apps' import direction (pyproject.toml's import-linter contracts)
holds, and breaks when an import points back up."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "newsroom",
    "bench",
    "demo",
    "public",
    "desk",
    "wordpress",
    "newsletters",
    "articles",
    "audit",
    "caching",
    "imaging",
    "network",
]


def lint_imports(root):
    command = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [command, "--no-logo", "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages and contracts to break (not the
    bench's seeded databases, which `make bench` leaves in bench/.data)."""
    skipped = shutil.ignore_patterns("__pycache__", ".data")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=skipped)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_project_keeps_its_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "articles/text.py",
            "from public import cards",
            "articles is not allowed to import public",
        ),
        (
            "caching/keys.py",
            "from articles import keys",
            "caching is not allowed to import articles",
        ),
        (
            "public/cards.py",
            "from desk import site",
            "public is not allowed to import desk",
        ),
        ("audit/log.py", "import imaging", "audit is not allowed to import imaging"),
    ],
)
def test_an_import_pointing_back_up_fails(tree, module, line, broken):
    """The contract names the import that broke it."""
    with (tree / module).open("a") as source:
        source.write(f"\n{line}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert broken in result.stdout


def test_a_cycle_inside_an_app_fails(tree):
    """articles.text is imported by the models; the models importing back
    through it makes a cycle between siblings."""
    with (tree / "articles/text.py").open("a") as source:
        source.write("\nfrom articles import revisions  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "No import cycles between the modules of a package BROKEN" in result.stdout
