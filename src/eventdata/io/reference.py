"""ACLED's names from data the user has: actors and places of an export or store.

A coder spells actors as ACLED does (``Military Forces of the United States (2021-)``,
period suffix included) and names places as ACLED does (location, admin1-3, coordinates,
geo precision). :class:`NameReference` reads those names from an ACLED export or store
(any input :func:`~eventdata.io.readers.read_raw` reads), looks names up with a fuzzy
matcher (rapidfuzz, the ``match`` extra), warns about names it does not know with the
close matches valid on the record's date, and fills in a place given by its name only.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from eventdata._warn import outside_stacklevel
from eventdata.exceptions import MissingExtraError, NameWarning
from eventdata.models.actors import Actor
from eventdata.models.collection import EventCollection
from eventdata.models.records import Place

__all__ = ["NameMatch", "NameReference", "period_of"]

_PERIOD = re.compile(r"\((\d{4})-(\d{4})?\)")
_ABBREVIATIONS = {
    "US": "United States",
    "USA": "United States",
    "U.S.": "United States",
    "UK": "United Kingdom",
    "UN": "United Nations",
    "UAE": "United Arab Emirates",
}
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_PLACE_COLUMNS = (
    "country",
    "iso",
    "region",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
)
_PLACE_FIELDS = ("country", "iso", "region", "admin1", "admin2", "admin3")
_UNUSED = ("notes", "source", "source_scale", "tags", "civilian_targeting", "timestamp")
_CUTOFF = 70.0


def period_of(name: str) -> tuple[int, int | None] | None:
    """The years of an ACLED actor name's period suffix: ``(2021-)`` -> ``(2021, None)``."""
    match = _PERIOD.search(name)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _valid_on(name: str, day: dt.date | None) -> bool:
    period = period_of(name)
    if period is None or day is None:
        return True
    first, last = period
    return first <= day.year and (last is None or day.year <= last)


@dataclass(frozen=True)
class NameMatch:
    """A name of the reference close to the one looked up.

    Attributes:
        name: the name as ACLED spells it.
        kind: ``actor`` or ``place``.
        score: similarity 0-100 (mean of rapidfuzz's WRatio and token-set ratio).
        valid: whether the name is valid on the date asked about (period suffix).
        detail: for a place, its country, admin1 and coordinates; for an actor, its period.

    """

    name: str
    kind: Literal["actor", "place"]
    score: float
    valid: bool
    detail: str

    def __str__(self) -> str:
        note = "" if self.valid else ", not valid on that date"
        return f"{self.name} ({self.kind}, {self.detail}{note}, score {self.score:.0f})"


def _fuzz() -> tuple[Any, Any, Any]:
    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:
        raise MissingExtraError(
            "looking up ACLED's names needs rapidfuzz: pip install 'eventdata[match]'"
        ) from None
    return fuzz, process, utils


def _score(query: str, choice: str, **_: Any) -> float:
    """Mean of WRatio and token-set ratio: word order and extra words count less."""
    fuzz, _process, _utils = _fuzz()
    return float(fuzz.WRatio(query, choice) + fuzz.token_set_ratio(query, choice)) / 2


def _expand(text: str) -> str:
    return " ".join(_ABBREVIATIONS.get(word, word) for word in text.split())


