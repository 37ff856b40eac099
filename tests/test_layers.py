"""The package's layers import only downward (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventdata"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"exceptions", "_version", "_atomic", "_progress", "_display", "_warn"}),
    frozenset({"vocabulary"}),
    frozenset({"rules"}),
    frozenset({"models"}),
    frozenset({"schema", "synthetic", "datasets"}),
    frozenset({"validation"}),
    frozenset({"io"}),
    frozenset({"pipeline"}),
    frozenset({"analysis"}),
    frozenset({"sources"}),
    frozenset({"reporting", "dask", "matching"}),
    frozenset({"cli", "reference"}),
    frozenset({"__init__", "__main__"}),
)
"""From the bottom up: a module may import its own layer's package and those below."""

RANK = {part: rank for rank, layer in enumerate(LAYERS) for part in layer}


def _part(path: Path) -> str:
    """The top-level part of the package a file belongs to (``io`` for ``io/parquet.py``)."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imported_parts(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    package = ["eventdata", *path.relative_to(PACKAGE).parent.parts]
    parts: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names = [module]
            if module == "eventdata":  # from eventdata import io
                names += [f"eventdata.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "eventdata" and len(pieces) > 1 and pieces[1] in RANK:
                parts.add(pieces[1])
    return parts


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {_part(path) for path in MODULES}

    assert parts - set(RANK) == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_downward(path: Path) -> None:
    own = _part(path)

    upward = {part for part in _imported_parts(path) if RANK[part] > RANK[own]}

    assert upward == set(), f"{path.relative_to(PACKAGE)} imports the layers above it: {upward}"


def test_models_and_vocabulary_never_import_validation_or_io() -> None:
    lower = [p for p in MODULES if _part(p) in {"models", "vocabulary", "rules"}]

    found = {str(p.relative_to(PACKAGE)): _imported_parts(p) & {"validation", "io"} for p in lower}

    assert {name: parts for name, parts in found.items() if parts} == {}
