"""Synthetic ACLED data: realistic, valid by construction, generated column-wise.

:func:`generate_events` builds rows in the current ACLED dialect as all-string columns,
exactly as an API CSV holds them. Every categorical value is derived from the codebook
(:mod:`eventdata.vocabulary.codebook`): the sub-event type fixes the event type and the
disorder type, the interaction is the label of the code derived from the two actor
types, ``inter2`` is blank exactly when ``actor2`` is, ``year`` is the year of
``event_date``, ``civilian_targeting`` is set on every Violence against civilians row and
``event_id_cnty`` carries the alpha-3 code of ``iso``. Value distributions follow real
Somalia and Iraq exports (sub-event mix, precisions, fatalities mostly 0 with a long
tail, ``crowd size=`` tags on demonstrations, notes of about 300 characters with commas,
double quotes and a few line breaks).

Everything is vectorized with numpy and pyarrow, so a million rows take seconds.
:func:`write_csv` writes a table as an ACLED CSV, quoting only where needed, and
:func:`inject_faults` corrupts chosen rows in known ways so that a validator's findings
can be checked row by row.

Example:
    >>> from eventdata.synthetic import generate_events, inject_faults, write_csv
    >>> table = generate_events(1000, seed=1)
    >>> bad, faults = inject_faults(table, seed=2, rate=0.02)
    >>> len(faults)
    20

"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.models.event import ACLED_COLUMNS
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    ActorType,
    DisorderType,
    EventType,
    SubEventType,
)
from eventdata.vocabulary.countries import alpha3_from_numeric

__all__ = ["FAULT_KINDS", "Fault", "generate_events", "inject_faults", "write_csv"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_BATCH_ROWS = 1 << 18
"""Rows per record batch: keeps intermediate strings small and offsets 32-bit."""

# -- country profiles ------------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """What the generator knows about one country."""

    country: str  # ACLED's country label
    iso: int
    region: str
    weight: float
    lat: tuple[float, float]  # rough bounding box
    lon: tuple[float, float]
    places: tuple[tuple[str, str, str, str], ...]  # admin1, admin2, admin3, location
    state_since: int
    rebels: tuple[str, ...]
    identity: tuple[str, ...]
    external: tuple[str, ...]
    sources: tuple[str, ...]

    def actors(self, code: int) -> tuple[str, ...]:
        """Actor names of one actor-type code (0 = no actor)."""
        c, since = self.country, self.state_since
        return {
            0: ("",),
            1: (
                f"Military Forces of {c} ({since}-)",
                f"Police Forces of {c} ({since}-)",
                f"Military Forces of {c} ({since}-) Special Forces",
                f"Government of {c} ({since}-)",
            ),
            2: self.rebels,
            3: (f"Unidentified Armed Group ({c})", f"Unidentified Political Militia ({c})"),
            4: self.identity,
            5: (f"Rioters ({c})",),
            6: (f"Protesters ({c})",),
            7: (f"Civilians ({c})",),
            8: self.external,
        }[code]

    def social_groups(self) -> tuple[str, ...]:
        """Associated actors for protesters, rioters and civilians."""
        c = self.country
        return tuple(
            f"{group} ({c})"
            for group in (
                "Women",
                "Labor Group",
                "Students",
                "Journalists",
                "Farmers",
                "Health Workers",
                "Refugees/IDPs",
                "Teachers",
                "Muslim Group",
                "Traders",
            )
        )


_US = "Military Forces of the United States (2025-)"
_TR = "Military Forces of Turkey (2016-)"
_UMF = "Unidentified Military Forces"
_WIRES = ("Reuters", "AFP", "Xinhua", "Al Jazeera", "Undisclosed Source")

_PROFILES: tuple[_Profile, ...] = (
    _Profile(
        "Somalia", 706, "Eastern Africa", 0.45, (-1.6, 11.9), (41.0, 51.4),
        (
            ("Banadir", "Mogadishu", "", "Mogadishu - Hodan"),
            ("Banadir", "Mogadishu", "", "Mogadishu - Daynile"),
            ("Banadir", "Mogadishu", "", "Mogadishu - Wadajir"),
            ("Lower Shabelle", "Afgooye", "", "Afgooye"),
            ("Lower Shabelle", "Qoryooley", "", "Qoryooley"),
            ("Lower Shabelle", "Marka", "", "Marka"),
            ("Middle Shabelle", "Balcad", "", "Balade"),
            ("Middle Shabelle", "Cadale", "", "Masjid Cali Gaduud"),
            ("Bay", "Baydhaba", "", "Baidoa"),
            ("Bari", "Qandala", "", "Buuraha Cali Miskat"),
            ("Bari", "Bossaso", "", "Bosaso"),
            ("Lower Juba", "Jamaame", "", "Jamaame"),
            ("Lower Juba", "Kismaayo", "", "Kismayo"),
            ("Hiraan", "Belet Weyne", "", "Beledweyne"),
            ("Galgaduud", "Dhuusamarreeb", "", "Dhusamareb"),
            ("Mudug", "Gaalkacyo", "", "Gaalkacyo"),
            ("Gedo", "Luuq", "", "Luuq"),
        ),
        2022,
        ("Al Shabaab", "Islamic State Somalia Province"),
        (
            "Hawiye-Hawadle Sub-Clan Militia (Somalia)",
            "Hawiye-Abgal Sub-Clan Militia (Somalia)",
            "Unidentified Clan Militia (Somalia)",
            "Dir-Issa Mamasaan Sub-Clan Militia (Somalia)",
        ),
        (_US, _TR, _UMF, "Military Forces of Ethiopia (2018-)",
         "AUSSOM: Africa Union Support and Stabilisation Mission in Somalia (2025-) (Uganda)"),
        ("Local Network", "Radio Kulmiye", "Calamada", "Caasimada", "Somali Memo",
         "Shabelle Media Network", "Hiiraan (Somalia)", "Garowe Online", "AFRICOM"),
    ),
    _Profile(
        "Iraq", 368, "Middle East", 0.20, (29.1, 37.3), (38.8, 48.6),
        (
            ("Baghdad", "Al Resafa", "Markaz Al Resafa", "Baghdad - Sadr City"),
            ("Baghdad", "Al Karkh", "Markaz Al Karkh", "Baghdad - Al Mansour"),
            ("Duhok", "Al Amadiya", "Sarsank", "Gize"),
            ("Duhok", "Zakho", "Markaz Zakho", "Zakho"),
            ("Erbil", "Soran", "Sidakan", "Sidakan"),
            ("Al Sulaymaniyah", "Chamchamal", "Agjalare", "Aghceler"),
            ("Ninewa", "Al Mosul", "Markaz Al Mosul", "Mosul"),
            ("Ninewa", "Sinjar", "Markaz Sinjar", "Sinjar"),
            ("Kirkuk", "Kirkuk", "Markaz Kirkuk", "Kirkuk"),
            ("Salah al-Din", "Tikrit", "Markaz Tikrit", "Tikrit"),
            ("Diyala", "Khanaqin", "Jalawla", "Jalawla"),
            ("Al Anbar", "Al Ramadi", "Markaz Al Ramadi", "Ramadi"),
            ("Basrah", "Al Basrah", "Markaz Al Basrah", "Basrah"),
        ),
        2022,
        ("PKK: Kurdistan Workers Party", "Islamic State (Iraq)"),
        ("Unidentified Tribal Militia (Iraq)", "Al Bu Hardan Tribal Militia (Iraq)"),
        (_TR, _US, _UMF, "Military Forces of Iran (1989-)"),
        ("Shafaq News", "Rudaw", "Kurdistan 24", "Basnews", "People's Defense Forces",
         "Iraqi News Agency", "Baghdad Today"),
    ),
    _Profile(
        "Syria", 760, "Middle East", 0.10, (32.3, 37.3), (35.7, 42.4),
        (
            ("Aleppo", "Jebel Saman", "Jebel Saman", "Aleppo"),
            ("Idleb", "Idleb", "Idleb", "Idleb"),
            ("Idleb", "Ariha", "Ariha", "Ariha"),
            ("Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor"),
            ("Deir-ez-Zor", "Al Mayadin", "Thiban", "Thiban"),
            ("Dar'a", "Dar'a", "Dar'a", "Dar'a"),
            ("Damascus", "Damascus", "Damascus", "Damascus - Kafr Sousa"),
            ("Al-Hasakeh", "Quamishli", "Quamishli", "Quamishli"),
            ("Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa"),
            ("Homs", "Homs", "Homs", "Homs"),
        ),
        2024,
        ("QSD: Syrian Democratic Forces", "Islamic State (Syria)"),
        ("Unidentified Tribal Militia (Syria)", "Druze Militia (Syria)"),
        ("Military Forces of Israel (2022-)", _TR, _US, _UMF),
        ("SOHR", "Deir Ezzor 24", "Enab Baladi", "North Press Agency", "SANA"),
    ),
    _Profile(
        "Yemen", 887, "Middle East", 0.08, (12.6, 19.0), (42.6, 53.1),
        (
            ("Amanat al Asimah", "Ma'in", "", "Sanaa - Ma'in"),
            ("Taizz", "Al Qahirah", "", "Taizz - Al Qahirah"),
            ("Al Hudaydah", "Al Hali", "", "Al Hudaydah"),
            ("Marib", "Marib City", "", "Marib"),
            ("Ad Dali", "Qatabah", "", "Qatabah"),
            ("Sadah", "Shada'a", "", "Al Raqw"),
            ("Aden", "Khur Maksar", "", "Aden - Khur Maksar"),
            ("Lahij", "Al Had", "", "Yafa"),
        ),
        2016,
        ("AQAP: Al Qaeda in the Arabian Peninsula", "Southern Transitional Council"),
        ("Unidentified Tribal Militia (Yemen)", "Murad Tribal Militia (Yemen)"),
        ("Military Forces of the United States (2025-)", "Military Forces of Israel (2022-)",
         "Operation Restoring Hope", _UMF),
        ("Yemen News Agency (SABA) - Houthi", "Al Masdar", "Aden al Ghad", "Yemen Data Project",
         "Al Masirah"),
    ),
    _Profile(
        "Sudan", 729, "Northern Africa", 0.06, (8.7, 22.0), (21.8, 38.6),
        (
            ("Khartoum", "Khartoum", "", "Khartoum"),
            ("Khartoum", "Um Durman", "", "Omdurman"),
            ("Khartoum", "Bahri", "", "Khartoum North"),
            ("North Darfur", "Al Fasher", "", "El Fasher"),
            ("South Darfur", "Nyala Shimal", "", "Nyala"),
            ("North Kordofan", "Sheikan", "", "El Obeid"),
            ("Al Jazirah", "Medani Al Kubra", "", "Wad Madani"),
            ("West Darfur", "Al Geneina", "", "El Geneina"),
        ),
        2019,
        ("Rapid Support Forces", "SPLM-N: Sudan People's Liberation Movement-North"),
        ("Misseriya Ethnic Militia (Sudan)", "Masalit Ethnic Militia (Sudan)"),
        (_UMF, "Military Forces of Chad (2021-)"),
        ("Radio Dabanga", "Sudan Tribune", "Darfur 24", "Sudan Doctors Network"),
    ),
    _Profile(
        "Ethiopia", 231, "Eastern Africa", 0.05, (3.4, 14.9), (33.0, 48.0),
        (
            ("Amhara", "North Gondar", "Gondar Town", "Gondar"),
            ("Amhara", "Bahir Dar Special Zone", "Bahir Dar Town", "Bahir Dar"),
            ("Oromia", "West Shewa", "Ambo Town", "Ambo"),
            ("Oromia", "Horo Guduru Wollega", "Shambu Town", "Shambu"),
            ("Tigray", "Mekele", "Mekele Town", "Mekele"),
            ("Addis Ababa", "Addis Ababa", "Bole", "Addis Ababa - Bole"),
        ),
        2018,
        ("Fano Militia", "OLF-Shane: Oromo Liberation Front-Shane"),
        ("Amhara Ethnic Militia (Ethiopia)", "Gumuz Ethnic Militia (Ethiopia)"),
        (_UMF, "Military Forces of Eritrea (1993-)"),
        ("Addis Standard", "Borkena", "Ethiopia Insight", "BBC News"),
    ),
    _Profile(
        "Kenya", 404, "Eastern Africa", 0.03, (-4.7, 5.0), (33.9, 41.9),
        (
            ("Nairobi", "Starehe", "Nairobi Central", "Nairobi - Central"),
            ("Mandera", "Mandera East", "Township", "Mandera"),
            ("Lamu", "Lamu West", "Mpeketoni", "Mpeketoni"),
            ("Garissa", "Garissa Township", "Township", "Garissa"),
            ("Mombasa", "Mvita", "Tononoka", "Mombasa"),
        ),
        2022,
        ("Al Shabaab",),
        ("Pokot Ethnic Militia (Kenya)", "Turkana Ethnic Militia (Kenya)"),
        (_UMF,),
        ("The Star (Kenya)", "Daily Nation", "The Standard (Kenya)", "Capital FM"),
    ),
    _Profile(
        "Afghanistan", 4, "Caucasus and Central Asia", 0.02, (29.4, 38.5), (60.5, 74.9),
        (
            ("Kabul", "Kabul", "", "Kabul"),
            ("Balkh", "Dawlat Abad", "", "Dawlat Abad"),
            ("Nangarhar", "Jalalabad", "", "Jalalabad"),
            ("Kandahar", "Kandahar", "", "Kandahar"),
            ("Panjsher", "Rukha", "", "Rukha"),
        ),
        2021,
        ("NRF: National Resistance Front", "Islamic State Khorasan Province"),
        ("Kuchi Ethnic Militia (Afghanistan)",),
        ("Military Forces of Pakistan (2024-)", _UMF),
        ("Pajhwok Afghan News", "Khaama Press", "Afghanistan International", "Amu TV"),
    ),
    _Profile(
        "Nigeria", 566, "Western Africa", 0.01, (4.3, 13.9), (2.7, 14.7),
        (
            ("Borno", "Maiduguri", "", "Maiduguri"),
            ("Borno", "Gwoza", "", "Gwoza"),
            ("Zamfara", "Gusau", "", "Gusau"),
            ("Lagos", "Ikeja", "", "Ikeja"),
            ("Plateau", "Bokkos", "", "Bokkos"),
            ("Kaduna", "Kajuru", "", "Kajuru"),
        ),
        2023,
        ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
         "Islamic State West Africa Province"),
        ("Fulani Ethnic Militia (Nigeria)", "Unidentified Communal Militia (Nigeria)"),
        (_UMF,),
        ("Premium Times", "Daily Trust", "Punch (Nigeria)", "Vanguard (Nigeria)"),
    ),
)  # fmt: skip

# -- codebook-derived tables -------------------------------------------------------------

_SUBS: tuple[SubEventType, ...] = tuple(SubEventType)
_EVENTS: tuple[EventType, ...] = tuple(EventType)
_DISORDERS: tuple[DisorderType, ...] = tuple(DisorderType)
_SUB_EVENT_IDX = np.array([_EVENTS.index(s.event_type) for s in _SUBS], dtype=np.int64)
_SUB_DISORDER_IDX = np.array([_DISORDERS.index(s.disorder_type) for s in _SUBS], dtype=np.int64)
_ACTOR_LABELS = pa.array([""] + [a.value for a in ActorType])  # index = code
_INTERACTION_LABELS = pa.array([INTERACTIONS.get(code, "") for code in range(89)])

_S = SubEventType
# Relative frequencies from real Somalia 2025-26 and Iraq 2024 exports (small floor for
# types absent there).
_SUB_WEIGHTS: dict[SubEventType, float] = {
    _S.GOVERNMENT_REGAINS_TERRITORY: 71,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: 23,
    _S.ARMED_CLASH: 2857,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: 27,
    _S.PROTEST_WITH_INTERVENTION: 20,
    _S.PEACEFUL_PROTEST: 522,
    _S.VIOLENT_DEMONSTRATION: 46,
    _S.MOB_VIOLENCE: 40,
    _S.CHEMICAL_WEAPON: 1,
    _S.AIR_DRONE_STRIKE: 537,
    _S.SUICIDE_BOMB: 5,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: 92,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: 349,
    _S.GRENADE: 71,
    _S.SEXUAL_VIOLENCE: 8,
    _S.ATTACK: 678,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: 92,
    _S.AGREEMENT: 135,
    _S.ARRESTS: 48,
    _S.CHANGE_TO_GROUP_ACTIVITY: 830,
    _S.DISRUPTED_WEAPONS_USE: 82,
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: 67,
    _S.LOOTING_PROPERTY_DESTRUCTION: 72,
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: 32,
    _S.OTHER: 80,
}

# (inter1, inter2, weight) per sub-event type; inter2 0 means no actor2.
_Pattern = tuple[int, int, float]
_BATTLE: tuple[_Pattern, ...] = (
    (1, 2, 40), (2, 1, 10), (2, 4, 5), (1, 4, 6), (4, 4, 12), (1, 3, 3), (3, 1, 2),
    (2, 8, 6), (8, 2, 4), (1, 1, 2), (2, 2, 3), (4, 1, 3), (3, 3, 2),
)  # fmt: skip
_REMOTE: tuple[_Pattern, ...] = (
    (1, 2, 20), (8, 2, 25), (2, 1, 15), (8, 0, 10), (1, 0, 5), (2, 0, 8), (2, 7, 7),
    (3, 7, 3), (1, 7, 3), (8, 7, 2), (2, 8, 2),
)  # fmt: skip
_VAC: tuple[_Pattern, ...] = ((2, 7, 30), (1, 7, 20), (3, 7, 25), (4, 7, 15), (8, 7, 5))
_PATTERNS: dict[SubEventType, tuple[_Pattern, ...]] = {
    _S.GOVERNMENT_REGAINS_TERRITORY: _BATTLE,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: _BATTLE,
    _S.ARMED_CLASH: _BATTLE,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: ((6, 1, 1),),
    _S.PROTEST_WITH_INTERVENTION: ((6, 1, 1),),
    _S.PEACEFUL_PROTEST: ((6, 0, 1),),
    _S.VIOLENT_DEMONSTRATION: ((5, 0, 50), (5, 1, 40), (5, 5, 10)),
    _S.MOB_VIOLENCE: ((5, 7, 70), (5, 5, 15), (5, 1, 15)),
    _S.CHEMICAL_WEAPON: _REMOTE,
    _S.AIR_DRONE_STRIKE: _REMOTE,
    _S.SUICIDE_BOMB: _REMOTE,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: _REMOTE,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: _REMOTE,
    _S.GRENADE: _REMOTE,
    _S.SEXUAL_VIOLENCE: _VAC,
    _S.ATTACK: _VAC,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: _VAC,
    _S.AGREEMENT: ((2, 4, 2), (1, 4, 2), (4, 4, 3), (1, 0, 2), (1, 8, 1)),
    _S.ARRESTS: ((1, 7, 6), (1, 2, 2), (1, 0, 2)),
    _S.CHANGE_TO_GROUP_ACTIVITY: ((2, 0, 5), (1, 0, 4), (8, 0, 1), (2, 7, 2), (4, 0, 1)),
    _S.DISRUPTED_WEAPONS_USE: ((1, 2, 6), (1, 3, 2), (8, 0, 1), (1, 0, 2)),
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: ((2, 0, 3), (1, 0, 2)),
    _S.LOOTING_PROPERTY_DESTRUCTION: ((2, 7, 4), (1, 7, 2), (3, 7, 2), (4, 7, 1)),
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: ((2, 0, 2), (1, 0, 2), (4, 0, 1)),
    _S.OTHER: ((1, 0, 4), (2, 0, 2), (1, 7, 1), (8, 0, 1)),
}  # fmt: skip

# Probability that an event of each type reports no fatalities.
_ZERO_FATALITIES: dict[EventType, float] = {
    EventType.BATTLES: 0.45,
    EventType.PROTESTS: 0.995,
    EventType.RIOTS: 0.90,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: 0.60,
    EventType.VIOLENCE_AGAINST_CIVILIANS: 0.50,
    EventType.STRATEGIC_DEVELOPMENTS: 0.985,
}

_TIME_PRECISION = ((1, 2, 3), (0.93, 0.05, 0.02))
_GEO_PRECISION = ((1, 2, 3), (0.68, 0.30, 0.02))
_SOURCE_SCALES = (
    ("Other", 3325), ("Local partner-Other", 1898), ("National", 962), ("Other-National", 165),
    ("Subnational-National", 155), ("Regional", 99), ("Subnational", 78),
    ("Other-Subnational", 28), ("National-Regional", 25), ("Other-Regional", 11),
    ("International", 6), ("Other-International", 5), ("New media-National", 2),
    ("Regional-International", 2), ("New media", 1),
)  # fmt: skip
_CROWD_SIZES = (
    ("crowd size=no report", 80), ("crowd size= no report", 2), ("crowd size=hundreds", 7),
    ("crowd size=thousands", 2), ("crowd size=dozens", 2), ("crowd size=several", 2),
    ("crowd size=large", 1), ("crowd size=around 30", 2), ("crowd size=100", 2),
)  # fmt: skip

# -- notes -------------------------------------------------------------------------------

# Verb phrases per event type: (with actor2, without actor2).
_ACTIONS: dict[EventType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    EventType.BATTLES: (
        ("clashed with", "fought", "exchanged fire with", "attacked positions of"),
        ("clashed with unidentified fighters",),
    ),
    EventType.PROTESTS: (
        ("held a demonstration and were dispersed by", "gathered to protest, facing"),
        ("held a demonstration", "gathered to protest against rising prices",
         "staged a sit-in"),
    ),
    EventType.RIOTS: (
        ("rioted and confronted", "threw stones at", "set tyres on fire, facing"),
        ("rioted, blocking roads", "threw stones and burnt tyres"),
    ),
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: (
        ("carried out a strike targeting", "shelled an area held by",
         "detonated an explosive device, targeting"),
        ("carried out an airstrike", "fired mortar shells", "detonated an explosive device"),
    ),
    EventType.VIOLENCE_AGAINST_CIVILIANS: (
        ("attacked", "abducted and beat", "shot and wounded"),
        ("attacked a village",),
    ),
    EventType.STRATEGIC_DEVELOPMENTS: (
        ("met with", "reached an agreement with", "arrested members of"),
        ("announced new measures", "established a base", "reinforced positions"),
    ),
}  # fmt: skip
_PREFIXES: dict[SubEventType, tuple[str, ...]] = {
    _S.DISRUPTED_WEAPONS_USE: ("Weapons seizure: ", "Defusal: ", "Interception: "),
    _S.OTHER: ("Other: ",),
    _S.LOOTING_PROPERTY_DESTRUCTION: ("Property destruction: ", "Looting: "),
    _S.CHANGE_TO_GROUP_ACTIVITY: ("Movement of forces: ", ""),
}
_NO_FATALITIES = (
    " Casualties unknown.",
    " No fatalities were reported.",
    " There were no reported casualties, according to local sources.",
)
_FILLERS = (
    ' Local sources said the attack was "retaliation" for an earlier incident, but this '
    "could not be independently verified.",
    ' The group claimed responsibility in a statement, calling the operation "a warning to '
    'collaborators".',
    " Residents reported heavy gunfire, and several shops, schools and markets were closed "
    "for the rest of the day.",
    " According to the district commissioner, the situation remained tense; additional "
    "security forces were deployed to the area.",
    " The motive was not reported.",
    " Unspecified number of fatalities coded as 3, in line with reports of several deaths.",
    " Elders mediated between the parties, and a ceasefire was agreed the following day.",
    " Earlier reports had put the toll higher; figures were revised downwards, as is usual.",
    " The event was reported by several outlets, with differing accounts of who fired first.",
    ' A spokesperson described the situation as "under control", while residents disagreed.',
    " Reports indicate that the incident followed weeks of rising tensions in the district.",
    " Several people were wounded, including women and children, and taken to a local hospital.",
    " The report was updated later.\nAdditional details: the number of wounded remains "
    "unclear, with estimates ranging from 2 to 15.",
    " Sources disagree on the date.\nCoded to the date given by the majority of sources.",
    " Access to the area was restricted, so information remains limited.",
    " The authorities imposed a curfew, and roads to the town were closed.",
)


# Words for a free-text sentence of random words in most notes: real notes are unique
# text, so notes built only from the phrases above would compress far better than real
# ones and make Parquet sizes and write times look better than they are.
_WORDS = tuple(
    """
    forces village checkpoint convoy market district road soldiers militants residents elders
    vehicle gunmen police camp town station base officials fighters clashes attack explosion
    shelling airstrike operation security local regional federal clan tribal armed
    unidentified reportedly allegedly following after before during near outside inside along
    between against several many two three four five morning evening night afternoon dispute
    land water grazing revenge tension ceasefire negotiations mediation talks leaders commander
    spokesperson governor administration authorities statement claimed denied confirmed
    reported killed wounded injured arrested detained released abducted displaced fled
    returned destroyed burned looted seized captured recaptured withdrew advanced deployed
    patrol ambush raid mortar rocket drone grenade landmine IED weapons ammunition money
    livestock camels goats trucks shops houses school hospital mosque court prison airport
    port bridge river hill valley farm well border crossing area region neighbourhood suburb
    outskirts centre the a of in on and with by from to at as for was were had has been their
    its his her they which who that this some no other new old main nearby remote heavy light
    brief prolonged sporadic intense renewed continued unconfirmed independent conflicting
    accounts sources witnesses media radio online network partner figures toll casualties
    civilians children women men youths students traders farmers herders drivers workers
    officers troops units militia group faction party members supporters opposition
    government state ministry council committee
    """.split()
)
_DETAIL_WORDS = (5, 12)  # words per random sentence, inclusive


# -- helpers -----------------------------------------------------------------------------


class _Pool:
    """Groups of strings flattened into one Arrow array, for vectorized picking."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.values = pa.array([v for group in groups for v in group], pa.string())
        self.count = np.array([len(g) for g in groups], dtype=np.int64)
        self.start = np.concatenate([[0], np.cumsum(self.count)[:-1]]).astype(np.int64)

    def pick(self, group: IntArray, u: npt.NDArray[np.float64], skew: float = 1.0) -> IntArray:
        """Pick one value per row from the row's group; ``skew`` > 1 favours the first.

        Returns:
            Indices into ``values``.

        """
        count = self.count[group]
        local = np.minimum((u**skew * count).astype(np.int64), count - 1)
        return self.start[group] + local


