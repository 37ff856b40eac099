"""A row model whose cross-field rules run when it validates (UCDP GED's, GTD's rows)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from eventdata.rules.base import Rule, rule_errors

__all__ = ["RuledModel"]


class RuledModel(BaseModel):
    """A row of a dataset: missing markers read as None, cross-field rules checked.

    Subclasses set :attr:`RULES` (each rule written once, for a row and for columns) and
    :attr:`MISSING` (cell texts that mean "missing"). Rules of severity ``error`` raise
    ``pydantic.ValidationError`` naming the column; ``warning`` rules are listed by
    :meth:`warnings`.
    """

    # built when first used, as its datasets' models are: building it on import cost
    # every command pydantic's plugin look-up (tens of milliseconds)
    model_config = ConfigDict(defer_build=True)

    RULES: ClassVar[tuple[Rule, ...]] = ()
    MISSING: ClassVar[tuple[str, ...]] = ("",)

    @classmethod
    def _missing_to_none(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip() in cls.MISSING:
            return None
        if isinstance(value, float) and value != value:  # NaN from pandas
            return None
        return value

    @model_validator(mode="before")
    @classmethod
    def _missing_values(cls, data: Any) -> Any:
        """Missing markers are missing values in every column."""
        if isinstance(data, Mapping):
            return {key: cls._missing_to_none(value) for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _cross_field(self) -> RuledModel:
        values = self._rule_values()
        failed = [r for r in self.RULES if r.severity == "error" and r.row and r.row(values)]
        if failed:
            raise rule_errors(type(self).__name__, failed, values)
        return self

    def _rule_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    def warnings(self) -> dict[str, str]:
        """The warning rules this row triggers, by rule name, with their messages."""
        values = self._rule_values()
        return {
            rule.name: rule.message(values[rule.column])
            for rule in self.RULES
            if rule.severity == "warning" and rule.row is not None and rule.row(values)
        }
