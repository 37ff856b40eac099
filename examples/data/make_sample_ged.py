"""Regenerate ``sample_ged.csv``: synthetic UCDP GED 23.1 events, written by the project.

No third-party data: ids, dyads, places, coordinates, sources and death counts are made up
from the small tables below (country names and Gleditsch-Ward codes are the public codes
GED uses). The file has GED 23.1's 49 columns in file order, and what real GED files have:

- ``best`` is the sum of the four death columns; ``date_start`` never follows ``date_end``;
- ``priogrid_gid`` is the 0.5-degree PRIO-GRID cell of the coordinates, ``geom_wkt`` the point;
- a few quoted fields hold line breaks and double quotes, some ``gwnob`` cells are ``NA``,
  one ``gwnoa`` lists several codes (``645;2;200``: a government and two allies);
- three events break ``deaths.low_best_high`` (a warning; published GED data breaks it too):
  two with ``low > best``, one with ``best > high``. Every other rule holds.

    python examples/data/make_sample_ged.py [OUTPUT]
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventdata.models.ged import GED_COLUMNS

HERE = Path(__file__).resolve().parent
N_EVENTS = 50
SEED = 231
# rows whose low/best/high estimates disagree, as in published GED data
LOW_ABOVE_BEST = (17, 38)
BEST_ABOVE_HIGH = (29,)

# country, Gleditsch-Ward code, ISO alpha-3 (for relid), region, the rebels fighting the
# government, two non-state groups fighting each other, the actor of one-sided violence
_COUNTRY_KEYS = ("country", "gw", "alpha3", "region", "rebels", "non_state", "one_sided")
_COUNTRY_ROWS = [
    ("Syria", 652, "SYR", "Middle East", "Syrian insurgents", ("SDF", "IS"), "IS"),
    ("Iraq", 645, "IRQ", "Middle East", "IS", ("PMF", "IS"), "IS"),
    ("Somalia", 520, "SOM", "Africa", "Al-Shabaab", ("Clan militia A", "Clan militia B"),
     "Al-Shabaab"),
    ("DR Congo (Zaire)", 490, "COD", "Africa", "ADF", ("CODECO", "Zaire militia"), "ADF"),
    ("Afghanistan", 700, "AFG", "Asia", "Taleban", ("Taleban", "IS"), "Taleban"),
]  # fmt: skip
# each country's admin units: {adm_1: ((lat, lon) near its middle, [adm_2, ...])}
_ADMIN: dict[str, dict[str, tuple[tuple[float, float], list[str]]]] = {
    "Syria": {
        "Idlib governorate": ((35.8, 36.6), ["Ariha district", "Maarrat an-Nu'man district"]),
        "Aleppo governorate": ((36.4, 37.7), ["Manbij district", "Al Bab district"]),
        "Deir ez-Zor governorate": ((35.0, 40.4), ["Al Mayadin district"]),
    },
    "Iraq": {
        "Ninawa governorate": ((36.3, 42.9), ["Mosul district", "Tall Afar district"]),
        "Anbar governorate": ((33.5, 42.6), ["Ramadi district", "Hit district"]),
        "Diyala governorate": ((33.8, 44.8), ["Baquba district"]),
    },
    "Somalia": {
        "Lower Shabelle region": ((1.9, 44.7), ["Marka district", "Afgooye district"]),
        "Bay region": ((3.0, 43.6), ["Baidoa district"]),
        "Hiraan region": ((4.5, 45.3), ["Beledweyne district"]),
    },
    "DR Congo (Zaire)": {
        "Nord-Kivu province": ((0.1, 29.3), ["Beni territory", "Rutshuru territory"]),
        "Ituri province": ((1.5, 29.9), ["Irumu territory"]),
    },
    "Afghanistan": {
        "Helmand province": ((31.6, 64.3), ["Nad Ali district", "Sangin district"]),
        "Kunduz province": ((36.8, 68.8), ["Imam Sahib district"]),
    },
}
COUNTRIES: list[dict[str, Any]] = [
    {**dict(zip(_COUNTRY_KEYS, row, strict=True)), "admin": _ADMIN[row[0]]} for row in _COUNTRY_ROWS
]
OFFICES = ["Reuters", "AFP", "BBC Monitoring", "Xinhua", "AP", "Local radio"]
ORIGINALS = ["local residents", "army statement", "hospital officials", "witnesses", ""]
PLACES = ["Al-Rami", "Tell Hamra", "Kaba", "Mubarak", "Qaryat Nur", "Bulo Sheikh", "Mavivi"]
WORDS = ["clashes", "attack", "killed", "village", "convoy", "checkpoint", "ambush", "raid"]
DATE_SPAN = {1: 0, 2: 3, 3: 6, 4: 27, 5: 200}  # date_prec -> days from start to end


def _dyads() -> list[dict[str, Any]]:
    """One dyad per country and type of violence, with made-up UCDP-style ids."""
    dyads = []
    for c_index, c in enumerate(COUNTRIES):
        government = f"Government of {c['country']}"
        a, b = c["non_state"]
        sides = {
            1: (government, c["rebels"], f"{c['country']}: Government"),
            2: (a, b, f"{a} - {b}"),
            3: (c["one_sided"], "Civilians", f"{c['one_sided']} - Civilians"),
        }
        for violence, (side_a, side_b, conflict) in sides.items():
            number = 100 * (c_index + 1) + violence
            dyads.append(
                {
                    "country": c,
                    "type_of_violence": violence,
                    "conflict_id": 9000 + number,
                    "conflict_name": conflict,
                    "dyad_id": 19000 + number,
                    "side_a": side_a,
                    "side_a_id": 800 + 10 * c_index + violence,
                    "side_b": side_b,
                    "side_b_id": 1 if side_b == "Civilians" else 4800 + 10 * c_index + violence,
                }
            )
    return dyads


def _priogrid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degrees, numbered from the south-west corner) of a point."""
    return int((lat + 90) * 2) * 720 + int((lon + 180) * 2) + 1


