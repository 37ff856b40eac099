__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
"""Version of the canonical table schema written into Parquet metadata."""
