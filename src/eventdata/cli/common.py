"""Helpers shared by the commands: exit codes, input errors, option parsing.

Only the standard library and click are imported here, so that ``eventdata --help``
starts fast; commands import pyarrow and pandas inside their bodies.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from eventdata.io.formats import ReaderOptions

__all__ = [
    "DATE_FORMAT_HELP",
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "READ_OPTION_NAMES",
    "InputProblem",
    "ReaderOptions",
    "choice_option",
    "count_option",
    "describe_exception",
    "dump_json",
    "echo_out",
    "format_option",
    "progress_option",
    "read_options",
    "readable_input",
    "reference_option",
    "repeatable_option",
    "split_values",
    "unexpected_message",
]

F = TypeVar("F", bound=Callable[..., Any])

TRACEBACK_ENV = "EVENTDATA_TRACEBACK"
"""Set this environment variable to 1 to see the traceback of an unexpected error."""

EXIT_OK = 0
"""Success: no errors found."""
EXIT_ERRORS = 1
"""The data broke error-severity rules."""
EXIT_UNREADABLE = 2
"""An input could not be read, or the command line was wrong."""


class InputProblem(click.ClickException):
    """An input that cannot be read or an output that cannot be written (exit code 2)."""

    exit_code = EXIT_UNREADABLE

    def show(self, file: Any = None) -> None:
        """Print ``Error: <message>`` to stderr, without a traceback."""
        click.echo(f"Error: {self.format_message()}", err=True)


def describe_exception(
    exc: BaseException, path: object | None = None, *, named: tuple[object, ...] = ()
) -> str:
    """Describe an exception in one paragraph, naming the file when it does not already.

    Args:
        exc: an ``EventdataError``, ``OSError`` or pyarrow error.
        path: the file concerned, added in front when the message does not name it.
        named: other files; a message naming one of them gets no ``path`` in front.

    """
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if exc.filename is not None else path
        text = f"{where}: {exc.strerror}" if where is not None else exc.strerror
    else:
        text = str(exc).strip() or type(exc).__name__
    if path is not None and not any(str(p) in text for p in (path, *named)):
        text = f"{path}: {text}"
    return text


@contextmanager
def readable_input(
    path: object | None = None,
    *,
    also: tuple[type[Exception], ...] = (),
    named: tuple[object, ...] = (),
) -> Iterator[None]:
    """Turn eventdata, OS and Arrow errors raised in the block into :class:`InputProblem`.

    Args:
        path: the file concerned, named in the message when the error does not name it.
        also: further exception types that mean bad input here (e.g. ``ValueError`` from
            a writer refusing a partition column).
        named: other files the message may name instead of ``path`` (an output).

    Raises:
        InputProblem: with a message naming the file and the reason.

    """
    from eventdata.exceptions import EventdataError

    try:
        yield
    except click.ClickException:
        raise
    except (EventdataError, OSError) as exc:
        raise InputProblem(describe_exception(exc, path, named=named)) from exc
    except also as exc:
        raise InputProblem(describe_exception(exc, path, named=named)) from exc
    except Exception as exc:
        if type(exc).__module__.startswith("pyarrow"):
            raise InputProblem(describe_exception(exc, path, named=named)) from exc
        if os.environ.get(TRACEBACK_ENV):
            raise
        raise InputProblem(unexpected_message(exc, path)) from exc


def unexpected_message(exc: BaseException, path: object | None = None) -> str:
    """Describe an error eventdata did not expect, and how to report it."""
    where = f"{path}: " if path is not None else ""
    return (
        f"{where}unexpected {type(exc).__name__}: {describe_exception(exc)}\n"
        f"This is a bug in eventdata; rerun with {TRACEBACK_ENV}=1 for the traceback and "
        "report it with the command line you used."
    )


def split_values(values: Iterable[str]) -> list[str]:
    """Flatten repeated and comma-separated option values: ``("a,b", "c")`` -> ``[a, b, c]``."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def dump_json(document: Any) -> str:
    """Render JSON as the CLI prints it: indented, UTF-8 characters kept, dates as text."""
    return json.dumps(document, ensure_ascii=False, indent=2, default=str)


def echo_out(text: str) -> None:
    """Print ``text`` to stdout and flush it, so that a failed write is not hidden.

    Raises:
        InputProblem: stdout cannot be written (a full disk behind ``> report.json``):
            exit code 2 whatever the verdict, with a message naming stdout.
    """
    try:
        click.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise InputProblem(stdout_failure(exc)) from None


