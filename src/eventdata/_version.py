__version__ = "0.1.0"
"""The version of the eventdata package (see CHANGELOG.md)."""

SCHEMA_VERSION = "1.0"
"""Version of the canonical table schema written into Parquet metadata."""
