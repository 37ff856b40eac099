"""The registry of record types: each model with its lowering planner.

A new record type is one :class:`~eventdata.models.records.BaseRecord` subclass with a
``record_type`` literal plus one :func:`register_record_type` call naming its planner.
Reading records files, the records Parquet schema and lowering all take their types from
here; lowering a record whose type has no planner raises
:class:`~eventdata.LoweringError` instead of falling through to another type's planner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from eventdata.exceptions import LoweringError
from eventdata.models.acled_rows import RowPlan, Unlowered
from eventdata.models.collection import EventCollection
from eventdata.models.planners import (
    plan_attack,
    plan_response,
    plan_shoot_down,
    plan_weapons_seizure,
)
from eventdata.models.records import (
    Attack,
    BaseRecord,
    MistakenShootDown,
    Response,
    WeaponsSeizure,
)

__all__ = [
    "BUILT_IN",
    "Planner",
    "RecordType",
    "record_models",
    "record_type_of",
    "register_record_type",
]

Planner = Callable[[Any, EventCollection], RowPlan | Unlowered]
"""Plans a confirmed record's row: a RowPlan, or Unlowered with the reason."""

R = TypeVar("R", bound=BaseRecord)


@dataclass(frozen=True)
class RecordType:
    """A record type: its ``record_type`` name, its model and its lowering planner."""

    name: str
    model: type[BaseRecord]
    planner: Planner


_REGISTRY: dict[str, RecordType] = {}


def _name_of(model: type[BaseRecord]) -> str:
    field = model.model_fields.get("record_type")
    name = field.default if field is not None else None
    if not isinstance(name, str) or not name:
        raise TypeError(
            f"{model.__name__} has no record_type literal; declare "
            f'record_type: Literal["{model.__name__.lower()}"] = "{model.__name__.lower()}"'
        )
    return name


def register_record_type(
    model: type[R], planner: Callable[[R, EventCollection], RowPlan | Unlowered]
) -> RecordType:
    """Register a record type with the planner that lowers it.

    Args:
        model: a :class:`BaseRecord` subclass with a ``record_type`` literal default.
        planner: ``planner(record, collection)`` returns the record's
            :class:`~eventdata.models.acled_rows.RowPlan` or an ``Unlowered``.

    Returns:
        The registered type.

    Raises:
        TypeError: the model has no ``record_type`` default.
        ValueError: another model is registered under the same name.

    """
    name = _name_of(model)
    known = _REGISTRY.get(name)
    if known is not None and known.model is not model:
        raise ValueError(
            f"record_type {name!r} is already {known.model.__name__}; give "
            f"{model.__name__} another record_type"
        )
    entry = RecordType(name=name, model=model, planner=planner)
    _REGISTRY[name] = entry
    return entry


def record_type_of(record: BaseRecord) -> RecordType:
    """Return the registered type of a record.

    Raises:
        LoweringError: the record's type is not registered, so no planner lowers it.

    """
    entry = _REGISTRY.get(record.record_type)
    if entry is None or not isinstance(record, entry.model):
        raise LoweringError(
            f"{type(record).__name__} {record.id!r}: record type {record.record_type!r} has "
            "no lowering planner; register it with "
            f"register_record_type({type(record).__name__}, planner)"
        )
    return entry


def record_models() -> Mapping[str, type[BaseRecord]]:
    """The registered models by ``record_type``, in registration order."""
    return MappingProxyType({name: entry.model for name, entry in _REGISTRY.items()})


BUILT_IN: tuple[type[BaseRecord], ...] = (
    register_record_type(Attack, plan_attack).model,
    register_record_type(Response, plan_response).model,
    register_record_type(WeaponsSeizure, plan_weapons_seizure).model,
    register_record_type(MistakenShootDown, plan_shoot_down).model,
)
"""The record types eventdata defines, in the order of :data:`~eventdata.Record`."""
