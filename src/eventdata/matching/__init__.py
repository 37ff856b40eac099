"""Cross-source event matching."""
