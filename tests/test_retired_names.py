"""A retired public name keeps working for one release and warns (docs/public-names.md)."""

from __future__ import annotations

import pytest

import eventdata


def test_a_retired_name_resolves_to_its_replacement_and_warns_on_every_use(monkeypatch):
    monkeypatch.setitem(eventdata._RETIRED, "validate_file", ("validate", "0.3"))
    expected = (
        "eventdata.validate_file is deprecated and will be removed in 0.3; use eventdata.validate"
    )

    with pytest.warns(DeprecationWarning, match=expected):
        first = eventdata.validate_file
    with pytest.warns(DeprecationWarning, match=expected):
        from eventdata import validate_file

    assert first is validate_file is eventdata.validate
    assert "validate_file" not in eventdata.__all__


def test_a_retired_constant_resolves_too(monkeypatch):
    monkeypatch.setitem(eventdata._RETIRED, "SCHEMA", ("SCHEMA_VERSION", "0.3"))

    with pytest.warns(DeprecationWarning, match="use eventdata.SCHEMA_VERSION"):
        value = eventdata.SCHEMA

    assert value == eventdata.SCHEMA_VERSION


def test_no_name_is_retired_and_still_public():
    assert not set(eventdata._RETIRED) & set(eventdata.__all__)
    assert {new for new, _ in eventdata._RETIRED.values()} <= set(eventdata.__all__)
