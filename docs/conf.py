"""Sphinx configuration of the eventdata documentation site (``make docs``).

The pages are the Markdown files of this folder (MyST). Two parts are written at build time:

- the Python API reference, one page per name of ``eventdata.__all__`` under
  ``python-api/`` (not committed), so a name added to ``__all__`` gets its page without an
  edit here; a public name without a docstring is a build warning, and the build treats
  warnings as errors (``-W``);
- the how-to toctree of ``index.md`` gains every page of this folder that no toctree names,
  so a new page is on the site without an edit here.
"""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
import sys
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import eventdata  # noqa: E402

project = "eventdata"
author = "eventdata contributors"
copyright = "eventdata contributors"  # noqa: A001
release = eventdata.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"

html_theme = "furo"
html_title = f"eventdata {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
    "exclude-members": "model_config, model_fields, model_computed_fields",  # pydantic's own
}
autodoc_class_signature = "separated"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as fields, so autodoc's members are not described twice
napoleon_use_rtype = False

API_DIR = "python-api"
"""The folder (inside docs/) that receives one generated page per public name."""

HOW_TO_CAPTION = ":caption: How-to guides"
"""The line of ``index.md`` that opens the toctree new pages are added to."""


# --- the Python API reference ----------------------------------------------------------


def resolve(name: str) -> tuple[Any, str]:
    """A public name's object, and the message of the DeprecationWarning its lookup gives.

    The name is looked up in the module that defines it (not in the package, which caches
    what it resolved), so a name deprecated by its module's ``__getattr__`` is seen as such
    on every build.
    """
    exports: dict[str, str] = getattr(eventdata, "_EXPORTS", {})
    module = importlib.import_module(exports[name]) if name in exports else eventdata
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        obj = getattr(module, name)
    deprecations = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    return obj, " ".join(deprecations)


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isroutine(obj):
        return "function"
    return "data"


def _attribute_doc(name: str) -> str:
    """The docstring written under a module-level assignment of ``name``, or ``""``."""
    from sphinx.pycode import ModuleAnalyzer

    exports: dict[str, str] = getattr(eventdata, "_EXPORTS", {})
    for module in (exports.get(name), "eventdata._version", "eventdata"):
        if module is None:
            continue
        docs = ModuleAnalyzer.for_module(module).find_attr_docs()
        lines = docs.get(("", name))
        if lines and "".join(lines).strip():
            return "\n".join(line.rstrip() for line in lines).strip()
    return ""


def _own_doc(obj: Any) -> str:
    """The object's own docstring, not one inherited from a base class or from typing."""
    if inspect.isclass(obj):
        return str(obj.__dict__.get("__doc__") or "").strip()
    return str(getattr(obj, "__doc__", None) or "").strip()


def _data_page(name: str, obj: Any, doc: str) -> list[str]:
    lines = [f".. py:data:: eventdata.{name}"]
    value = repr(obj)
    if isinstance(obj, (str, int, float)) and len(value) <= 60:
        lines.append(f"   :value: {value}")
    elif not isinstance(obj, (str, int, float)):
        lines.append(f"   :type: {type(obj).__name__}")
    lines.append("")
    lines += [f"   {line}" if line else "" for line in inspect.cleandoc(doc).splitlines()]
    return lines


def page_names(objects: dict[str, Any]) -> dict[str, str]:
    """The page (file) name of each public name; unique on case-insensitive file systems.

    A name is its own page name unless another differs only in case (``diff``, ``Diff``):
    then each takes its kind as a suffix (``diff-function``, ``diff-class``).
    """
    lower = [name.lower() for name in objects]
    pages = {}
    for name, obj in objects.items():
        if lower.count(name.lower()) > 1:
            pages[name] = f"{name.lower()}-{_kind(obj)}"
        else:
            pages[name] = name
    return pages


def _page(name: str, page: str, obj: Any, kind: str, doc: str, deprecated: str) -> str:
    title = f"``{name}``"
    lines = [f".. _api-{page}:", "", title, "=" * len(title), ""]
    if deprecated:
        lines += [".. admonition:: Deprecated", "   :class: warning", "", f"   {deprecated}", ""]
    if kind == "data":
        lines += _data_page(name, obj, doc)
    else:
        lines.append(f".. auto{kind}:: eventdata.{name}")
    return "\n".join(lines) + "\n"


