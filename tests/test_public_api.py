"""The public names: exactly these, each importable from ``eventdata`` without extras."""

from __future__ import annotations

import subprocess
import sys

import pytest

import eventdata

CONTRACT = {  # shared/docs/api-contract.md: a promise to users
    "EventType", "SubEventType", "DisorderType", "ActorType", "Event", "Actor", "Attack",
    "Response", "Drone", "Rocket", "Mortar", "Missile", "CounterRAM", "read_acled", "validate",
    "ValidationReport", "to_parquet", "read_parquet", "write_acled", "arrow_schema",
}  # fmt: skip

PUBLIC = {
    *CONTRACT,
    "ACLED_COLUMNS", "AirDefence", "Aircraft", "AmbiguousDates", "ApiError", "Artillery",
    "Attribution", "AuthenticationError", "Casualties", "Diff", "EventCollection",
    "EventdataError", "Explosive", "Firearm", "GedEvent", "INTERACTIONS", "InputError",
    "IntegrityError", "Lowering", "LoweringError", "MissingExtraError", "NotEventDataError",
    "Outcome", "Place", "Rule", "SCHEMA_VERSION", "SchemaVersionError", "Source",
    "UnknownPlaceWarning", "UnknownRuleError", "UnloweredRecordsWarning", "UpdateSummary",
    "CutRecordWarning",
    "ValidationFailed", "Weapon", "__version__", "aggregate", "apply_deletions", "diff",
    "fetch_acled", "fetch_deletions", "ged_to_acled", "ged_to_acled_table", "interaction_code",
    "interaction_label",
    "iter_acled", "lower", "lower_records", "read_api_responses", "read_ged", "read_records",
    "report", "to_dyadic", "to_monadic", "update", "validate_ged", "write_records",
    "write_parquet", "WriteResult", "convert", "Dialect", "Dataset", "GedValidationReport",
    "OutputError",
    "LossyValuesError", "match", "integrate", "MatchResult",
    # records: every public name of the rich records
    "Assertion", "BaseRecord", "Claim", "ClaimKind", "Estimate", "MistakenShootDown", "Record",
    "ReportStatus", "ResponseKind", "Tally", "TallyCheck", "WeaponsSeizure", "stable_id",
    "AirDefenceType", "DroneAirframe", "ExplosiveDevice", "MissileType",
    "unidentified_armed_group", "GeoPrecision", "TimePrecision", "RecordType",
    "register_record_type", "Unlowered", "lower_by_record", "NameReference", "NameMatch",
    "records_json_schema", "NameWarning", "RecordProblem", "RecordsFileError",
    "GtdEvent", "read_gtd", "gtd_to_acled",
    "ScadEvent", "read_scad", "scad_to_acled",
    "MixedDateOrder",
    "check_acled", "read_history", "parse_tags", "EmptyResultWarning", "StoreBusyError",
}  # fmt: skip


def test_all_is_pinned():
    assert set(eventdata.__all__) == PUBLIC
    assert CONTRACT <= set(eventdata.__all__)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_name_resolves(name):
    assert getattr(eventdata, name) is not None


def test_import_needs_no_optional_extra():
    code = (
        "import sys, eventdata; [getattr(eventdata, n) for n in eventdata.__all__]; "
        "print(sorted(m for m in ('httpx', 'jinja2', 'dask', 'distributed', 'polars', "
        "'python_calamine', 'rapidfuzz', 'scipy') if m in sys.modules))"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
