"""eventdata: typed models, columnar validation and Parquet for ACLED-style event data.

Public names are imported lazily, so ``import eventdata`` and the command line start fast;
``from eventdata import validate`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from eventdata._version import SCHEMA_VERSION, __version__

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # vocabulary
    "ActorType": "eventdata.vocabulary.codebook",
    "DisorderType": "eventdata.vocabulary.codebook",
    "EventType": "eventdata.vocabulary.codebook",
    "SubEventType": "eventdata.vocabulary.codebook",
    "INTERACTIONS": "eventdata.vocabulary.codebook",
    "interaction_code": "eventdata.vocabulary.codebook",
    "interaction_label": "eventdata.vocabulary.codebook",
    # records
    "Event": "eventdata.models.event",
    "ACLED_COLUMNS": "eventdata.models.event",
    "Actor": "eventdata.models.actors",
    "Weapon": "eventdata.models.weapons",
    "Drone": "eventdata.models.weapons",
    "Rocket": "eventdata.models.weapons",
    "Mortar": "eventdata.models.weapons",
    "Missile": "eventdata.models.weapons",
    "Artillery": "eventdata.models.weapons",
    "Aircraft": "eventdata.models.weapons",
    "Explosive": "eventdata.models.weapons",
    "Firearm": "eventdata.models.weapons",
    "CounterRAM": "eventdata.models.weapons",
    "AirDefence": "eventdata.models.weapons",
    "Attack": "eventdata.models.records",
    "Response": "eventdata.models.records",
    "Place": "eventdata.models.records",
    "Casualties": "eventdata.models.records",
    "Attribution": "eventdata.models.records",
    "Source": "eventdata.models.records",
    "Outcome": "eventdata.models.records",
    "Assertion": "eventdata.models.records",
    "BaseRecord": "eventdata.models.records",
    "Claim": "eventdata.models.records",
    "ClaimKind": "eventdata.models.records",
    "Estimate": "eventdata.models.records",
    "MistakenShootDown": "eventdata.models.records",
    "Record": "eventdata.models.records",
    "ReportStatus": "eventdata.models.records",
    "ResponseKind": "eventdata.models.records",
    "Tally": "eventdata.models.records",
    "TallyCheck": "eventdata.models.records",
    "WeaponsSeizure": "eventdata.models.records",
    "stable_id": "eventdata.models.records",
    "AirDefenceType": "eventdata.models.weapons",
    "DroneAirframe": "eventdata.models.weapons",
    "ExplosiveDevice": "eventdata.models.weapons",
    "MissileType": "eventdata.models.weapons",
    "unidentified_armed_group": "eventdata.models.actors",
    "GeoPrecision": "eventdata.vocabulary.codebook",
    "TimePrecision": "eventdata.vocabulary.codebook",
    "RecordType": "eventdata.models.record_types",
    "register_record_type": "eventdata.models.record_types",
    "Unlowered": "eventdata.models.lowering",
    "lower_by_record": "eventdata.models.lowering",
    "NameReference": "eventdata.io.reference",
    "NameMatch": "eventdata.io.reference",
    "records_json_schema": "eventdata.models.records_schema",
    "EventCollection": "eventdata.models.collection",
    "lower": "eventdata.models.lowering",
    "lower_records": "eventdata.models.lowering",
    "Lowering": "eventdata.models.lowering",
    "write_records": "eventdata.io.records",
    "read_records": "eventdata.io.records",
    # tables
    "read_acled": "eventdata.pipeline.read",
    "validate": "eventdata.pipeline.validate",
    "ValidationReport": "eventdata.validation.report",
    "Rule": "eventdata.rules.base",
    "to_parquet": "eventdata.pipeline.write",
    "write_parquet": "eventdata.pipeline.write",
    "WriteResult": "eventdata.pipeline.result",
    "convert": "eventdata.pipeline.convert",
    "Dialect": "eventdata.schema.text",
    "Dataset": "eventdata.datasets",
    "GedValidationReport": "eventdata.validation.report",
    "read_parquet": "eventdata.io.parquet",
    "write_acled": "eventdata.pipeline.acled_csv",
    "arrow_schema": "eventdata.schema.arrow",
    # analysis
    "to_monadic": "eventdata.analysis.monadic",
    "to_dyadic": "eventdata.analysis.monadic",
    "aggregate": "eventdata.analysis.aggregate",
    "report": "eventdata.reporting",
    # other sources
    "GedEvent": "eventdata.models.ged",
    "read_ged": "eventdata.sources.ucdp",
    "validate_ged": "eventdata.pipeline.validate",
    "ged_to_acled": "eventdata.sources.ucdp_mapping",
    "ged_to_acled_table": "eventdata.sources.ucdp_mapping",
    "GtdEvent": "eventdata.datasets.gtd.model",
    "read_gtd": "eventdata.sources.gtd",
    "gtd_to_acled": "eventdata.sources.gtd",
    "ScadEvent": "eventdata.datasets.scad.model",
    "read_scad": "eventdata.sources.scad",
    "scad_to_acled": "eventdata.sources.scad",
    "read_api_responses": "eventdata.io.acled_api",
    "apply_deletions": "eventdata.io.acled_api",
    # ACLED API and keeping data current
    "fetch_acled": "eventdata.sources.acled_api",
    "iter_acled": "eventdata.sources.acled_api",
    "fetch_deletions": "eventdata.sources.acled_api",
    "update": "eventdata.sources.store",
    "read_history": "eventdata.sources.history",
    "check_acled": "eventdata.sources.check",
    "parse_tags": "eventdata.pipeline.tags",
    "UpdateSummary": "eventdata.sources.store",
    # comparing versions
    "diff": "eventdata.analysis.diff",
    "Diff": "eventdata.analysis.diff",
    # matching events across sources
    "match": "eventdata.matching.core",
    "integrate": "eventdata.matching.core",
    "MatchResult": "eventdata.matching.result",
    # exceptions
    "AmbiguousDates": "eventdata.exceptions",
    "MixedDateOrder": "eventdata.exceptions",
    "EventdataError": "eventdata.exceptions",
    "LoweringError": "eventdata.exceptions",
    "UnknownPlaceWarning": "eventdata.exceptions",
    "CutRecordWarning": "eventdata.exceptions",
    "UnloweredRecordsWarning": "eventdata.exceptions",
    "NameWarning": "eventdata.exceptions",
    "RecordProblem": "eventdata.exceptions",
    "RecordsFileError": "eventdata.exceptions",
    "InputError": "eventdata.exceptions",
    "LossyValuesError": "eventdata.exceptions",
    "IntegrityError": "eventdata.exceptions",
    "NotEventDataError": "eventdata.exceptions",
    "OutputError": "eventdata.exceptions",
    "UnknownRuleError": "eventdata.exceptions",
    "SchemaVersionError": "eventdata.exceptions",
    "ValidationFailed": "eventdata.exceptions",
    "ApiError": "eventdata.exceptions",
    "AuthenticationError": "eventdata.exceptions",
    "EmptyResultWarning": "eventdata.exceptions",
    "StoreBusyError": "eventdata.exceptions",
    "MissingExtraError": "eventdata.exceptions",
}

__all__ = ["SCHEMA_VERSION", "__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventdata' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from eventdata.analysis.aggregate import aggregate
    from eventdata.analysis.diff import Diff, diff
    from eventdata.analysis.monadic import to_dyadic, to_monadic
    from eventdata.datasets import Dataset
    from eventdata.datasets.gtd.model import GtdEvent
    from eventdata.datasets.scad.model import ScadEvent
    from eventdata.exceptions import (
        AmbiguousDates,
        ApiError,
        AuthenticationError,
        CutRecordWarning,
        EmptyResultWarning,
        EventdataError,
        InputError,
        IntegrityError,
        LossyValuesError,
        LoweringError,
        MissingExtraError,
        MixedDateOrder,
        NameWarning,
        NotEventDataError,
        OutputError,
        RecordProblem,
        RecordsFileError,
        SchemaVersionError,
        StoreBusyError,
        UnknownPlaceWarning,
        UnknownRuleError,
        UnloweredRecordsWarning,
        ValidationFailed,
    )
    from eventdata.io.acled_api import apply_deletions, read_api_responses
    from eventdata.io.parquet import read_parquet
    from eventdata.io.records import read_records, write_records
    from eventdata.io.reference import NameMatch, NameReference
    from eventdata.matching.core import integrate, match
    from eventdata.matching.result import MatchResult
    from eventdata.models.actors import Actor, unidentified_armed_group
    from eventdata.models.collection import EventCollection
    from eventdata.models.event import ACLED_COLUMNS, Event
    from eventdata.models.ged import GedEvent
    from eventdata.models.lowering import Lowering, Unlowered, lower, lower_by_record, lower_records
    from eventdata.models.record_types import RecordType, register_record_type
    from eventdata.models.records import (
        Assertion,
        Attack,
        Attribution,
        BaseRecord,
        Casualties,
        Claim,
        ClaimKind,
        Estimate,
        MistakenShootDown,
        Outcome,
        Place,
        Record,
        ReportStatus,
        Response,
        ResponseKind,
        Source,
        Tally,
        TallyCheck,
        WeaponsSeizure,
        stable_id,
    )
    from eventdata.models.records_schema import records_json_schema
    from eventdata.models.weapons import (
        Aircraft,
        AirDefence,
        AirDefenceType,
        Artillery,
        CounterRAM,
        Drone,
        DroneAirframe,
        Explosive,
        ExplosiveDevice,
        Firearm,
        Missile,
        MissileType,
        Mortar,
        Rocket,
        Weapon,
    )
    from eventdata.pipeline.acled_csv import write_acled
    from eventdata.pipeline.convert import convert
    from eventdata.pipeline.read import read_acled
    from eventdata.pipeline.tags import parse_tags
    from eventdata.pipeline.validate import validate, validate_ged
    from eventdata.pipeline.write import WriteResult, to_parquet, write_parquet
    from eventdata.reporting import report
    from eventdata.rules.base import Rule
    from eventdata.schema.arrow import arrow_schema
    from eventdata.schema.text import Dialect
    from eventdata.sources.acled_api import fetch_acled, fetch_deletions, iter_acled
    from eventdata.sources.check import check_acled
    from eventdata.sources.gtd import gtd_to_acled, read_gtd
    from eventdata.sources.history import read_history
    from eventdata.sources.scad import read_scad, scad_to_acled
    from eventdata.sources.store import UpdateSummary, update
    from eventdata.sources.ucdp import read_ged
    from eventdata.sources.ucdp_mapping import ged_to_acled, ged_to_acled_table
    from eventdata.validation.report import ValidationReport

    GedValidationReport = ValidationReport
    from eventdata.vocabulary.codebook import (
        INTERACTIONS,
        ActorType,
        DisorderType,
        EventType,
        GeoPrecision,
        SubEventType,
        TimePrecision,
        interaction_code,
        interaction_label,
    )
