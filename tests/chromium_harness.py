"""Real headless Chromium for the HTML tests: screenshots, the page's requests, the DOM.

``chromium(page)`` loads a page and gives its screenshot and the requests it made;
``chromium.probe(page, actions)`` loads a copy of the page with a script appended that
acts on the page's own controls and writes what it measures as JSON into the document,
then returns that JSON from Chromium's ``--dump-dom``.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

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


PROBE = """
<script>
window.addEventListener("load", function () {{
  var out = {{}};
  try {{ {actions} }} catch (error) {{ out.error = String(error); }}
  var node = document.createElement("pre");
  node.id = "probe-result";
  node.textContent = JSON.stringify(out);
  document.body.appendChild(node);
}});
</script>
"""
"""Runs ``actions`` (JavaScript that fills ``out``) once the page and its frames loaded."""


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


class Chromium:
    """Headless Chromium on files: screenshots with the net log, and scripted probes."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary = binary
        self.folder = folder

    def __call__(self, page: Path, *, width: int = 1100, height: int = 2400) -> Loaded:
        """Load ``page``; its screenshot and the requests it made."""
        return self.load(page, width=width, height=height)

    def load(self, page: Path, *, width: int = 1100, height: int = 2400) -> Loaded:
        """Load ``page``; its screenshot and the requests it made."""
        binary, tmp_path = self.binary, self.folder
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

    def with_actions(self, page: Path, actions: str) -> Path:
        """A copy of ``page`` beside it that runs ``actions`` once the page's scripts ran."""
        html = page.read_text(encoding="utf-8")
        copy = page.with_name(f"{page.stem}-probed.html")
        copy.write_text(html.replace("</body>", PROBE.format(actions=actions) + "</body>"), "utf-8")
        return copy

    def probe(self, page: Path, actions: str, *, width: int = 1300) -> dict[str, Any]:
        """Run ``actions`` in ``page`` (JavaScript filling ``out``); ``out`` as a dict."""
        copy = self.with_actions(page, actions)
        result = subprocess.run(
            [
                self.binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.folder / ('profile-' + copy.stem)}",
                f"--window-size={width},2000",
                "--dump-dom",
                copy.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
            text=True,
        )
        found = re.search(r'<pre id="probe-result">(.*?)</pre>', result.stdout, re.S)
        assert found is not None, result.stdout[-2000:]
        out: dict[str, Any] = json.loads(unescape(found.group(1)))
        assert "error" not in out, out["error"]
        return out
