"""The catalog: load, validate and cache tracks and state rules, with their provenance."""
