"""Benchmark eventdata.validate against the floor and other ways to validate ACLED CSVs.

Every method runs in its own subprocess; the parent measures the whole process (wall time
including interpreter start and imports, and peak RSS from ``wait4``). Methods:

- ``floor``: ``pyarrow.csv.read_csv`` + ``pyarrow.parquet.write_table`` (zstd 1): the cost
  of parsing the CSV and writing Parquet, with no checks at all.
- ``eventdata``: ``eventdata.validate(csv_path)``.
- ``pydantic_stream``: ``csv.DictReader`` -> ``Event.model_validate`` per row.
- ``pydantic_list``: pandas ``read_csv`` -> ``to_dict("records")`` ->
  ``TypeAdapter(list[Event]).validate_python``.
- ``pandera``: pandas ``read_csv`` + a pandera ``DataFrameSchema`` with the same checks,
  ``lazy=True``.
- ``dataframely``: polars ``read_csv`` + a dataframely ``Schema`` with the same checks,
  ``filter(cast=True)``.

Usage:
    python bench/bench_validate.py [--sizes 100k 1m] [--methods ...] [--repeats 3]
        [--list-1m] [--json PATH]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventdata.vocabulary import codebook

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import SIZES, csv_path, generate  # noqa: E402

# -- the same checks for pandera and dataframely --------------------------------------------
# Equivalent to what eventdata.validate checks on a current-dialect file: types,
# vocabularies (disorder, event and sub-event types, actor types, interaction labels,
# civilian targeting, source-scale parts), ranges (precisions, coordinates, iso,
# fatalities, timestamp), unique event ids with an alpha-3 prefix, and the cross-field
# rules (sub-event -> event type -> disorder type, interaction derived from inter1/inter2,
# inter2 blank exactly when actor2 is, year of event_date, civilian targeting on Violence
# against civilians). Vocabularies come from the codebook.

DISORDERS = [d.value for d in codebook.DisorderType]
EVENTS = [e.value for e in codebook.EventType]
SUBS = [s.value for s in codebook.SubEventType]
ACTORS = [a.value for a in codebook.ActorType]
INTERACTION_LABELS = list(codebook.INTERACTIONS.values())
SUB_TO_EVENT = {s.value: s.event_type.value for s in codebook.SubEventType}
SUB_TO_DISORDER = {s.value: s.disorder_type.value for s in codebook.SubEventType}
ACTOR_CODE = {a.value: a.code for a in codebook.ActorType}
LABEL_TO_CODE = {label: code for code, label in codebook.INTERACTIONS.items()}
_PART = "|".join(re.escape(p) for p in codebook.SOURCE_SCALE_PARTS)
SOURCE_SCALE_RE = rf"^(?:{_PART})(?:-(?:{_PART}))*$"
EVENT_ID_RE = r"^[A-Z]{3}[0-9]+$"
VAC = codebook.EventType.VIOLENCE_AGAINST_CIVILIANS.value


# -- pandera -------------------------------------------------------------------------------


def pandera_schema() -> Any:
    import pandas as pd
    import pandera.pandas as pa

    def text(nullable: bool = True, *checks: Any) -> Any:
        return pa.Column(str, list(checks), nullable=nullable)

    def hierarchy(df: pd.DataFrame) -> pd.Series:
        return df["sub_event_type"].map(SUB_TO_EVENT) == df["event_type"]

    def disorder(df: pd.DataFrame) -> pd.Series:
        return df["sub_event_type"].map(SUB_TO_DISORDER) == df["disorder_type"]

    def interaction(df: pd.DataFrame) -> pd.Series:
        a = df["inter1"].map(ACTOR_CODE).astype("float64")
        b = df["inter2"].map(ACTOR_CODE).astype("float64").fillna(0)
        lo = a.where(b == 0, a.combine(b, min))
        hi = b.where(b == 0, a.combine(b, max))
        return (10 * lo + hi) == df["interaction"].map(LABEL_TO_CODE).astype("float64")

    def inter2_with_actor2(df: pd.DataFrame) -> pd.Series:
        return df["actor2"].isna() == df["inter2"].isna()

    def year(df: pd.DataFrame) -> pd.Series:
        return df["event_date"].dt.year == df["year"]

    def civilian_targeting(df: pd.DataFrame) -> pd.Series:
        return (df["event_type"] != VAC) | (df["civilian_targeting"] == codebook.CIVILIAN_TARGETING)

    return pa.DataFrameSchema(
        {
            "event_id_cnty": pa.Column(str, pa.Check.str_matches(EVENT_ID_RE), unique=True),
            "event_date": pa.Column("datetime64[ns]", coerce=True),
            "year": pa.Column(int),
            "time_precision": pa.Column(int, pa.Check.isin([1, 2, 3])),
            "disorder_type": pa.Column(str, pa.Check.isin(DISORDERS)),
            "event_type": pa.Column(str, pa.Check.isin(EVENTS)),
            "sub_event_type": pa.Column(str, pa.Check.isin(SUBS)),
            "actor1": pa.Column(str, pa.Check.str_length(min_value=1)),
            "assoc_actor_1": text(),
            "inter1": pa.Column(str, pa.Check.isin(ACTORS)),
            "actor2": text(),
            "assoc_actor_2": text(),
            "inter2": pa.Column(str, pa.Check.isin(ACTORS), nullable=True),
            "interaction": pa.Column(str, pa.Check.isin(INTERACTION_LABELS)),
            "civilian_targeting": pa.Column(
                str, pa.Check.isin([codebook.CIVILIAN_TARGETING]), nullable=True
            ),
            "iso": pa.Column(int, pa.Check.in_range(0, 999)),
            "region": pa.Column(str),
            "country": pa.Column(str),
            "admin1": text(),
            "admin2": text(),
            "admin3": text(),
            "location": pa.Column(str),
            "latitude": pa.Column(float, pa.Check.in_range(-90, 90)),
            "longitude": pa.Column(float, pa.Check.in_range(-180, 180)),
            "geo_precision": pa.Column(int, pa.Check.isin([1, 2, 3])),
            "source": text(),
            "source_scale": pa.Column(str, pa.Check.str_matches(SOURCE_SCALE_RE), nullable=True),
            "notes": text(),
            "fatalities": pa.Column(int, pa.Check.ge(0)),
            "tags": text(),
            "timestamp": pa.Column(int, pa.Check.ge(0)),
        },
        checks=[
            pa.Check(hierarchy, name="hierarchy.sub_event_type"),
            pa.Check(disorder, name="hierarchy.disorder_type"),
            pa.Check(interaction, name="interaction.consistent"),
            pa.Check(inter2_with_actor2, name="actor2.inter2"),
            pa.Check(year, name="year.event_date"),
            pa.Check(civilian_targeting, name="civilian_targeting"),
        ],
        strict=False,
    )


def _run_pandera(path: Path) -> dict[str, Any]:
    import pandas as pd
    import pandera.errors

    df = pd.read_csv(path)
    schema = pandera_schema()
    try:
        schema.validate(df, lazy=True)
        failures = 0
    except pandera.errors.SchemaErrors as exc:
        failures = len(exc.failure_cases)
    return {"rows": len(df), "failures": failures}


# -- dataframely ---------------------------------------------------------------------------


def dataframely_schema() -> Any:
    import dataframely as dy
    import polars as pl

    class AcledSchema(dy.Schema):
        event_id_cnty = dy.String(primary_key=True, regex=EVENT_ID_RE)
        event_date = dy.Date(nullable=False)
        year = dy.Int64(nullable=False)
        time_precision = dy.Int8(nullable=False, min=1, max=3)
        disorder_type = dy.Enum(DISORDERS, nullable=False)
        event_type = dy.Enum(EVENTS, nullable=False)
        sub_event_type = dy.Enum(SUBS, nullable=False)
        actor1 = dy.String(nullable=False, min_length=1)
        assoc_actor_1 = dy.String(nullable=True)
        inter1 = dy.Enum(ACTORS, nullable=False)
        actor2 = dy.String(nullable=True)
        assoc_actor_2 = dy.String(nullable=True)
        inter2 = dy.Enum(ACTORS, nullable=True)
        interaction = dy.Enum(INTERACTION_LABELS, nullable=False)
        civilian_targeting = dy.Enum([codebook.CIVILIAN_TARGETING], nullable=True)
        iso = dy.Int16(nullable=False, min=0, max=999)
        region = dy.String(nullable=False)
        country = dy.String(nullable=False)
        admin1 = dy.String(nullable=True)
        admin2 = dy.String(nullable=True)
        admin3 = dy.String(nullable=True)
        location = dy.String(nullable=False)
        latitude = dy.Float64(nullable=False, min=-90, max=90)
        longitude = dy.Float64(nullable=False, min=-180, max=180)
        geo_precision = dy.Int8(nullable=False, min=1, max=3)
        source = dy.String(nullable=True)
        source_scale = dy.String(nullable=True, regex=SOURCE_SCALE_RE)
        notes = dy.String(nullable=True)
        fatalities = dy.Int64(nullable=False, min=0)
        tags = dy.String(nullable=True)
        timestamp = dy.Int64(nullable=False, min=0)

        @dy.rule()
        def hierarchy_sub_event_type(cls) -> pl.Expr:
            parent = pl.col("sub_event_type").cast(pl.String).replace_strict(SUB_TO_EVENT)
            return parent == pl.col("event_type").cast(pl.String)

        @dy.rule()
        def hierarchy_disorder_type(cls) -> pl.Expr:
            expected = pl.col("sub_event_type").cast(pl.String).replace_strict(SUB_TO_DISORDER)
            return expected == pl.col("disorder_type").cast(pl.String)

        @dy.rule()
        def interaction_consistent(cls) -> pl.Expr:
            a = pl.col("inter1").cast(pl.String).replace_strict(ACTOR_CODE, return_dtype=pl.Int64)
            b = (
                pl.col("inter2")
                .cast(pl.String)
                .replace_strict(ACTOR_CODE, default=0, return_dtype=pl.Int64)
            )
            expected = (
                pl.when(b == 0)
                .then(10 * a)
                .otherwise(10 * pl.min_horizontal(a, b) + pl.max_horizontal(a, b))
            )
            given = (
                pl.col("interaction")
                .cast(pl.String)
                .replace_strict(LABEL_TO_CODE, return_dtype=pl.Int64)
            )
            return expected == given

        @dy.rule()
        def inter2_with_actor2(cls) -> pl.Expr:
            return pl.col("actor2").is_null() == pl.col("inter2").is_null()

        @dy.rule()
        def year_of_event_date(cls) -> pl.Expr:
            return pl.col("event_date").dt.year() == pl.col("year")

        @dy.rule()
        def civilian_targeting_on_vac(cls) -> pl.Expr:
            return (pl.col("event_type").cast(pl.String) != VAC) | pl.col(
                "civilian_targeting"
            ).is_not_null()

    return AcledSchema


def _run_dataframely(path: Path) -> dict[str, Any]:
    import polars as pl

    schema = dataframely_schema()
    # All columns as text (blanks as null); filter(cast=True) casts them to the schema.
    # Polars 2 no longer casts strings to dates, so event_date is parsed beforehand
    # (invalid dates become null and fail the non-null check).
    df = pl.read_csv(path, infer_schema=False)
    df = df.with_columns(pl.col("event_date").str.to_date("%Y-%m-%d", strict=False))
    valid, failure = schema.filter(df, cast=True)
    return {"rows": df.height, "failures": sum(failure.counts().values())}


METHODS = ("floor", "eventdata", "pydantic_stream", "pydantic_list", "pandera", "dataframely")
SLOW = {"pydantic_stream", "pydantic_list"}
RESULTS = BENCH / "results"


# -- workers (run in the subprocess) -------------------------------------------------------


def work_floor(path: Path) -> dict[str, Any]:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True))
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        out = Path(tmp) / "floor.parquet"
        pq.write_table(table, out, compression="zstd", compression_level=1)
        size = out.stat().st_size
    t2 = time.perf_counter()
    return {
        "rows": table.num_rows,
        "table_nbytes": table.nbytes,
        "parquet_bytes": size,
        "read_s": t1 - t0,
        "write_s": t2 - t1,
    }


def work_eventdata(path: Path) -> dict[str, Any]:
    try:
        import eventdata

        validate = eventdata.validate
    except (ImportError, AttributeError) as exc:
        return {"skipped": f"eventdata.validate not importable yet: {exc}"}
    report = validate(path)
    return {"rows": report.n_rows, "failures": len(report.failures), "ok": bool(report.ok)}


def work_pydantic_stream(path: Path) -> dict[str, Any]:
    from pydantic import ValidationError

    from eventdata import Event

    rows = invalid = 0
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows += 1
            try:
                Event.model_validate(row)
            except ValidationError:
                invalid += 1
    return {"rows": rows, "invalid": invalid}


def work_pydantic_list(path: Path) -> dict[str, Any]:
    import pandas as pd
    from pydantic import TypeAdapter

    from eventdata import Event

    records = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    events = TypeAdapter(list[Event]).validate_python(records)
    return {"rows": len(events)}


def work_pandera(path: Path) -> dict[str, Any]:
    return _run_pandera(path)


def work_dataframely(path: Path) -> dict[str, Any]:
    return _run_dataframely(path)


WORKERS = {
    "floor": work_floor,
    "eventdata": work_eventdata,
    "pydantic_stream": work_pydantic_stream,
    "pydantic_list": work_pydantic_list,
    "pandera": work_pandera,
    "dataframely": work_dataframely,
}


def worker_main(method: str, path: Path) -> None:
    t0 = time.perf_counter()
    result = WORKERS[method](path)
    result["work_s"] = time.perf_counter() - t0
    print(json.dumps(result))


# -- parent ------------------------------------------------------------------------------


def run_once(method: str, path: Path) -> dict[str, Any]:
    """Run one method in a fresh process; wall time and peak RSS of that process."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", method, str(path)],
            stdout=subprocess.PIPE,
            stderr=err,
        )
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            return {"error": f"exit {proc.returncode}: {tail}", "wall_s": wall}
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    result.update(wall_s=wall, peak_rss_mb=usage.ru_maxrss / 1024, load_before=load)
    return result


