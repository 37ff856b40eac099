"""Analyses of event tables: monadic form, period aggregates and version diffs."""
