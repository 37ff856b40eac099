"""The wire under :class:`~eventdata.sources._http.AcledSession`: secrets, origins, answers.

What the session needs that is not the session: every encoding of a secret (to redact it),
a URL's origin (to refuse redirects elsewhere), ``Retry-After``, an error answer's detail,
and :class:`Answer`, an answer read whole within a deadline and a size bound.
"""

from __future__ import annotations

import base64
import email.utils
import html
import ipaddress
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, urljoin, urlsplit

from eventdata.exceptions import ApiError, AuthenticationError

__all__ = [
    "Answer",
    "Bounds",
    "DeadlinePassed",
    "error_detail",
    "exchange",
    "is_loopback",
    "origin",
    "redactor",
    "retry_after",
    "secret_forms",
]


def secret_forms(secret: str) -> list[str]:
    """Every encoding in which ``secret`` may come back in an answer or an error.

    As typed, URL-encoded (``quote`` and form ``quote_plus``; matched in either hex
    case), JSON-escaped, HTML-escaped and base64 (standard and URL-safe alphabets).
    """
    if not secret:
        return []
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        quote(secret),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        html.escape(secret),
        html.escape(secret, quote=False),
        base64.b64encode(secret.encode()).decode().rstrip("="),
        base64.urlsafe_b64encode(secret.encode()).decode().rstrip("="),
    }
    return sorted((f for f in forms if len(f) >= 3 or f == secret), key=len, reverse=True)


def redactor(secrets: list[str]) -> re.Pattern[str] | None:
    forms: list[str] = []
    for secret in secrets:
        forms += secret_forms(secret)
    if not forms:
        return None
    forms = sorted(set(forms), key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms), re.IGNORECASE)


def origin(url: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` of a URL, default ports filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def error_detail(response: Any, redact: Callable[[str], str]) -> str:
    """A short description of an error answer's body, ``redact``-ed; "" when it is empty."""
    try:
        body = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, Mapping):
        parts = [str(body[k]) for k in ("error", "error_description", "message") if body.get(k)]
        text = "; ".join(parts)
    else:
        text = str(body).strip()
    text = redact(" ".join(text.split()))
    return f": {text[:200]}" if text else ""


class DeadlinePassed(Exception):
    """An answer did not arrive whole within the session's deadline."""


@dataclass
class Answer:
    """An HTTP answer read whole: status, headers, body and the URL it came from."""

    status_code: int
    headers: Any
    content: bytes
    url: str

    @property
    def text(self) -> str:
        """The body as text (undecodable bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON.

        Raises:
            ValueError: the body is not JSON, or nests too deep to parse.

        """
        try:
            return json.loads(self.content)
        except RecursionError:
            raise ValueError("the JSON nests too deep") from None
        except UnicodeDecodeError as exc:
            raise ValueError(str(exc)) from None


_MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Bounds:
    """How the answers to one request are read: named, bounded, redacted.

    Attributes:
        what: what is asked for, as messages name it.
        limit: the most bytes one answer may take.
        deadline: the most seconds one answer may take, headers to last byte.
        redact: removes the secrets from a text that a message shows.
        home: the base URL (and how to change it), named when a redirect leaves it.

    """

    what: str
    limit: int
    deadline: float
    redact: Callable[[str], str]
    home: str


def exchange(client: Any, method: str, url: str, bounds: Bounds, **kwargs: Any) -> Answer:
    """One request and its same-origin redirects, each answer read whole within ``bounds``.

    Another origin is never contacted: the login's password (and a read's token) stays
    with ``bounds.home``, the base URL, named in the message.

    Raises:
        AuthenticationError: the login redirects to another origin.
        ApiError: a read redirects to another origin, too many redirects, or an answer
            larger than ``bounds.limit`` bytes.
        DeadlinePassed: an answer took longer than ``bounds.deadline`` seconds.

    """
    what, redact, home = bounds.what, bounds.redact, bounds.home
    current = url
    for _hop in range(_MAX_REDIRECTS + 1):
        answer = _read(client, method, current, bounds, **kwargs)
        location = answer.headers.get("location")
        if answer.status_code not in _REDIRECTS or not location:
            return answer
        target = urljoin(current, location)
        if origin(target) != origin(current):
            shown = redact(target)
            secret = "password" if method == "POST" else "token"
            raise (AuthenticationError if method == "POST" else ApiError)(
                f"{what}: {redact(current)} redirects (HTTP {answer.status_code}) to another "
                f"origin, {shown}; not followed, so that the {secret} stays with {home}",
                status=answer.status_code,
                url=shown,
            )
        if method == "POST" and answer.status_code not in (307, 308):
            return answer  # a 301/302/303 would turn the login into a GET: an error
        kwargs.pop("params", None)  # the Location carries the query
        current = target
    raise ApiError(
        f"{what}: more than {_MAX_REDIRECTS} redirects from {redact(url)}; check {home}",
        url=redact(url),
    )


def _read(client: Any, method: str, url: str, bounds: Bounds, **kwargs: Any) -> Answer:
    """Read one answer whole, within ``bounds.deadline`` seconds and ``bounds.limit`` bytes."""
    what, limit, redact = bounds.what, bounds.limit, bounds.redact
    started = time.monotonic()

    def too_large(size: int) -> ApiError:
        return ApiError(
            f"{what}: the answer from {redact(url)} is larger than {limit:,} bytes (at least "
            f"{size:,}), more than its rows can take: the server or a proxy ignores limit=. "
            "Check the base URL; raise max_answer_bytes (or page_size) only if the answer "
            "is right",
            url=redact(url),
        )

    with client.stream(method, url, **kwargs) as response:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large(int(declared))
        body = bytearray()
        for chunk in response.iter_bytes():
            if len(body) + len(chunk) > limit:
                raise too_large(len(body) + len(chunk))
            if time.monotonic() - started > bounds.deadline:
                raise DeadlinePassed
            body += chunk
        return Answer(response.status_code, response.headers, bytes(body), str(response.url))
