from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from eventdata import (
    Actor,
    ActorType,
    Attack,
    Attribution,
    CounterRAM,
    Drone,
    Outcome,
    Place,
    Response,
    Source,
    UnknownPlaceWarning,
)
from eventdata.models.actors import unidentified_armed_group
from eventdata.models.records import Claim, ClaimKind, Estimate, Record, ResponseKind, stable_id

US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
)
KH = Actor(name="Kata'ib Hezbollah", actor_type=ActorType.POLITICAL_MILITIA)
KSS = Actor(name="Kata'ib Sayyid al-Shuhada", actor_type=ActorType.POLITICAL_MILITIA)


def test_stable_id_is_deterministic_and_order_free() -> None:
    first = stable_id(type="attack", date=dt.date(2021, 7, 6), place="Green Zone")
    again = stable_id(place="Green Zone", date=dt.date(2021, 7, 6), type="attack")
    other = stable_id(type="attack", date=dt.date(2021, 7, 5), place="Green Zone")

    assert first == again
    assert first != other
    assert len(first) == 36


def test_stable_id_needs_a_field() -> None:
    with pytest.raises(ValueError, match="at least one identifying field"):
        stable_id()


@pytest.mark.parametrize("bad_id", ["", " a", "has space", "-leading-dash"])
def test_record_id_must_be_readable(bad_id: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Attack(id=bad_id, date=dt.date(2021, 7, 6))

    assert "id" in str(caught.value)


@pytest.mark.parametrize("good_id", ["a1", "2021-07-06-embassy", "IRQ:2021/7.1", stable_id(x=1)])
def test_record_id_accepts_user_and_generated_ids(good_id: str) -> None:
    attack = Attack(id=good_id, date=dt.date(2021, 7, 6))

    assert attack.id == good_id


def test_records_are_frozen() -> None:
    attack = Attack(id="a1", date=dt.date(2021, 7, 6))

    with pytest.raises(ValidationError):
        attack.outcome = Outcome.IMPACTED


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"launched": 2, "intercepted": 2, "impacted": 1}, "exceeds launched"),
        ({"outcome": "intercepted", "impacted": 1}, "partially intercepted"),
        ({"outcome": "impacted", "intercepted": 1}, "partially intercepted"),
        ({"launched": -1}, "greater than or equal to 0"),
    ],
)
def test_attack_counts_must_agree(counts: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Attack(id="a1", date=dt.date(2021, 7, 6), **counts)


def test_attack_counts_that_agree() -> None:
    attack = Attack(
        id="a1",
        date=dt.date(2021, 7, 6),
        outcome=Outcome.PARTIALLY_INTERCEPTED,
        launched=5,
        intercepted=3,
        impacted=2,
    )

    assert (attack.launched, attack.intercepted, attack.impacted) == (5, 3, 2)


def test_record_cannot_answer_itself() -> None:
    with pytest.raises(ValidationError, match="lists itself"):
        Response(
            id="r1", kind=ResponseKind.RETALIATION, date=dt.date(2021, 7, 6), responds_to=("r1",)
        )


@pytest.mark.parametrize(
    ("estimate", "acled"),
    [
        (Estimate(low=4, best=5, high=7), 4),
        (Estimate(best=5, high=7), 5),
        (Estimate(high=7), 7),
        (Estimate(), 0),
        (Estimate.exact(0), 0),
    ],
)
def test_estimate_acled_takes_the_lowest_reported(estimate: Estimate, acled: int) -> None:
    assert estimate.acled == acled


def test_estimate_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="low=9 exceeds high=4"):
        Estimate(low=9, high=4)


def test_place_needs_both_coordinates() -> None:
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        Place(name="Al Qaim", country="Iraq", iso=368, region="Middle East", latitude=34.37)


def test_place_country_code_is_alpha3() -> None:
    with pytest.raises(ValidationError, match="country_code"):
        Place(name="Al Qaim", country="Iraq", iso=368, region="Middle East", country_code="iq")


def test_place_country_code_must_match_iso() -> None:
    with pytest.raises(
        ValidationError, match="'SYR' is not the ISO 3166-1 alpha-3 code of iso 368"
    ):
        Place(name="Al Qaim", country="Iraq", iso=368, region="Middle East", country_code="SYR")