def repeats_for(method: str, size: str, repeats: int) -> int:
    if method in SLOW and size == "1m":
        return 1
    if method == "pydantic_list":
        return 1
    return repeats


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in runs if "error" not in r and "skipped" not in r]
    if not ok:
        return runs[0] if runs else {"skipped": "not run"}
    out = dict(ok[0])
    out["runs"] = len(ok)
    out["wall_s"] = statistics.median(r["wall_s"] for r in ok)
    out["wall_all"] = [round(r["wall_s"], 2) for r in ok]
    out["peak_rss_mb"] = statistics.median(r["peak_rss_mb"] for r in ok)
    out["work_s"] = statistics.median(r["work_s"] for r in ok)
    return out


def environment() -> dict[str, Any]:
    import importlib.metadata as md

    def version(name: str) -> str:
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return "-"

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gib": round(mem, 1),
        "packages": {
            p: version(p)
            for p in ("pyarrow", "pandas", "pydantic", "polars", "dataframely", "pandera")
        },
    }


def report(size: str, results: dict[str, dict[str, Any]]) -> list[str]:
    floor = results.get("floor", {}).get("wall_s")
    ours = results.get("eventdata", {}).get("wall_s")
    lines = [
        f"### {size} rows ({SIZES[size]:,})",
        "",
        "| method | runs | wall s (median) | work s | peak RSS MB | x floor | eventdata speedup |",
        "|---|---|---|---|---|---|---|",
    ]
    for method, r in results.items():
        if "wall_s" not in r or "error" in r or "skipped" in r:
            why = r.get("skipped") or r.get("error", "not run")
            lines.append(f"| {method} | - | - | - | - | - | {why.splitlines()[0][:80]} |")
            continue
        ratio = f"{r['wall_s'] / floor:.2f}" if floor else "-"
        speedup = f"{r['wall_s'] / ours:.2f}x" if ours and method != "eventdata" else "-"
        lines.append(
            f"| {method} | {r['runs']} | {r['wall_s']:.2f} | {r['work_s']:.2f} "
            f"| {r['peak_rss_mb']:.0f} | {ratio} | {speedup} |"
        )
    nbytes = results.get("floor", {}).get("table_nbytes")
    if nbytes:
        lines.append("")
        lines.append(f"Arrow table (pyarrow.csv.read_csv) nbytes: {nbytes / 2**20:.0f} MB")
    lines += ["", *targets(results)]
    return lines


