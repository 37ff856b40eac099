"""The HTTP session for ACLED's API: OAuth password grant, bearer token, retries.

ACLED's API (since September 2025) authenticates with an OAuth password grant:
``POST {base}/oauth/token`` with ``username``, ``password``, ``grant_type=password`` and
``client_id=acled`` answers ``access_token`` (valid about 24 hours), ``refresh_token`` and
``expires_in``. Reads send ``Authorization: Bearer <access_token>``. A token about to
expire is refreshed (``grant_type=refresh_token``), or requested again when refreshing
fails; a read answered 401 gets one new token and one more try.

Requests answered 429 wait for ``Retry-After`` (seconds or an HTTP date), 5xx answers,
timeouts and network errors wait ``backoff * 2**attempt`` seconds; after ``max_retries``
retries :class:`~eventdata.exceptions.ApiError` is raised.

The password stays between the client and the base URL: no message contains it in any
encoding (as typed, URL- or form-encoded, JSON- or HTML-escaped, base64), nor a token; the
login never follows a redirect to another origin (scheme, host, port), and reads follow
same-origin redirects only; an ``http://`` base URL other than the loopback address warns
that the password would cross the network unencrypted. Every answer has an overall
deadline (``timeout`` per read, ``deadline`` for the whole answer, so a server trickling a
byte a second fails) and a size bound (``max_answer_bytes``).
"""

from __future__ import annotations

import os
import re
import time
import warnings
from collections.abc import Mapping
from types import ModuleType, TracebackType
from typing import Any

from eventdata._version import __version__
from eventdata._warn import outside_stacklevel
from eventdata.exceptions import (
    ApiError,
    AuthenticationError,
    MissingExtraError,
    PlainHttpWarning,
)
from eventdata.sources._token import Token, password_grant, read_token, refresh_grant
from eventdata.sources._wire import (
    Answer,
    Bounds,
    DeadlinePassed,
    error_detail,
    exchange,
    is_loopback,
    origin,
    redactor,
    retry_after,
)

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "EMAIL_ENV",
    "PASSWORD_ENV",
    "AcledSession",
    "PlainHttpWarning",
    "SESSION_OPTIONS",
    "answer_object",
    "new_session",
    "require_httpx",
    "session_settings",
]

DEFAULT_BASE_URL = "https://acleddata.com"
"""ACLED's API host; ``/oauth/token``, ``/api/acled/read`` and ``/api/deleted/read`` below it."""
EMAIL_ENV = "ACLED_API_EMAIL"
"""Environment variable read for the myACLED account email when none is passed."""
PASSWORD_ENV = "ACLED_API_PASSWORD"
"""Environment variable read for the myACLED account password when none is passed."""
BASE_URL_ENV = "ACLED_API_URL"
"""Environment variable read for the API base URL when none is passed."""
DEFAULT_MAX_ANSWER_BYTES = 256 * 1024 * 1024
"""The largest answer read (bytes); a 5,000-row ACLED page is about 10 MB."""


def require_httpx() -> ModuleType:
    """Import httpx, or explain which extra to install.

    Raises:
        MissingExtraError: httpx is not installed.

    """
    try:
        import httpx
    except ImportError:
        raise MissingExtraError(
            "downloading from the ACLED API needs the optional dependency httpx; "
            "install it with: pip install 'eventdata[api]'"
        ) from None
    return httpx


