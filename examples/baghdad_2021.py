"""Code a July 2021 report on attacks against US forces in Iraq as rich records.

Usage: python examples/baghdad_2021.py OUTDIR

Writes OUTDIR/baghdad_2021.parquet (every record, one row each) and
OUTDIR/baghdad_2021_acled.csv (the ACLED rows the records lower to), and prints a summary
with the retaliation chain and the report's tally checked against the rows. Coordinates are
approximate. examples/baghdad_2021.yaml codes the same report as a records file.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

from eventdata import (
    ACLED_COLUMNS,
    Actor,
    ActorType,
    Aircraft,
    Assertion,
    Attack,
    Casualties,
    CounterRAM,
    Drone,
    Estimate,
    EventCollection,
    GeoPrecision,
    Outcome,
    Place,
    ReportStatus,
    Response,
    ResponseKind,
    Rocket,
    Source,
    Tally,
    TimePrecision,
    lower_records,
    write_records,
)

# -- actors, spelled as ACLED spells them ---------------------------------------------------

US_FORCES = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
    country="United States",
    aliases=("US forces", "US-led coalition"),
)
# the two militias share a backer, an umbrella and a type: the Iran-backed PMF factions
PMF_MILITIA = {
    "actor_type": ActorType.POLITICAL_MILITIA,
    "country": "Iraq",
    "backer": "Iran",
    "affiliation": "Popular Mobilization Forces",
}
KATAIB_HEZBOLLAH = Actor(name="Kata'ib Hezbollah", aliases=("KH",), **PMF_MILITIA)
KATAIB_SAYYID_AL_SHUHADA = Actor(name="Kata'ib Sayyid al-Shuhada", aliases=("KSS",), **PMF_MILITIA)

# -- places ---------------------------------------------------------------------------------

IRAQ = {"country": "Iraq", "iso": 368, "region": "Middle East"}
SYRIA = {"country": "Syria", "iso": 760, "region": "Middle East"}
NEAR_TOWN = GeoPrecision.NEAR_TOWN_OR_PART_OF_REGION


def place(
    name: str,
    admin1: str,
    latitude: float,
    longitude: float,
    country: dict[str, object],
    **more: object,
) -> Place:
    """A place in ``country`` (``IRAQ`` or ``SYRIA`` above) at the given coordinates."""
    return Place(
        name=name, admin1=admin1, latitude=latitude, longitude=longitude, **country, **more
    )


# names and coordinates as ACLED's Iraq data codes these places (admin1 "Al Anbar", not
# "Anbar"; the airport as located in ACLED's 2024 rows)
BAGHDAD_AIRPORT = place(
    "Baghdad International Airport", "Baghdad", 33.2619, 44.2338, IRAQ,
    admin2="Al Kadhmiyah", admin3="Abu Ghraib",
)  # fmt: skip
AL_QAIM = place("Al Qaim", "Al Anbar", 34.37, 41.09, IRAQ, geo_precision=NEAR_TOWN)
ABU_KAMAL = place("Abu Kamal", "Deir-ez-Zor", 34.45, 40.92, SYRIA, geo_precision=NEAR_TOWN)
AIN_AL_ASAD = place("Ain al-Asad Airbase", "Al Anbar", 33.7856, 42.4412, IRAQ)
GREEN_ZONE = place("Baghdad - Green Zone", "Baghdad", 33.299, 44.396, IRAQ)

# -- sources: the report names these, without saying which carried which fact ----------------

AFP = Source(name="AFP", scale="International")
SOURCES = (
    AFP,
    Source(name="France24", scale="International"),
    Source(name="BBC", scale="International"),
    Source(name="Reuters", scale="International"),
    Source(name="Regional source", scale="Regional"),
)
NO_CASUALTIES = Casualties.none()
REPORTED = dt.date(2021, 7, 6)  # the day the report came out
# "This marks 47 attacks in 2021 so far against US interests in Iraq": a typed tally,
# counted from New Year to the report's day and checked below against the rows (the report
# counts attacks this file does not code)
TALLY = Tally(
    count=47,
    what="attacks on US interests",
    country="Iraq",
    start=dt.date(2021, 1, 1),
    end=REPORTED,
    targets=("Military Forces of the United States",),
    by="AFP",
    source=AFP,
    text="This marks 47 attacks in 2021 so far against US interests in Iraq.",
)
REVENGE = Assertion(
    text="The July attacks are widely viewed as revenge for the 27 June US strikes.",
    by="media reports",
    source=AFP,
)

# the two US airstrikes of 27 June, one on each side of the border
US_STRIKE = {
    "kind": ResponseKind.RETALIATION,
    "date": dt.date(2021, 6, 27),
    "responder": US_FORCES,
    "target": KATAIB_HEZBOLLAH,
    "target_associates": (KATAIB_SAYYID_AL_SHUHADA,),
    "target_description": "Iran-backed militia facilities on the Iraq-Syria border",
    "weapons": (Aircraft(),),
    "outcome": Outcome.IMPACTED,
    "responds_to": ("2021-06-09-baghdad-airport-drones",),
}
# the two July attacks on US forces, seen as revenge for the strikes; neither hurt anyone
REVENGE_ATTACK = {
    "target": US_FORCES,
    "casualties": NO_CASUALTIES,
    "responds_to": ("2021-06-27-us-strike-al-qaim", "2021-06-27-us-strike-abu-kamal"),
    "link_assertions": (REVENGE,),
}
# the embassy drone and the C-RAM that took it out: one moment, one place, one outcome
EMBASSY_DRONE = {
    "date": dt.date(2021, 7, 6),
    "place": GREEN_ZONE,
    "outcome": Outcome.INTERCEPTED,
}

RECORDS = [
    Attack(
        id="2021-06-09-baghdad-airport-drones",
        date=dt.date(2021, 6, 9),
        place=BAGHDAD_AIRPORT,
        target=US_FORCES,
        target_description="Baghdad International Airport, where US forces are stationed",
        weapons=(Drone(count=3, armed=True, payload="explosives"),),
        launched=3,
        outcome=Outcome.UNKNOWN,
        sources=SOURCES,
        description=(
            "On 9 June 2021, unknown militants sent three explosive-laden drones toward "
            "Baghdad International Airport, where US forces are stationed. The outcome was "
            "not reported."
        ),
    ),
    Response(
        id="2021-06-27-us-strike-al-qaim",
        **US_STRIKE,
        place=AL_QAIM,
        casualties=Casualties(
            fatalities=Estimate(
                low=4,
                note="Kata'ib Sayyid al-Shuhada said 4 of its fighters were killed; the "
                "report does not say on which side of the border.",
            ),
            injuries=Estimate(note="Fighters wounded; number not reported."),
        ),
        link_assertions=(
            Assertion(
                text="The strikes were ordered in response to militia drone attacks.",
                by="US officials",
                source=AFP,
            ),
        ),
        related=("2021-06-27-us-strike-abu-kamal",),
        sources=SOURCES,
        description=(
            "On 27 June 2021, US forces carried out airstrikes on facilities used by Kata'ib "
            "Hezbollah and Kata'ib Sayyid al-Shuhada near Al Qaim on the Iraq-Syria border, "
            "in response to militia drone attacks. Kata'ib Sayyid al-Shuhada said 4 of its "
            "fighters were killed. 4 fatalities."
        ),
    ),
    Response(
        id="2021-06-27-us-strike-abu-kamal",
        **US_STRIKE,
        place=ABU_KAMAL,
        casualties=Casualties(
            fatalities=Estimate(note="Counted once, on the Al Qaim record."),
            injuries=Estimate(note="Fighters wounded; number not reported."),
        ),
        related=("2021-06-27-us-strike-al-qaim",),
        sources=SOURCES,
        description=(
            "On 27 June 2021, US forces carried out airstrikes on Iran-backed militia "
            "facilities near Abu Kamal on the Syria-Iraq border, in response to militia drone "
            "attacks. Fighters were killed and wounded; figures are reported for the whole "
            "operation and coded on the Al Qaim event."
        ),
    ),
    Attack(
        id="2021-07-04-rumoured-us-strike-syria",
        date=dt.date(2021, 7, 4),
        attacker=US_FORCES,
        target_description="pro-Iranian militants in Syria",
        report_status=ReportStatus.DENIED,
        sources=SOURCES,
        description="A rumoured US strike on pro-Iranian militants in Syria, denied by the "
        "US-led coalition.",
    ),
    Attack(
        id="2021-07-05-ain-al-asad-rockets",
        date=dt.date(2021, 7, 5),
        place=AIN_AL_ASAD,
        target_description="Ain al-Asad airbase, where US troops are based",
        weapons=(Rocket(),),
        outcome=Outcome.IMPACTED,
        **REVENGE_ATTACK,
        sources=SOURCES,
        description=(
            "On 5 July 2021, unknown militants fired multiple rockets that struck Ain al-Asad "
            "airbase in Al Anbar, where US troops are based. No casualties were reported."
        ),
    ),
    Attack(
        id="2021-07-06-us-embassy-drone",
        **EMBASSY_DRONE,
        target_description="US embassy in Baghdad's Green Zone",
        weapons=(Drone(count=1, armed=True, payload="explosives"),),
        launched=1,
        intercepted=1,
        impacted=0,
        **REVENGE_ATTACK,
        sources=SOURCES,
        tallies=(TALLY,),
        description=(
            "On 6 July 2021, just after midnight, unknown militants attacked the US embassy "
            "in Baghdad's Green Zone with an explosive-laden drone."
        ),
    ),
    Response(
        id="2021-07-06-us-embassy-c-ram",
        kind=ResponseKind.INTERCEPTION,
        **EMBASSY_DRONE,
        responder=US_FORCES,
        weapons=(CounterRAM(system="Centurion"),),
        casualties=NO_CASUALTIES,
        responds_to=("2021-07-06-us-embassy-drone",),
        sources=SOURCES,
        description=(
            "On 6 July 2021, just after midnight, US forces intercepted an explosive-laden "
            "drone launched by unknown militants at the US embassy in Baghdad's Green Zone. "
            "Sirens sounded at the embassy and the nearby Union III facility, and the "
            "embassy's C-RAM air-defence system fired and took out the drone. No casualties."
        ),
    ),
    Response(
        id="2021-07-06-us-will-respond",
        kind=ResponseKind.THREAT,
        date=REPORTED,
        date_precision=TimePrecision.WEEK,
        responder=US_FORCES,
        responds_to=("2021-07-05-ain-al-asad-rockets", "2021-07-06-us-embassy-drone"),
        sources=SOURCES,
        description='US officials said the United States "will respond forcefully".',
    ),
]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python examples/baghdad_2021.py OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)

    collection = EventCollection(RECORDS)  # raises IntegrityError listing every problem
    parquet_path = write_records(collection, outdir / "baghdad_2021.parquet")
    lowering = lower_records(collection)  # rows, and every record that gives none and why
    rows = lowering.rows
    unlowered = {u.record_id: u for u in lowering.unlowered}
    csv_path = outdir / "baghdad_2021_acled.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        for event in rows.values():
            writer.writerow(event.to_acled())

    print(f"{len(collection)} records: {collection!r}")
    print(f"wrote {parquet_path}")
    print(f"wrote {csv_path} ({len(rows)} ACLED rows)")
    for record in collection:
        row = rows.get(record.id)
        if row is not None:
            coded = f"{row.event_id_cnty} {row.sub_event_type.value}"
        else:
            coded = f"no ACLED row: {unlowered[record.id].reason}"
            if unlowered[record.id].coded_in:
                coded += f" (coded in {unlowered[record.id].coded_in})"
        print(f"  {record.date} {record.id:<38} -> {coded}")
    print("retaliation chain:")
    for depth, record in collection.chain("2021-06-09-baghdad-airport-drones"):
        kind = record.kind.value if isinstance(record, Response) else "attack"
        print(f"  {'  ' * depth}{record.date} {kind}: {record.id}")
    print(f"tally: {TALLY.check(collection)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
