"""GTD: unknown dates and counts, its rules, a Latin-1 file, and its mapping to ACLED columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from acled_fixtures import SHARED_DATA
from dataset_fixtures import gtd_row, write_rows
from pydantic import ValidationError

from eventdata import GtdEvent, NotEventDataError, gtd_to_acled, read_gtd, validate
from eventdata.datasets import DATASETS
from eventdata.datasets.gtd.rules import GTD_RULES
from eventdata.sources.gtd import MAPPING

NIGERIA = SHARED_DATA / "match" / "nigeria_2011_meltt_gtd.csv"


def _rows(*overrides: dict[str, str]) -> list[dict[str, str]]:
    return [gtd_row(eventid=f"20110101{i:04d}", **o) for i, o in enumerate(overrides)]


def test_day_and_month_zero_are_unknown_not_failures(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", _rows({"iday": "0"}, {"imonth": "0", "iday": "0"}))

    report = validate(path)

    assert report.ok
    assert read_gtd(path)["iday"].tolist() == [0, 0]


@pytest.mark.parametrize(
    ("overrides", "bad"),
    [
        ({"imonth": "2", "iday": "30"}, True),
        ({"iyear": "2012", "imonth": "2", "iday": "29"}, False),
        ({"iyear": "2011", "imonth": "2", "iday": "29"}, True),
        ({"imonth": "0", "iday": "12"}, True),
        ({"imonth": "4", "iday": "31"}, True),
        ({"imonth": "12", "iday": "31"}, False),
    ],
)
def test_date_valid_agrees_row_by_row_and_columnar(
    tmp_path: Path, overrides: dict[str, str], bad: bool
) -> None:
    path = write_rows(tmp_path / "g.csv", _rows(overrides))

    report = validate(path, dataset="gtd")

    assert ("date.valid" in report.counts()) is bad
    if bad:
        with pytest.raises(ValidationError, match="date.valid"):
            GtdEvent.model_validate(gtd_row(**overrides))
    else:
        GtdEvent.model_validate(gtd_row(**overrides))


def test_a_blank_count_is_unknown_never_zero(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", _rows({"nkill": ""}, {"nkill": "6.3"}))

    frame = read_gtd(path)
    mapped = gtd_to_acled(path)

    assert frame["nkill"].isna().tolist() == [True, False]
    assert frame["nkill"].tolist()[1] == pytest.approx(6.3)
    assert mapped["fatalities"].tolist() == [0, 6]
    assert mapped["gtd_nkill"].isna().tolist() == [True, False]


def test_warning_rules_report_parts_larger_than_the_whole(tmp_path: Path) -> None:
    rows = _rows({"nkill": "1", "nkillter": "2"}, {"resolution": "2011-01-03"})
    path = write_rows(tmp_path / "g.csv", rows)

    report = validate(path)

    assert report.ok  # warnings only
    assert report.counts() == {"kills.parts": 1, "extended.resolution": 1}


def test_one_coordinate_alone_is_an_error(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", _rows({"longitude": ""}))

    report = validate(path)

    assert report.counts() == {"coordinates.pair": 1}
    assert report.failures["event_id_cnty"].tolist() == ["GTD201101010000"]


def test_every_rule_has_a_row_form() -> None:
    assert all(rule.row is not None for rule in GTD_RULES)


def test_a_latin1_file_reads_its_accents(tmp_path: Path) -> None:
    rows = _rows({"city": "Ségou", "summary": "Attaque près de Ségou."})
    path = tmp_path / "g.csv"
    header = ",".join(rows[0])
    line = ",".join(f'"{v}"' for v in rows[0].values())
    path.write_bytes(f"{header}\n{line}\n".encode("latin-1"))

    frame = read_gtd(path)

    assert frame["city"].tolist() == ["Ségou"]


def test_the_mapping_follows_attack_type_target_and_suicide(tmp_path: Path) -> None:
    rows = _rows(
        {"attacktype1_txt": "Armed Assault", "targtype1_txt": "Police", "gname": "Boko Haram"},
        {"attacktype1_txt": "Armed Assault", "targtype1_txt": "Private Citizens & Property"},
        {"attacktype1_txt": "Bombing/Explosion", "suicide": "1", "targtype1_txt": "Military"},
        {"attacktype1_txt": "Hostage Taking (Kidnapping)", "imonth": "3", "iday": "0"},
    )
    path = write_rows(tmp_path / "g.csv", rows)

    mapped = gtd_to_acled(path)

    assert mapped["event_type"].tolist() == [
        "Battles",
        "Violence against civilians",
        "Explosions/Remote violence",
        "Violence against civilians",
    ]
    assert mapped["sub_event_type"].tolist()[2:] == [
        "Suicide bomb",
        "Abduction/forced disappearance",
    ]
    assert mapped["actor2"].tolist()[:3] == [
        "Police Forces of Nigeria",
        "Civilians (Nigeria)",
        "Military Forces of Nigeria",
    ]
    assert mapped["interaction"].tolist()[0] == "State forces-Rebel group"
    assert str(mapped["event_date"].tolist()[3].date()) == "2011-03-01"
    assert mapped["time_precision"].tolist() == [1, 1, 1, 3]


def test_mapped_rows_validate_as_acled(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", _rows({}, {"targtype1_txt": "Military"}))

    report = validate(gtd_to_acled(path), ignore=["event_id_cnty"])

    assert report.ok, report.format_text()


def test_the_mapping_declares_every_acled_column_once() -> None:
    from eventdata import ACLED_COLUMNS

    columns = [m.column for m in MAPPING]

    assert len(columns) == len(set(columns))
    assert set(ACLED_COLUMNS) - {"timestamp"} <= set(columns)


def test_gtd_to_acled_refuses_another_dataset(tmp_path: Path) -> None:
    from acled_fixtures import make_row

    path = write_rows(tmp_path / "acled.csv", [make_row()])

    with pytest.raises(NotEventDataError, match=r"read it with eventdata.read_acled\(\)"):
        gtd_to_acled(path)


def test_the_real_nigeria_file_validates_and_maps_every_incident() -> None:
    if not NIGERIA.exists():
        pytest.skip("real data not available")

    report = validate(NIGERIA)
    mapped = gtd_to_acled(NIGERIA)

    assert report.dialect.name == DATASETS["gtd"].dialect
    assert report.ok and report.n_rows == 174
    assert len(mapped) == 174
    assert mapped["event_type"].notna().all()
    assert validate(mapped, ignore=["event_id_cnty"]).counts().keys() <= {
        "fatalities.high",
    }