class AcledSession:
    """One authenticated connection to ACLED's API, reused for every request.

    Args:
        email: the myACLED account email; default ``$ACLED_API_EMAIL``.
        password: its password; default ``$ACLED_API_PASSWORD``.
        base_url: the API host; default ``$ACLED_API_URL`` or ``https://acleddata.com``.
        timeout: seconds to wait for a connection or for each read of an answer.
        max_retries: retries of a request answered 429 or 5xx, or that timed out.
        backoff: the first wait between retries in seconds, doubled each retry.
        max_wait: the longest single wait (also caps ``Retry-After``).
        deadline: seconds an answer may take as a whole, headers to last byte (default
            ``max(4 * timeout, 120)``); a server that trickles bytes fails after it.
        max_answer_bytes: the largest answer read; a larger one fails without being held.

    Raises:
        MissingExtraError: httpx is not installed.
        AuthenticationError: no email or password was passed or set in the environment.
        ApiError: the base URL is not an http(s) URL.

    """

    def __init__(
        self,
        *,
        email: str | None = None,
        password: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 5,
        backoff: float = 1.0,
        max_wait: float = 300.0,
        deadline: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        httpx = require_httpx()
        self.email = email or os.environ.get(EMAIL_ENV) or ""
        self._password = password or os.environ.get(PASSWORD_ENV) or ""
        if not self.email or not self._password:
            lacking = " and ".join(
                name
                for name, value in (("email", self.email), ("password", self._password))
                if not value
            )
            raise AuthenticationError(
                f"no ACLED {lacking}: pass email= and password=, or set {EMAIL_ENV} and "
                f"{PASSWORD_ENV} to your myACLED account's email and password"
            )
        self.base_url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.deadline = deadline if deadline is not None else max(4 * timeout, 120.0)
        self.max_answer_bytes = max_answer_bytes
        self.requests = 0
        self.refreshes = 0
        self.logins = 0
        scheme, host, _port = origin(self.base_url)
        if scheme not in ("http", "https") or not host:
            raise ApiError(
                f"base URL {self.base_url!r} is not an http(s) URL; pass base_url= or set "
                f"{BASE_URL_ENV} to e.g. {DEFAULT_BASE_URL}"
            )
        if scheme == "http" and not is_loopback(host):
            warnings.warn(
                f"the ACLED base URL {self.base_url} is plain http://: your password and "
                "token would cross the network unencrypted; use https://",
                PlainHttpWarning,
                stacklevel=outside_stacklevel(),
            )
        self._httpx = httpx
        self._token: Token | None = None
        self._redaction_key: tuple[str, ...] = ()
        self._redaction: re.Pattern[str] | None = None
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": f"eventdata/{__version__}", "Accept": "application/json"},
            follow_redirects=False,
        )

    def __enter__(self) -> AcledSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    # ------------------------------------------------------------------ messages

    def redact(self, text: str) -> str:
        """``text`` with the password and tokens, in any encoding, replaced by ``***``."""
        secrets = [self._password]
        if self._token is not None:
            secrets += [self._token.access, self._token.refresh or ""]
        key = tuple(secrets)
        if key != self._redaction_key:
            self._redaction_key = key
            self._redaction = redactor([s for s in secrets if s])
        if self._redaction is None:
            return text
        return self._redaction.sub("***", text)

    def _detail(self, response: Any) -> str:
        """A short, redacted description of an error answer's body."""
        return error_detail(response, self.redact)

    # ------------------------------------------------------------------ tokens

    def _token_request(self, data: dict[str, str]) -> Any:
        url = f"{self.base_url}/oauth/token"
        return self._send("POST", url, data=data, what="ACLED login")

    def login(self) -> None:
        """Request a new token with the password grant.

        Raises:
            AuthenticationError: the credentials were refused.
            ApiError: the token endpoint failed after retries.

        """
        response = self._token_request(password_grant(self.email, self._password))
        if response.status_code in (400, 401, 403):
            raise AuthenticationError(
                f"ACLED refused the login of {self.email} (HTTP {response.status_code}"
                f"{self._detail(response)}); check {EMAIL_ENV} and {PASSWORD_ENV} (or the "
                "email= and password= arguments), and that the account has API access",
                status=response.status_code,
                url=f"{self.base_url}/oauth/token",
            )
        self._raise_for_status(response, "ACLED login")
        self._token = read_token(response, self.base_url)

    def _renew(self) -> None:
        """Refresh the token, or log in again when there is none or refreshing fails."""
        token = self._token
        if token is not None and token.refresh:
            response = self._token_request(refresh_grant(token.refresh))
            if response.status_code == 200:
                self._token = read_token(response, self.base_url)
                return
        self.login()

    def _bearer(self) -> str:
        if self._token is None:
            self.login()
        elif self._token.due():
            self._renew()
        assert self._token is not None
        return self._token.access

    # ------------------------------------------------------------------ requests

    def get_json(
        self, path: str, params: Mapping[str, Any], *, what: str, max_bytes: int | None = None
    ) -> Any:
        """GET ``{base}{path}`` with the bearer token and return the parsed JSON answer.

        Args:
            path: e.g. ``/api/acled/read``.
            params: query parameters (values are sent as text).
            what: what is requested, for messages (``ACLED events page 3``).
            max_bytes: a tighter bound than ``max_answer_bytes`` for this answer (a page
                of ``limit`` rows cannot be larger than so many bytes).

        Raises:
            AuthenticationError: 401 after a new token, or 403.
            ApiError: any other failure after retries, or an answer that is not JSON.

        """
        url = f"{self.base_url}{path}"
        response = None
        for attempt in range(2):
            headers = {"Authorization": f"Bearer {self._bearer()}"}
            response = self._send(
                "GET", url, params=params, headers=headers, what=what, max_bytes=max_bytes
            )
            if response.status_code != 401 or attempt:
                break
            self._token = None  # expired or revoked on the server: log in again
        assert response is not None
        shown = self.redact(str(response.url))
        if response.status_code in (401, 403):
            reason = (
                "the token was refused even after logging in again"
                if response.status_code == 401
                else "access denied: the account may lack API access, or its terms of use "
                "are not accepted in myACLED"
            )
            raise AuthenticationError(
                f"{what}: HTTP {response.status_code} from {shown}{self._detail(response)}; "
                f"{reason}",
                status=response.status_code,
                url=shown,
            )
        self._raise_for_status(response, what)
        try:
            return response.json()
        except ValueError:
            raise ApiError(
                f"{what}: {shown} answered {response.headers.get('content-type', 'something')}"
                " that is not JSON; check the base URL (ACLED_API_URL)",
                status=response.status_code,
                url=shown,
            ) from None

    def _raise_for_status(self, response: Any, what: str) -> None:
        if response.status_code < 400:
            return
        shown = self.redact(str(response.url))
        raise ApiError(
            f"{what}: HTTP {response.status_code} from {shown}{self._detail(response)}",
            status=response.status_code,
            url=shown,
        )

    def _wait(self, attempt: int, response: Any | None) -> float:
        wait = None
        if response is not None and response.status_code == 429:
            wait = retry_after(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.backoff * (2**attempt)
        return min(wait, self.max_wait)

    def _send(
        self, method: str, url: str, *, what: str, max_bytes: int | None = None, **kwargs: Any
    ) -> Answer:
        """Send one request, retrying 429, 5xx, timeouts and network errors."""
        httpx = self._httpx
        bounds = Bounds(
            what=what,
            limit=min(self.max_answer_bytes, max_bytes or self.max_answer_bytes),
            deadline=self.deadline,
            redact=self.redact,
            home=f"{self.base_url} (if ACLED moved, set {BASE_URL_ENV} or base_url=)",
        )
        for attempt in range(self.max_retries + 1):
            response = None
            try:
                self.requests += 1
                response = exchange(self._client, method, url, bounds, **kwargs)
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
            except DeadlinePassed:
                problem = (
                    f"the answer was still arriving after {self.deadline:g} s (a server "
                    "sending very slowly)"
                )
            except httpx.TransportError as exc:
                problem = f"network error ({type(exc).__name__}: {self.redact(str(exc))})"
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response
                problem = f"HTTP {response.status_code}{self._detail(response)}"
            if attempt == self.max_retries:
                raise ApiError(
                    f"{what}: {problem} from {self.redact(url)}, after {attempt + 1} attempts; "
                    "try again later (429: ACLED's rate limit; 5xx: ACLED's servers)",
                    status=response.status_code if response is not None else None,
                    url=self.redact(url),
                )
            time.sleep(self._wait(attempt, response))
        raise AssertionError("unreachable")  # pragma: no cover


SESSION_OPTIONS = ("email", "password", "base_url", "timeout", "max_retries", "backoff")
"""The settings of an :class:`AcledSession` that callers pass through."""


def session_settings(options: Mapping[str, Any], /) -> dict[str, Any]:
    """The :data:`SESSION_OPTIONS` in ``options`` that are given (not None).

    ``options`` may hold other names too, e.g. all the arguments of a public function
    (its ``locals()`` on entry).
    """
    return {k: options[k] for k in SESSION_OPTIONS if options.get(k) is not None}


def new_session(options: Mapping[str, Any]) -> AcledSession:
    """A session from the :data:`SESSION_OPTIONS` in ``options`` that are given (not None)."""
    return AcledSession(**session_settings(options))


def answer_object(document: Any, what: str, session: AcledSession) -> Mapping[str, Any]:
    """An answer as a JSON object, or ApiError naming what ACLED said instead."""
    if not isinstance(document, Mapping):
        raise ApiError(f"{what}: the answer is not a JSON object")
    if document.get("success") is False or document.get("error"):
        error = document.get("error") or document.get("message") or "no reason given"
        raise ApiError(f"{what}: ACLED answered an error: {session.redact(str(error))[:300]}")
    return document
