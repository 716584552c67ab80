"""Renderers: the only place that imports Rich. Tables, markdown, JSON, CSV and ICS writers."""
