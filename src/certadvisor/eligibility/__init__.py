"""Eligibility: a profile against a track's routes, condition by condition."""
