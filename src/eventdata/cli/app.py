"""The ``eventdata`` command group: global options, help text and the commands."""

from __future__ import annotations

import click

from eventdata._version import __version__
from eventdata.cli.acled import acled
from eventdata.cli.convert import convert
from eventdata.cli.describe import describe
from eventdata.cli.diff import diff
from eventdata.cli.fetch import fetch
from eventdata.cli.history import history
from eventdata.cli.lower import lower
from eventdata.cli.match import match
from eventdata.cli.names import names
from eventdata.cli.report import report
from eventdata.cli.schema import rules, schema
from eventdata.cli.update import update
from eventdata.cli.validate import validate

__all__ = ["cli"]

_HELP = """\
Validate, convert and describe ACLED-style conflict-event data; download it
from ACLED's API, keep it current, compare versions and match events across
sources.

Reads CSV (every ACLED dialect and the export tool's format), JSON, JSON Lines
and Parquet files or dataset directories, and rich records files (YAML, JSON,
Parquet) as the ACLED rows they code.

\b
Examples:
  eventdata validate acled.csv
  eventdata validate data/*.csv --format json --max-failures 50 > report.json
  eventdata validate acled.csv --select vocabulary --ignore vocabulary.source_scale
  eventdata convert acled.csv acled.parquet
  eventdata convert acled.csv events/ --partition-by year,country --on-invalid drop
  eventdata convert events.parquet acled_current.csv
  eventdata describe acled.csv --format json
  eventdata report acled.csv acled.html
  eventdata schema --format markdown
  eventdata rules
  eventdata fetch --country Somalia --start 2025-01-01 somalia.parquet
  eventdata update somalia.parquet
  eventdata history somalia.parquet --event SOM49639
  eventdata acled check --country Somalia --start 2025-01-01
  eventdata diff acled_2025-05.csv somalia.parquet --format json
  eventdata match acled.csv ged.csv pairs.parquet
  eventdata lower report.yaml report_acled.csv --reference iraq.parquet
  eventdata names --reference iraq.parquet "US forces"
  eventdata schema --records --format json > records.schema.json

\b
ACLED API credentials (fetch, update, acled check): ACLED_API_EMAIL and ACLED_API_PASSWORD
(your myACLED account), ACLED_API_URL (default https://acleddata.com).

\b
Exit codes:
  0  no errors found
  1  the data breaks error rules (validate, convert, fetch, update);
     the versions differ (diff --exit-code)
  2  an input cannot be read, an output cannot be written, the API refused
     the login or failed, or bad usage
"""


@click.group(help=_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="eventdata")
def cli() -> None:
    """Run the command group (help text above)."""


cli.add_command(validate)
cli.add_command(convert)
cli.add_command(describe)
cli.add_command(report)
cli.add_command(schema)
cli.add_command(rules)
cli.add_command(fetch)
cli.add_command(update)
cli.add_command(diff)
cli.add_command(history)
cli.add_command(acled)
cli.add_command(match)
cli.add_command(lower)
cli.add_command(names)
