"""Example rows of every registered dataset, as text, for the tests that run over all of them.

A new dataset adds one valid row here; ``tests/datasets/`` then runs the whole contract
(reader refusals, rule selection, missing columns, duplicate ids, row accounting, parity,
round trips) over it, and a test fails while a registered dataset has no row.
"""

from __future__ import annotations

import csv
from pathlib import Path

from acled_fixtures import MUTATIONS, WARNING_MUTATIONS, make_row, row_maker

GED_ROW = {
    "id": "300380",
    "relid": "SYR-2013-1-11973-99",
    "year": "2013",
    "active_year": "1",
    "code_status": "Clear",
    "type_of_violence": "1",
    "conflict_dset_id": "299",
    "conflict_new_id": "299",
    "conflict_name": "Syria: Government",
    "dyad_dset_id": "11973",
    "dyad_new_id": "11973",
    "dyad_name": "Government of Syria - Syrian insurgents",
    "side_a_dset_id": "118",
    "side_a_new_id": "118",
    "side_a": "Government of Syria",
    "side_b_dset_id": "4456",
    "side_b_new_id": "4456",
    "side_b": "Syrian insurgents",
    "number_of_sources": "2",
    "source_article": '"Support Kurds in Syria,2013-01-03, Thursday 3 January 2013"',
    "source_office": "Support Kurds in Syria;VDC",
    "source_date": "2013-01-03;2013-01-03",
    "source_headline": "Thursday 3 January 2013;Abdul Satar\nMustafa Hankosh",
    "source_original": "SOHR; VDC",
    "where_prec": "1",
    "where_coordinates": "Rami village",
    "where_description": "in the al-Rami village",
    "adm_1": "Idlib governorate",
    "adm_2": "Ariha district",
    "latitude": "35.763369",
    "longitude": "36.558974",
    "geom_wkt": "POINT (36.558974 35.763369)",
    "priogrid_gid": "181154",
    "country": "Syria",
    "country_id": "652",
    "region": "Middle East",
    "event_clarity": "1",
    "date_prec": "1",
    "date_start": "2013-01-03",
    "date_end": "2013-01-03",
    "deaths_a": "0",
    "deaths_b": "2",
    "deaths_civilians": "0",
    "deaths_unknown": "0",
    "best": "2",
    "high": "2",
    "low": "2",
    "gwnoa": "652",
    "gwnob": "",
}
"""A valid GED 23.1 row as text (the first event of the real sample)."""


