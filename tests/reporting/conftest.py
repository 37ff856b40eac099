"""Real headless Chromium for the report tests: a screenshot and the page's own requests."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # nothing resolves: a request the page made would fail, and the net log still shows it
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


@dataclass(frozen=True)
class Loaded:
    """What Chromium did with a page: its screenshot and the URLs the page requested."""

    screenshot: Path
    page_requests: list[str]


def page_requests(net_log: Path) -> list[str]:
    """URLs of the requests a ``file://`` page made (the browser's own traffic left out).

    Chromium tags each request with the network isolation key of the frame that made it:
    the page's requests carry ``file://``; the browser's background requests (clock
    checks, account probes) carry their own site or none.
    """
    document = json.loads(net_log.read_text(encoding="utf-8"))
    names = {code: name for name, code in document["constants"]["logEventTypes"].items()}
    urls = []
    for event in document["events"]:
        params = event.get("params")
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or not isinstance(params, dict):
            continue
        if str(params.get("network_isolation_key", "")).startswith("file://"):
            urls.append(str(params["url"]))
    return urls


@pytest.fixture
def chromium(tmp_path: Path) -> Callable[..., Loaded]:
    """Load an HTML file in headless Chromium; skips when Chromium is not installed."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")

    def load(page: Path, *, width: int = 1100, height: int = 2400) -> Loaded:
        shot = tmp_path / f"{page.stem}.png"
        log = tmp_path / f"{page.stem}.netlog.json"
        profile = tmp_path / f"profile-{page.stem}"
        subprocess.run(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--log-net-log={log}",
                f"--window-size={width},{height}",
                f"--screenshot={shot}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return Loaded(screenshot=shot, page_requests=page_requests(log))

    return load
