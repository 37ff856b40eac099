"""Benchmark eventdata.report against eventdata.validate on the same synthetic CSV.

A report validates its input, then draws it: the target is that it costs little more than
``validate`` itself, and that the page stays small (binned marks, bounded filter data).
Each method runs in its own subprocess; the parent measures the whole process (wall time
with interpreter start and imports, peak RSS from ``wait4``). Then, in one process, the
report's stages are timed one by one, and the page's size is split into its parts.

Usage:
    python bench/bench_report.py [--sizes 100k 1m] [--repeats 1]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import SIZES, generate  # noqa: E402

METHODS = {
    "validate": "import eventdata, sys; eventdata.validate(sys.argv[1])",
    "report": "import eventdata, sys; eventdata.report(sys.argv[1], sys.argv[2])",
}


def _run(code: str, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh interpreter running ``code``."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args])
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{code!r} failed with status {status}")
    return wall, usage.ru_maxrss / 1024


def _stages(path: Path, out: Path) -> dict[str, float]:
    """Seconds of each stage of one report, in this process."""
    from eventdata import validate
    from eventdata.io.readers import read_raw
    from eventdata.reporting import render
    from eventdata.reporting.admin1 import areas_section
    from eventdata.reporting.filters import filter_data
    from eventdata.reporting.frame import Events, events_frame
    from eventdata.reporting.map import draw_map, map_marks
    from eventdata.reporting.page import build_context
    from eventdata.reporting.tables import top_actors, top_sub_events

    times: dict[str, float] = {}

    def timed(name: str, call):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = call()
        times[name] = time.perf_counter() - started
        return result

    # as report() does: the file read once with every column (validate alone skips notes)
    report = timed("read whole, validate", lambda: validate(read_raw(path)))
    frame = timed("events frame", lambda: events_frame(report))
    events = timed("shared arrays", lambda: Events.of(frame))
    marks = timed("map marks (binning)", lambda: map_marks(events, max_points=5000))
    timed("map svg (outlines)", lambda: draw_map(marks, types=events.types, iso_codes=set()))
    timed("filter data", lambda: filter_data(events, marks))
    timed("admin1 table, multiples", lambda: areas_section(events, top=12))
    timed("top actors", lambda: top_actors(frame, 12))
    timed("top sub-event types", lambda: top_sub_events(frame, 12))
    context = timed(
        "whole context",
        lambda: build_context(report, title=None, max_points=5000, top=12, max_failures=20),
    )
    html = timed("render", lambda: render(context))
    out.write_text(html, encoding="utf-8")
    return times


def _parts(html: str) -> dict[str, int]:
    """Bytes of the page's parts."""
    data = re.search(
        r'<script type="application/json" id="eventdata-data">(.*?)</script>', html, re.S
    )
    svg_map = re.search(r'<svg[^>]*id="map-svg".*?</svg>', html, re.S)
    outlines = (
        sum(len(p) for p in re.findall(r'<path d="[^"]*"', svg_map.group(0))) if svg_map else 0
    )
    return {
        "page": len(html.encode("utf-8")),
        "filter data (JSON)": len(data.group(1)) if data else 0,
        "map": len(svg_map.group(0)) if svg_map else 0,
        "of which outlines": outlines,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=["100k", "1m"])
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    for size in args.sizes:
        path = generate(size)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "report.html"
            walls: dict[str, list[float]] = {m: [] for m in METHODS}
            rss: dict[str, float] = {}
            for _ in range(args.repeats):
                for method, code in METHODS.items():
                    wall, peak = _run(code, str(path), str(out))
                    walls[method].append(wall)
                    rss[method] = peak
            base = statistics.median(walls["validate"])
            print(f"\n{size} ({SIZES[size]:,} rows), whole process, median of {args.repeats}:")
            for method in METHODS:
                wall = statistics.median(walls[method])
                print(
                    f"  {method:<10} {wall:7.2f} s  {wall / base:5.2f}x validate  "
                    f"peak RSS {rss[method]:,.0f} MB"
                )
            print("  stages of one report, in one process:")
            for stage, seconds in _stages(path, out).items():
                print(f"    {stage:<26} {seconds:7.2f} s")
            print("  page:")
            for part, size_bytes in _parts(out.read_text(encoding="utf-8")).items():
                print(f"    {part:<26} {size_bytes / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
