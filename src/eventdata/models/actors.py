"""Named actors of the rich records, spelled and typed the way ACLED codes them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from eventdata.vocabulary.codebook import ActorType

__all__ = ["Actor", "unidentified_armed_group"]

_Name = Annotated[str, Field(min_length=1)]


class Actor(BaseModel):
    """A named actor: who attacked, who was targeted, who responded.

    ``name`` follows ACLED's actor list so that lowered rows match real exports, e.g.
    ``Military Forces of the United States (2021-)``; ``actor_type`` becomes the row's
    ``inter1``/``inter2``. Aliases, backer and affiliation are kept for people, not ACLED.

    Example:
        >>> us = Actor(
        ...     name="Military Forces of the United States (2021-)",
        ...     actor_type=ActorType.EXTERNAL_OTHER_FORCES,
        ...     country="United States",
        ... )
        >>> us.actor_type.code
        8

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: _Name = Field(
        description="ACLED-style actor name, e.g. 'Unidentified Armed Group (Iraq)'."
    )
    actor_type: ActorType = Field(description="ACLED actor type; gives inter1/inter2.")
    country: str | None = Field(default=None, description="Country the actor belongs to.")
    aliases: tuple[str, ...] = Field(
        default=(), description="Other names in sources, e.g. 'KH' for Kata'ib Hezbollah."
    )
    backer: str | None = Field(
        default=None, description="State or group said to back the actor, e.g. 'Iran'."
    )
    affiliation: str | None = Field(
        default=None,
        description="Umbrella the actor belongs to, e.g. 'Popular Mobilization Forces'.",
    )


def unidentified_armed_group(country: str) -> Actor:
    """ACLED's actor for an unknown perpetrator: ``Unidentified Armed Group (<country>)``.

    ACLED codes unknown armed perpetrators as a Political militia named after the country
    where the event happened.

    Args:
        country: country of the event, e.g. ``Iraq``.

    Returns:
        The actor, typed Political militia.

    Raises:
        ValueError: if ``country`` is blank.

    """
    if not country.strip():
        raise ValueError(
            "unidentified_armed_group needs the event's country, e.g. 'Iraq'; got a blank string"
        )
    return Actor(
        name=f"Unidentified Armed Group ({country})",
        actor_type=ActorType.POLITICAL_MILITIA,
        country=country,
    )
