"""Records with every field set, and with every field at its default, for round-trip tests."""

from __future__ import annotations

import datetime as dt

from records_fixtures import ABU_KAMAL, IRAQ, place

from eventdata import (
    Actor,
    ActorType,
    Aircraft,
    AirDefence,
    AirDefenceType,
    Artillery,
    Assertion,
    Attack,
    Attribution,
    Casualties,
    Claim,
    ClaimKind,
    CounterRAM,
    Drone,
    DroneAirframe,
    Estimate,
    EventCollection,
    Explosive,
    ExplosiveDevice,
    Firearm,
    GeoPrecision,
    Missile,
    MissileType,
    MistakenShootDown,
    Mortar,
    Outcome,
    ReportStatus,
    Response,
    ResponseKind,
    Rocket,
    Source,
    SubEventType,
    Tally,
    TimePrecision,
    WeaponsSeizure,
)

US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
    country="United States",
    aliases=("US forces", "US-led coalition"),
    backer="none",
    affiliation="Operation Inherent Resolve",
)
KH = Actor(
    name="Kata'ib Hezbollah",
    actor_type=ActorType.POLITICAL_MILITIA,
    country="Iraq",
    aliases=("KH",),
    backer="Iran",
    affiliation="Popular Mobilization Forces",
)
IRAQI_ARMY = Actor(name="Military Forces of Iraq (2020-)", actor_type=ActorType.STATE_FORCES)
AFP = Source(
    name="AFP", scale="International", url="https://example.org/afp", date=dt.date(2021, 7, 6)
)
KARKH = place(
    "Baghdad - Karkh",
    IRAQ,
    33.3164,
    44.4039,
    country_code="IRQ",
    admin1="Baghdad",
    admin2="Karkh",
    admin3="Markaz Al Karkh",
    geo_precision=GeoPrecision.NEAR_TOWN_OR_PART_OF_REGION,
)

WEAPONS_FULL = (
    Drone(
        count=2,
        system="Shahed-136",
        airframe=DroneAirframe.ONE_WAY_ATTACK,
        uas_group=3,
        armed=True,
        payload="explosives",
    ),
    Rocket(count=8, system="Katyusha", calibre_mm=122.0),
    Mortar(count=3, system="M252", calibre_mm=81.0),
    Missile(count=1, system="Fateh-110", missile_type=MissileType.BALLISTIC),
    Artillery(count=4, system="D-30", calibre_mm=122.0),
    Aircraft(count=2, system="F-15E", munition="precision-guided bombs"),
    Explosive(count=1, system="pressure plate", device=ExplosiveDevice.VBIED),
    Firearm(count=10, system="AK-47"),
    CounterRAM(count=1, system="Centurion"),
    AirDefence(count=2, system="Patriot", defence_type=AirDefenceType.SURFACE_TO_AIR_MISSILE),
)
"""One of each weapon kind, every field set."""

WEAPONS_DEFAULT = (
    Drone(),
    Rocket(),
    Mortar(),
    Missile(),
    Artillery(),
    Aircraft(),
    Explosive(),
    Firearm(),
    CounterRAM(),
    AirDefence(),
)
"""One of each weapon kind, every field at its default."""

TALLY = Tally(
    count=47,
    what="attacks on US interests",
    start=dt.date(2021, 1, 1),
    end=dt.date(2021, 7, 6),
    country="Iraq",
    admin1="Baghdad",
    sub_event_types=(SubEventType.DISRUPTED_WEAPONS_USE,),
    targets=("Military Forces of the United States",),
    by="AFP",
    source=AFP,
    text="This marks 47 attacks in 2021 so far against US interests in Iraq.",
)


def _common(day: int) -> dict[str, object]:
    """Every BaseRecord field but id, record_type, responds_to and related, set."""
    return {
        "date": dt.date(2021, 7, day),
        "date_precision": TimePrecision.WEEK,
        "time": dt.time(0, 10, 30),
        "place": KARKH,
        "target": US,
        "target_description": "US embassy",
        "target_associates": (IRAQI_ARMY,),
        "associates": (KH,),
        "weapons": WEAPONS_FULL,
        "outcome": Outcome.PARTIALLY_INTERCEPTED,
        "casualties": Casualties(
            fatalities=Estimate(low=1, best=2, high=3, note="AFP: 1; Reuters: 3"),
            injuries=Estimate.exact(4),
        ),
        "link_assertions": (Assertion(text="Widely viewed as revenge.", by="AFP", source=AFP),),
        "sources": (AFP,),
        "description": "A description.",
        "report_status": ReportStatus.UNCONFIRMED,
        "tallies": (TALLY,),
    }


def full_records() -> EventCollection:
    """One record of each type with every field set."""
    attack = Attack(
        id="attack-full",
        **_common(5),
        responds_to=("seizure-full",),
        related=("shoot-down-full",),
        attacker=KH,
        attribution=Attribution(
            claims=(
                Claim(kind=ClaimKind.CLAIMED, actor=KH, by="KH", source=AFP),
                Claim(kind=ClaimKind.ATTRIBUTED, actor=KH, by="US officials"),
                Claim(kind=ClaimKind.SUSPECTED, actor=KH),
            )
        ),
        launch_place=ABU_KAMAL,
        launched=30,
        intercepted=2,
        impacted=6,
    )
    response = Response(
        id="response-full",
        **_common(6),
        responds_to=("attack-full",),
        related=("seizure-full",),
        kind=ResponseKind.INTERCEPTION,
        responder=US,
    )
    seizure = WeaponsSeizure(
        id="seizure-full",
        **_common(4),
        responds_to=(),
        related=("attack-full",),
        seized_by=IRAQI_ARMY,
        owner=KH,
        defused=True,
    )
    shoot_down = MistakenShootDown(
        id="shoot-down-full",
        **_common(7),
        responds_to=("attack-full",),
        related=("response-full",),
        shooter=US,
        operator=IRAQI_ARMY,
        downed=(Drone(count=1, armed=False), Aircraft(system="Cessna")),
    )
    return EventCollection([seizure, attack, response, shoot_down])


def default_records() -> EventCollection:
    """One record of each type with every optional field at its default."""
    day = dt.date(2021, 7, 6)
    return EventCollection(
        [
            Attack(id="attack-default", date=day),
            Response(id="response-default", date=day, kind=ResponseKind.OTHER),
            WeaponsSeizure(id="seizure-default", date=day, seized_by=IRAQI_ARMY),
            MistakenShootDown(
                id="shoot-down-default",
                date=day,
                shooter=US,
                operator=IRAQI_ARMY,
                downed=WEAPONS_DEFAULT,
            ),
        ]
    )