def test_source_scale_must_be_acled_part() -> None:
    with pytest.raises(ValidationError, match="not an ACLED source-scale part"):
        Source(name="AFP", scale="Global")


@pytest.mark.parametrize(
    ("claims", "status"),
    [
        ((), "unknown"),
        ((Claim(kind=ClaimKind.SUSPECTED, actor=KH),), "suspected"),
        ((Claim(kind=ClaimKind.ATTRIBUTED, actor=KH, by="US officials"),), "attributed"),
        (
            (
                Claim(kind=ClaimKind.SUSPECTED, actor=KH),
                Claim(kind=ClaimKind.CLAIMED, actor=KH),
            ),
            "claimed",
        ),
        (
            (
                Claim(kind=ClaimKind.CLAIMED, actor=KH),
                Claim(kind=ClaimKind.CLAIMED, actor=KSS),
            ),
            "competing",
        ),
    ],
)
def test_attribution_status(claims: tuple[Claim, ...], status: str) -> None:
    assert Attribution(claims=claims).status == status


def test_unidentified_armed_group_is_acled_spelling() -> None:
    actor = unidentified_armed_group("Iraq")

    assert actor.name == "Unidentified Armed Group (Iraq)"
    assert actor.actor_type is ActorType.POLITICAL_MILITIA


def test_unidentified_armed_group_needs_country() -> None:
    with pytest.raises(ValueError, match="country"):
        unidentified_armed_group(" ")


@pytest.mark.parametrize(
    ("record", "model"),
    [
        (Attack(id="a1", date=dt.date(2021, 7, 6), weapons=(Drone(armed=True),)), Attack),
        (
            Response(
                id="r1",
                kind=ResponseKind.INTERCEPTION,
                date=dt.date(2021, 7, 6),
                responder=US,
                weapons=(CounterRAM(system="Centurion"),),
                responds_to=("a1",),
            ),
            Response,
        ),
    ],
)
def test_record_union_round_trips_through_json(record: Attack | Response, model: type) -> None:
    adapter: TypeAdapter[Attack | Response] = TypeAdapter(Record)

    back = adapter.validate_json(adapter.dump_json(record))

    assert back == record
    assert type(back) is model


@pytest.mark.parametrize(
    ("country", "iso", "named"),
    [("Iraq", 760, "368 (Iraq)"), ("Syria", 368, "760 (Syrian Arab Republic)")]
    + [("Nigeria", 562, "566 (Nigeria)")],
)
def test_place_whose_country_and_iso_disagree_is_refused_naming_both(
    country: str, iso: int, named: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Place(name="Here", country=country, iso=iso, region="Middle East")

    message = str(caught.value)
    assert f"country {country!r} is the country of iso {named}, but iso is {iso}" in message


@pytest.mark.parametrize(
    ("country", "iso", "region"),
    [
        ("Iraq", 368, "Middle East"),
        ("Syria", 760, "Middle East"),
        ("Syrian Arab Republic", 760, "Middle East"),
        ("Ivory Coast", 384, "Western Africa"),
        ("Democratic Republic of Congo", 180, "Middle Africa"),
        ("Red Sea", 0, "Middle East"),  # not an ISO code: the country is free text
    ],
)
def test_known_country_and_region_pass_without_warning(country: str, iso: int, region: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        place = Place(name="Here", country=country, iso=iso, region=region)

    assert (place.country, place.iso) == (country, iso)


@pytest.mark.parametrize(
    ("country", "region", "expected"),
    [
        ("Narnia", "Middle East", "country 'Narnia' is not a name the countries table knows"),
        ("Iraq", "Middle Earth", "region 'Middle Earth' is not one of ACLED's regions"),
    ],
)
def test_unknown_country_or_region_warns(country: str, region: str, expected: str) -> None:
    with pytest.warns(UnknownPlaceWarning, match=expected) as seen:
        place = Place(name="Here", country=country, iso=368, region=region)

    assert place.country == country
    assert len(seen) == 1
    assert seen[0].filename == __file__