def _deaths(rng: random.Random, index: int, violence: int) -> dict[str, int]:
    parts = [0, 0, 0, 0]  # deaths_a, deaths_b, deaths_civilians, deaths_unknown
    if violence == 3:
        parts[2] = rng.choice([1, 1, 2, 3, 5, 8])
    else:
        parts[0] = rng.choice([0, 0, 1, 2, 4])
        parts[1] = rng.choice([1, 1, 2, 3, 6, 12])
        parts[3] = rng.choice([0, 0, 0, 1])
    best = sum(parts)
    low = best - rng.choice([0, 0, 0, 1]) if best > 1 else best
    high = best + rng.choice([0, 0, 1, 3])
    if index in LOW_ABOVE_BEST:
        low = best + 2
        high = max(high, low)
    if index in BEST_ABOVE_HIGH:
        high = best - 1
    keys = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    return {**dict(zip(keys, parts, strict=True)), "best": best, "high": high, "low": low}


def _sources(rng: random.Random, index: int, day: date) -> dict[str, str]:
    offices = rng.sample(OFFICES, rng.choice([1, 1, 2]))
    headlines = [" ".join(rng.sample(WORDS, 4)).capitalize() for _ in offices]
    if index % 16 == 5:
        headlines[0] += '\n"Update" from ' + offices[0]
    articles = [f'"{o},{day.isoformat()},{h}"' for o, h in zip(offices, headlines, strict=True)]
    blank_office = index % 12 == 7
    return {
        "number_of_sources": str(-1 if blank_office else len(offices)),
        "source_article": ";".join(articles),
        "source_office": "" if blank_office else ";".join(offices),
        "source_date": ";".join(day.isoformat() for _ in offices),
        "source_headline": ";".join(headlines),
        "source_original": rng.choice(ORIGINALS) or ("witnesses" if blank_office else ""),
    }