def _layer(name: str) -> str:
    exports: dict[str, str] = getattr(eventdata, "_EXPORTS", {})
    module = exports.get(name, "eventdata")
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "eventdata"


_KIND_TITLES = {
    "function": "functions",
    "class": "classes",
    "exception": "exceptions and warnings",
    "data": "constants",
}


def _index(entries: list[tuple[str, str]], pages: dict[str, str], objects: dict[str, Any]) -> str:
    """The API index: every public name, grouped by kind, each linking to its page."""
    lines = [
        "The Python API",
        "==============",
        "",
        "Every name ``eventdata`` exports (its ``__all__``), one page each, generated from the",
        "docstrings. Import them from the package: ``from eventdata import validate``. Other",
        "modules are internal; see :doc:`/public-names` for what these names promise.",
        "",
    ]
    for kind, heading in _KIND_TITLES.items():
        names = sorted((n for n, k in entries if k == kind), key=str.lower)
        if not names:
            continue
        lines += [heading.capitalize(), "-" * len(heading), ""]
        lines += [".. list-table::", "   :widths: 30 70", ""]
        for name in names:
            summary = _summary(name, objects[name])
            lines += [f"   * - :ref:`{name} <api-{pages[name]}>`", f"     - {summary}"]
        lines.append("")
    lines += [".. toctree::", "   :hidden:", ""]
    lines += [f"   {pages[name]}" for name, _ in sorted(entries, key=lambda e: e[0].lower())]
    return "\n".join(lines) + "\n"


def _summary(name: str, obj: Any) -> str:
    doc = _own_doc(obj) if _kind(obj) != "data" else _attribute_doc(name)
    first = doc.strip().split("\n\n")[0].replace("\n", " ").strip()
    return first or " "


def write_api_pages(app: Any) -> None:
    """Write one page per name of ``eventdata.__all__`` and the index; warn on no docstring."""
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    folder = Path(app.srcdir) / API_DIR
    if folder.exists():
        shutil.rmtree(folder)  # a name no longer public leaves no page behind
    folder.mkdir()
    entries = []
    resolved = {name: resolve(name) for name in eventdata.__all__}
    objects = {name: obj for name, (obj, _) in resolved.items()}
    pages = page_names(objects)
    for name, (obj, deprecated) in resolved.items():
        kind = _kind(obj)
        doc = _attribute_doc(name) if kind == "data" else _own_doc(obj)
        if not doc:
            where = getattr(eventdata, "_EXPORTS", {}).get(name, "eventdata")
            logger.warning(
                "public name eventdata.%s (defined in %s) has no docstring; "
                "write one (Google style) where it is defined",
                name,
                where,
            )
        page = _page(name, pages[name], obj, kind, doc, deprecated)
        (folder / f"{pages[name]}.rst").write_text(page, encoding="utf-8")
        entries.append((name, kind))
    (folder / "index.rst").write_text(_index(entries, pages, objects), encoding="utf-8")


# --- new pages land in the how-to guides -------------------------------------------------

_TOCTREE = re.compile(r"^```\{toctree\}\n(.*?)^```", re.DOTALL | re.MULTILINE)


def add_unlisted_pages(app: Any, docname: str, source: list[str]) -> None:
    """Append every page of docs/ that no toctree of the index names to the how-to toctree."""
    if docname != "index":
        return
    text = source[0]
    listed = set()
    for block in _TOCTREE.findall(text):
        listed.update(line.strip() for line in block.splitlines() if not line.startswith(":"))
    pages = sorted(p.stem for p in Path(app.srcdir).glob("*.md") if p.stem != "index")
    missing = [page for page in pages if page not in listed]
    if not missing:
        return
    start = text.index(HOW_TO_CAPTION)
    end = text.index("\n```", start)
    source[0] = text[:end] + "".join(f"\n{page}" for page in missing) + text[end:]


def setup(app: Any) -> dict[str, Any]:
    """Register the build-time page writers."""
    app.connect("builder-inited", write_api_pages)
    app.connect("source-read", add_unlisted_pages)
    return {"parallel_read_safe": True}
