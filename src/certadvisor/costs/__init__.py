"""Costs: first-time cost and cost of ownership from a track's fees and renewal rules."""
