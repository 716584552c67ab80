"""Guidance: comparison, recommendation, study plan, checklist and advising report."""
