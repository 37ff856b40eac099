"""Generate synthetic ACLED events column-wise: :func:`generate_events`.

Every row-level choice is an integer array drawn from one seeded generator, in a fixed
order (so the same seed gives the same table); text is taken from small Arrow
dictionaries batch by batch. See :mod:`eventdata.synthetic` for what the rows hold.
"""

from __future__ import annotations

import datetime as dt

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
    n_days = (end - start).days + 1
    profiles = PROFILES

    # Row-level choices, all as integer arrays.
    country = weighted(rng, n, [p.weight for p in profiles])
    day = np.sort(rng.integers(0, n_days, size=n))
    sub = weighted(rng, n, [SUB_WEIGHTS[s] for s in SUBS])
    inter1 = np.zeros(n, dtype=np.int64)
    inter2 = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(SUBS):  # over the 25 sub-event types, not over rows
        rows = np.flatnonzero(sub == i)
        patterns = PATTERNS[s]
        which = weighted(rng, rows.size, [w for _, _, w in patterns])
        inter1[rows] = np.array([a for a, _, _ in patterns])[which]
        inter2[rows] = np.array([b for _, b, _ in patterns])[which]
    event = SUB_EVENT_IDX[sub]
    lo = np.where(inter2 == 0, inter1, np.minimum(inter1, inter2))
    hi = np.where(inter2 == 0, 0, np.maximum(inter1, inter2))
    interaction = 10 * lo + hi

    vac = event == EVENTS.index(EventType.VIOLENCE_AGAINST_CIVILIANS)
    targets_civilians = inter2 == ActorType.CIVILIANS.code
    remote = event == EVENTS.index(EventType.EXPLOSIONS_REMOTE_VIOLENCE)
    civilian_targeting = (
        vac
        | (sub == SUBS.index(_S.EXCESSIVE_FORCE_AGAINST_PROTESTERS))
        | ((sub == SUBS.index(_S.MOB_VIOLENCE)) & targets_civilians)
        | (remote & targets_civilians & (rng.random(n) < 0.5))
    )

    # Actors: one pool group per (country, actor-type code 0-8).
    actors = Pool([p.actors(code) for p in profiles for code in range(9)])
    group1, group2 = country * 9 + inter1, country * 9 + inter2
    a1 = actors.pick(group1, rng.random(n), skew=1.6)
    a2 = actors.pick(group2, rng.random(n), skew=1.6)
    same = (inter1 == inter2) & (a1 == a2) & (actors.count[group2] > 1)
    a2 = np.where(same, actors.shift(group2, a2, 1), a2)
    social = Pool([p.social_groups() for p in profiles])
    armed = Pool(
        [p.actors(1) + p.external + p.identity[:1] for p in profiles]
    )  # associates of armed actors
    assoc_u1, assoc_u2 = rng.random(n), rng.random(n)
    has_assoc1 = rng.random(n) < 0.17
    has_assoc2 = (inter2 > 0) & (rng.random(n) < 0.15)
    two_assoc = rng.random(n) < 0.3

    # Places, coordinates and precisions.
    places = Pool([[loc for *_, loc in p.places] for p in profiles])
    place = places.pick(country, rng.random(n), skew=1.4)
    place_rows = [pl for p in profiles for pl in p.places]
    place_country = np.repeat(np.arange(len(profiles)), places.count)
    lat_lo, lat_hi, lon_lo, lon_hi = np.array([(*p.lat, *p.lon) for p in profiles])[place_country].T
    place_rng = np.random.default_rng([seed, 1])
    place_lat = lat_lo + place_rng.random(len(place_rows)) * (lat_hi - lat_lo)
    place_lon = lon_lo + place_rng.random(len(place_rows)) * (lon_hi - lon_lo)
    time_precision = np.array(TIME_PRECISION[0])[weighted(rng, n, TIME_PRECISION[1])]
    geo_precision = np.array(GEO_PRECISION[0])[weighted(rng, n, GEO_PRECISION[1])]

    # Fatalities: mostly 0; lognormal tail; ACLED's conventional 3/10/12/100 sometimes.
    zero = rng.random(n) < np.array([ZERO_FATALITIES[e] for e in EVENTS])[event]
    tail = np.floor(np.exp(rng.normal(0.7, 1.1, size=n))).astype(np.int64) + 1
    conventional = np.array([3, 10, 12, 100])[weighted(rng, n, [60, 25, 10, 5])]
    tail = np.where(rng.random(n) < 0.1, conventional, tail)
    fatalities = np.where(zero, 0, np.minimum(tail, 1000))

    # Dates and timestamps.
    day_dates = [start + dt.timedelta(days=int(d)) for d in range(n_days)]
    epoch = dt.date(1970, 1, 1)
    day_seconds = np.array([(d - epoch).days * 86400 for d in day_dates], dtype=np.int64)
    lag = rng.integers(2 * 86400, 120 * 86400, size=n)
    timestamp = day_seconds[day] + lag

    # Sources: 1-3 distinct names from the country's pool and the wires.
    sources = Pool([p.sources + WIRES for p in profiles])
    n_sources = weighted(rng, n, [70, 20, 10]) + 1
    step1 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    step2 = 1 + (rng.random(n) * (sources.count[country] // 2 - 1)).astype(np.int64)
    src1 = sources.pick(country, rng.random(n), skew=1.5)
    src2 = sources.shift(country, src1, step1)
    src3 = sources.shift(country, src1, step1 + step2)
    scale = weighted(rng, n, [w for _, w in SOURCE_SCALES])

    # Tags: crowd size on every protest and riot; a few others.
    demo = np.isin(event, [EVENTS.index(EventType.PROTESTS), EVENTS.index(EventType.RIOTS)])
    crowd = weighted(rng, n, [w for _, w in CROWD_SIZES])
    sexual = sub == SUBS.index(_S.SEXUAL_VIOLENCE)
    admin_tag = vac & ~sexual & (rng.random(n) < 0.05)

    # Notes pieces.
    action_pool = Pool([ACTIONS[e][solo] for e in EVENTS for solo in (0, 1)])
    action = action_pool.pick(2 * event + (inter2 == 0), rng.random(n))
    prefix_pool = Pool([PREFIXES.get(s, ("",)) for s in SUBS])
    prefix = prefix_pool.pick(sub, rng.random(n))
    no_fatal = rng.integers(0, len(NO_FATALITIES), size=n)
    filler1 = rng.integers(0, len(FILLERS), size=n)
    filler2 = (filler1 + rng.integers(1, len(FILLERS), size=n)) % len(FILLERS)
    has_filler2 = rng.random(n) < 0.25
    has_detail = rng.random(n) < 0.8
    detail_len = rng.integers(DETAIL_WORDS[0], DETAIL_WORDS[1] + 1, size=n)
    detail_words = rng.integers(0, len(WORDS), size=(DETAIL_WORDS[1], n))

    # Per-row event numbers: consecutive within each country, in date order.
    order = np.argsort(country, kind="stable")
    counts = np.bincount(country, minlength=len(profiles))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - first[country[order]]
    number = 1000 + rank

    # Small dictionaries the columns are taken from.
    sub_labels = pa.array([s.value for s in SUBS])
    event_labels = pa.array([e.value for e in EVENTS])
    disorder_labels = pa.array([d.value for d in DISORDERS])
    iso_text = pa.array([str(p.iso) for p in profiles])
    prefix_text = pa.array([alpha3_from_numeric(p.iso) for p in profiles])
    region_text = pa.array([p.region for p in profiles])
    country_text = pa.array([p.country for p in profiles])
    admin1_text = pa.array([pl[0] for pl in place_rows])
    admin2_text = pa.array([pl[1] for pl in place_rows])
    admin3_text = pa.array([pl[2] for pl in place_rows])
    lat_text = pa.array(coord_text(place_lat))
    lon_text = pa.array(coord_text(place_lon))
    date_iso = pa.array([d.isoformat() for d in day_dates])
    date_prose = pa.array([f"{d.day} {d:%B %Y}" for d in day_dates])
    year_text = pa.array([str(d.year) for d in day_dates])
    scale_text = pa.array([s for s, _ in SOURCE_SCALES])
    crowd_text = pa.array([c for c, _ in CROWD_SIZES])
    no_fatal_text = pa.array(NO_FATALITIES)
    filler_text = pa.array(FILLERS)
    word_text = pa.array([" " + w for w in WORDS])
    precision_text = pa.array(["0", "1", "2", "3"])

    batches = []
    for lo_row in range(0, max(n, 1), _BATCH_ROWS):
        r = slice(lo_row, min(n, lo_row + _BATCH_ROWS))
        c = country[r]
        actor1 = take(actors.values, a1[r])
        actor2 = take(actors.values, a2[r])
        has2 = inter2[r] > 0
        # associated actors: armed pool for armed types, social pool otherwise
        soc1 = np.isin(inter1[r], [5, 6, 7])
        soc2 = np.isin(inter2[r], [5, 6, 7])
        assoc_1 = _assoc(social, armed, c, soc1, assoc_u1[r], two_assoc[r], has_assoc1[r])
        assoc_2 = _assoc(social, armed, c, soc2, assoc_u2[r], two_assoc[r], has_assoc2[r])
        location = take(places.values, place[r])
        admin1 = take(admin1_text, place[r])
        admin2 = take(admin2_text, place[r])
        date_text = take(date_iso, day[r])
        fatal_text = int_text(fatalities[r])
        fatal_sentence = pc.if_else(
            pa.array(fatalities[r] == 0),
            take(no_fatal_text, no_fatal[r]),
            pc.binary_join_element_wise(" Reported fatalities: ", fatal_text, ".", ""),
        )
        target = blank_unless(has2, pc.binary_join_element_wise(" ", actor2, ""))
        notes = pc.binary_join_element_wise(
            take(prefix_pool.values, prefix[r]),
            "On ",
            take(date_prose, day[r]),
            ", ",
            actor1,
            " ",
            take(action_pool.values, action[r]),
            target,
            " in ",
            location,
            " (",
            admin2,
            ", ",
            admin1,
            ").",
            fatal_sentence,
            take(filler_text, filler1[r]),
            blank_unless(has_filler2[r], take(filler_text, filler2[r])),
            detail_sentence(word_text, detail_words[:, r], detail_len[r], has_detail[r]),
            "",
        )
        src_joined = _joined(sources.values, [src1[r], src2[r], src3[r]], n_sources[r])
        tags = pc.if_else(
            pa.array(demo[r]),
            take(crowd_text, crowd[r]),
            pc.if_else(
                pa.array(sexual[r]),
                pa.scalar("sexual violence; women targeted: girls"),
                blank_unless(admin_tag[r], pa.scalar("local administrators")),
            ),
        )
        columns: dict[str, pa.Array] = {
            "event_id_cnty": pc.binary_join_element_wise(
                take(prefix_text, c), int_text(number[r]), ""
            ),
            "event_date": date_text,
            "year": take(year_text, day[r]),
            "time_precision": take(precision_text, time_precision[r]),
            "disorder_type": take(disorder_labels, SUB_DISORDER_IDX[sub[r]]),
            "event_type": take(event_labels, event[r]),
            "sub_event_type": take(sub_labels, sub[r]),
            "actor1": actor1,
            "assoc_actor_1": assoc_1,
            "inter1": take(ACTOR_LABELS, inter1[r]),
            "actor2": actor2,
            "assoc_actor_2": assoc_2,
            "inter2": take(ACTOR_LABELS, inter2[r]),
            "interaction": take(INTERACTION_LABELS, interaction[r]),
            "civilian_targeting": blank_unless(
                civilian_targeting[r], pa.scalar(CIVILIAN_TARGETING)
            ),
            "iso": take(iso_text, c),
            "region": take(region_text, c),
            "country": take(country_text, c),
            "admin1": admin1,
            "admin2": admin2,
            "admin3": take(admin3_text, place[r]),
            "location": location,
            "latitude": take(lat_text, place[r]),
            "longitude": take(lon_text, place[r]),
            "geo_precision": take(precision_text, geo_precision[r]),
            "source": src_joined,
            "source_scale": take(scale_text, scale[r]),
            "notes": notes,
            "fatalities": fatal_text,
            "tags": tags,
            "timestamp": int_text(timestamp[r]),
        }
        batches.append(pa.RecordBatch.from_pydict({k: columns[k] for k in ACLED_COLUMNS}))
    schema = pa.schema([(name, pa.string()) for name in ACLED_COLUMNS])
    table = pa.Table.from_batches(batches, schema=schema)
    return table.slice(0, n)


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