def stdout_failure(exc: OSError) -> str:
    """The message of a failed write to stdout; what was not written is discarded.

    Python would otherwise try to write it again at exit and change the exit code.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    reason = exc.strerror or str(exc)
    return (
        f"cannot write to standard output ({reason}); the output there is incomplete. "
        "Free space where it is redirected, or write the report with --output FILE"
    )


def write_text_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a reader never sees half a file).

    Raises:
        InputProblem: the file cannot be written (message names it and the reason).

    """
    from eventdata._atomic import atomic_path

    try:
        with atomic_path(path) as tmp:
            Path(tmp).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputProblem(f"cannot write {describe_exception(exc, path)}") from exc


def stderr_is_terminal() -> bool:
    """Tell whether stderr is an interactive terminal."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


DATE_FORMAT_HELP = (
    "Style of event_date when the file's dates can be read two ways, e.g. %d-%m-%y, "
    "%m/%d/%Y, export-tool, iso (docs/dialects.md lists them); default: decided from "
    "the whole column and the year column."
)


READ_OPTION_NAMES = tuple(ReaderOptions.__annotations__)
"""The names of the parameters :func:`read_options` adds: the keys of
:class:`~eventdata.io.formats.ReaderOptions`, the read options of every reader."""


def read_options(command: F) -> F:
    """Add ``--date-format``, ``--encoding``, ``--sheet`` and ``--on-truncated`` to a command.

    The command receives them as one argument, ``read`` (a :class:`ReaderOptions`), to hand
    on as ``**read`` to ``read_input``, ``validate`` or ``convert``.
    """

    @functools.wraps(command)
    def gathered(*args: Any, **kwargs: Any) -> Any:
        kwargs["read"] = {name: kwargs.pop(name) for name in READ_OPTION_NAMES}
        return command(*args, **kwargs)

    with_options = click.option(
        "--on-truncated",
        "on_truncated",
        type=click.Choice(["raise", "invalid"]),
        default="raise",
        show_default=True,
        help="A file whose last record is cut off: raise = refuse it, naming the line; "
        "invalid = read the complete records and report the cut one as an invalid row.",
    )(gathered)
    with_options = click.option(
        "--sheet",
        default=None,
        metavar="NAME",
        help="The sheet of a workbook to read (name or 0-based index); default: the sheet "
        "holding the table.",
    )(with_options)
    with_options = click.option(
        "--encoding",
        default=None,
        metavar="NAME",
        help="Text encoding of a CSV input, e.g. cp1252; default: detected (UTF-8, else "
        "Windows-1252, else Latin-1).",
    )(with_options)
    return cast(
        F,
        click.option(
            "--date-format", "date_format", default=None, metavar="STYLE", help=DATE_FORMAT_HELP
        )(with_options),
    )


def choice_option(*names: str, choices: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """An option taking one of ``choices``, its default shown in ``--help``."""
    return click.option(
        *names, type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def format_option(
    help: str, *, choices: Sequence[str] = ("text", "json"), default: str = "text"
) -> Callable[[F], F]:
    """The ``--format`` option (passed to the command as ``fmt``)."""
    return choice_option("--format", "fmt", choices=choices, default=default, help=help)


def count_option(
    *names: str,
    help: str,
    default: int | None = None,
    minimum: int = 1,
    maximum: int | None = None,
    metavar: str | None = "N",
) -> Callable[[F], F]:
    """A whole-number option of at least ``minimum``; a default, when given, is shown."""
    return click.option(
        *names,
        type=click.IntRange(min=minimum, max=maximum),
        default=default,
        show_default=default is not None,
        metavar=metavar,
        help=help,
    )


def repeatable_option(*names: str, metavar: str, help: str) -> Callable[[F], F]:
    """An option that may be given several times (values collected in a tuple)."""
    return click.option(*names, multiple=True, metavar=metavar, help=help)


def reference_option(*, required: bool, help: str) -> Callable[[F], F]:
    """``--reference``: an ACLED export or store that ACLED's names are looked up in."""
    return click.option(
        "--reference",
        type=click.Path(path_type=Path),
        required=required,
        default=None,
        help=help,
    )


progress_option = click.option(
    "--progress/--no-progress",
    default=None,
    help="Force the progress bar on or off (default: on when stderr is a terminal).",
)
"""``--progress/--no-progress``: ``None`` unless given, then the bar follows the terminal."""
