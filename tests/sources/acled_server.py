"""A small HTTP server on 127.0.0.1 that behaves like ACLED's API, for the client tests.

It checks credentials at ``POST /oauth/token`` (password and refresh grants, form bodies),
issues bearer tokens that it can expire on demand, serves ``/api/acled/read`` with ACLED's
filters (``:OR:`` values, ``event_date=A|B&event_date_where=BETWEEN``, ``*_where``
operators) and ``limit``/``page`` paging, serves ``/api/deleted/read``, and answers queued
failures (a 429 with ``Retry-After``, a 500, ...) before the real answer.

Like ACLED since May 2026 it sends ``count`` only when ``with_total=true`` is asked for.
It can also misbehave on demand: redirect the login to another origin, trickle its answers
a few bytes at a time, ignore ``page`` or ``limit``, or run a hook before an answer.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

OPERATORS = {
    "=": lambda a, b: a == b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
}
PAGING = {"_format", "limit", "page", "inter_num", "with_total"}


@dataclass
class Failure:
    """A scripted error: the next request for ``path`` is answered with it."""

    path: str
    status: int
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Request:
    """One request as the server received it, for the tests to inspect.

    Attributes:
        params: the query string, one value per name.
        form: the form body of a POST (the OAuth token requests), else empty.
        authorization: the ``Authorization`` header (``Bearer <token>``), if sent.
    """

    method: str
    path: str
    params: dict[str, str]
    form: dict[str, str]
    authorization: str | None


@dataclass
class FakeAcled:
    """The server's state; tests change it between requests."""

    users: dict[str, str] = field(default_factory=dict)
    no_api_access: set[str] = field(default_factory=set)
    empty_access: set[str] = field(default_factory=set)
    events: list[dict[str, str]] = field(default_factory=list)
    deletions: list[dict[str, str]] = field(default_factory=list)
    token_lifetime: int = 86_400
    delay: float = 0.0
    requests: list[Request] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    tokens: dict[str, tuple[str, float]] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    login_redirect: str | None = None
    trickle: float = 0.0
    ignore_page: bool = False
    ignore_limit: bool = False
    before_answer: Any = None

    def fail(
        self,
        path: str,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
        body: dict[str, Any] | None = None,
    ) -> None:
        """Answer the next ``times`` requests to ``path`` with ``status``."""
        for _ in range(times):
            self.failures.append(
                Failure(path, status, headers or {}, body or {"error": f"HTTP {status}"})
            )

    def expire_tokens(self) -> None:
        """Make every issued access token expired (the client still thinks it valid)."""
        with self.lock:
            self.tokens = {t: (email, 0.0) for t, (email, _) in self.tokens.items()}

    @contextmanager
    def holding(self) -> Iterator[threading.Event]:
        """Hold every answer until the block ends; yields an event set once one is held."""
        gate, arrived = threading.Event(), threading.Event()

        def hold(path: str) -> None:
            arrived.set()
            gate.wait(60)

        self.before_answer = hold
        try:
            yield arrived
        finally:
            self.before_answer = None
            gate.set()

    def reads(self, path: str = "/api/acled/read") -> list[Request]:
        """The GET requests to ``path`` so far."""
        return [r for r in self.requests if r.path == path and r.method == "GET"]

    # ------------------------------------------------------------------ answers

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("client_id") != "acled":
            return 400, {"error": "invalid_client"}
        grant = form.get("grant_type")
        if grant == "password":
            email = form.get("username", "")
            if not email or self.users.get(email) != form.get("password"):
                return 400, {"error": "invalid_grant", "error_description": "bad credentials"}
        elif grant == "refresh_token":
            email = self.refresh_tokens.pop(form.get("refresh_token", ""), "")
            if not email:
                return 400, {"error": "invalid_grant", "error_description": "bad refresh token"}
        else:
            return 400, {"error": "unsupported_grant_type"}
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        with self.lock:
            self.tokens[access] = (email, time.time() + self.token_lifetime)
            self.refresh_tokens[refresh] = email
        return 200, {
            "token_type": "Bearer",
            "expires_in": self.token_lifetime,
            "access_token": access,
            "refresh_token": refresh,
        }

    def authorized(self, header: str | None) -> tuple[int, str]:
        if not header or not header.startswith("Bearer "):
            return 401, ""
        email, expires = self.tokens.get(header[len("Bearer ") :], ("", 0.0))
        if not email or expires < time.time():
            return 401, ""
        if email in self.no_api_access:
            return 403, email
        return 200, email

    def select(self, rows: list[dict[str, str]], params: dict[str, str]) -> list[dict[str, str]]:
        for name, value in params.items():
            if name in PAGING or name.endswith("_where"):
                continue
            where = params.get(f"{name}_where", "=")
            wanted = value.split(":OR:")
            rows = [r for r in rows if name in r and matches(r[name], wanted, where)]
        return rows

    def page(self, rows: list[dict[str, str]], params: dict[str, str]) -> dict[str, Any]:
        limit = int(params.get("limit", "5000"))
        number = 1 if self.ignore_page else int(params.get("page", "1"))
        selected = self.select(rows, params)
        chosen = selected if self.ignore_limit else selected[(number - 1) * limit : number * limit]
        answer: dict[str, Any] = {"status": 200, "success": True, "data": chosen}
        if params.get("with_total") == "true":
            answer["total_count"] = len(selected)
            answer["count"] = len(chosen)
        return answer


