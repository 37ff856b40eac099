"""The ``eventdata`` command line (also ``python -m eventdata``).

Commands: ``validate``, ``convert``, ``describe``, ``schema`` and ``rules``; see
``eventdata --help`` and ``docs/cli.md``. Exit codes: 0 no errors, 1 errors found in the
data, 2 unreadable input, unwritable output or bad usage.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from typing import TextIO

import click

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Args:
        argv: the arguments after the program name; ``sys.argv[1:]`` when None.

    Returns:
        0 when no errors were found, 1 when the data breaks error rules, 2 when an input
        cannot be read, an output cannot be written or the command line is wrong.

    """
    _single_thread_blas(sys.argv[1:] if argv is None else argv)
    from eventdata.cli.app import cli
    from eventdata.cli.common import (
        EXIT_UNREADABLE,
        TRACEBACK_ENV,
        stdout_failure,
        unexpected_message,
    )

    try:
        with warnings.catch_warnings():
            if not os.environ.get(TRACEBACK_ENV):
                warnings.showwarning = _show_warning
            result = cli.main(args=argv, prog_name="eventdata", standalone_mode=False)
        sys.stdout.flush()  # a failed write of the output is an error, not a verdict
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except BrokenPipeError:
        # the reader of stdout went away (e.g. `| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as shells report a reader that went away
    except Exception as exc:
        if isinstance(exc, OSError) and exc.filename is None and _stdout_failed(exc):
            click.echo(f"Error: {stdout_failure(exc)}", err=True)
            return EXIT_UNREADABLE
        if os.environ.get(TRACEBACK_ENV):
            raise
        click.echo(f"Error: {unexpected_message(exc)}", err=True)
        return EXIT_UNREADABLE
    return result if isinstance(result, int) else 0


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning on the command line: ``Warning: <message>``, as errors are said.

    A warning's file and line name the caller's code (a script's line); on the command
    line that is the command-line framework's, which tells the user nothing.
    """
    click.echo(f"Warning: {message}", err=True)


_BLAS_THREADS = "OPENBLAS_NUM_THREADS"

_DATA_COMMANDS = frozenset({"validate", "convert", "describe", "diff", "report", "match", "lower"})
"""Commands that read event data (so load numpy, through pyarrow)."""


def _single_thread_blas(argv: list[str]) -> None:
    """Load numpy with one OpenBLAS thread for a data command, unless the user chose.

    No command does linear algebra, but OpenBLAS starts a thread per core when numpy
    loads, and they spin before they sleep: a tenth of a CPU second of every command
    on two cores. The variable is read when the library loads and removed again, so
    programs the command starts see the environment as it was. Other commands (help,
    names, the schema) do not load numpy, and still do not.
    """
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command not in _DATA_COMMANDS or "numpy" in sys.modules or _BLAS_THREADS in os.environ:
        return
    os.environ[_BLAS_THREADS] = "1"
    try:
        import numpy  # noqa: F401  (OpenBLAS reads the variable as it loads)
    finally:
        del os.environ[_BLAS_THREADS]


def _stdout_failed(exc: OSError) -> bool:
    """Whether ``exc`` (naming no file) came from writing stdout.

    Outputs named by the user fail as ``OutputError``; a full disk left without a name is
    stdout's, as is anything stdout still fails to take.
    """
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO):
        return True
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False
