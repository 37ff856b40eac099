"""Build the report's country outlines from Natural Earth, as packaged by npm's ``world-atlas``.

The report draws the outlines of the countries around the events. They come from Natural
Earth's Admin 0 country boundaries (public domain), in the TopoJSON that the npm package
``world-atlas`` carries. This script turns that TopoJSON into the compact asset eventdata
ships (``src/eventdata/reporting/data/countries-50m.json.gz``): the shared arcs, still
quantized and delta-encoded as in TopoJSON, and per country its ISO 3166-1 numeric id,
name, bounding box and the arc indices of its polygons. Nothing else is kept.

Usage (needs ``npm`` on the PATH, or a tarball from ``npm pack world-atlas``)::

    python scripts/natural_earth.py                      # npm pack world-atlas@2.0.2
    python scripts/natural_earth.py --tarball world-atlas-2.0.2.tgz --scale 110m

Run it again after changing the version; commit the asset and update ``PROVENANCE.md``
beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "world-atlas"
VERSION = "2.0.2"
NATURAL_EARTH_VERSION = "4.1.0"
ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "eventdata" / "reporting" / "data"


def _pack(folder: Path) -> Path:
    """Fetch the package tarball with the ordinary npm client."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True)
    return next(folder.glob(f"{PACKAGE}-*.tgz"))


def _topology(tarball: Path, scale: str) -> dict[str, Any]:
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(f"package/countries-{scale}.json")
        if member is None:
            raise SystemExit(f"{tarball} has no countries-{scale}.json")
        topology: dict[str, Any] = json.load(member)
    return topology


def _decode_arc(
    arc: list[list[int]], scale: list[float], translate: list[float]
) -> list[tuple[float, float]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return points


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def compact(topology: dict[str, Any], *, scale: str) -> dict[str, Any]:
    """The asset: arcs as in the TopoJSON, countries with id, name, bbox and polygons."""
    transform = topology["transform"]
    decoded = [_decode_arc(a, transform["scale"], transform["translate"]) for a in topology["arcs"]]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = _polygons(geometry)
        if not polygons:
            continue
        points = [
            p
            for polygon in polygons
            for ring in polygon
            for index in ring
            for p in decoded[index if index >= 0 else ~index]
        ]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        countries.append(
            {
                "id": geometry.get("id"),
                "name": geometry["properties"]["name"],
                "bbox": [
                    round(min(lons), 3),
                    round(min(lats), 3),
                    round(max(lons), 3),
                    round(max(lats), 3),
                ],
                "polygons": polygons,
            }
        )
    return {
        "source": (
            f"Natural Earth {NATURAL_EARTH_VERSION} Admin 0 countries, 1:{scale[:-1]} million"
        ),
        "package": f"{PACKAGE}@{VERSION} (npm)",
        "license": "Natural Earth: public domain; world-atlas packaging: ISC",
        "transform": transform,
        "arcs": topology["arcs"],
        "countries": countries,
    }


def main() -> None:
    """Pack world-atlas (or read the given tarball) and write the asset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a tarball from 'npm pack world-atlas'")
    parser.add_argument("--scale", choices=("110m", "50m"), default="50m")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tarball = args.tarball or _pack(Path(folder))
        asset = compact(_topology(tarball, args.scale), scale=args.scale)
    out = args.out or TARGET / f"countries-{args.scale}.json.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asset, separators=(",", ":")).encode("utf-8")
    # mtime 0: the same input gives the same bytes
    out.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(asset['countries'])} countries)")


if __name__ == "__main__":
    main()
