"""One parameter list for two public functions that take the same arguments.

:func:`eventdata.fetch_acled` takes exactly the arguments of :func:`eventdata.iter_acled`
(it reads the stream whole): :func:`takes_arguments_of` gives it that signature, for type
checkers (through ``ParamSpec``) and at run time (``inspect.signature``, ``help()``, the
API docs), so that the list is declared once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["takes_arguments_of"]

P = ParamSpec("P")
R = TypeVar("R")


def takes_arguments_of(model: Callable[P, Any], /) -> Callable[[Callable[..., R]], Callable[P, R]]:
    """A decorator: the decorated ``function(**arguments)`` takes ``model``'s parameters.

    The function keeps its own name, docstring and return annotation; its signature and
    annotations are ``model``'s (both must live in one module, where the annotations'
    names resolve). It must accept every argument ``model`` accepts (``**arguments``
    does).

    Args:
        model: the function whose parameters are taken.

    Returns:
        The decorator.

    """

    def adopt(function: Callable[..., R]) -> Callable[P, R]:
        own = inspect.signature(function).return_annotation
        signature = inspect.signature(model).replace(return_annotation=own)
        setattr(function, "__signature__", signature)  # noqa: B010 (no declared attribute)
        function.__annotations__ = {**model.__annotations__, "return": own}
        return function

    return adopt
