"""The documentation site: it builds with warnings as errors, and every public name has a page.

The site is built with Sphinx into a temporary folder (or, when ``EVENTDATA_DOCS_HTML``
names a folder ``make docs`` built, that build is used) and opened in real headless
Chromium, which follows the links from the home page to the Python API index and from there
to each name's page. Skips when Sphinx (the docs extra) or Chromium is missing.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import eventdata

pytest.importorskip("sphinx", reason="the docs extra (sphinx, myst-parser, furo) is missing")
pytest.importorskip("myst_parser", reason="the docs extra (sphinx, myst-parser, furo) is missing")
pytest.importorskip("furo", reason="the docs extra (sphinx, myst-parser, furo) is missing")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SECTIONS = ["Tutorial", "How-to guides", "Reference", "Explanation"]

# Loads the home page, follows its link to the API index, then each link of the index, with
# synchronous requests, so the result is in the DOM when Chromium dumps it after loading.
HARNESS = """<!doctype html><html><body><pre id="result">not run</pre><script>
function load(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.send();
  return new DOMParser().parseFromString(request.responseText, "text/html");
}
const home = new URL("index.html", SITE);
const homePage = load(home.href);
const captions = [...homePage.querySelectorAll(".sidebar-tree .caption")]
  .map((c) => c.textContent.trim());
const apiLink = [...homePage.querySelectorAll(".sidebar-tree a")]
  .find((a) => a.textContent.trim() === "The Python API");
const apiIndex = new URL(apiLink.getAttribute("href"), home);
const names = {};
for (const a of load(apiIndex.href).querySelectorAll("article td:first-child a")) {
  const name = a.textContent.trim();
  const target = new URL(a.getAttribute("href"), apiIndex);
  if (!target.pathname.includes("/python-api/") || name in names) continue;
  const page = load(target.href);
  const signature = page.getElementById("eventdata." + name);
  const body = signature ? signature.nextElementSibling : null;
  names[name] = {
    page: target.pathname.split("/").pop(),
    title: (page.querySelector("h1 code") || {textContent: ""}).textContent.trim(),
    signature: signature ? signature.textContent.trim() : "",
    doc: body ? body.textContent.trim() : "",
  };
}
document.getElementById("result").textContent = JSON.stringify({captions, names});
</script></body></html>
"""


def _sphinx(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q"]
        + [str(source), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def _chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return binary


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("EVENTDATA_DOCS_HTML")
    if built:
        return Path(built).resolve()
    out = tmp_path_factory.mktemp("site")
    result = _sphinx(DOCS, out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_public_name_has_a_page_the_browser_reaches(site: Path, tmp_path: Path) -> None:
    harness = tmp_path / "harness.html"
    harness.write_text(
        HARNESS.replace("SITE);", json.dumps(site.as_uri() + "/") + ");", 1), encoding="utf-8"
    )

    dom = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        + ["--allow-file-access-from-files", f"--user-data-dir={tmp_path / 'profile'}"]
        + ["--dump-dom", harness.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout

    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None, dom[:2000]
    result = json.loads(html.unescape(found.group(1)))
    assert result["captions"] == SECTIONS
    pages = result["names"]
    assert sorted(pages) == sorted(eventdata.__all__)
    for name, page in pages.items():
        assert page["title"] == name, (name, page)
        assert f"eventdata.{name}" in page["signature"].replace("\n", ""), (name, page)
        assert len(page["doc"]) > 10, (name, page)
    assert pages["validate"]["page"] == "validate.html"
    assert pages["diff"]["page"] != pages["Diff"]["page"]  # distinct without case


def test_the_site_loads_nothing_from_the_network(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    remote = re.compile(r"""<(?:script|img|link)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""")

    offending = [page.name for page in pages if remote.search(page.read_text(encoding="utf-8"))]

    assert len(pages) > len(eventdata.__all__)
    assert offending == []


def _mini_site(tmp_path: Path, index: str, conf_extra: str) -> Path:
    source = tmp_path / "docs"
    source.mkdir()
    real_conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    (source / "conf.py").write_text(real_conf + "\n" + conf_extra, encoding="utf-8")
    (source / "index.md").write_text(index, encoding="utf-8")
    (source / "public-names.md").write_text("# Public names\n", encoding="utf-8")
    return source


MINI_INDEX = """# Home

```{toctree}
:caption: How-to guides

public-names
```

```{toctree}
:caption: Reference

python-api/index
```
"""


def test_a_public_name_without_a_docstring_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "undocumented_module.py").write_text(
        "def undocumented(x):\n    return x\n", encoding="utf-8"
    )
    source = _mini_site(
        tmp_path,
        MINI_INDEX,
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "eventdata._EXPORTS['undocumented'] = 'undocumented_module'\n"
        "eventdata.__all__ = ['validate', 'undocumented']\n",
    )

    result = _sphinx(source, tmp_path / "out")

    assert result.returncode != 0
    assert "eventdata.undocumented (defined in undocumented_module) has no docstring" in (
        result.stderr
    )
    assert "eventdata.validate" not in result.stderr


def test_a_new_page_joins_the_how_to_guides_without_an_edit(tmp_path: Path) -> None:
    source = _mini_site(tmp_path, MINI_INDEX, "eventdata.__all__ = ['validate']\n")
    (source / "new-guide.md").write_text("# A new guide\n\nText.\n", encoding="utf-8")

    result = _sphinx(source, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="new-guide.html"' in home
    assert (tmp_path / "out" / "python-api" / "validate.html").exists()


def test_a_name_its_module_deprecates_says_so_on_its_page(tmp_path: Path) -> None:
    (tmp_path / "retiring_module.py").write_text(
        "import warnings\n\n\n"
        "def newer(x):\n"
        '    """Return ``x``: the function to call."""\n'
        "    return x\n\n\n"
        "def __getattr__(name):\n"
        "    if name == 'older':\n"
        "        warnings.warn('older is newer under an older name; call newer', "
        "DeprecationWarning, stacklevel=2)\n"
        "        return newer\n"
        "    raise AttributeError(name)\n",
        encoding="utf-8",
    )
    source = _mini_site(
        tmp_path,
        MINI_INDEX,
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "eventdata._EXPORTS['older'] = 'retiring_module'\n"
        "eventdata.__all__ = ['validate', 'older']\n",
    )

    result = _sphinx(source, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    older = (tmp_path / "out" / "python-api" / "older.html").read_text(encoding="utf-8")
    current = (tmp_path / "out" / "python-api" / "validate.html").read_text(encoding="utf-8")
    assert "Deprecated" in older
    assert "older is newer under an older name; call newer" in older
    assert "Deprecated" not in current
