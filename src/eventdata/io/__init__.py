"""Reading and writing event tables: ACLED CSV, Arrow, Parquet and GeoParquet.

The canonical columnar form is the Arrow schema of :func:`eventdata.schema.arrow.arrow_schema`,
derived from the :class:`~eventdata.Event` model. Writers take a pandas DataFrame or a
pyarrow Table in either the parsed form the readers produce or the canonical form, and
conform it; every writer is atomic (a failed or killed write leaves no partial output).
"""
