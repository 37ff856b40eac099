"""The records section: what a file of rich records says beyond the ACLED rows it lowers to.

For a records file (written by :func:`eventdata.write_records`) the page lists the
attacks and the responses, the weapons used, the munitions launched, intercepted and
impacted, and each chain of responses (an attack, the interceptions and retaliations
answering it, and what answered those), from the models of :mod:`eventdata.models`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from eventdata.models.collection import EventCollection
from eventdata.models.records import Attack, BaseRecord, Estimate, Place, Response

__all__ = ["records_section"]


def _place(place: Place | None) -> str:
    if place is None:
        return ""
    return ", ".join(p for p in (place.name, place.admin1, place.country) if p)


def _estimate(estimate: Estimate | None) -> str:
    if estimate is None:
        return "not reported"
    figures = [v for v in (estimate.low, estimate.best, estimate.high) if v is not None]
    if not figures:
        return "unknown"
    low, high = min(figures), max(figures)
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _weapons(record: BaseRecord) -> str:
    parts = []
    for weapon in record.weapons:
        name = weapon.kind.replace("_", " ")
        if weapon.system:
            name += f" ({weapon.system})"
        parts.append(f"{weapon.count} × {name}" if weapon.count is not None else name)
    return "; ".join(parts)


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _who(record: BaseRecord) -> str:
    if isinstance(record, Attack):
        if record.attacker is not None:
            return record.attacker.name
        status = record.attribution.status
        names = sorted({c.actor.name for c in record.attribution.claims})
        return f"unknown ({status}: {', '.join(names)})" if names else "unknown"
    if isinstance(record, Response) and record.responder is not None:
        return record.responder.name
    return "unknown"


def _kind(record: BaseRecord) -> str:
    """``attack``, a response's kind (``interception``...), or the record's type."""
    kind = getattr(record, "kind", None)
    if isinstance(record, Response) and kind is not None:
        return str(kind.value)
    return str(getattr(record, "record_type", type(record).__name__.lower())).replace("_", " ")


def records_section(collection: EventCollection) -> dict[str, Any]:
    """Tables of the attacks, responses, weapons, munition counts and response chains."""
    attacks = [
        {
            "id": a.id,
            "date": a.date.isoformat(),
            "place": _place(a.place),
            "attacker": _who(a),
            "target": a.target_description or (a.target.name if a.target else ""),
            "weapons": _weapons(a),
            "launched": _count(a.launched),
            "intercepted": _count(a.intercepted),
            "impacted": _count(a.impacted),
            "outcome": a.outcome.value,
            "fatalities": _estimate(a.casualties.fatalities),
        }
        for a in collection.attacks
    ]
    responses = [
        {
            "id": r.id,
            "date": r.date.isoformat(),
            "kind": r.kind.value,
            "responder": _who(r),
            "responds_to": ", ".join(r.responds_to),
            "weapons": _weapons(r),
            "place": _place(r.place),
            "linked_by": "; ".join(
                f"{s.text}" + (f" ({s.by})" if s.by else "") for s in r.link_assertions
            ),
        }
        for r in collection.responses
    ]
    others = [
        {
            "id": r.id,
            "date": r.date.isoformat(),
            "kind": _kind(r),
            "place": _place(r.place),
            "weapons": _weapons(r),
            "description": r.description or "",
        }
        for r in collection
        if not isinstance(r, (Attack, Response))
    ]
    weapons: dict[str, dict[str, int]] = defaultdict(lambda: {"records": 0, "count": 0})
    for record in collection:
        for weapon in record.weapons:
            entry = weapons[weapon.kind.replace("_", " ")]
            entry["records"] += 1
            entry["count"] += weapon.count or 0
    counted = [a for a in collection.attacks if a.launched is not None]
    munitions = {
        "attacks": len(counted),
        "launched": sum(a.launched or 0 for a in counted),
        "intercepted": sum(a.intercepted or 0 for a in counted),
        "impacted": sum(a.impacted or 0 for a in counted),
        "interceptions": sum(1 for r in collection.responses if r.kind.value == "interception"),
    }
    chains = []
    for record in collection:
        if record.responds_to or not collection.responses_to(record.id):
            continue
        chains.append(
            [
                {
                    "depth": depth,
                    "indent": f"{depth * 1.5:.1f}em",
                    "id": item.id,
                    "date": item.date.isoformat(),
                    "kind": _kind(item),
                    "who": _who(item),
                    "place": _place(item.place),
                }
                for depth, item in collection.chain(record.id)
            ]
        )
    return {
        "attacks": attacks,
        "responses": responses,
        "others": others,
        "weapons": [{"kind": k, **v} for k, v in sorted(weapons.items())],
        "munitions": munitions,
        "chains": chains,
    }
