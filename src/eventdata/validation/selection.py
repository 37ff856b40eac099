"""Choosing rules by name: ``select=`` and ``ignore=`` patterns, checked against the rules.

A pattern names a rule (``type.fatalities``) or a family prefix (``vocabulary``); a pattern
that names no rule is refused with the closest names, so a typo never runs no rules.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from eventdata.exceptions import UnknownRuleError

__all__ = ["check_rule_patterns", "rule_selected"]


def rule_selected(name: str, select: Sequence[str] | None, ignore: Sequence[str] | None) -> bool:
    """Whether a rule runs: its name equals or extends one of ``select`` and none of ``ignore``."""

    def matches(patterns: Sequence[str]) -> bool:
        return any(name == p or name.startswith(p.rstrip(".") + ".") for p in patterns)

    if select and not matches(select):
        return False
    return not (ignore and matches(ignore))


def check_rule_patterns(
    patterns: str | Sequence[str] | None, names: Iterable[str], *, option: str
) -> list[str] | None:
    """The rule patterns of ``select=`` / ``ignore=``, each checked to name or prefix a rule.

    Args:
        patterns: rule names or prefixes (``"vocabulary"``, ``"type.fatalities"``); one
            string is one pattern.
        names: every rule that can run.
        option: the option's name, for the message.

    Raises:
        UnknownRuleError: a pattern matches no rule (the closest names are suggested).
    """
    if patterns is None:
        return None
    listed = [patterns] if isinstance(patterns, str) else list(patterns)
    known = list(names)
    stems = sorted({n.split(".")[0] for n in known} | set(known))
    for pattern in listed:
        if not isinstance(pattern, str):
            raise UnknownRuleError(f"{option}: rule patterns are text, got {pattern!r}")
        stem = pattern.rstrip(".")
        if not any(name == stem or name.startswith(stem + ".") for name in known):
            close = difflib.get_close_matches(stem, stems, n=3)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise UnknownRuleError(
                f"{option}: no rule is named {pattern!r} or starts with '{stem}.'{hint} "
                "(eventdata.validation.engine.all_rules() and 'eventdata rules' list them)"
            )
    return listed
