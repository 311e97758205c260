"""The council's SEND dashboard (issue 12 item 1).

- filters.py  the period, school, primary need and area, read from the query string;
- scope.py    the records (cases, advice, annual reviews) with their school, area and need;
- figures.py  the registry: each figure's records and condition, for counting and listing;
- build.py    the Report: sections of figures, monthly charts and breakdown tables;
- cases.py    the cases behind one figure (the drill-down).
"""

from opensend.reports.la_dashboard.build import build_la_dashboard
from opensend.reports.la_dashboard.cases import figure_cases
from opensend.reports.la_dashboard.filters import DashboardFilters, parse_filters

__all__ = ["DashboardFilters", "build_la_dashboard", "figure_cases", "parse_filters"]
