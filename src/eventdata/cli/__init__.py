"""The ``eventdata`` command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    print("eventdata: commands validate, convert, describe, schema (coming)", file=sys.stdout)
    return 0