def matches(value: str, wanted: list[str], where: str) -> bool:
    """ACLED's comparison of one field against the query's values."""
    if where.upper() == "BETWEEN":
        low, high = wanted[0].split("|")
        return low <= value <= high
    if where.upper() == "LIKE":
        return any(w.lower() in value.lower() for w in wanted)
    compare = OPERATORS[where]

    def key(text: str) -> Any:
        return int(text) if text.isdigit() else text.lower()

    return any(compare(key(value), key(w)) for w in wanted)


def _handler(state: FakeAcled) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def _answer(
            self,
            status: int,
            body: Any,
            headers: dict[str, str] | None = None,
            *,
            slow: bool = False,
        ) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not (slow and state.trickle):
                self.wfile.write(data)
                return
            for start in range(0, len(data), 4):  # a few bytes at a time, never done soon
                self.wfile.write(data[start : start + 4])
                self.wfile.flush()
                time.sleep(state.trickle)

        def _record(self, form: dict[str, str]) -> tuple[str, dict[str, str]]:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            state.requests.append(
                Request(self.command, parts.path, params, form, self.headers.get("Authorization"))
            )
            return parts.path, params

        def _queued(self, path: str) -> bool:
            with state.lock:
                failure = next((f for f in state.failures if f.path == path), None)
                if failure is not None:
                    state.failures.remove(failure)
            if failure is None:
                return False
            self._answer(failure.status, failure.body, failure.headers)
            return True

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            text = self.rfile.read(length).decode()
            form = {k: v[-1] for k, v in parse_qs(text).items()}
            path, _ = self._record(form)
            if self._queued(path):
                return
            if path != "/oauth/token":
                self._answer(404, {"error": "not found"})
                return
            if state.login_redirect is not None:
                self._answer(307, {}, {"Location": state.login_redirect})
                return
            status, body = state.token(form)
            self._answer(status, body)

        def do_GET(self) -> None:  # noqa: N802
            path, params = self._record({})
            if self._queued(path):
                return
            if state.delay:
                time.sleep(state.delay)
            if state.before_answer is not None:
                state.before_answer(path)
            status, email = state.authorized(self.headers.get("Authorization"))
            if status != 200:
                self._answer(status, {"message": "Access denied", "status": status})
                return
            if email in state.empty_access:  # an account without a data tier: empty answers
                self._answer(200, {"status": 200, "success": True, "data": []})
                return
            if path == "/api/acled/read":
                self._answer(200, state.page(state.events, params), slow=True)
            elif path == "/api/deleted/read":
                self._answer(200, state.page(state.deletions, params))
            else:
                self._answer(404, {"error": "not found"})

    return Handler


@contextmanager
def serve(state: FakeAcled) -> Iterator[FakeAcled]:
    """Run the fake API on 127.0.0.1 (a free port) while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve_account(
    monkeypatch: pytest.MonkeyPatch, email: str, password: str, events: list[dict[str, str]]
) -> Iterator[FakeAcled]:
    """:func:`serve` with one account and ``events``; its credentials and the URL set in
    the environment (the ``ACLED_API_*`` variables) while the block runs."""
    with serve(FakeAcled(users={email: password}, events=events)) as running:
        monkeypatch.setenv("ACLED_API_EMAIL", email)
        monkeypatch.setenv("ACLED_API_PASSWORD", password)
        monkeypatch.setenv("ACLED_API_URL", running.url)
        yield running