def targets(results: dict[str, dict[str, Any]]) -> list[str]:
    ours = results.get("eventdata", {})
    if "wall_s" not in ours or "skipped" in ours or "error" in ours:
        return ["Targets: eventdata not measured."]

    def wall(method: str) -> float | None:
        r = results.get(method, {})
        return r.get("wall_s") if "skipped" not in r and "error" not in r else None

    checks: list[tuple[str, float | None, str, bool | None]] = []
    floor, dfy, pdr, stream = (
        wall(m) for m in ("floor", "dataframely", "pandera", "pydantic_stream")
    )
    t = ours["wall_s"]
    if floor:
        checks.append(("validate <= 1.0x floor", t / floor, "x floor", t / floor <= 1.0))
    if dfy:
        checks.append(("faster than dataframely", dfy / t, "x", dfy / t > 1.0))
    if pdr:
        checks.append((">= 1.8x faster than pandera", pdr / t, "x", pdr / t >= 1.8))
    if stream:
        checks.append((">= 4x faster than streaming pydantic", stream / t, "x", stream / t >= 4))
    nbytes = results.get("floor", {}).get("table_nbytes")
    if nbytes:
        ratio = ours["peak_rss_mb"] * 2**20 / nbytes
        checks.append(("peak RSS <= 3x Arrow table", ratio, "x table", ratio <= 3))
    lines = ["| target | measured | met |", "|---|---|---|"]
    for name, value, unit, met in checks:
        lines.append(f"| {name} | {value:.2f} {unit} | {'yes' if met else 'NO'} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--repeats", type=int, default=3, help="runs per fast method (median)")
    parser.add_argument(
        "--list-1m", action="store_true", help="also run the pydantic list path at 1M rows"
    )
    parser.add_argument("--json", type=Path, help="write all results as JSON here")
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker[0], Path(args.worker[1]))
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    env = environment()
    print(f"environment: {json.dumps(env)}", flush=True)
    everything: dict[str, Any] = {"environment": env, "sizes": {}}
    for size in args.sizes:
        path = csv_path(size)
        if not path.exists():
            generate(size)
        results: dict[str, dict[str, Any]] = {}
        for method in args.methods:
            if method == "pydantic_list" and size == "1m" and not args.list_1m:
                results[method] = {"skipped": "measured at 100k only (use --list-1m)"}
                continue
            runs = []
            for _ in range(repeats_for(method, size, args.repeats)):
                r = run_once(method, path)
                runs.append(r)
                brief = (
                    r.get("skipped")
                    or r.get("error")
                    or (
                        f"{r['wall_s']:.2f} s, {r['peak_rss_mb']:.0f} MB, "
                        f"load {r['load_before']:.1f}"
                    )
                )
                print(f"  {size} {method}: {brief}", flush=True)
                if "skipped" in r or "error" in r:
                    break
            results[method] = summarize(runs)
        everything["sizes"][size] = results
        print("\n".join(["", *report(size, results), ""]), flush=True)
    out = args.json or RESULTS / f"validate_{dt.datetime.now():%Y%m%d_%H%M%S}.json"
    out.write_text(json.dumps(everything, indent=2))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
