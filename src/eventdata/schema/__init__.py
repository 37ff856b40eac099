"""What tables look like: column specs, the canonical Arrow schema, the text table, datasets.

* :mod:`~eventdata.schema.columns`: one column spec per model field, read once;
* :mod:`~eventdata.schema.arrow`: the canonical Arrow schema and the pandas form;
* :mod:`~eventdata.schema.text`: :class:`RawTable`, an input as text, and its ``Dialect``;
* :mod:`~eventdata.schema.datasets`: the :class:`Dataset` descriptors (ACLED, UCDP GED).
"""