def write_ged(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write GED rows as a CSV file."""
    return write_rows(path, rows)


GTD_ROW = {
    "eventid": "201101010005",
    "iyear": "2011",
    "imonth": "1",
    "iday": "1",
    "approxdate": "",
    "extended": "0",
    "resolution": "",
    "country": "147",
    "country_txt": "Nigeria",
    "region": "11",
    "region_txt": "Sub-Saharan Africa",
    "provstate": "Borno",
    "city": "Maiduguri",
    "latitude": "11.833333",
    "longitude": "13.15",
    "specificity": "1",
    "vicinity": "0",
    "summary": "Unidentified gunmen set fire to Victory Christ Church.",
    "doubtterr": "0",
    "success": "1",
    "suicide": "0",
    "attacktype1": "7",
    "attacktype1_txt": "Facility/Infrastructure Attack",
    "targtype1": "15",
    "targtype1_txt": "Religious Figures/Institutions",
    "gname": "Unknown",
    "weaptype1": "8",
    "weaptype1_txt": "Incendiary",
    "nkill": "0",
    "nkillus": "0",
    "nkillter": "0",
    "nwound": "0",
    "nwoundus": "0",
    "nwoundte": "0",
    "property": "1",
    "dbsource": "START Primary Collection",
}
"""A valid GTD row as text (the first Nigeria 2011 incident, shortened)."""


SCAD_ROW = {
    "eventid": "4750972",
    "id": "972",
    "ccode": "475",
    "countryname": "Nigeria",
    "startdate": "04-Jan-11",
    "enddate": "04-Jan-11",
    "duration": "1",
    "stday": "4",
    "stmo": "1",
    "styr": "2011",
    "eday": "4",
    "emo": "1",
    "eyr": "2011",
    "etype": "7",
    "escalation": "0",
    "actor1": "Police",
    "actor2": "",
    "actor3": "",
    "target1": "Civilians",
    "target2": "",
    "cgovtarget": "0",
    "rgovtarget": "0",
    "npart": "1",
    "ndeath": "3",
    "repress": "0",
    "elocal": "Maiduguri",
    "ilocal": "Maiduguri",
    "sublocal": "1",
    "locnum": "2",
    "gislocnum": "2",
    "issue1": "9",
    "issue2": "",
    "issue3": "",
    "issuenote": "Police chase a member of a radical Islamic sect into a cinema and open fire.",
    "nsource": "1",
    "notes": "",
    "coder": "CL",
    "ACD_questionable": "0",
    "latitude": "11.8333",
    "longitude": "13.15",
    "geo_comments": "",
    "location_precision": "",
    "location_id": "4750972-1",
}
"""A valid SCAD row as text, as SCAD's own files write it (dates ``dd-Mon-yy``,
``ACD_questionable``): the first Nigeria 2011 event; ``location_id`` is the derived id."""


ged_row = row_maker(GED_ROW)
""":data:`GED_ROW` with some values changed."""
gtd_row = row_maker(GTD_ROW)
""":data:`GTD_ROW` with some values changed."""
scad_row = row_maker(SCAD_ROW)
""":data:`SCAD_ROW` with some values changed."""


EXAMPLE_ROWS = {"acled": make_row, "ucdp": ged_row, "gtd": gtd_row, "scad": scad_row}
"""A valid row of each registered dataset, by dataset name."""

Fault = tuple[str, dict[str, str], str, str]
"""One fault: a dataset, values changed in its example row, the column blamed, the rule."""

FAULTS: list[Fault] = [
    *(("acled", overrides, column, rule) for overrides, column, rule in MUTATIONS),
    *(("acled", overrides, column, rule) for overrides, column, rule in WARNING_MUTATIONS),
    ("ucdp", {"date_start": "2013-01-04"}, "date_end", "dates.order"),
    ("ucdp", {"where_prec": "8"}, "where_prec", "range.where_prec"),
    ("ucdp", {"date_prec": "0"}, "date_prec", "range.date_prec"),
    ("ucdp", {"event_clarity": "3"}, "event_clarity", "range.event_clarity"),
    ("ucdp", {"type_of_violence": "4"}, "type_of_violence", "range.type_of_violence"),
    ("ucdp", {"best": "3", "high": "3"}, "best", "deaths.best_sum"),
    ("ucdp", {"latitude": "91"}, "latitude", "range.latitude"),
    ("ucdp", {"longitude": "-180.5"}, "longitude", "range.longitude"),
    ("ucdp", {"high": "-1"}, "high", "range.high"),
    ("ucdp", {"id": "abc"}, "id", "type.id"),
    ("ucdp", {"id": "NA"}, "id", "required.id"),
    ("ucdp", {"date_end": "2013-02-30"}, "date_end", "type.date_end"),
    ("ucdp", {"gwnoa": "2;x"}, "gwnoa", "type.gwnoa"),
    ("ucdp", {"conflict_name": ""}, "conflict_name", "not_empty.conflict_name"),
    ("ucdp", {"side_b": "NA"}, "side_b", "not_empty.side_b"),
    ("ucdp", {"low": "3", "high": "3"}, "best", "deaths.low_best_high"),
    ("ucdp", {"high": "1"}, "best", "deaths.low_best_high"),
    ("gtd", {"imonth": "2", "iday": "30"}, "iday", "date.valid"),
    ("gtd", {"imonth": "0", "iday": "12"}, "iday", "date.valid"),
    ("gtd", {"longitude": ""}, "longitude", "coordinates.pair"),
    ("gtd", {"nkill": "1", "nkillus": "2"}, "nkill", "kills.parts"),
    ("gtd", {"nwound": "1", "nwoundte": "3"}, "nwound", "wounds.parts"),
    ("gtd", {"resolution": "2011-01-03"}, "resolution", "extended.resolution"),
    ("gtd", {"iyear": "20x1"}, "iyear", "type.iyear"),
    ("gtd", {"eventid": " "}, "eventid", "not_empty.eventid"),
    ("scad", {"stmo": "2", "stday": "30", "startdate": "", "enddate": ""}, "stday", "start.valid"),
    ("scad", {"emo": "4", "eday": "31", "enddate": ""}, "eday", "end.valid"),
    ("scad", {"startdate": "03-Jan-11", "duration": ""}, "startdate", "startdate.parts"),
    ("scad", {"enddate": "05-Jan-11", "duration": ""}, "enddate", "enddate.parts"),
    ("scad", {"eday": "3", "enddate": "03-Jan-11", "duration": ""}, "enddate", "dates.order"),
    ("scad", {"duration": "2"}, "duration", "duration.days"),
    ("scad", {"longitude": ""}, "longitude", "coordinates.pair"),
    ("scad", {"etype": "-9"}, "etype", "etype.code"),
    ("scad", {"etype": "0"}, "etype", "etype.code"),
    ("scad", {"repress": "2", "ndeath": "0"}, "repress", "repress.deaths"),
]
"""Faults of every registered dataset, one rule each: every cross-field rule has one."""


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write rows as a CSV file with their keys as the header."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
