"""Typed records: the ACLED event row and the rich records beyond it."""