def _weighted(rng: np.random.Generator, n: int, weights: Sequence[float]) -> IntArray:
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)


def _coord_text(values: npt.NDArray[np.float64]) -> list[str]:
    return [f"{v:.4f}" for v in values]


def _take(values: pa.Array, indices: IntArray) -> pa.Array:
    return pc.take(values, pa.array(indices, pa.int64()))


def _text(values: npt.NDArray[np.int64]) -> pa.Array:
    return pc.cast(pa.array(values, pa.int64()), pa.string())


# -- generation --------------------------------------------------------------------------


def generate_events(
    n: int,
    /,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2024, 1, 1),
    end: dt.date = dt.date(2025, 12, 31),
) -> pa.Table:
    """Generate ``n`` synthetic ACLED events in the current dialect.

    Args:
        n: number of rows.
        seed: seed of the random generator; the same seed gives the same table.
        start: first possible event date.
        end: last possible event date (inclusive).

    Returns:
        A table with the 31 columns of ``ACLED_COLUMNS``, all ``string``, holding the
        text an ACLED API CSV would hold: text inter labels, ISO dates, ``; ``-joined
        lists, ``""`` for blanks. Rows are in date order; every row passes
        ``Event.model_validate`` without warnings and every ``event_id_cnty`` is unique.

    Raises:
        ValueError: if ``n`` is negative or ``end`` is before ``start``.

    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    rng = np.random.default_rng(seed)
    n_days = (end - start).days + 1
    profiles = _PROFILES

    # Row-level choices, all as integer arrays.
    country = _weighted(rng, n, [p.weight for p in profiles])
    day = np.sort(rng.integers(0, n_days, size=n))
    sub = _weighted(rng, n, [_SUB_WEIGHTS[s] for s in _SUBS])
    inter1 = np.zeros(n, dtype=np.int64)
    inter2 = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(_SUBS):  # over the 25 sub-event types, not over rows
        rows = np.flatnonzero(sub == i)
        patterns = _PATTERNS[s]
        which = _weighted(rng, rows.size, [w for _, _, w in patterns])
        inter1[rows] = np.array([a for a, _, _ in patterns])[which]
        inter2[rows] = np.array([b for _, b, _ in patterns])[which]
    event = _SUB_EVENT_IDX[sub]
    lo = np.where(inter2 == 0, inter1, np.minimum(inter1, inter2))
    hi = np.where(inter2 == 0, 0, np.maximum(inter1, inter2))
    interaction = 10 * lo + hi

    vac = event == _EVENTS.index(EventType.VIOLENCE_AGAINST_CIVILIANS)
    targets_civilians = inter2 == ActorType.CIVILIANS.code
    remote = event == _EVENTS.index(EventType.EXPLOSIONS_REMOTE_VIOLENCE)
    civilian_targeting = (
        vac
        | (sub == _SUBS.index(_S.EXCESSIVE_FORCE_AGAINST_PROTESTERS))
        | ((sub == _SUBS.index(_S.MOB_VIOLENCE)) & targets_civilians)
        | (remote & targets_civilians & (rng.random(n) < 0.5))
    )

    # Actors: one pool group per (country, actor-type code 0-8).
    actors = _Pool([p.actors(code) for p in profiles for code in range(9)])
    a1 = actors.pick(country * 9 + inter1, rng.random(n), skew=1.6)
    a2 = actors.pick(country * 9 + inter2, rng.random(n), skew=1.6)
    same = (inter1 == inter2) & (a1 == a2) & (actors.count[country * 9 + inter2] > 1)
    group2 = country * 9 + inter2
    a2 = np.where(
        same, actors.start[group2] + (a2 - actors.start[group2] + 1) % actors.count[group2], a2
    )
    social = _Pool([p.social_groups() for p in profiles])
    armed = _Pool(
        [p.actors(1) + p.external + p.identity[:1] for p in profiles]
    )  # associates of armed actors
    assoc_u1, assoc_u2 = rng.random(n), rng.random(n)
    has_assoc1 = rng.random(n) < 0.17
    has_assoc2 = (inter2 > 0) & (rng.random(n) < 0.15)
    two_assoc = rng.random(n) < 0.3

    # Places, coordinates and precisions.
    places = _Pool([[loc for *_, loc in p.places] for p in profiles])
    place = places.pick(country, rng.random(n), skew=1.4)
    place_rows = [pl for p in profiles for pl in p.places]
    place_country = np.repeat(np.arange(len(profiles)), places.count)
    lat_lo = np.array([profiles[c].lat[0] for c in place_country])
    lat_hi = np.array([profiles[c].lat[1] for c in place_country])
    lon_lo = np.array([profiles[c].lon[0] for c in place_country])
    lon_hi = np.array([profiles[c].lon[1] for c in place_country])
    place_rng = np.random.default_rng([seed, 1])
    place_lat = lat_lo + place_rng.random(len(place_rows)) * (lat_hi - lat_lo)
    place_lon = lon_lo + place_rng.random(len(place_rows)) * (lon_hi - lon_lo)
    time_precision = np.array(_TIME_PRECISION[0])[_weighted(rng, n, _TIME_PRECISION[1])]
    geo_precision = np.array(_GEO_PRECISION[0])[_weighted(rng, n, _GEO_PRECISION[1])]

    # Fatalities: mostly 0; lognormal tail; ACLED's conventional 3/10/12/100 sometimes.
    zero = rng.random(n) < np.array([_ZERO_FATALITIES[e] for e in _EVENTS])[event]
    tail = np.floor(np.exp(rng.normal(0.7, 1.1, size=n))).astype(np.int64) + 1
    conventional = np.array([3, 10, 12, 100])[_weighted(rng, n, [60, 25, 10, 5])]
    tail = np.where(rng.random(n) < 0.1, conventional, tail)
    fatalities = np.where(zero, 0, np.minimum(tail, 1000))

    # Dates and timestamps.
    day_dates = [start + dt.timedelta(days=int(d)) for d in range(n_days)]
    epoch = dt.date(1970, 1, 1)
    day_seconds = np.array([(d - epoch).days * 86400 for d in day_dates], dtype=np.int64)
    lag = rng.integers(2 * 86400, 120 * 86400, size=n)
    timestamp = day_seconds[day] + lag

    # Sources: 1-3 distinct names from the country's pool and the wires.
    sources = _Pool([p.sources + _WIRES for p in profiles])
    n_sources = _weighted(rng, n, [70, 20, 10]) + 1
    step1 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    step2 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    src1 = sources.pick(country, rng.random(n), skew=1.5)
    base = sources.start[country]
    src2 = base + (src1 - base + step1) % sources.count[country]
    src3 = base + (src1 - base + step1 + step2) % sources.count[country]
    scale = _weighted(rng, n, [w for _, w in _SOURCE_SCALES])

    # Tags: crowd size on every protest and riot; a few others.
    demo = np.isin(event, [_EVENTS.index(EventType.PROTESTS), _EVENTS.index(EventType.RIOTS)])
    crowd = _weighted(rng, n, [w for _, w in _CROWD_SIZES])
    sexual = sub == _SUBS.index(_S.SEXUAL_VIOLENCE)
    admin_tag = vac & ~sexual & (rng.random(n) < 0.05)

    # Notes pieces.
    action_pool = _Pool([_ACTIONS[e][solo] for e in _EVENTS for solo in (0, 1)])
    action = action_pool.pick(2 * event + (inter2 == 0), rng.random(n))
    prefix_pool = _Pool([_PREFIXES.get(s, ("",)) for s in _SUBS])
    prefix = prefix_pool.pick(sub, rng.random(n))
    no_fatal = rng.integers(0, len(_NO_FATALITIES), size=n)
    filler1 = rng.integers(0, len(_FILLERS), size=n)
    filler2 = (filler1 + rng.integers(1, len(_FILLERS), size=n)) % len(_FILLERS)
    has_filler2 = rng.random(n) < 0.25
    has_detail = rng.random(n) < 0.8
    detail_len = rng.integers(_DETAIL_WORDS[0], _DETAIL_WORDS[1] + 1, size=n)
    detail_words = rng.integers(0, len(_WORDS), size=(_DETAIL_WORDS[1], n))

    # Per-row event numbers: consecutive within each country, in date order.
    order = np.argsort(country, kind="stable")
    counts = np.bincount(country, minlength=len(profiles))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - first[country[order]]
    number = 1000 + rank

    # Small dictionaries the columns are taken from.
    sub_labels = pa.array([s.value for s in _SUBS])
    event_labels = pa.array([e.value for e in _EVENTS])
    disorder_labels = pa.array([d.value for d in _DISORDERS])
    iso_text = pa.array([str(p.iso) for p in profiles])
    prefix_text = pa.array([alpha3_from_numeric(p.iso) for p in profiles])
    region_text = pa.array([p.region for p in profiles])
    country_text = pa.array([p.country for p in profiles])
    admin1_text = pa.array([pl[0] for pl in place_rows])
    admin2_text = pa.array([pl[1] for pl in place_rows])
    admin3_text = pa.array([pl[2] for pl in place_rows])
    lat_text = pa.array(_coord_text(place_lat))
    lon_text = pa.array(_coord_text(place_lon))
    date_iso = pa.array([d.isoformat() for d in day_dates])
    date_prose = pa.array([f"{d.day} {d:%B %Y}" for d in day_dates])
    year_text = pa.array([str(d.year) for d in day_dates])
    scale_text = pa.array([s for s, _ in _SOURCE_SCALES])
    crowd_text = pa.array([c for c, _ in _CROWD_SIZES])
    no_fatal_text = pa.array(_NO_FATALITIES)
    filler_text = pa.array(_FILLERS)
    word_text = pa.array([" " + w for w in _WORDS])
    precision_text = pa.array(["0", "1", "2", "3"])

    batches = []
    for lo_row in range(0, max(n, 1), _BATCH_ROWS):
        r = slice(lo_row, min(n, lo_row + _BATCH_ROWS))
        c = country[r]
        actor1 = _take(actors.values, a1[r])
        actor2 = _take(actors.values, a2[r])
        has2 = inter2[r] > 0
        # associated actors: armed pool for armed types, social pool otherwise
        soc1 = np.isin(inter1[r], [5, 6, 7])
        soc2 = np.isin(inter2[r], [5, 6, 7])
        assoc_1 = _assoc(social, armed, c, soc1, assoc_u1[r], two_assoc[r], has_assoc1[r])
        assoc_2 = _assoc(social, armed, c, soc2, assoc_u2[r], two_assoc[r], has_assoc2[r])
        location = _take(places.values, place[r])
        admin1 = _take(admin1_text, place[r])
        admin2 = _take(admin2_text, place[r])
        date_text = _take(date_iso, day[r])
        fatal_text = _text(fatalities[r])
        fatal_sentence = pc.if_else(
            pa.array(fatalities[r] == 0),
            _take(no_fatal_text, no_fatal[r]),
            pc.binary_join_element_wise(" Reported fatalities: ", fatal_text, ".", ""),
        )
        target = pc.if_else(
            pa.array(has2), pc.binary_join_element_wise(" ", actor2, ""), pa.scalar("")
        )
        notes = pc.binary_join_element_wise(
            _take(prefix_pool.values, prefix[r]),
            "On ",
            _take(date_prose, day[r]),
            ", ",
            actor1,
            " ",
            _take(action_pool.values, action[r]),
            target,
            " in ",
            location,
            " (",
            admin2,
            ", ",
            admin1,
            ").",
            fatal_sentence,
            _take(filler_text, filler1[r]),
            pc.if_else(pa.array(has_filler2[r]), _take(filler_text, filler2[r]), pa.scalar("")),
            _detail(word_text, detail_words[:, r], detail_len[r], has_detail[r]),
            "",
        )
        src_joined = _joined(sources.values, [src1[r], src2[r], src3[r]], n_sources[r])
        tags = pc.if_else(
            pa.array(demo[r]),
            _take(crowd_text, crowd[r]),
            pc.if_else(
                pa.array(sexual[r]),
                pa.scalar("sexual violence; women targeted: girls"),
                pc.if_else(
                    pa.array(admin_tag[r]), pa.scalar("local administrators"), pa.scalar("")
                ),
            ),
        )
        columns: dict[str, pa.Array] = {
            "event_id_cnty": pc.binary_join_element_wise(
                _take(prefix_text, c), _text(number[r]), ""
            ),
            "event_date": date_text,
            "year": _take(year_text, day[r]),
            "time_precision": _take(precision_text, time_precision[r]),
            "disorder_type": _take(disorder_labels, _SUB_DISORDER_IDX[sub[r]]),
            "event_type": _take(event_labels, event[r]),
            "sub_event_type": _take(sub_labels, sub[r]),
            "actor1": actor1,
            "assoc_actor_1": assoc_1,
            "inter1": _take(_ACTOR_LABELS, inter1[r]),
            "actor2": actor2,
            "assoc_actor_2": assoc_2,
            "inter2": _take(_ACTOR_LABELS, inter2[r]),
            "interaction": _take(_INTERACTION_LABELS, interaction[r]),
            "civilian_targeting": pc.if_else(
                pa.array(civilian_targeting[r]), pa.scalar(CIVILIAN_TARGETING), pa.scalar("")
            ),
            "iso": _take(iso_text, c),
            "region": _take(region_text, c),
            "country": _take(country_text, c),
            "admin1": admin1,
            "admin2": admin2,
            "admin3": _take(admin3_text, place[r]),
            "location": location,
            "latitude": _take(lat_text, place[r]),
            "longitude": _take(lon_text, place[r]),
            "geo_precision": _take(precision_text, geo_precision[r]),
            "source": src_joined,
            "source_scale": _take(scale_text, scale[r]),
            "notes": notes,
            "fatalities": fatal_text,
            "tags": tags,
            "timestamp": _text(timestamp[r]),
        }
        batches.append(pa.RecordBatch.from_pydict({k: columns[k] for k in ACLED_COLUMNS}))
    schema = pa.schema([(name, pa.string()) for name in ACLED_COLUMNS])
    table = pa.Table.from_batches(batches, schema=schema)
    return table.slice(0, n)


def _assoc(
    social: _Pool,
    armed: _Pool,
    country: IntArray,
    use_social: BoolArray,
    u: npt.NDArray[np.float64],
    two: BoolArray,
    present: BoolArray,
) -> pa.Array:
    """Associated actors: blank, one name, or two distinct names joined with ``; ``."""
    s1 = social.pick(country, u)
    s2 = social.start[country] + (s1 - social.start[country] + 1) % social.count[country]
    m1 = armed.pick(country, u)
    m2 = armed.start[country] + (m1 - armed.start[country] + 1) % armed.count[country]
    first = pc.if_else(pa.array(use_social), _take(social.values, s1), _take(armed.values, m1))
    second = pc.if_else(pa.array(use_social), _take(social.values, s2), _take(armed.values, m2))
    both = pc.binary_join_element_wise(first, second, "; ")
    joined = pc.if_else(pa.array(two), both, first)
    return pc.if_else(pa.array(present), joined, pa.scalar(""))


def _detail(
    words: pa.Array, picks: npt.NDArray[np.int64], length: IntArray, present: BoolArray
) -> pa.Array:
    """A sentence of ``length`` random words per row (``""`` where not ``present``)."""
    slots = [
        pc.if_else(pa.array(length > j), _take(words, picks[j]), pa.scalar(""))
        for j in range(picks.shape[0])
    ]
    sentence = pc.binary_join_element_wise(" Further details:", *slots, ".", "")
    return pc.if_else(pa.array(present), sentence, pa.scalar(""))


def _joined(values: pa.Array, picks: list[IntArray], count: IntArray) -> pa.Array:
    """Join the first ``count`` of the picked values per row with ``; ``."""
    parts = [_take(values, p) for p in picks]
    two = pc.binary_join_element_wise(parts[0], parts[1], "; ")
    three = pc.binary_join_element_wise(parts[0], parts[1], parts[2], "; ")
    return pc.if_else(pa.array(count == 1), parts[0], pc.if_else(pa.array(count == 2), two, three))


# -- CSV -----------------------------------------------------------------------------------

_SPECIAL_BYTES = np.zeros(256, dtype=bool)
_SPECIAL_BYTES[[ord(","), ord('"'), ord("\n"), ord("\r")]] = True


def _needs_quotes(values: pa.Array) -> BoolArray | None:
    """Rows whose text holds a comma, a double quote or a line break; None if no row does.

    Scans the array's UTF-8 bytes with numpy (the special characters are ASCII, so they
    never occur inside a multi-byte character) and maps hits back to rows by offsets.
    """
    data_buffer = values.buffers()[2]
    if data_buffer is None or len(values) == 0:
        return None
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    offsets = np.frombuffer(values.buffers()[1], dtype=offset_type)
    offsets = offsets[values.offset : values.offset + len(values) + 1].astype(np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]
    special = _SPECIAL_BYTES[data]
    if not special.any():
        return None
    rows = np.searchsorted(offsets, np.flatnonzero(special) + offsets[0], side="right") - 1
    mask = np.zeros(len(values), dtype=bool)
    mask[rows] = True
    return mask


def _csv_field(values: pa.Array) -> pa.Array:
    """Text of one column as CSV fields: quoted (quotes doubled) only where needed."""
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = pc.cast(values, pa.string())
    values = pc.fill_null(values, "")
    needs = _needs_quotes(values)
    if needs is None:
        return values
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    if needs.all():
        return quoted
    return pc.if_else(pa.array(needs), quoted, values)


def write_csv(
    table: pa.Table, path: str | os.PathLike[str], /, *, batch_rows: int = 1 << 17
) -> None:
    """Write a table as an ACLED CSV: a header line, LF line ends, RFC 4180 quoting.

    Fields are quoted only when they contain a comma, a double quote or a line break,
    as in ACLED's API CSVs; double quotes inside fields are doubled. Nulls are written
    as empty fields and non-string columns as their text.

    Args:
        table: the rows, e.g. from :func:`generate_events`.
        path: the file to write.
        batch_rows: rows formatted at a time (bounds memory).

    """
    header = ",".join(_csv_field(pa.array(table.column_names)).to_pylist()) + "\n"
    with open(path, "wb") as out:
        out.write(header.encode())
        for batch in table.to_batches(max_chunksize=batch_rows):
            if batch.num_rows == 0:
                continue
            fields = [_csv_field(column) for column in batch.columns]
            lines = pc.binary_join_element_wise(*fields, ",")
            lines = pc.binary_join_element_wise(lines, "\n", "")
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)
            first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
            out.write(memoryview(lines.buffers()[2])[first:last])


# -- faults --------------------------------------------------------------------------------


class Fault(NamedTuple):
    """One injected fault: the row (0-based), the column a validator should blame, the kind."""

    row: int
    column: str
    kind: str


FAULT_KINDS: dict[str, str] = {
    "sub_event_type.wrong_event_type": "sub_event_type",
    "disorder_type.wrong": "disorder_type",
    "interaction.inconsistent": "interaction",
    "inter2.without_actor2": "inter2",
    "year.mismatch": "year",
    "latitude.out_of_range": "latitude",
    "geo_precision.out_of_range": "geo_precision",
    "time_precision.out_of_range": "time_precision",
    "fatalities.negative": "fatalities",
    "fatalities.not_integer": "fatalities",
    "event_date.invalid": "event_date",
    "actor1.empty": "actor1",
    "event_type.unknown": "event_type",
    "civilian_targeting.invalid": "civilian_targeting",
    "event_id_cnty.duplicate": "event_id_cnty",
}
"""Fault kinds :func:`inject_faults` knows, each with the column a validator should blame.

