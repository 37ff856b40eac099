"""ACLED's OAuth tokens: the grants :class:`~eventdata.sources._http.AcledSession` sends.

``POST {base}/oauth/token`` with a password grant (``username``, ``password``) or a refresh
grant (``refresh_token``) answers ``access_token``, ``refresh_token`` and ``expires_in``
(seconds; about 24 hours). A token is renewed :data:`REFRESH_MARGIN` seconds before it
expires.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from eventdata.exceptions import ApiError

__all__ = [
    "CLIENT_ID",
    "REFRESH_MARGIN",
    "Token",
    "password_grant",
    "read_token",
    "refresh_grant",
]

CLIENT_ID = "acled"
REFRESH_MARGIN = 60.0
"""Seconds before expiry at which a token is renewed."""
_DEFAULT_LIFETIME = 86_400.0


@dataclass
class Token:
    """An access token, the refresh token that came with it and when it expires."""

    access: str
    refresh: str | None
    expires_at: float  # time.monotonic() seconds

    def due(self) -> bool:
        """Whether the token expires within :data:`REFRESH_MARGIN` seconds."""
        return time.monotonic() >= self.expires_at - REFRESH_MARGIN


def password_grant(email: str, password: str) -> dict[str, str]:
    """The form of a login with the account's email and password."""
    return {
        "username": email,
        "password": password,
        "grant_type": "password",
        "client_id": CLIENT_ID,
    }


def refresh_grant(refresh: str) -> dict[str, str]:
    """The form that renews a token with its refresh token."""
    return {
        "grant_type": "refresh_token",
        "refresh_token": refresh,
        "client_id": CLIENT_ID,
    }


def read_token(response: Any, base_url: str) -> Token:
    """The token of a successful answer of ``{base_url}/oauth/token``.

    Raises:
        ApiError: the answer holds no ``access_token``.

    """
    try:
        document = response.json()
        access = str(document["access_token"])
    except (ValueError, KeyError, TypeError):
        raise ApiError(
            f"ACLED login at {base_url}/oauth/token answered without an access_token; "
            "check the base URL (ACLED_API_URL)",
            status=response.status_code,
            url=f"{base_url}/oauth/token",
        ) from None
    lifetime = float(document.get("expires_in") or _DEFAULT_LIFETIME)
    refresh = document.get("refresh_token")
    return Token(access, str(refresh) if refresh else None, time.monotonic() + lifetime)
