"""What tables look like: column specs, the canonical Arrow schema, the text table.

* :mod:`~eventdata.schema.columns`: one column spec per model field, read once;
* :mod:`~eventdata.schema.arrow`: the canonical Arrow schema and the pandas form;
* :mod:`~eventdata.schema.text`: :class:`RawTable`, an input as text, and its ``Dialect``;
* the datasets themselves are declared in :mod:`eventdata.datasets`, one module each.
"""
