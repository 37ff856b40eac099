"""Generate synthetic ACLED events column-wise: :func:`generate_events`.

Every row-level choice is an integer array drawn from one seeded generator, in a fixed
order (so the same seed gives the same table); text is taken from small Arrow
dictionaries batch by batch. See :mod:`eventdata.synthetic` for what the rows hold.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.models.event import ACLED_COLUMNS
from eventdata.synthetic.arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    Pool,
    blank_unless,
    coord_text,
    int_text,
    take,
    weighted,
)
from eventdata.synthetic.distributions import (
    ACTOR_LABELS,
    CROWD_SIZES,
    DISORDERS,
    EVENTS,
    GEO_PRECISION,
    INTERACTION_LABELS,
    PATTERNS,
    SOURCE_SCALES,
    SUB_DISORDER_IDX,
    SUB_EVENT_IDX,
    SUB_WEIGHTS,
    SUBS,
    TIME_PRECISION,
    ZERO_FATALITIES,
)
from eventdata.synthetic.notes import (
    ACTIONS,
    DETAIL_WORDS,
    FILLERS,
    NO_FATALITIES,
    PREFIXES,
    WORDS,
    detail_sentence,
)
from eventdata.synthetic.profiles import PROFILES, WIRES
from eventdata.vocabulary.codebook import CIVILIAN_TARGETING, ActorType, EventType, SubEventType
from eventdata.vocabulary.countries import alpha3_from_numeric

__all__ = ["generate_events"]

_BATCH_ROWS = 1 << 18
"""Rows per record batch: keeps intermediate strings small and offsets 32-bit."""

_S = SubEventType


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
    d = SimpleNamespace(n=n, n_days=(end - start).days + 1, seed=seed, start=start)
    # Row-level choices, all as integer arrays, drawn in a fixed order (same seed, same rows).
    for stage in (_codes, _actors, _places, _fatalities, _sources, _notes):
        stage(rng, d)
    _numbers(d)
    t = _dictionaries(d)
    batches = [
        _batch(d, t, slice(lo_row, min(n, lo_row + _BATCH_ROWS)))
        for lo_row in range(0, max(n, 1), _BATCH_ROWS)
    ]
    schema = pa.schema([(name, pa.string()) for name in ACLED_COLUMNS])
    table = pa.Table.from_batches(batches, schema=schema)
    return table.slice(0, n)


def _codes(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """Country, day, sub-event type, actor types, interaction and civilian targeting."""
    n = d.n
    d.country = weighted(rng, n, [p.weight for p in PROFILES])
    d.day = np.sort(rng.integers(0, d.n_days, size=n))
    sub = d.sub = weighted(rng, n, [SUB_WEIGHTS[s] for s in SUBS])
    inter1 = d.inter1 = np.zeros(n, dtype=np.int64)
    inter2 = d.inter2 = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(SUBS):  # over the 25 sub-event types, not over rows
        rows = np.flatnonzero(sub == i)
        patterns = PATTERNS[s]
        which = weighted(rng, rows.size, [w for _, _, w in patterns])
        inter1[rows] = np.array([a for a, _, _ in patterns])[which]
        inter2[rows] = np.array([b for _, b, _ in patterns])[which]
    event = d.event = SUB_EVENT_IDX[sub]
    lo = np.where(inter2 == 0, inter1, np.minimum(inter1, inter2))
    hi = np.where(inter2 == 0, 0, np.maximum(inter1, inter2))
    d.interaction = 10 * lo + hi
    vac = d.vac = event == EVENTS.index(EventType.VIOLENCE_AGAINST_CIVILIANS)
    targets_civilians = inter2 == ActorType.CIVILIANS.code
    remote = event == EVENTS.index(EventType.EXPLOSIONS_REMOTE_VIOLENCE)
    d.civilian_targeting = (
        vac
        | (sub == SUBS.index(_S.EXCESSIVE_FORCE_AGAINST_PROTESTERS))
        | ((sub == SUBS.index(_S.MOB_VIOLENCE)) & targets_civilians)
        | (remote & targets_civilians & (rng.random(n) < 0.5))
    )


def _actors(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """Actors: one pool group per (country, actor-type code 0-8); associated actors."""
    n, inter1, inter2 = d.n, d.inter1, d.inter2
    actors = d.actors = Pool([p.actors(code) for p in PROFILES for code in range(9)])
    group1, group2 = d.country * 9 + inter1, d.country * 9 + inter2
    d.a1 = actors.pick(group1, rng.random(n), skew=1.6)
    a2 = actors.pick(group2, rng.random(n), skew=1.6)
    same = (inter1 == inter2) & (d.a1 == a2) & (actors.count[group2] > 1)
    d.a2 = np.where(same, actors.shift(group2, a2, 1), a2)
    d.social = Pool([p.social_groups() for p in PROFILES])
    d.armed = Pool([p.actors(1) + p.external + p.identity[:1] for p in PROFILES])
    d.assoc_u1, d.assoc_u2 = rng.random(n), rng.random(n)
    d.has_assoc1 = rng.random(n) < 0.17
    d.has_assoc2 = (inter2 > 0) & (rng.random(n) < 0.15)
    d.two_assoc = rng.random(n) < 0.3


def _places(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """Places, coordinates and precisions."""
    n = d.n
    places = d.places = Pool([[loc for *_, loc in p.places] for p in PROFILES])
    d.place = places.pick(d.country, rng.random(n), skew=1.4)
    d.place_rows = [pl for p in PROFILES for pl in p.places]
    place_country = np.repeat(np.arange(len(PROFILES)), places.count)
    lat_lo, lat_hi, lon_lo, lon_hi = np.array([(*p.lat, *p.lon) for p in PROFILES])[place_country].T
    place_rng = np.random.default_rng([d.seed, 1])
    d.place_lat = lat_lo + place_rng.random(len(d.place_rows)) * (lat_hi - lat_lo)
    d.place_lon = lon_lo + place_rng.random(len(d.place_rows)) * (lon_hi - lon_lo)
    d.time_precision = np.array(TIME_PRECISION[0])[weighted(rng, n, TIME_PRECISION[1])]
    d.geo_precision = np.array(GEO_PRECISION[0])[weighted(rng, n, GEO_PRECISION[1])]


def _fatalities(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """Fatalities (mostly 0; lognormal tail; ACLED's conventional 3/10/12/100), timestamps."""
    n = d.n
    zero = rng.random(n) < np.array([ZERO_FATALITIES[e] for e in EVENTS])[d.event]
    tail = np.floor(np.exp(rng.normal(0.7, 1.1, size=n))).astype(np.int64) + 1
    conventional = np.array([3, 10, 12, 100])[weighted(rng, n, [60, 25, 10, 5])]
    tail = np.where(rng.random(n) < 0.1, conventional, tail)
    d.fatalities = np.where(zero, 0, np.minimum(tail, 1000))
    d.day_dates = [d.start + dt.timedelta(days=int(i)) for i in range(d.n_days)]
    epoch = dt.date(1970, 1, 1)
    day_seconds = np.array([(x - epoch).days * 86400 for x in d.day_dates], dtype=np.int64)
    lag = rng.integers(2 * 86400, 120 * 86400, size=n)
    d.timestamp = day_seconds[d.day] + lag


def _sources(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """Sources (1-3 distinct names from the country's pool and the wires) and tags."""
    n, country, event = d.n, d.country, d.event
    sources = d.sources = Pool([p.sources + WIRES for p in PROFILES])
    d.n_sources = weighted(rng, n, [70, 20, 10]) + 1
    step1 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    step2 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    d.src1 = sources.pick(country, rng.random(n), skew=1.5)
    d.src2 = sources.shift(country, d.src1, step1)
    d.src3 = sources.shift(country, d.src1, step1 + step2)
    d.scale = weighted(rng, n, [w for _, w in SOURCE_SCALES])
    # crowd size on every protest and riot; a few others
    d.demo = np.isin(event, [EVENTS.index(EventType.PROTESTS), EVENTS.index(EventType.RIOTS)])
    d.crowd = weighted(rng, n, [w for _, w in CROWD_SIZES])
    d.sexual = d.sub == SUBS.index(_S.SEXUAL_VIOLENCE)
    d.admin_tag = d.vac & ~d.sexual & (rng.random(n) < 0.05)


def _notes(rng: np.random.Generator, d: SimpleNamespace) -> None:
    """The pieces the notes are assembled from."""
    n = d.n
    d.action_pool = Pool([ACTIONS[e][solo] for e in EVENTS for solo in (0, 1)])
    d.action = d.action_pool.pick(2 * d.event + (d.inter2 == 0), rng.random(n))
    d.prefix_pool = Pool([PREFIXES.get(s, ("",)) for s in SUBS])
    d.prefix = d.prefix_pool.pick(d.sub, rng.random(n))
    d.no_fatal = rng.integers(0, len(NO_FATALITIES), size=n)
    d.filler1 = rng.integers(0, len(FILLERS), size=n)
    d.filler2 = (d.filler1 + rng.integers(1, len(FILLERS), size=n)) % len(FILLERS)
    d.has_filler2 = rng.random(n) < 0.25
    d.has_detail = rng.random(n) < 0.8
    d.detail_len = rng.integers(DETAIL_WORDS[0], DETAIL_WORDS[1] + 1, size=n)
    d.detail_words = rng.integers(0, len(WORDS), size=(DETAIL_WORDS[1], n))


def _numbers(d: SimpleNamespace) -> None:
    """Per-row event numbers: consecutive within each country, in date order."""
    country = d.country
    order = np.argsort(country, kind="stable")
    counts = np.bincount(country, minlength=len(PROFILES))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(d.n, dtype=np.int64)
    rank[order] = np.arange(d.n) - first[country[order]]
    d.number = 1000 + rank


def _dictionaries(d: SimpleNamespace) -> SimpleNamespace:
    """Small dictionaries the columns are taken from."""
    return SimpleNamespace(
        sub_labels=pa.array([s.value for s in SUBS]),
        event_labels=pa.array([e.value for e in EVENTS]),
        disorder_labels=pa.array([x.value for x in DISORDERS]),
        iso_text=pa.array([str(p.iso) for p in PROFILES]),
        prefix_text=pa.array([alpha3_from_numeric(p.iso) for p in PROFILES]),
        region_text=pa.array([p.region for p in PROFILES]),
        country_text=pa.array([p.country for p in PROFILES]),
        admin1_text=pa.array([pl[0] for pl in d.place_rows]),
        admin2_text=pa.array([pl[1] for pl in d.place_rows]),
        admin3_text=pa.array([pl[2] for pl in d.place_rows]),
        lat_text=pa.array(coord_text(d.place_lat)),
        lon_text=pa.array(coord_text(d.place_lon)),
        date_iso=pa.array([x.isoformat() for x in d.day_dates]),
        date_prose=pa.array([f"{x.day} {x:%B %Y}" for x in d.day_dates]),
        year_text=pa.array([str(x.year) for x in d.day_dates]),
        scale_text=pa.array([s for s, _ in SOURCE_SCALES]),
        crowd_text=pa.array([c for c, _ in CROWD_SIZES]),
        no_fatal_text=pa.array(NO_FATALITIES),
        filler_text=pa.array(FILLERS),
        word_text=pa.array([" " + w for w in WORDS]),
        precision_text=pa.array(["0", "1", "2", "3"]),
    )


def _notes_text(
    d: SimpleNamespace, t: SimpleNamespace, r: slice, actor1: pa.Array, actor2: pa.Array
) -> pa.Array:
    """The notes of rows ``r``: who did what to whom where, fatalities, filler, detail."""
    fatal_sentence = pc.if_else(
        pa.array(d.fatalities[r] == 0),
        take(t.no_fatal_text, d.no_fatal[r]),
        pc.binary_join_element_wise(" Reported fatalities: ", int_text(d.fatalities[r]), ".", ""),
    )
    target = blank_unless(d.inter2[r] > 0, pc.binary_join_element_wise(" ", actor2, ""))
    return pc.binary_join_element_wise(
        take(d.prefix_pool.values, d.prefix[r]),
        "On ",
        take(t.date_prose, d.day[r]),
        ", ",
        actor1,
        " ",
        take(d.action_pool.values, d.action[r]),
        target,
        " in ",
        take(d.places.values, d.place[r]),
        " (",
        take(t.admin2_text, d.place[r]),
        ", ",
        take(t.admin1_text, d.place[r]),
        ").",
        fatal_sentence,
        take(t.filler_text, d.filler1[r]),
        blank_unless(d.has_filler2[r], take(t.filler_text, d.filler2[r])),
        detail_sentence(t.word_text, d.detail_words[:, r], d.detail_len[r], d.has_detail[r]),
        "",
    )


def _batch(d: SimpleNamespace, t: SimpleNamespace, r: slice) -> pa.RecordBatch:
    """Rows ``r`` as one record batch of text columns, in ACLED column order."""
    c, place = d.country[r], d.place[r]
    actor1 = take(d.actors.values, d.a1[r])
    actor2 = take(d.actors.values, d.a2[r])
    # associated actors: armed pool for armed types, social pool otherwise
    soc1 = np.isin(d.inter1[r], [5, 6, 7])
    soc2 = np.isin(d.inter2[r], [5, 6, 7])
    assoc = (d.social, d.armed, c)
    tags = pc.if_else(
        pa.array(d.demo[r]),
        take(t.crowd_text, d.crowd[r]),
        pc.if_else(
            pa.array(d.sexual[r]),
            pa.scalar("sexual violence; women targeted: girls"),
            blank_unless(d.admin_tag[r], pa.scalar("local administrators")),
        ),
    )
    columns: dict[str, pa.Array] = {
        "event_id_cnty": pc.binary_join_element_wise(
            take(t.prefix_text, c), int_text(d.number[r]), ""
        ),
        "event_date": take(t.date_iso, d.day[r]),
        "year": take(t.year_text, d.day[r]),
        "time_precision": take(t.precision_text, d.time_precision[r]),
        "disorder_type": take(t.disorder_labels, SUB_DISORDER_IDX[d.sub[r]]),
        "event_type": take(t.event_labels, d.event[r]),
        "sub_event_type": take(t.sub_labels, d.sub[r]),
        "actor1": actor1,
        "assoc_actor_1": _assoc(*assoc, soc1, d.assoc_u1[r], d.two_assoc[r], d.has_assoc1[r]),
        "inter1": take(ACTOR_LABELS, d.inter1[r]),
        "actor2": actor2,
        "assoc_actor_2": _assoc(*assoc, soc2, d.assoc_u2[r], d.two_assoc[r], d.has_assoc2[r]),
        "inter2": take(ACTOR_LABELS, d.inter2[r]),
        "interaction": take(INTERACTION_LABELS, d.interaction[r]),
        "civilian_targeting": blank_unless(d.civilian_targeting[r], pa.scalar(CIVILIAN_TARGETING)),
        "iso": take(t.iso_text, c),
        "region": take(t.region_text, c),
        "country": take(t.country_text, c),
        "admin1": take(t.admin1_text, place),
        "admin2": take(t.admin2_text, place),
        "admin3": take(t.admin3_text, place),
        "location": take(d.places.values, place),
        "latitude": take(t.lat_text, place),
        "longitude": take(t.lon_text, place),
        "geo_precision": take(t.precision_text, d.geo_precision[r]),
        "source": _joined(d.sources.values, [d.src1[r], d.src2[r], d.src3[r]], d.n_sources[r]),
        "source_scale": take(t.scale_text, d.scale[r]),
        "notes": _notes_text(d, t, r, actor1, actor2),
        "fatalities": int_text(d.fatalities[r]),
        "tags": tags,
        "timestamp": int_text(d.timestamp[r]),
    }
    return pa.RecordBatch.from_pydict({k: columns[k] for k in ACLED_COLUMNS})


def _assoc(
    social: Pool,
    armed: Pool,
    country: IntArray,
    use_social: BoolArray,
    u: FloatArray,
    two: BoolArray,
    present: BoolArray,
) -> pa.Array:
    """Associated actors: blank, one name, or two distinct names joined with ``; ``."""
    s1 = social.pick(country, u)
    s2 = social.shift(country, s1, 1)
    m1 = armed.pick(country, u)
    m2 = armed.shift(country, m1, 1)
    first = pc.if_else(pa.array(use_social), take(social.values, s1), take(armed.values, m1))
    second = pc.if_else(pa.array(use_social), take(social.values, s2), take(armed.values, m2))
    both = pc.binary_join_element_wise(first, second, "; ")
    joined = pc.if_else(pa.array(two), both, first)
    return blank_unless(present, joined)


def _joined(values: pa.Array, picks: list[IntArray], count: IntArray) -> pa.Array:
    """Join the first ``count`` of the picked values per row with ``; ``."""
    parts = [take(values, p) for p in picks]
    two = pc.binary_join_element_wise(parts[0], parts[1], "; ")
    three = pc.binary_join_element_wise(parts[0], parts[1], parts[2], "; ")
    return pc.if_else(pa.array(count == 1), parts[0], pc.if_else(pa.array(count == 2), two, three))
