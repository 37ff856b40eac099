"""Text fragments of the ``notes`` column and the vectorized free-text sentence.

Notes read like ACLED's: a sub-event prefix, the date, the actors and an action phrase
per event type, the place, a fatalities sentence and one or two fillers with commas,
double quotes and the odd line break, then a sentence of random words.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.synthetic.arrays import BoolArray, IntArray, blank_unless, take
from eventdata.vocabulary.codebook import EventType, SubEventType

__all__ = [
    "ACTIONS",
    "DETAIL_WORDS",
    "FILLERS",
    "NO_FATALITIES",
    "PREFIXES",
    "WORDS",
    "detail_sentence",
]

_S = SubEventType

# Verb phrases per event type: (with actor2, without actor2).
ACTIONS: dict[EventType, tuple[tuple[str, ...], tuple[str, ...]]] = {
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
PREFIXES: dict[SubEventType, tuple[str, ...]] = {
    _S.DISRUPTED_WEAPONS_USE: ("Weapons seizure: ", "Defusal: ", "Interception: "),
    _S.OTHER: ("Other: ",),
    _S.LOOTING_PROPERTY_DESTRUCTION: ("Property destruction: ", "Looting: "),
    _S.CHANGE_TO_GROUP_ACTIVITY: ("Movement of forces: ", ""),
}
NO_FATALITIES = (
    " Casualties unknown.",
    " No fatalities were reported.",
    " There were no reported casualties, according to local sources.",
)
FILLERS = (
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
WORDS = tuple(
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
DETAIL_WORDS = (5, 12)  # words per random sentence, inclusive


def detail_sentence(
    words: pa.Array, picks: npt.NDArray[np.int64], length: IntArray, present: BoolArray
) -> pa.Array:
    """A sentence of ``length`` random words per row (``""`` where not ``present``)."""
    slots = [blank_unless(length > j, take(words, picks[j])) for j in range(picks.shape[0])]
    sentence = pc.binary_join_element_wise(" Further details:", *slots, ".", "")
    return blank_unless(present, sentence)
