"""Analysis-ready tables from event data: monadic (one row per actor) and period aggregates."""
