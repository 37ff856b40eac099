"""Validation rules: each named check written once, for one record and for whole columns.

* :mod:`~eventdata.rules.base`: the :class:`Rule` type, :func:`rule` that declares one on
  the class holding its forms, and their helpers;
* :mod:`~eventdata.rules.lookups`: the codebook as Arrow lookup arrays, built once;
* :mod:`~eventdata.rules.acled`: ACLED's cross-field rules;
* :mod:`~eventdata.rules.ids`: the checks of ACLED's event ids;
* :mod:`~eventdata.rules.place`: country, ISO and region checks;
* :mod:`~eventdata.rules.ged`: UCDP GED's cross-field rules.

Rules import only the vocabulary: models, validation and the readers all build on them.
"""

from eventdata.rules.base import Columns, Rule, Severity, rule, rule_errors, rules_of, to_mask

__all__ = ["Columns", "Rule", "Severity", "rule", "rule_errors", "rules_of", "to_mask"]
