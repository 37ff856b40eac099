"""Say why a download fails or comes back empty: :func:`check_acled`, step by step.

The steps, in order; the first that fails ends the check and is named with its fix:

1. ``credentials``: an email and a password are given or set in the environment.
2. ``reach``: ACLED's token endpoint answers (not a network error, a timeout or a 5xx).
3. ``login``: the password grant is accepted (ACLED refuses a wrong password with 400).
4. ``access``: the token may read events (ACLED accepts the login of an account that has
   no API access tier, then refuses every read with 403).
5. ``filters``: each country and region is a name ACLED uses (else the closest names).
6. ``query``: the query matches events; when it matches none, which filter empties it
   (the date range, or one filter that alone matches nothing).

Counts come from ``with_total=true`` with ``limit=1`` (one small request per count):
since May 2026 ACLED sends a total only when asked.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from eventdata.exceptions import ApiError, AuthenticationError
from eventdata.sources._http import (
    EMAIL_ENV,
    PASSWORD_ENV,
    AcledSession,
    answer_object,
    new_session,
    session_settings,
)
from eventdata.sources._query import Moment, Value, acled_query, describe_query, given_query
from eventdata.vocabulary.acled_countries import (
    ACLED_COUNTRY_NAMES,
    ACLED_REGIONS,
    ACLED_SEAS,
    name_key,
)
from eventdata.vocabulary.countries import COUNTRIES

__all__ = ["CheckReport", "CheckStep", "acled_country_names", "check_acled"]

Status = Literal["ok", "failed", "skipped"]
STEPS = ("credentials", "reach", "login", "access", "filters", "query")
_EVENTS = "/api/acled/read"


@dataclass
class CheckStep:
    """One step of :func:`check_acled`.

    Attributes:
        name: ``credentials``, ``reach``, ``login``, ``access``, ``filters`` or ``query``.
        status: ``ok``, ``failed`` or ``skipped`` (an earlier step failed).
        detail: what was found, and for a failure how to fix it.
    """

    name: str
    status: Status
    detail: str


@dataclass
class CheckReport:
    """What :func:`check_acled` found.

    Attributes:
        steps: every step in order.
        query: the query checked (ACLED's parameters).
        total: events the query matches (None when not reached, or ACLED gave no total).
    """

    steps: list[CheckStep] = field(default_factory=list)
    query: dict[str, str] = field(default_factory=dict)
    total: int | None = None

    @property
    def ok(self) -> bool:
        """Whether every step passed."""
        return all(s.status == "ok" for s in self.steps)

    @property
    def failed(self) -> CheckStep | None:
        """The step that failed, or None."""
        return next((s for s in self.steps if s.status == "failed"), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``ok``, ``failed`` (a step name or None), the steps."""
        failed = self.failed
        return {
            "ok": self.ok,
            "failed": failed.name if failed else None,
            "query": self.query,
            "total": self.total,
            "steps": [asdict(s) for s in self.steps],
        }

    def __str__(self) -> str:
        marks = {"ok": "ok     ", "failed": "FAILED ", "skipped": "skipped"}
        lines = [f"{marks[s.status]} {s.name}: {s.detail}" for s in self.steps]
        failed = self.failed
        lines.append(
            "ACLED check passed." if failed is None else f"ACLED check failed at: {failed.name}."
        )
        return "\n".join(lines)


def acled_country_names() -> frozenset[str]:
    """The country names ACLED's ``country=`` filter knows: countries, Kosovo and seas."""
    names = {ACLED_COUNTRY_NAMES.get(c.numeric, (c.name,))[0] for c in COUNTRIES}
    return frozenset(names | {"Kosovo"} | set(ACLED_SEAS))


def _closest(name: str, choices: frozenset[str]) -> list[str]:
    by_key = {name_key(c): c for c in choices}
    key = name_key(name)
    found = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)]
    if len(key) >= 3:
        found += sorted(c for k, c in by_key.items() if k.startswith(key))
    return list(dict.fromkeys(found))[:3]