class NameReference:
    """The actor and place names of an ACLED export or store.

    Build it with :meth:`of` (a path, a table or a DataFrame). Names are compared exactly
    to decide whether they are known, and by rapidfuzz's WRatio and token-set ratio
    (after expanding ``US``, ``UK``, ``UN``) to suggest close ones.

    Example:
        >>> reference = NameReference.of("iraq_2024.csv")  # doctest: +SKIP
        >>> reference.lookup("US forces", on=dt.date(2021, 7, 6))[0].name  # doctest: +SKIP
        'Military Forces of the United States (2021-)'

    """

    def __init__(self, actors: Iterable[str], places: Iterable[dict[str, Any]]) -> None:
        """Hold actor names and place rows (ACLED's place columns, optionally ``count``)."""
        self.actors: tuple[str, ...] = tuple(sorted(set(actors)))
        chosen: dict[tuple[str, str], Counter[tuple[Any, ...]]] = {}
        for row in places:
            key = (str(row["location"]), str(row["country"]))
            values = tuple(row.get(f) for f in _PLACE_COLUMNS)
            chosen.setdefault(key, Counter())[values] += int(row.get("count", 1))
        self.places: dict[tuple[str, str], dict[str, Any]] = {
            key: dict(zip(_PLACE_COLUMNS, counts.most_common(1)[0][0], strict=True))
            for key, counts in sorted(chosen.items())
        }
        self._actor_set = frozenset(self.actors)
        self._locations = sorted({location for location, _ in self.places})

    @classmethod
    def of(cls, reference: Any) -> NameReference:
        """Return a reference from a NameReference, an export path, a table or a DataFrame.

        Raises:
            InputError: the path cannot be read.
            NotEventDataError: the table has no actor or location columns.

        """
        if isinstance(reference, NameReference):
            return reference
        from eventdata.exceptions import NotEventDataError
        from eventdata.io.readers import read_raw

        raw = read_raw(reference, skip=_UNUSED)  # a CSV's notes and sources are not read
        table = raw.table
        have = set(table.column_names)
        if "location" not in have or "actor1" not in have:
            raise NotEventDataError(
                "the reference has no actor1 or location column; pass an ACLED export or "
                "a store written by 'eventdata fetch'",
                path=raw.source,
            )
        import pyarrow.compute as pc

        actors: set[str] = set()
        for column in _ACTOR_COLUMNS:
            if column in have:
                for value in pc.unique(table.column(column)).to_pylist():
                    actors.update(p.strip() for p in str(value or "").split(";") if p.strip())
        present = [c for c in _PLACE_COLUMNS if c in have]
        # one row per distinct place, with how often it occurs: the store may be millions
        distinct = table.select(present).group_by(present).aggregate([([], "count_all")])
        rows = [
            {**{c: _typed(c, row.get(c)) for c in _PLACE_COLUMNS}, "count": row["count_all"]}
            for row in distinct.to_pylist()
            if row.get("location")
        ]
        return cls(actors, rows)

    # -- looking up -----------------------------------------------------------------

    def lookup(
        self,
        text: str,
        /,
        *,
        on: dt.date | None = None,
        kind: Literal["actor", "place", "any"] = "any",
        limit: int = 5,
    ) -> list[NameMatch]:
        """Return the names closest to ``text``, valid ones on date ``on`` first.

        Args:
            text: what a source calls it, e.g. ``US forces`` or ``Green Zone``.
            on: the record's date; names whose period suffix excludes it rank last, and
                of equally close names the one whose period started last ranks first.
            kind: actors, places or both.
            limit: at most this many matches.

        Raises:
            MissingExtraError: rapidfuzz is not installed.

        """
        fuzz, process, utils = _fuzz()
        query = _expand(text)
        found: list[NameMatch] = []

        def closest(choices: Sequence[str]) -> list[tuple[str, float]]:
            hits = process.extract(
                query,
                choices,
                scorer=_score,
                processor=utils.default_process,
                limit=limit * 3,
                score_cutoff=_CUTOFF,
            )
            return [(name, score) for name, score, _ in hits]

        if kind in ("actor", "any"):
            for name, score in closest(self.actors):
                period = period_of(name)
                detail = "no period" if period is None else f"{period[0]}-{period[1] or ''}"
                found.append(NameMatch(name, "actor", score, _valid_on(name, on), detail))
        if kind in ("place", "any"):
            for name, score in closest(self._locations):
                for (location, _country), place in self.places.items():
                    if location == name:
                        found.append(NameMatch(name, "place", score, True, _place_text(place)))
        found.sort(key=lambda m: (not m.valid, -m.score, -_start(m.name), m.name))
        return found[:limit]

    def place(self, name: str, /, *, country: str | None = None) -> dict[str, Any] | None:
        """The reference's fields for a location name (in ``country`` when given), or None.

        A name found in several countries and no ``country`` given is ambiguous: None.
        """
        hits = [
            p
            for (location, c), p in self.places.items()
            if location == name and (country is None or c == country)
        ]
        return dict(hits[0]) if len(hits) == 1 else None

    # -- records --------------------------------------------------------------------

    def fill_places(self, records: Sequence[Any], /) -> list[str]:
        """Fill in the place fields a records document leaves out, from the reference.

        ``records`` are parsed record mappings (before validation). A ``place`` or
        ``launch_place`` that names a known location and gives no coordinates gets its
        missing country, iso, region, admin names, coordinates and geo precision from the
        reference (the most frequent ones for that name); each fill warns
        (:class:`~eventdata.NameWarning`) and is returned as a message.
        """
        notes: list[str] = []
        for item in records:
            if not isinstance(item, dict):
                continue
            for key in ("place", "launch_place"):
                given = item.get(key)
                if not isinstance(given, dict) or not isinstance(given.get("name"), str):
                    continue
                known = self.place(given["name"], country=given.get("country"))
                if known is None:
                    continue
                if given.get("latitude") is not None or given.get("longitude") is not None:
                    continue  # located by the coder: nothing to fill
                fields = (*_PLACE_FIELDS, "latitude", "longitude", "geo_precision")
                filled = [f for f in fields if given.get(f) is None and known.get(f) is not None]
                if not filled:
                    continue
                for field in filled:
                    given[field] = known[field]
                note = (
                    f"record {item.get('id')!r}: filled {key} {given['name']!r} from the "
                    f"reference: {', '.join(f'{f}={known[f]!r}' for f in filled)}"
                )
                notes.append(note)
                warnings.warn(note, NameWarning, stacklevel=outside_stacklevel())
        return notes

    def unknown_names(self, records: EventCollection | Iterable[Any], /) -> list[str]:
        """One message per actor or place name the reference does not know, with matches."""
        messages: list[str] = []
        for record in records:
            for where, actor in _actors(record):
                messages += self._check_actor(record, where, actor)
            for where in ("place", "launch_place"):
                place = getattr(record, where, None)
                if (
                    isinstance(place, Place)
                    and self.place(place.name, country=place.country) is None
                ):
                    matches = [m for m in self.lookup(place.name, kind="place", limit=3)]
                    messages.append(
                        f"record {record.id!r}: {where} {place.name!r} ({place.country}) is not "
                        f"a location of the reference{_did_you_mean(matches, 'locations')}"
                    )
        return messages

    def warn_unknown(self, records: EventCollection | Iterable[Any], /) -> list[str]:
        """Warn (:class:`~eventdata.NameWarning`) about each unknown name; return the messages."""
        messages = self.unknown_names(records)
        for message in messages:
            warnings.warn(message, NameWarning, stacklevel=outside_stacklevel())
        return messages

    def _check_actor(self, record: Any, where: str, actor: Actor) -> list[str]:
        day = record.date
        if actor.name in self._actor_set and _valid_on(actor.name, day):
            return []
        if actor.name.startswith("Unidentified ") and actor.name not in self._actor_set:
            return []  # ACLED names these after the country; the reference may lack it
        matches = [m for m in self.lookup(actor.name, on=day, kind="actor", limit=3) if m.valid]
        if actor.name in self._actor_set:
            problem = f"is ACLED's name for another period, not for {day}"
        else:
            problem = "is not an actor of the reference"
        return [f"record {record.id!r}: {where} {actor.name!r} {problem}{_did_you_mean(matches)}"]


