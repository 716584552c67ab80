"""Pydantic models: the catalog of tracks, state rules and the person's profile."""
