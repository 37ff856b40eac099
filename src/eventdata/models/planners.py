"""One lowering planner per record type: which row a record gives, with which actors.

A planner takes a confirmed record and its collection and returns a
:class:`~eventdata.models.acled_rows.RowPlan` (the row before it is numbered) or an
:class:`~eventdata.models.acled_rows.Unlowered` saying why the record gives no row of its
own. :mod:`eventdata.models.record_types` registers each planner with its model.
"""

from __future__ import annotations

from eventdata.exceptions import LoweringError
from eventdata.models.acled_rows import (
    RowPlan,
    Unlowered,
    acting_row,
    disruption_notes,
    interception_notes,
    place_of,
    strike_row,
)
from eventdata.models.actors import Actor, unidentified_armed_group
from eventdata.models.collection import EventCollection
from eventdata.models.records import (
    Attack,
    MistakenShootDown,
    Outcome,
    ReportStatus,
    Response,
    ResponseKind,
    WeaponsSeizure,
)
from eventdata.models.weapons import Aircraft
from eventdata.vocabulary.codebook import SubEventType

__all__ = ["plan_attack", "plan_response", "plan_shoot_down", "plan_weapons_seizure"]

_S = SubEventType
_INTERCEPTED = (Outcome.INTERCEPTED, Outcome.PARTIALLY_INTERCEPTED)


def _interceptions(attack: Attack, collection: EventCollection) -> list[Response]:
    """The confirmed interception responses answering the attack, in collection order."""
    return [
        r
        for r in collection.responses_to(attack.id)
        if isinstance(r, Response)
        and r.kind is ResponseKind.INTERCEPTION
        and r.report_status is ReportStatus.CONFIRMED
    ]


def _carrier(attack: Attack, collection: EventCollection) -> Response | None:
    """The interception response whose row codes the attack's interception, if any.

    The first confirmed interception answering it, when the attack was (partly)
    intercepted; other interceptions of the same attack give no second row.
    """
    if attack.report_status is not ReportStatus.CONFIRMED or attack.outcome not in _INTERCEPTED:
        return None
    found = _interceptions(attack, collection)
    return found[0] if found else None


def plan_attack(attack: Attack, collection: EventCollection) -> RowPlan | Unlowered:
    """Plan an attack: its strike row, or its interception row when nobody else gives one."""
    place = place_of(attack, attack.place)
    attacker = attack.attacker or unidentified_armed_group(place.country)
    if attack.outcome is not Outcome.INTERCEPTED:
        return strike_row(attack, attacker, attack.target, place)
    carrier = _carrier(attack, collection)
    if carrier is not None:
        return Unlowered(
            attack.id,
            "fully intercepted: ACLED codes the interception, not a strike",
            coded_in=carrier.id,
        )
    if attack.target is None:
        raise LoweringError(
            f"attack {attack.id!r} was intercepted but nobody is named as interceptor; add "
            "a Response(kind='interception', responder=...) answering it, or a target actor"
        )
    return RowPlan(
        record=attack,
        sub_event=_S.DISRUPTED_WEAPONS_USE,
        actor1=attack.target,
        actor2=attacker,
        place=place,
        notes=interception_notes(attack, attack.target, attacker, attack.description),
        assoc1=attack.target_associates,
        assoc2=attack.associates,
    )


def plan_response(response: Response, collection: EventCollection) -> RowPlan | Unlowered:
    """Plan a response: a retaliation's strike, an interception's Disrupted weapons use row."""
    if response.kind is ResponseKind.RETALIATION:
        responder = _responder(response)
        return strike_row(response, responder, response.target, place_of(response, response.place))
    if response.kind is not ResponseKind.INTERCEPTION:
        return Unlowered(
            response.id, f"a {response.kind.value} response is words, not an ACLED event"
        )
    responder = _responder(response)
    attacks = [a for a in (collection[i] for i in response.responds_to) if isinstance(a, Attack)]
    carried = [a for a in attacks if _carrier(a, collection) is response]
    if not carried:
        return _no_interception_row(response, attacks, collection)
    first = carried[0]
    place = place_of(response, response.place or first.place)
    attacker = first.attacker or unidentified_armed_group(place.country)
    return RowPlan(
        record=response,
        sub_event=_S.DISRUPTED_WEAPONS_USE,
        actor1=responder,
        actor2=attacker,
        place=place,
        notes=interception_notes(first, responder, attacker, response.description),
        assoc1=response.associates,
        assoc2=first.associates,
        extra_sources=tuple(carried),
    )


def _no_interception_row(
    response: Response, attacks: list[Attack], collection: EventCollection
) -> Unlowered:
    carriers = [c for c in (_carrier(a, collection) for a in attacks) if c is not None]
    if carriers:
        return Unlowered(
            response.id,
            "another interception of the same attack already gives its Disrupted weapons use row",
            coded_in=carriers[0].id,
        )
    outcomes = ", ".join(sorted({a.outcome.value for a in attacks})) or "none"
    return Unlowered(
        response.id,
        f"no attack it answers was intercepted (outcomes: {outcomes}); set the attack's "
        "outcome to 'intercepted' or 'partially intercepted' if the interception succeeded",
    )


def _responder(response: Response) -> Actor:
    if response.responder is None:
        who = "the interceptor" if response.kind is ResponseKind.INTERCEPTION else "actor1"
        raise LoweringError(
            f"response {response.id!r} ({response.kind.value}) has no responder; ACLED needs "
            f"{who} as actor1: set responder=Actor(...), e.g. the air-defence operator"
        )
    return response.responder


def plan_weapons_seizure(seizure: WeaponsSeizure, collection: EventCollection) -> RowPlan:
    """Plan a weapons seizure (or defusal): Disrupted weapons use, the seizer as actor1."""
    place = place_of(seizure, seizure.place)
    owner = seizure.owner or unidentified_armed_group(place.country)
    label = "Defusal" if seizure.defused else "Weapons seizure"
    verb = "defused" if seizure.defused else "seized"
    notes = disruption_notes(seizure, label, seizure.seized_by, verb, seizure.weapons, owner)
    return acting_row(seizure, _S.DISRUPTED_WEAPONS_USE, seizure.seized_by, owner, place, notes)


def plan_shoot_down(shoot_down: MistakenShootDown, collection: EventCollection) -> RowPlan:
    """Plan a mistaken shoot-down: Disrupted weapons use for drones, Shelling for aircraft."""
    place = place_of(shoot_down, shoot_down.place)
    crewed = any(isinstance(w, Aircraft) for w in shoot_down.downed)
    sub_event = _S.SHELLING_ARTILLERY_MISSILE_ATTACK if crewed else _S.DISRUPTED_WEAPONS_USE
    notes = disruption_notes(
        shoot_down,
        None if crewed else "Interception",
        shoot_down.shooter,
        "shot down by mistake",
        shoot_down.downed,
        shoot_down.operator,
    )
    return acting_row(shoot_down, sub_event, shoot_down.shooter, shoot_down.operator, place, notes)
