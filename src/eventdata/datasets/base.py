"""What a dataset declares: :class:`Dataset`, the one object every layer reads.

A dataset is one kind of event data (ACLED, UCDP GED, GTD). Its declaration holds the
model of a row, the column specs derived from it, the cross-field rules, the column that
identifies a row, the columns that mark a table as this dataset, and how its text is read
(blank markers, columns derived in some dialects). The validation engine, the readers,
the writers, the command line and dask read these attributes; none of them compares a
dataset's name.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from eventdata.models.ruled import RuledModel
from eventdata.rules.base import Rule
from eventdata.schema.columns import FieldSpec, arrow_fields, model_specs
from eventdata.schema.text import RawTable

__all__ = ["Dataset", "Derived", "MatchHints", "Profile", "SpecsForDialect"]

SpecsForDialect = Callable[[str, tuple[FieldSpec, ...]], tuple[FieldSpec, ...]]
"""Adjusts a dataset's specs for one dialect (ACLED's 2016 files lack some columns)."""


@dataclass(frozen=True)
class Derived:
    """A column computed from others when a dialect lacks it.

    Attributes:
        column: the column derived.
        compute: makes it from the parsed columns (by name).
        note: what the dialect notes say when it was derived.
        unless_dialects: dialects where the column is not derived (it may stay empty).
    """

    column: str
    compute: Callable[[Mapping[str, Any]], pa.Array]
    note: str
    unless_dialects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Profile:
    """Which columns of a dataset ``eventdata describe`` and summaries read.

    Every dataset's events are counted by their kinds, then by country and by year.

    Attributes:
        kinds: ``(column, title)`` pairs of what kind of event a row holds, counted value
            by value before the countries and the years.
        first_date: column whose minimum starts the date range.
        fatalities: column summed into the fatalities total.
        actors: columns counted together for the top actors.
        last_date: column whose maximum ends it; ``first_date`` when empty (one date an
            event).
        country: the country column, counted as the countries.
        year: the year column, counted as the years.
        full_listing: counted columns listed in full in the text output; the first kind
            and the year when empty.
    """

    kinds: tuple[tuple[str, str], ...]
    first_date: str
    fatalities: str
    actors: tuple[str, ...]
    last_date: str = ""
    country: str = "country"
    year: str = "year"
    full_listing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.last_date:
            object.__setattr__(self, "last_date", self.first_date)
        if not self.full_listing:
            object.__setattr__(self, "full_listing", (self.kinds[0][0], self.year))

    @property
    def counted(self) -> tuple[tuple[str, str], ...]:
        """``(column, title)`` pairs counted value by value: the kinds, countries, years."""
        return (*self.kinds, (self.country, "countries"), (self.year, "years"))


@dataclass(frozen=True)
class MatchHints:
    """Typed columns that say more than the dataset's ACLED-style rows, for matching.

    Attributes:
        date_end: the last possible day (the dataset gives a span, not a day and a
            precision).
        place_precision: the dataset's own geocoding precision code.
        place_km: how far, in kilometres, the true place can be from the coordinates, for
            each ``place_precision`` code (a code not listed: 500 km).
        event_code: the dataset's own code of what happened.
        event_classes: the matching class of each ``event_code`` (as text: ``"3"``), one
            of ``eventdata.matching.crosswalk.CLASSES``; a code not listed is unknown.
        fatalities: the best estimate of deaths (blank: unknown).
        actor_pair: text naming both sides as ``A - B``.
        mapped_date_end: the column of the dataset's ACLED-style rows that keeps
            ``date_end`` (``ged_date_end``), so rows already mapped keep their span.

    A dataset mapped to ACLED's rows gets its profile's fatalities column as
    ``fatalities`` and, when its profile's dates span days, its ``last_date`` as
    ``date_end``, unless its hints name others.
    """

    date_end: str | None = None
    place_precision: str | None = None
    place_km: Mapping[int, float] = field(default_factory=dict, compare=False)
    event_code: str | None = None
    event_classes: Mapping[str, str] = field(default_factory=dict, compare=False)
    fatalities: str | None = None
    actor_pair: str | None = None
    mapped_date_end: str | None = None

    def columns(self) -> list[str]:
        """The columns named, in declaration order."""
        named = (
            self.date_end,
            self.place_precision,
            self.event_code,
            self.fatalities,
            self.actor_pair,
        )
        return [c for c in named if c is not None]


@dataclass(frozen=True)
class Dataset:
    """One kind of event data eventdata reads, validates and converts.

    Attributes:
        name: the name ``validate(dataset=...)`` and the CLI's ``--dataset`` take.
        title: how messages and pages name it.
        model: the pydantic model of one row.
        id_column: the column holding the event id (unique per row).
        markers: header columns that mark a table as this dataset.
        profile: the columns ``describe`` summarises.
        rules: the cross-field rules, each with a row-wise and a columnar form (a
            :class:`~eventdata.models.ruled.RuledModel`'s ``RULES`` when empty).
        all_markers: a table must have every marker (else one is enough).
        identifying: columns a table named as this dataset must have (the reader
            contract); ``markers`` decide when empty. Fewer than ``markers`` where a
            damaged file of the dataset should still be read and its gaps reported.
        excludes: columns that a table of this dataset never has.
        aliases: older names of columns (lower case) and the names they have now.
        specs: one column spec per model field (derived from ``model`` when empty).
        dialect: the dialect name every input of this dataset is reported under; None
            when the readers name it (ACLED's dialects).
        blank_markers: cell texts that mean "missing" in this dataset's files (R's ``NA``;
            a :class:`~eventdata.models.ruled.RuledModel`'s ``MISSING`` when empty).
        failure_id_prefix: prefixed to the id in the failures' ``event_id_cnty`` column.
        missing_hint: why a required column is expected, in ``columns.missing`` messages.
        reader: the public function that reads it, named in refusals.
        to_acled: ``"module:function"`` mapping it to the ACLED-style table, if any.
        derived: columns computed from others when a dialect lacks them.
        specs_for_dialect: adjusts the specs for a dialect (None: the same for all).
        inspect: notes on an input's shape for its dialect (e.g. a one-row-per-actor table).
        canonical: its typed table is the canonical ACLED event table (no mapping needed;
            ``convert`` streams it block by block).
        skippable: columns validation need not read from a file (free text no rule reads).
        match: what matching reads beyond the ACLED-style rows (precision, spans).
        docs_page: the page of ``docs/`` whose generated blocks list its rules (and
            mapping); None for ACLED, whose rules have ``docs/rules.md`` to themselves.
        description: one paragraph for docs and ``--help``.
    """

    name: str
    title: str
    model: type[BaseModel]
    id_column: str
    markers: frozenset[str]
    profile: Profile
    rules: tuple[Rule, ...] = ()
    all_markers: bool = False
    identifying: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = field(default_factory=dict, compare=False)
    specs: tuple[FieldSpec, ...] = ()
    dialect: str | None = None
    blank_markers: tuple[str, ...] = ()
    failure_id_prefix: str = ""
    missing_hint: str = ""
    reader: str = ""
    to_acled: str | None = None
    derived: tuple[Derived, ...] = ()
    specs_for_dialect: SpecsForDialect | None = field(default=None, compare=False)
    inspect: Callable[[RawTable], list[str]] | None = field(default=None, compare=False)
    canonical: bool = False
    skippable: frozenset[str] = frozenset()
    docs_page: str | None = None
    match: MatchHints = MatchHints()
    description: str = ""

    def __post_init__(self) -> None:
        if not self.specs:
            object.__setattr__(self, "specs", model_specs(self.model))
        if issubclass(self.model, RuledModel):  # the model declares its rules and blanks
            if not self.rules:
                object.__setattr__(self, "rules", self.model.RULES)
            if not self.blank_markers:
                blanks = tuple(m for m in self.model.MISSING if m)
                object.__setattr__(self, "blank_markers", blanks)
        if self.to_acled is not None:
            profile, match = self.profile, self.match
            spans = profile.last_date != profile.first_date
            hints = dataclasses.replace(
                match,
                fatalities=match.fatalities or profile.fatalities,
                date_end=match.date_end or (profile.last_date if spans else None),
            )
            object.__setattr__(self, "match", hints)

    def __repr__(self) -> str:
        return f"Dataset({self.name!r}, {self.title!r})"

    @property
    def columns(self) -> tuple[str, ...]:
        """The model's columns, in file order."""
        return tuple(self.model.model_fields)

    @property
    def duplicate_rule(self) -> str:
        """The name of the rule that reports rows sharing an id."""
        return f"duplicate.{self.id_column}"

    def canonical_names(self, columns: Collection[str]) -> set[str]:
        """The column names with older names (:attr:`aliases`) as they are called now."""
        return {self.aliases.get(name, name) for name in columns}

    def recognises(self, columns: Collection[str]) -> bool:
        """Whether a table with these (lower-case) column names holds this dataset."""
        names = self.canonical_names(columns)
        if names & self.excludes:
            return False
        if self.all_markers:
            return self.markers <= names
        return bool(names & self.markers)

    def identifies(self, columns: Collection[str]) -> bool:
        """Whether a table named as this dataset may be read as it (the reader contract)."""
        if not self.identifying:
            return self.recognises(columns)
        names = self.canonical_names(columns)
        return self.identifying <= names and not names & self.excludes

    def specs_for(self, dialect: str) -> tuple[FieldSpec, ...]:
        """The column specs to read an input of ``dialect`` with."""
        if self.specs_for_dialect is None:
            return self.specs
        return self.specs_for_dialect(dialect, self.specs)

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema of this dataset's typed tables, from its specs (one mapping)."""
        return _arrow_schema(self.specs)

    def mapping(self) -> Callable[..., Any] | None:
        """The function mapping this dataset to the ACLED-style table, when it has one."""
        if self.to_acled is None:
            return None
        module, _, name = self.to_acled.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return function


@functools.cache
def _arrow_schema(specs: tuple[FieldSpec, ...]) -> pa.Schema:
    return pa.schema(arrow_fields(specs))
