"""``eventdata schema`` and ``eventdata rules``: what a canonical table holds and is checked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eventdata.cli.common import choice_option, dump_json, format_option
from eventdata.cli.datasets import DATASETS

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["arrow_schema_text", "rule_rows", "rules", "rules_text", "schema"]


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _type_text(arrow: pa.DataType) -> str:
    """``dictionary<int32, string>`` rather than pyarrow's longer spelling."""
    import pyarrow as pa

    if pa.types.is_dictionary(arrow):
        return f"dictionary<{arrow.index_type}, {arrow.value_type}>"
    return str(arrow)


def arrow_schema_text(dataset: str = "acled") -> str:
    """Render a dataset's Arrow schema as an aligned table, one line per column."""
    from eventdata._version import SCHEMA_VERSION
    from eventdata.datasets import dataset_named

    found = dataset_named(dataset)
    arrow = found.arrow_schema()
    rows = []
    for i, field in enumerate(arrow, start=1):
        meta = field.metadata or {}
        description = meta.get(b"description", b"").decode()
        rows.append(
            (str(i), field.name, _type_text(field.type), _yes_no(field.nullable), description)
        )
    header = ("#", "column", "Arrow type", "nullable", "description")
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(4)]
    lines = [
        f"{'canonical event' if found.canonical else found.title} table: {len(arrow)} "
        f"columns, schema version {SCHEMA_VERSION}; extra input columns follow them as text",
        "",
    ]
    for row in [header, *rows]:
        cells = [row[k].ljust(widths[k]) if k else row[k].rjust(widths[k]) for k in range(4)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return "\n".join(lines)


_SCHEMA_HELP = """\
Print the canonical schema of an event table, or the editor schema of records files.

--records prints the JSON Schema (draft-07) of YAML and JSON records files: point
an editor's YAML plugin at it (first line of the file:
'# yaml-language-server: $schema=records.schema.json') to complete and check
record types, fields, sub-event types, actor types and weapon kinds.

\b
Examples:
  eventdata schema
  eventdata schema --format json-schema > event.schema.json
  eventdata schema --format markdown > schema.md
  eventdata schema --records --format json > records.schema.json
"""


@click.command(help=_SCHEMA_HELP, short_help="Print the canonical schema.")
@format_option(
    choices=("arrow", "json-schema", "json", "markdown"),
    default="arrow",
    help="arrow: the Arrow schema, readable; json-schema (or json): the row model's JSON "
    "Schema, with --records the records files' draft-07 schema; markdown: a table for "
    "documentation (ACLED).",
)
@choice_option(
    "--dataset",
    choices=DATASETS[1:],
    default="acled",
    help="Whose schema: ACLED's canonical table, GTD's or UCDP GED's typed table.",
)
@click.option(
    "--records",
    is_flag=True,
    help="The JSON Schema of YAML and JSON records files, for editors (--format json).",
)
def schema(fmt: str, dataset: str, records: bool) -> None:
    """Print the schema of a dataset's typed table, or the records files' editor schema."""
    if records:
        if fmt not in ("json", "json-schema"):
            raise click.UsageError("--records prints a JSON Schema: use --format json")
        from eventdata.models.records_schema import records_json_schema

        click.echo(dump_json(records_json_schema()))
        return
    if fmt == "arrow":
        click.echo(arrow_schema_text(dataset))
    elif fmt in ("json-schema", "json"):
        from eventdata.datasets import dataset_named

        click.echo(dump_json(dataset_named(dataset).model.model_json_schema()))
    else:
        from eventdata.schema.arrow import schema_markdown

        click.echo(schema_markdown(), nl=False)


def rule_rows(dataset: str = "acled") -> list[tuple[str, str, str, str]]:
    """List the rules of the dataset named ``dataset``: name, severity, column, text."""
    from eventdata.datasets import dataset_named
    from eventdata.validation.engine import all_rules

    return all_rules(dataset_named(dataset))


def rules_text(dataset: str = "acled") -> str:
    """Render every rule of ``dataset`` as an aligned table: name, severity, column, description."""
    rows = [("rule", "severity", "column", "description"), *rule_rows(dataset)]
    widths = [max(len(row[k]) for row in rows) for k in range(3)]
    return "\n".join(
        "  ".join([*(row[k].ljust(widths[k]) for k in range(3)), row[3]]).rstrip() for row in rows
    )


_RULES_HELP = """\
List every validation rule: name, severity, column, description.

Rule names are what 'validate --select/--ignore' take; a prefix such as
'vocabulary' or 'type' selects every rule of the family.

\b
Examples:
  eventdata rules
  eventdata rules --format json | jq -r '.[] | select(.severity == "warning") | .name'
  eventdata rules --dataset ucdp
"""


@click.command(help=_RULES_HELP, short_help="List every validation rule.")
@format_option("text: an aligned table; json: a list of {name, severity, column, description}.")
@choice_option(
    "--dataset",
    choices=DATASETS[1:],
    default="acled",
    help="Whose rules: ACLED, GTD or UCDP GED.",
)
def rules(fmt: str, dataset: str) -> None:
    """List every validation rule: name, severity, column, description."""
    if fmt == "text":
        click.echo(rules_text(dataset))
        return
    keys = ("name", "severity", "column", "description")
    rows = rule_rows(dataset)
    click.echo(dump_json([dict(zip(keys, rule, strict=True)) for rule in rows]))