Each fault breaks exactly one rule:

- ``sub_event_type.wrong_event_type``: a sub-event type of another event type with the
  same disorder type (so ``disorder_type`` stays consistent).
- ``disorder_type.wrong``: another valid disorder type.
- ``interaction.inconsistent``: a valid interaction label that inter1/inter2 do not give.
- ``inter2.without_actor2``: ``actor2`` (and ``assoc_actor_2``) blanked, ``inter2`` kept.
- ``year.mismatch``: ``year`` one more than the year of ``event_date``.
- ``latitude.out_of_range``: ``95.0000``.
- ``geo_precision.out_of_range``: ``4``; ``time_precision.out_of_range``: ``0``.
- ``fatalities.negative``: ``-1``; ``fatalities.not_integer``: ``abc``.
- ``event_date.invalid``: ``2024-13-45``.
- ``actor1.empty``: ``""``.
- ``event_type.unknown``: ``Political unrest``.
- ``civilian_targeting.invalid``: ``Yes`` (on rows that are not Violence against civilians).
- ``event_id_cnty.duplicate``: rows are corrupted in pairs; the later row of a pair gets
  the id of the earlier one and *both* rows are listed.
"""

_SWAP_SUB: dict[SubEventType, SubEventType] = {
    **{s: _S.AIR_DRONE_STRIKE for s in EventType.BATTLES.sub_event_types},
    **{s: _S.ARMED_CLASH for s in EventType.EXPLOSIONS_REMOTE_VIOLENCE.sub_event_types},
    **{s: _S.ARMED_CLASH for s in EventType.VIOLENCE_AGAINST_CIVILIANS.sub_event_types},
    _S.MOB_VIOLENCE: _S.ARMED_CLASH,
    _S.PROTEST_WITH_INTERVENTION: _S.VIOLENT_DEMONSTRATION,
    _S.PEACEFUL_PROTEST: _S.VIOLENT_DEMONSTRATION,
    _S.VIOLENT_DEMONSTRATION: _S.PEACEFUL_PROTEST,
}
"""A sub-event type of another event type with the same disorder type."""


def inject_faults(
    table: pa.Table,
    /,
    *,
    seed: int = 0,
    rate: float = 0.01,
    kinds: Sequence[str] | None = None,
) -> tuple[pa.Table, list[Fault]]:
    """Corrupt chosen rows of a valid table in known ways, one fault per chosen row.

    Args:
        table: a valid all-string table, e.g. from :func:`generate_events`.
        seed: seed of the random choice of rows.
        rate: share of rows to corrupt; ``round(rate * num_rows)`` rows are chosen,
            spread evenly over the kinds.
        kinds: fault kinds to use (keys of :data:`FAULT_KINDS`); all by default.

    Returns:
        The corrupted table (same schema) and the faults sorted by row, each naming the
        row, the column a validator should blame and the kind.

    Raises:
        ValueError: for an unknown kind, a rate outside [0, 1], or too few rows that
            a kind can corrupt.

    """
    chosen_kinds = list(FAULT_KINDS) if kinds is None else list(kinds)
    unknown = [k for k in chosen_kinds if k not in FAULT_KINDS]
    if unknown:
        raise ValueError(f"unknown fault kind(s) {unknown}; known: {list(FAULT_KINDS)}")
    if not 0 <= rate <= 1:
        raise ValueError(f"rate must be within [0, 1], got {rate}")
    n = table.num_rows
    total = round(rate * n)
    counts = [total // len(chosen_kinds) + (i < total % len(chosen_kinds))
              for i in range(len(chosen_kinds))]  # fmt: skip
    if "event_id_cnty.duplicate" in chosen_kinds:
        i = chosen_kinds.index("event_id_cnty.duplicate")
        if counts[i] % 2 and len(chosen_kinds) > 1:
            counts[i] -= 1
            counts[(i + 1) % len(chosen_kinds)] += 1
        elif counts[i] % 2:
            counts[i] -= 1

    rng = np.random.default_rng(seed)
    text = {name: np.asarray(table.column(name).to_numpy(zero_copy_only=False), dtype=object)
            for name in ("sub_event_type", "disorder_type", "event_type", "actor2")}  # fmt: skip
    sub = text["sub_event_type"]
    compound = DisorderType.POLITICAL_VIOLENCE_DEMONSTRATIONS.value
    eligible: dict[str, BoolArray] = {
        "sub_event_type.wrong_event_type": np.isin(sub, [s.value for s in _SWAP_SUB])
        & (text["disorder_type"] != compound),
        "inter2.without_actor2": text["actor2"] != "",
        "civilian_targeting.invalid": text["event_type"]
        != EventType.VIOLENCE_AGAINST_CIVILIANS.value,
    }
    used = np.zeros(n, dtype=bool)
    picked: dict[str, IntArray] = {}
    duplicate_pairs = np.zeros((0, 2), dtype=np.int64)
    for kind, count in zip(chosen_kinds, counts, strict=True):
        pool = np.flatnonzero(eligible.get(kind, np.ones(n, dtype=bool)) & ~used)
        if kind == "event_id_cnty.duplicate":
            pairs = _same_country_pairs(table, pool, count // 2, rng)
            used[pairs] = True
            duplicate_pairs = pairs
            picked[kind] = np.sort(pairs.ravel())
            continue
        if pool.size < count:
            raise ValueError(f"only {pool.size} rows can take fault {kind!r}, need {count}")
        rows = np.sort(rng.choice(pool, size=count, replace=False))
        used[rows] = True
        picked[kind] = rows

    edits: dict[str, dict[int, str]] = {}

    def edit(column: str, rows: IntArray, values: Sequence[str] | str) -> None:
        target = edits.setdefault(column, {})
        vals = [values] * len(rows) if isinstance(values, str) else list(values)
        for row, value in zip(rows.tolist(), vals, strict=True):
            target[row] = value

    def column_values(column: str, rows: IntArray) -> list[str]:
        return [str(v) for v in pc.take(table.column(column), pa.array(rows)).to_pylist()]

    faults: list[Fault] = []
    for kind, rows in picked.items():
        column = FAULT_KINDS[kind]
        faults.extend(Fault(int(r), column, kind) for r in rows)
        if kind == "sub_event_type.wrong_event_type":
            edit(column, rows, [_SWAP_SUB[SubEventType(v)].value
                                for v in column_values(column, rows)])  # fmt: skip
        elif kind == "disorder_type.wrong":
            sd = DisorderType.STRATEGIC_DEVELOPMENTS.value
            pv = DisorderType.POLITICAL_VIOLENCE.value
            edit(column, rows, [pv if v == sd else sd for v in column_values(column, rows)])
        elif kind == "interaction.inconsistent":
            other = INTERACTIONS[88]
            edit(column, rows, [INTERACTIONS[11] if v == other else other
                                for v in column_values(column, rows)])  # fmt: skip
        elif kind == "inter2.without_actor2":
            edit("actor2", rows, "")
            edit("assoc_actor_2", rows, "")
        elif kind == "year.mismatch":
            edit(column, rows, [str(int(v) + 1) for v in column_values(column, rows)])
        elif kind == "event_id_cnty.duplicate":
            edit(column, duplicate_pairs[:, 1], column_values(column, duplicate_pairs[:, 0]))
        else:
            edit(column, rows, _FAULT_VALUES[kind])

    for column, changes in edits.items():
        rows = np.fromiter(changes, dtype=np.int64, count=len(changes))
        order = np.argsort(rows)
        mask = np.zeros(n, dtype=bool)
        mask[rows] = True
        values = pa.array([changes[int(r)] for r in rows[order]], pa.string())
        original = table.column(column).combine_chunks()
        replaced = pc.replace_with_mask(original, pa.array(mask), values)
        table = table.set_column(table.schema.get_field_index(column), column, replaced)
    faults.sort()
    return table, faults


def _same_country_pairs(
    table: pa.Table, pool: IntArray, count: int, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """Choose ``count`` disjoint pairs of rows from ``pool`` whose ``iso`` is the same.

    A duplicated id then keeps a prefix that matches the row's country, so the fault
    breaks uniqueness only. Returns an array of shape (count, 2), earlier row first.
    """
    shuffled = rng.permutation(pool)
    iso = pc.dictionary_encode(pc.take(table.column("iso"), pa.array(shuffled)))
    keys = np.asarray(iso.combine_chunks().indices, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    rows, keys = shuffled[order], keys[order]
    group_start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    rank = np.arange(rows.size) - np.repeat(group_start, np.diff(np.r_[group_start, rows.size]))
    starts = np.flatnonzero((rank % 2 == 0) & (np.r_[keys[1:] == keys[:-1], False]))
    if starts.size < count:
        raise ValueError(
            f"only {starts.size} same-country row pairs can take fault "
            f"'event_id_cnty.duplicate', need {count}"
        )
    chosen = rng.choice(starts, size=count, replace=False)
    return np.sort(np.stack([rows[chosen], rows[chosen + 1]], axis=1), axis=1)


_FAULT_VALUES: dict[str, str] = {
    "latitude.out_of_range": "95.0000",
    "geo_precision.out_of_range": "4",
    "time_precision.out_of_range": "0",
    "fatalities.negative": "-1",
    "fatalities.not_integer": "abc",
    "event_date.invalid": "2024-13-45",
    "actor1.empty": "",
    "event_type.unknown": "Political unrest",
    "civilian_targeting.invalid": "Yes",
}