def _filter_problems(query: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Country and region values the vocabulary does not know: (filter, value, message)."""
    problems: list[tuple[str, str, str]] = []
    countries = acled_country_names()
    exact = {name_key(c): c for c in countries}
    for value in query.get("country", "").split(":OR:") if query.get("country") else []:
        if value in countries:
            continue
        if name_key(value) in exact:
            spelt = exact[name_key(value)]
            problems.append(("country", value, f"country {value!r}: ACLED spells it {spelt!r}"))
            continue
        near = _closest(value, countries)
        hint = f"; closest: {', '.join(near)}" if near else ""
        problems.append(("country", value, f"country {value!r} is not a name ACLED uses{hint}"))
    for value in query.get("region", "").split(":OR:") if query.get("region") else []:
        if value.isdigit() or value in ACLED_REGIONS:
            continue
        near = _closest(value, frozenset(ACLED_REGIONS))
        hint = f"; closest: {', '.join(near)}" if near else ""
        problems.append(("region", value, f"region {value!r} is not one of ACLED's regions{hint}"))
    return problems


def _total(session: AcledSession, params: Mapping[str, str]) -> int:
    """Events matching ``params``: ACLED's total when it sends one, else 0 or 1 (seen)."""
    query = {**params, "_format": "json", "limit": "1", "page": "1", "with_total": "true"}
    what = "ACLED events (count)"
    document = answer_object(session.get_json(_EVENTS, query, what=what), what, session)
    for key in ("total_count", "total", "count"):
        value = document.get(key)
        if isinstance(value, (int, str)) and str(value).isdigit():
            if key != "count" or int(value) > 1:
                return int(value)
    data = document.get("data")
    return 1 if isinstance(data, list) and data else 0


def _why_empty(session: AcledSession, query: dict[str, str]) -> str:
    """Which filter empties the query: the date range, or one that alone matches nothing."""
    dates = {k: v for k, v in query.items() if k.startswith("event_date")}
    others = {k: v for k, v in query.items() if not k.startswith("event_date")}
    if dates and others and _total(session, others) > 0:
        return (
            f"the date range ({describe_query(dates)}) has no events for "
            f"{describe_query(others)}, which has some at other dates: widen the dates"
        )
    for key, value in others.items():
        if key.endswith("_where"):
            continue
        single = {key: value}
        if f"{key}_where" in query:
            single[f"{key}_where"] = query[f"{key}_where"]
        if _total(session, single) == 0:
            return f"{describe_query(single)} alone matches no event: check that filter"
    return "each filter matches events alone, but not together: loosen one of them"


def _steps(report: CheckReport, session_options: dict[str, Any]) -> Iterator[CheckStep]:
    try:
        session = new_session(session_options)
    except AuthenticationError as exc:
        yield CheckStep("credentials", "failed", str(exc))
        return
    except ApiError as exc:  # a base URL that is no http(s) URL
        yield CheckStep("credentials", "ok", "email and password given")
        yield CheckStep("reach", "failed", str(exc))
        return
    with session:
        yield CheckStep("credentials", "ok", f"email {session.email}, password given")
        try:
            session.login()
        except AuthenticationError as exc:
            if exc.status not in (400, 401, 403):  # e.g. a redirect to another origin
                yield CheckStep("reach", "failed", f"{exc}")
                return
            yield CheckStep("reach", "ok", f"{session.base_url} answered")
            yield CheckStep(
                "login",
                "failed",
                f"the password was refused: {exc}. Check {EMAIL_ENV} and {PASSWORD_ENV}; "
                "reset the password in myACLED if needed",
            )
            return
        except ApiError as exc:
            cause = "failing" if exc.status is not None else "unreachable"
            yield CheckStep(
                "reach",
                "failed",
                f"ACLED is {cause}: {exc}. Check the network and the base URL "
                f"({session.base_url}); if acleddata.com is down, try later",
            )
            return
        yield CheckStep("reach", "ok", f"{session.base_url} answered")
        yield CheckStep("login", "ok", "the password grant gave a token")
        try:
            every = _total(
                session, {"event_date": dt.date.today().isoformat(), "event_date_where": "<="}
            )
        except AuthenticationError as exc:
            yield CheckStep(
                "access",
                "failed",
                f"the login works but the account may not read data (HTTP {exc.status}): "
                "ACLED accepts the login of accounts without an API access tier. In myACLED, "
                "check that the account has API access and its terms of use are accepted",
            )
            return
        except ApiError as exc:
            yield CheckStep(
                "access",
                "failed",
                f"reading events failed: {session.redact(str(exc))}. If ACLED's message is "
                "about access, check in myACLED that the account has API access",
            )
            return
        if every == 0:
            yield CheckStep(
                "access",
                "failed",
                "the token reads no event at all, of any country or date: the account has "
                "no data access (ACLED lets accounts without an API access tier log in and "
                "answers them empty). In myACLED, check the account's API access",
            )
            return
        yield CheckStep("access", "ok", "the token reads events")
        try:  # a name the vocabulary lacks but ACLED has events for is ACLED's (a new name)
            problems = [
                message
                for key, value, message in _filter_problems(report.query)
                if _total(session, {key: value}) == 0
            ]
        except ApiError as exc:
            yield CheckStep("filters", "failed", f"ACLED failed on a filter: {exc}")
            return
        if problems:
            yield CheckStep("filters", "failed", "; ".join(problems))
            return
        yield CheckStep("filters", "ok", f"{describe_query(report.query)}")
        try:
            report.total = _total(session, report.query)
            empty = _why_empty(session, report.query) if report.total == 0 else None
        except ApiError as exc:
            yield CheckStep("query", "failed", f"ACLED failed on the query: {exc}")
            return
        if empty is not None:
            yield CheckStep("query", "failed", f"no event matches; {empty}")
        else:
            yield CheckStep("query", "ok", f"{report.total:,} events match")


def check_acled(
    *,
    country: Value | None = None,
    region: Value | None = None,
    start_date: str | dt.date | None = None,
    end_date: str | dt.date | None = None,
    timestamp: Moment | None = None,
    event_types: Value | None = None,
    email: str | None = None,
    password: str | None = None,
    base_url: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    backoff: float | None = None,
    **filters: Any,
) -> CheckReport:
    """Check step by step that ACLED's API will answer a query, and name what fails.

    Takes the query and connection arguments of :func:`eventdata.fetch_acled`. Steps:
    credentials, reach, login, access, filters, query (see the module's docs).

    Returns:
        A :class:`CheckReport`: ``ok``, ``failed`` (the first failing step), ``steps``
        with their details, and ``total`` (events the query matches). Never raises for
        what it checks; a failing step is reported, with how to fix it.

    Raises:
        ValueError: the query itself is malformed (a date that is not ``YYYY-MM-DD``,
            an unknown event type).
        MissingExtraError: httpx is not installed.

    Example:
        >>> report = check_acled(country="Somalia", start_date="2025-01-01")  # doctest: +SKIP
        >>> print(report)  # doctest: +SKIP

    """
    arguments = dict(locals())  # first: the arguments as given
    report = CheckReport(query=acled_query(**given_query(arguments)))
    report.steps = list(_steps(report, session_settings(arguments)))
    done = {s.name for s in report.steps}
    report.steps += [
        CheckStep(n, "skipped", "an earlier step failed") for n in STEPS if n not in done
    ]
    return report