def _place(rng: random.Random, country: dict[str, Any]) -> dict[str, str]:
    admin: dict[str, tuple[tuple[float, float], list[str]]] = country["admin"]
    adm_1 = rng.choice(sorted(admin))
    (lat_mid, lon_mid), units = admin[adm_1]
    adm_2 = rng.choice(units)
    lat = round(lat_mid + rng.uniform(-0.3, 0.3), 4)
    lon = round(lon_mid + rng.uniform(-0.3, 0.3), 4)
    where_prec = rng.choice([1, 1, 1, 1, 2, 3, 4])
    village = rng.choice(PLACES)
    if where_prec == 4:
        coordinates, description, adm_2 = adm_1, adm_1, ""
    elif where_prec == 3:
        coordinates, description = adm_2, f"{adm_2}, {adm_1}"
    else:
        coordinates, description = f"{village} village", f"in and near {village} village"
    return {
        "where_prec": str(where_prec),
        "where_coordinates": coordinates,
        "where_description": description,
        "adm_1": adm_1,
        "adm_2": adm_2,
        "latitude": repr(lat),
        "longitude": repr(lon),
        "geom_wkt": f"POINT ({lon!r} {lat!r})",
        "priogrid_gid": str(_priogrid(lat, lon)),
    }


def _event(rng: random.Random, index: int, dyad: dict[str, Any]) -> dict[str, str]:
    country: dict[str, Any] = dyad["country"]
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(4 * 365))
    date_prec = rng.choice([1, 1, 1, 1, 1, 2, 3, 4, 5])
    end = start + timedelta(days=DATE_SPAN[date_prec])
    violence = int(dyad["type_of_violence"])
    row = {
        "id": str(900100 + 7 * index),
        "relid": f"{country['alpha3']}-{start.year}-{violence}-{dyad['dyad_id']}-{index + 1}",
        "year": str(start.year),
        "active_year": str(rng.choice([1, 1, 1, 0])),
        "code_status": "Clear",
        "type_of_violence": str(violence),
        "conflict_dset_id": str(dyad["conflict_id"]),
        "conflict_new_id": str(dyad["conflict_id"]),
        "conflict_name": str(dyad["conflict_name"]),
        "dyad_dset_id": str(dyad["dyad_id"]),
        "dyad_new_id": str(dyad["dyad_id"]),
        "dyad_name": f"{dyad['side_a']} - {dyad['side_b']}",
        "side_a_dset_id": str(dyad["side_a_id"]),
        "side_a_new_id": str(dyad["side_a_id"]),
        "side_a": str(dyad["side_a"]),
        "side_b_dset_id": str(dyad["side_b_id"]),
        "side_b_new_id": str(dyad["side_b_id"]),
        "side_b": str(dyad["side_b"]),
        **_sources(rng, index, end),
        **_place(rng, country),
        "country": str(country["country"]),
        "country_id": str(country["gw"]),
        "region": str(country["region"]),
        "event_clarity": str(rng.choice([1, 1, 1, 2])),
        "date_prec": str(date_prec),
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        **{k: str(v) for k, v in _deaths(rng, index, violence).items()},
        # the government's code on state-based rows; NA where the R sample lost the codes
        "gwnoa": str(country["gw"]) if violence == 1 else "",
        "gwnob": "NA" if index % 5 == 2 else "",
    }
    return {name: row[name] for name in GED_COLUMNS}


def main(output: Path = HERE / "sample_ged.csv") -> None:
    rng = random.Random(SEED)
    dyads = _dyads()
    rows = [_event(rng, index, rng.choice(dyads)) for index in range(N_EVENTS)]
    # the first Iraq government event is fought with two allies: several codes, as in GED
    allied = next(r for r in rows if r["country"] == "Iraq" and r["type_of_violence"] == "1")
    allied["gwnoa"] = "645;2;200"
    rows.sort(key=lambda row: (row["date_start"], int(row["id"])))
    with open(output, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(GED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} events to {output}")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:2]))
