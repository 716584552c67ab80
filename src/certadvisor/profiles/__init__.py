"""Profiles: one person or a cohort, from YAML or CSV."""
