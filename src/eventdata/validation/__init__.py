"""Validation: rules written once, run row-wise by the models and columnar on tables."""
