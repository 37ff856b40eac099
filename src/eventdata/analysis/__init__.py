"""Analyses of event tables: monadic (one row per actor) and period aggregates, and
comparing versions of a dataset.
"""
