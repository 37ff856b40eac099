"""Analyses of event tables: comparing versions of a dataset and more."""
