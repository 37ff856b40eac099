from __future__ import annotations

from pathlib import Path

import pytest

from eventdata.reference import BLOCKS, PAGES, update_blocks

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_pages_match_the_code(name: str) -> None:
    expected = PAGES[name]()

    actual = (DOCS / name).read_text(encoding="utf-8")

    assert actual == expected, f"docs/{name} is stale: run `python -m eventdata.reference docs`"


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_generated_blocks_match_the_code(name: str) -> None:
    actual = (DOCS / name).read_text(encoding="utf-8")

    assert update_blocks(name, actual) == actual, (
        f"docs/{name} is stale: run `python -m eventdata.reference docs`"
    )
    for block in BLOCKS[name]:
        assert f"<!-- generated:{block} -->" in actual