def _start(name: str) -> int:
    """The first year of a name's period (0 without one): the newer name ranks first."""
    period = period_of(name)
    return period[0] if period else 0


def _did_you_mean(matches: list[NameMatch], what: str = "actor list") -> str:
    if not matches:
        return f"; no close match: check the spelling against ACLED's {what}"
    matches = [m for m in matches if m.score >= matches[0].score - 10]  # the close ones
    return "; did you mean " + " or ".join(repr(m.name) for m in matches) + "?"


def _place_text(place: dict[str, Any]) -> str:
    parts = [p for p in (place.get("admin1"), place.get("country")) if p]
    where = ", ".join(str(p) for p in parts)
    if place.get("latitude") is not None:
        where += f" at {place['latitude']}, {place['longitude']}"
    return where


def _typed(column: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column in ("iso", "geo_precision"):
        return int(float(value))
    if column in ("latitude", "longitude"):
        return float(value)
    return value


def _actors(record: Any, path: str = "") -> Iterator[tuple[str, Actor]]:
    """Every actor a record names, with its field path (claims and associates too)."""
    if isinstance(record, Actor):
        yield path, record
        return
    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            value = getattr(record, name)
            yield from _actors(value, f"{path}.{name}" if path else name)
    elif isinstance(record, tuple):
        for index, item in enumerate(record):
            yield from _actors(item, f"{path}[{index}]")
