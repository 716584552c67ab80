"""Costs: first-time cost and cost of ownership from a track's fees and renewal rules.

The rules every figure follows are in certadvisor.costs.total; the words and tables for
these results are in certadvisor.render.costs.
"""

from certadvisor.costs.total import DEFAULT_YEARS, first_time_cost, total_cost
from certadvisor.models.costs import CostPart, FirstTimeCost, RouteCost, TotalCost, YearCost

__all__ = [
    "DEFAULT_YEARS",
    "CostPart",
    "FirstTimeCost",
    "RouteCost",
    "TotalCost",
    "YearCost",
    "first_time_cost",
    "total_cost",
]
